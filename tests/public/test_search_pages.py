"""Full-text search as readers and staff meet it: the public dispatch search with highlighted
snippets, quotation search, and the admin's dispatch search, all through articles.fts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import save_article
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db


def test_search_results_carry_a_highlighted_escaped_snippet(client):
    make_article(headline="Crue", body="Le <script>barrage</script> cède & l'eau monte vite.")
    text = client.get("/?q=monte").text
    assert '<p class="snippet"' in text and "<mark>monte</mark>" in text
    assert "<script>barrage" not in text and "&amp;" in text


def test_search_ignores_accents_and_case(client):
    make_article(headline="Élections à Sorvane", body="Texte.")
    text = client.get("/?q=ELECTIONS").text
    assert "Élections à Sorvane" in text


def test_search_pages_cost_one_query_more_than_the_list(client, django_assert_num_queries):
    for n in range(3):
        make_article(headline=f"Crue numéro {n}", body="La crue monte.")
    # Sections for the filter form, one page of matching dispatches, their snippets.
    with django_assert_num_queries(3):
        text = client.get("/?q=crue").text
    assert text.count('class="dispatch"') == 3 and text.count("<mark>crue</mark>") == 3


def test_search_without_matches_runs_no_snippet_query(client, django_assert_num_queries):
    make_article(headline="Crue")
    # Sections, and the empty page: no snippet query for no rows.
    with django_assert_num_queries(2):
        client.get("/?q=introuvable")


def test_search_pages_show_the_newest_matches_in_order_page_after_page(client):
    from articles.views import PAGE_SIZE

    now = timezone.now()
    for n in range(PAGE_SIZE + 3):
        make_article(
            headline=f"Crue numéro {n}", body="La crue monte.", published_at=now - timedelta(days=n)
        )
    # Newer dispatches that do not match come before them in the date order.
    for n in range(PAGE_SIZE + 3):
        make_article(
            headline=f"Sécheresse {n}", body="Rien.", published_at=now - timedelta(hours=n)
        )
    newest_first = list(
        Article.objects.published()
        .filter(headline__startswith="Crue")
        .order_by("-published_at", "-id")
        .values_list("headline", flat=True)
    )
    pages = [client.get("/", {"q": "crue", "page": n}).text for n in (1, 2)]
    shown = [re.findall(r">(Crue numéro \d+)</a>", page) for page in pages]
    assert shown == [newest_first[:PAGE_SIZE], newest_first[PAGE_SIZE:]]
    assert 'rel="next"' in pages[0] and 'rel="next"' not in pages[1]


@pytest.mark.parametrize("query", ['"', "NEAR(", "a:b", "x\x00y", "*", "-", "' OR 1=1 --"])
def test_hostile_searches_answer_200(client, query):
    make_article(headline="Crue")
    assert client.get("/", {"q": query}).status_code == 200
    assert client.get("/quotes/", {"q": query}).status_code == 200


def test_quotation_search_uses_the_index(client):
    article = make_article()
    make_quote(article, speaker=make_person("Hélène Varenne"))
    assert "Hélène Varenne" in client.get("/quotes/?q=PROTEGERONS").text


def test_an_edited_dispatch_is_found_by_its_new_words(client):
    article = make_article(headline="Titre ancien", body="Texte.")
    article.body = "Un corps tout neuf."
    save_article(article)
    assert "Titre ancien" in client.get("/?q=neuf").text
    Article.objects.filter(pk=article.pk).delete()
    assert "Titre ancien" not in client.get("/?q=neuf").text


def test_admin_searches_dispatches_through_the_index(admin_client):
    make_article(headline="Le barrage de Sorvane", body="Un barrage élevé.")
    make_article(headline="Sans rapport", body="Rien.")
    text = admin_client.get("/admin/articles/article/", {"q": "ELEVE"}).text
    assert "Le barrage de Sorvane" in text and "Sans rapport" not in text


def test_admin_finds_a_dispatch_by_its_exact_guid(admin_client):
    make_article(headline="Par identifiant", guid="urn:agency:42")
    make_article(headline="Autre")
    text = admin_client.get("/admin/articles/article/", {"q": "urn:agency:42"}).text
    assert "Par identifiant" in text and "Autre" not in text


@pytest.mark.parametrize("query", ['"', "NEAR(", "x\x00y", "*"])
def test_admin_search_accepts_any_input(admin_client, query):
    assert admin_client.get("/admin/articles/article/", {"q": query}).status_code == 200


def test_search_can_be_ordered_by_relevance(client):
    # The factory dates each new dispatch an hour before the previous one: in_body is older.
    in_headline = make_article(headline="Le barrage cède", body="Texte sans rapport.")
    in_body = make_article(headline="Autre sujet", body="Il est question du barrage ici.")
    in_body.published_at = in_headline.published_at + timedelta(hours=1)
    in_body.save()
    newest_first = client.get("/?q=barrage").text
    assert newest_first.index(in_body.headline) < newest_first.index(in_headline.headline)
    relevant_first = client.get("/?q=barrage&order=relevance").text
    assert relevant_first.index(in_headline.headline) < relevant_first.index(in_body.headline)


def test_relevance_order_without_a_search_keeps_the_newest_first(client):
    newer = make_article(headline="Récente")
    older = make_article(headline="Ancienne")  # the factory dates it an hour earlier
    text = client.get("/?order=relevance").text
    assert text.index(newer.headline) < text.index(older.headline)


@pytest.mark.parametrize("query", ["crue", "CRUE monte", '"la crue"', "élections crue", "été"])
def test_a_search_and_nothing_else_reads_the_filter_sets_rows(query):
    """A search without any other filter is read from a query compiled once: the same rows, in
    the same order, as the filter set gives, page after page."""
    from articles.filters import ArticleFilter
    from articles.views import PAGE_SIZE, _filtered_page, _searched_page, _searched_page_pg

    now = timezone.now()
    for n in range(PAGE_SIZE + 4):
        make_article(
            headline=f"Crue numéro {n}" if n % 3 else f"Élections {n}",
            body="La crue monte." if n % 2 else "Un été sec, la crue attendue.",
            published_at=now - timedelta(hours=n),
        )
    for number in (1, 2):
        params = {"q": query, "page": str(number)}
        expected = ArticleFilter(params, queryset=Article.objects.listed()).qs
        offset = (number - 1) * PAGE_SIZE
        page = _filtered_page(ArticleFilter(params, queryset=Article.objects.listed()), params)
        assert [a.pk for a in page.object_list] == [
            a.pk for a in expected[offset : offset + PAGE_SIZE]
        ]
        assert page.object_list or number == 2
    # compiled, not built on every call (a stand-in the lookup changed would make it so)
    assert all(compiled is not False for compiled in _searched_page._compiled.values())
    assert all(compiled is not False for compiled in _searched_page_pg._compiled.values())
