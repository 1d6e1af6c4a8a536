"""With the HTTPS redirect on, load balancers probing /healthz over plain HTTP still see it up
(issue 20); every other page still redirects."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True


def test_plain_http_healthz_answers_200_not_a_redirect(client, https_redirect):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_other_plain_http_pages_still_redirect_to_https(client, https_redirect):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
