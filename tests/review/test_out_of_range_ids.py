"""Numbers past a 64-bit integer in the desk's inputs name no row: never a 500 (issue 20, F4;
SQLite cannot bind them, PostgreSQL refuses them)."""

import pytest

from articles.models import Quote

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("value", ["9223372036854775808", HUGE])
def test_the_queue_ignores_a_dispatch_number_past_64_bits(desk, quotes, value):
    response = desk.get("/review/", {"article": value})
    assert response.status_code == 200


@pytest.mark.parametrize("selected", [f"{HUGE}:1", "9223372036854775808:1", f"1:{HUGE}"])
def test_bulk_confirm_ignores_ids_and_versions_past_64_bits(desk, quotes, selected):
    response = desk.post("/review/bulk-confirm/", {"selected": selected})
    assert response.status_code == 302
    assert not Quote.objects.filter(status=Quote.Status.CONFIRMED).exists()


def test_a_decision_with_a_version_past_64_bits_is_refused_not_an_error(desk, quotes):
    quote = quotes[0]
    response = desk.post(f"/review/quotes/{quote.pk}/confirm/", {"version": HUGE})
    assert response.status_code < 500
    quote.refresh_from_db()
    assert quote.status == Quote.Status.SUGGESTED
