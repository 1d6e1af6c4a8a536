"""The review queue's SQL: its order and its count read from one partial index that holds the
condition's own columns, so counting the pending quotations reads no table row."""

import pytest
from django.db import connection

from articles.models import PENDING_REVIEW, Quote

pytestmark = pytest.mark.django_db


def test_pending_queue_index_holds_what_pending_review_keeps_and_its_columns():
    index = next(i for i in Quote._meta.indexes if i.name == "quote_pending_queue")
    assert index.condition == PENDING_REVIEW
    assert index.fields[:2] == ["confidence", "id"]  # the queue's default order
    assert {"status", "anchor_lost"} <= set(index.fields)  # the condition's columns


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's follows statistics"
)
def test_counting_the_pending_quotations_reads_the_index_alone_on_sqlite():
    sql, params = Quote.objects.pending_review().order_by().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ({sql})", params)  # noqa: S608 (Django's SQL)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX quote_pending_queue" in plan, plan
