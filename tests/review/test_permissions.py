"""Who may use the review desk, checked on the server, and CSRF on every POST (HTMX included)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.models import Quote
from tests.factories import make_user
from tests.review.factories import make_review_article, make_reviewer

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def quote():
    return make_review_article()[1][0]


def get_urls(quote):
    return [
        reverse("review:queue"),
        reverse("review:quote-detail", args=[quote.pk]),
        reverse("review:speaker-search") + "?q=Varenne",
        reverse("review:merge"),
    ]


def post_urls(quote):
    return [
        reverse(f"review:quote-{name}", args=[quote.pk])
        for name in ("confirm", "reject", "reassign", "alias", "create-person", "span")
    ] + [
        reverse("review:bulk-confirm"),
        reverse("review:merge"),
        reverse("review:merge-undo", args=[1]),
    ]


def test_anonymous_is_sent_to_the_staff_login_page(client, quote):
    for url in get_urls(quote):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next=/review/"), url


def test_anonymous_post_changes_nothing(client, quote):
    for url in post_urls(quote):
        response = client.post(url, {"version": 1, "selected": [f"{quote.pk}:1"]})
        assert response.status_code == 302 and "/login/" in response["Location"], url
    quote.refresh_from_db()
    assert quote.status == "suggested" and quote.version == 1


def test_anonymous_htmx_request_redirects_the_whole_page_to_login(client, quote):
    response = client.post(
        reverse("review:quote-confirm", args=[quote.pk]), {"version": 1}, headers=HTMX
    )
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_staff_without_the_permission_gets_403(client, quote):
    client.force_login(make_user("redacteur", group="Editors"))
    for url in get_urls(quote):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Access denied" in response.text or "Accès refusé" in response.text
    for url in post_urls(quote):
        assert client.post(url, {"version": 1}).status_code == 403, url
    quote.refresh_from_db()
    assert quote.version == 1


def test_non_staff_holding_the_permission_gets_403(client, quote):
    user = make_user("lecteur", staff=False)
    user.user_permissions.add(Permission.objects.get(codename="review_quote"))
    client.force_login(user)
    assert client.get(reverse("review:queue")).status_code == 403


def test_staff_with_only_the_permission_may_review(client, quote):
    user = make_user("pigiste")
    user.user_permissions.add(Permission.objects.get(codename="review_quote"))
    client.force_login(user)
    assert client.get(reverse("review:queue")).status_code == 200


def test_reviewers_group_may_review(client, quote):
    client.force_login(make_reviewer())
    assert client.get(reverse("review:queue")).status_code == 200


# --- CSRF ---------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_reviewer())
    return client


def _token(client) -> str:
    client.get(reverse("review:queue"))  # sets the CSRF cookie
    return client.cookies["csrftoken"].value


def test_post_without_csrf_token_is_refused(csrf_client, quote):
    _token(csrf_client)
    for url in post_urls(quote):
        assert csrf_client.post(url, {"version": 1}).status_code == 403, url
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_form_post_with_csrf_token_is_accepted(csrf_client, quote):
    token = _token(csrf_client)
    response = csrf_client.post(
        reverse("review:quote-confirm", args=[quote.pk]),
        {"version": 1, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Quote.objects.get(pk=quote.pk).status == "confirmed"


def test_htmx_post_with_csrf_header_is_accepted(csrf_client, quote):
    token = _token(csrf_client)
    response = csrf_client.post(
        reverse("review:quote-confirm", args=[quote.pk]),
        {"version": 1},
        headers=HTMX | {"X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert Quote.objects.get(pk=quote.pk).status == "confirmed"


def test_htmx_post_without_csrf_header_is_refused(csrf_client, quote):
    _token(csrf_client)
    response = csrf_client.post(
        reverse("review:quote-confirm", args=[quote.pk]), {"version": 1}, headers=HTMX
    )
    assert response.status_code == 403
    assert Quote.objects.get(pk=quote.pk).status == "suggested"


def test_page_gives_htmx_the_csrf_header(csrf_client, quote):
    text = csrf_client.get(reverse("review:queue")).text
    assert 'hx-headers=\'{"X-CSRFToken": "' in text
