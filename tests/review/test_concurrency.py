"""Two reviewers deciding on the same quotation at the same moment, in two threads with their own
database connections: exactly one decision lands, the other gets a conflict naming the first."""

import threading

import pytest
from django.db import connection

from articles.models import Quote, QuoteDecision
from articles.services import review
from tests.review.factories import make_review_article, make_reviewer

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_decisions_on_one_quotation_never_overwrite_each_other(settings):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "in-memory SQLite (shared cache) fails concurrent writers at once instead of letting"
            " them wait; this runs on PostgreSQL (CI) and on a file SQLite database"
            " (DJANGO_TEST_SQLITE_NAME); the same-version case is tested in review/test_services.py"
        )
    first, second = make_reviewer("premier"), make_reviewer("seconde")
    quote = make_review_article()[1][0]
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(name, decision, reviewer):
        try:
            start.wait(timeout=10)
            decision(quote=quote, reviewer=reviewer, expected_version=1)
            outcomes[name] = "applied"
        except review.ReviewConflict as conflict:
            outcomes[name] = conflict
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("confirm", review.confirm_quote, first)),
        threading.Thread(target=decide, args=("reject", review.reject_quote, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    applied = [name for name, outcome in outcomes.items() if outcome == "applied"]
    conflicts = [o for o in outcomes.values() if isinstance(o, review.ReviewConflict)]
    assert len(applied) == 1 and len(conflicts) == 1, outcomes
    winner = first if applied == ["confirm"] else second
    assert conflicts[0].changed_by == winner
    stored = Quote.objects.get(pk=quote.pk)
    assert stored.version == 2 and stored.reviewed_by == winner
    assert QuoteDecision.objects.filter(quote=quote).count() == 1
