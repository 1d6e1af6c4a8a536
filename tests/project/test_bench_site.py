"""bench_site's in-process measure (articles/management/commands/bench_site.py)."""

import time

import pytest

from articles.management.commands.bench_site import PROFILE_ROUNDS, profile_pages


class SlowThenFast:
    """A client whose requests take the given seconds in turn, counting them."""

    def __init__(self, seconds):
        self.seconds, self.calls = list(seconds), 0

    def get(self, path):
        time.sleep(self.seconds[self.calls])
        self.calls += 1


@pytest.mark.django_db
def test_profile_times_each_url_after_a_warm_up_and_keeps_its_fastest_request():
    # A warm-up, then PROFILE_ROUNDS timed requests: 60 ms, 5 ms, 40 ms.
    assert PROFILE_ROUNDS == 3
    client = SlowThenFast([0.1, 0.06, 0.005, 0.04])
    found = profile_pages({"home": ["/"]}, client, client)
    assert client.calls == 1 + PROFILE_ROUNDS
    assert 5 <= found["home"]["cost_ms"] < 40
    assert found["home"]["sql_ms"] == 0 and found["home"]["slowest_query_ms"] == 0
