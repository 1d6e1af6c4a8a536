"""The site's chrome (head links, navigation, search box, language buttons, footer) is kept as
template fragments once per process (`{% cache %}` in base.html, the `template_fragments` cache):
what varies with the request — the page marked current, the page the language switch returns to,
the CSRF token, the staff links — never comes from another reader's request."""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kept_chrome():
    caches["template_fragments"].clear()
    yield
    caches["template_fragments"].clear()


def _current(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)" aria-current="page">', nav)


def _next(html: str) -> str:
    return re.search(r'<input type="hidden" name="next" value="([^"]*)">', html).group(1)


def test_the_navigation_marks_each_page_s_own_link_whatever_was_kept_before(client):
    article = make_article()
    make_quote(article, speaker=make_person(name="Lise Marnier"))
    for path, current in [
        ("/people/", ["/people/"]),
        ("/", ["/"]),
        (article.get_absolute_url(), []),
        ("/quotes/", ["/quotes/"]),
        ("/people/", ["/people/"]),
    ]:
        assert _current(client.get(path).text) == current, path


def test_the_language_switch_returns_each_reader_to_their_own_page(client):
    first, second = make_article(headline="Crue de la Vère"), make_article(headline="Gel tardif")
    for article in (first, second, first):
        assert _next(client.get(article.get_absolute_url()).text) == article.get_absolute_url()
    assert _next(client.get("/?q=crue").text) == "/?q=crue"


def test_the_chrome_follows_the_reader_s_language(client):
    french = client.get("/").text
    english = client.get("/", headers={"Accept-Language": "en"}).text
    assert "Flux RSS" in french and "RSS feed" not in french
    assert "RSS feed" in english and "Flux RSS" not in english
    assert 'value="en"' in french and 'value="fr"' in english


def test_each_reader_gets_their_own_csrf_token_and_staff_links(client, django_user_model):
    staff = django_user_model.objects.create_user("desk", password="x", is_staff=True)
    editor = Client()
    editor.force_login(staff)
    desk = editor.get("/").text
    reader = client.get("/").text
    assert "/admin/" in desk and "/admin/" not in reader

    def token(html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    assert token(desk) != token(reader)
