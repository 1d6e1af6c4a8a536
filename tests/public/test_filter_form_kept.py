"""The filter forms of the home page and of a speaker's page are drawn once and kept
(articles.views.filter_form_key): the same HTML as Django draws, never another language's, page's,
set of sections' or set of tags'."""

import re
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.forms import BoundField

from articles.models import Person
from tests.factories import make_article, make_quote, make_section, make_tag
from tests.public.test_pages import BODY_3, quoted_dispatch, speaker_with_history

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


def test_the_home_page_reads_its_sections_once_kept_or_not(
    client, sections, django_assert_num_queries
):
    caches["template_fragments"].clear()
    with django_assert_num_queries(2):  # the sections (for the key and the form), one page
        drawn = page(client, "/")
    with django_assert_num_queries(2):
        assert page(client, "/") == drawn


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


# --- A search and nothing else: the form kept but for the search box's value ---------------

SEARCHES = ["barrage", "Économie & <Finances>", '"la crue" monte', "l'été “sec”", " espaces "]


def drawn_form(html: str) -> str:
    return html[html.index('<form id="dispatch-filters"') : html.index("</form>") + 7]


@pytest.mark.parametrize("query", SEARCHES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_searchs_kept_form_is_the_html_django_draws(client, sections, query, language):
    with mock.patch("articles.views._search_form", return_value=None):
        drawn = drawn_form(page(client, f"/?{urlencode({'q': query})}", language))
    caches["template_fragments"].clear()
    for other in SEARCHES:  # the form kept by other searches first
        page(client, f"/?{urlencode({'q': other})}", language)
    assert drawn_form(page(client, f"/?{urlencode({'q': query})}", language)) == drawn


def test_a_search_draws_no_widget_once_its_form_is_kept(
    client, sections, django_assert_num_queries
):
    caches["template_fragments"].clear()
    page(client, "/?q=barrage")
    drawn = BoundField.as_widget
    with mock.patch.object(BoundField, "as_widget", autospec=True, side_effect=drawn) as as_widget:
        with django_assert_num_queries(2):  # the sections (for the key), one page, no match
            page(client, "/?q=crue&page=2")
        page(client, "/?q=crue&section=politique")  # another filter: drawn for them
    assert as_widget.call_count == 9


def test_a_search_makes_no_filter_set_once_its_form_is_kept(client, sections):
    from articles.filters import ArticleFilter

    caches["template_fragments"].clear()
    page(client, "/?q=barrage")  # the form kept (it is made for that once)
    made = ArticleFilter.__init__
    with mock.patch.object(ArticleFilter, "__init__", autospec=True, side_effect=made) as init:
        assert "Crue" not in page(client, "/?q=crue&page=2")
        assert init.call_count == 0
        page(client, "/?q=crue&section=politique")  # another filter: the reader's own form
        assert init.call_count == 1


@pytest.mark.parametrize("query", [*SEARCHES, "", "   ", "«", '"la crue" été'])
def test_a_search_reads_as_its_filter_set_would(query):
    from articles.filters import ArticleFilter
    from articles.models import Article
    from articles.views import SearchedFilterSet

    for params in ({"q": query}, {"q": query, "page": "2"}):
        made = ArticleFilter(params, queryset=Article.objects.listed())
        kept = SearchedFilterSet(params)
        assert (kept.query, kept.is_active) == (made.query, made.is_active)
        assert list(kept.qs) == list(made.qs)


# --- A speaker's page: the form of their timeline, by the tags of their dispatches ------------


def test_a_speakers_kept_form_is_the_html_django_draws(client):
    person, articles = speaker_with_history()
    articles[0].tags.add(make_tag("Eau & <Berges>"))
    other = make_article(body=BODY_3)  # Paul Ostrander's alone: its tags are not hers
    make_quote(other, "Ce texte est trop timide", speaker=Person.objects.get(slug="paul-ostrander"))
    other.tags.add(make_tag("Seulement Ostrander"))
    url = person.get_absolute_url()
    caches["template_fragments"].clear()
    drawn = page(client, url)
    for path, language in [(url, "en"), (f"{url}?page=1", "fr"), ("/people/paul-ostrander/", "fr")]:
        page(client, path, language)  # every other form kept first
    assert page(client, url) == drawn
    assert "Eau &amp; &lt;Berges&gt;" in drawn  # still escaped
    assert "Seulement Ostrander" not in drawn
    assert "Seulement Ostrander" in page(client, "/people/paul-ostrander/")


def test_a_speakers_page_draws_its_form_once(client):
    person, _ = speaker_with_history()
    url = person.get_absolute_url()
    caches["template_fragments"].clear()
    page(client, url)
    drawn = BoundField.as_widget
    with mock.patch.object(BoundField, "as_widget", autospec=True, side_effect=drawn) as as_widget:
        page(client, url)
        page(client, f"{url}?tag=unknown")  # the reader's own (invalid) choice: drawn for them
    assert as_widget.call_count == 3  # the filtered page's tag and two dates


def test_a_new_tag_of_a_speaker_shows_in_the_kept_form_at_once(client):
    person, _ = speaker_with_history()
    url = person.get_absolute_url()
    page(client, url)
    quoted_dispatch().tags.add(make_tag("Inondations"))  # she speaks in one more
    assert "Inondations" in page(client, url)


# The speaker's form kept for every speaker but its tags' options (articles.views._speaker_form).
TAG_NAMES = [[], ["Eau & <Berges>"], ["Crues", "l'été “sec”", 'Le "barrage"', "Économie"]]


def drawn_speaker_form(html: str) -> str:
    start = html.index('<form id="quote-filters"')
    return html[start : html.index("</form>", start) + 7]


@pytest.mark.parametrize("names", TAG_NAMES)
@pytest.mark.parametrize(("query", "language"), [("", "fr"), ("?page=1", "fr"), ("", "en")])
def test_a_speakers_form_with_their_tags_is_the_html_django_draws(client, names, query, language):
    person, articles = speaker_with_history()
    for article in articles:  # the dispatches quoting her: these tags only
        article.tags.set([make_tag(name) for name in names] if article == articles[0] else [])
    url = person.get_absolute_url() + query
    with mock.patch("articles.views._speaker_form", return_value=None):
        caches["template_fragments"].clear()
        drawn = drawn_speaker_form(page(client, url, language))
    caches["template_fragments"].clear()
    page(client, "/people/paul-ostrander/", language)  # the form kept by another speaker first
    assert drawn_speaker_form(page(client, url, language)) == drawn
    assert drawn.count("<option") == len(names) + 1


def test_a_speakers_page_draws_no_widget_once_the_form_is_kept(client):
    person, articles = speaker_with_history()
    caches["template_fragments"].clear()
    page(client, person.get_absolute_url())  # the form drawn once, with stand-ins
    articles[0].tags.add(make_tag("Inondations"))  # her tags are others now
    drawn = BoundField.as_widget
    with mock.patch.object(BoundField, "as_widget", autospec=True, side_effect=drawn) as as_widget:
        text = page(client, person.get_absolute_url())
    assert as_widget.call_count == 0
    assert ">Inondations</option>" in text
