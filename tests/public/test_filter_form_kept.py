"""The home page's filter form is drawn once and kept (articles.views.filter_form_key): the same
HTML as Django draws, never another language's, page's or set of sections'."""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.forms import BoundField

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def page(client, path: str, language: str = "fr") -> str:
    """The page's HTML without the CSRF token, masked anew for every response."""
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200
    return TOKEN.sub(r"\1token", response.text)


@pytest.fixture
def sections():
    for name in ("Politique", "Économie & <Finances>"):
        make_article(section=make_section(name))


# Unbound (the home page) and bound (a page number opens the filters), in both languages.
CASES = [("/", "fr"), ("/?page=2", "fr"), ("/", "en"), ("/?page=1", "en")]


@pytest.mark.parametrize(("path", "language"), CASES)
def test_the_kept_form_is_the_html_django_draws(client, sections, path, language):
    caches["template_fragments"].clear()
    drawn = page(client, path, language)
    for other_path, other_language in CASES:  # every other case kept first
        page(client, other_path, other_language)
    assert page(client, path, language) == drawn
    assert "Économie &amp; &lt;Finances&gt;" in drawn  # still escaped


def test_the_home_page_draws_its_form_once(client, sections):
    caches["template_fragments"].clear()
    page(client, "/")
    drawn = BoundField.as_widget
    with mock.patch.object(BoundField, "as_widget", autospec=True, side_effect=drawn) as as_widget:
        page(client, "/")
        page(client, "/?page=2")
        page(client, "/?page=2")
    assert as_widget.call_count == 9  # once: the bound form of ?page=2, 9 fields


def test_a_readers_filters_are_drawn_for_them(client, sections):
    assert 'value="barrage"' in page(client, "/?q=barrage")
    assert 'value="politique" selected' in page(client, "/?section=politique")
    home = page(client, "/")
    assert 'value="barrage"' not in home and 'value="politique" selected' not in home


def test_a_renamed_section_shows_in_the_kept_form_at_once(client, sections):
    section = make_section("Sports")
    assert "Sports" in page(client, "/")
    section.name = "Sport & loisirs"
    section.save()
    text = page(client, "/")
    assert "Sport &amp; loisirs" in text and ">Sports<" not in text
