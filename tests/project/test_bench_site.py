"""bench_site's in-process measure (articles/management/commands/bench_site.py)."""

import time

import pytest

from articles.management.commands import bench_site
from articles.management.commands.bench_site import PROFILE_ROUNDS, long_tail_urls, profile_pages
from tests.factories import make_article


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


@pytest.mark.django_db
def test_the_long_tail_has_as_many_searches_as_urls_even_when_headlines_repeat(monkeypatch):
    """The archive is made of copies: the sampled dispatches may all carry one headline. The
    searches take a new word of six letters or more from each headline of the archive in turn,
    until there are as many as the long tail asks."""
    monkeypatch.setattr(bench_site, "LONG_TAIL", 2)
    for headline in ("Inondations dans le Gard", "Grève des contrôleurs") * 2:
        make_article(headline=headline)
    urls = long_tail_urls()
    assert len(urls["dispatch"]) == 2  # the first and the third: one headline
    assert urls["search"] == ["/?q=inondations", "/?q=contr%C3%B4leurs"]
