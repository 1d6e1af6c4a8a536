"""articles.search: one interface (queryset, raw query) → filtered queryset; any input is fine."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Person, Quotation, Quote
from articles.search import (
    MAX_TERMS,
    clean_query,
    query_terms,
    search_articles,
    search_people,
    search_quotes,
)
from tests.factories import make_article, make_person, make_quote

HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    "'",
    "« »",
    "-",
    "--",
    "a -b",
    "*",
    "NEAR(a b)",
    "a:b",
    "(",
    ")",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    "\x00",
    "berge\x00",
    "\x00\x01\x1f",
    "AND OR NOT",
    "x" * 10_000,
    "é" * 300,
    "😀 ' ; DROP TABLE articles_article; --",
]


def test_clean_query_drops_nul_and_control_characters():
    assert clean_query("ber\x00ge\tet\nrivière\x07") == "ber ge et rivière"
    assert clean_query(None) == ""
    assert len(clean_query("x" * 1000)) == 200


def test_query_terms_keep_quoted_phrases_and_strip_punctuation():
    assert query_terms("« chaque berge », Varenne!") == ["chaque berge", "Varenne"]
    assert query_terms('"nous protégerons" -berge') == ["nous protégerons", "berge"]
    assert query_terms("Berge berge BERGE") == ["Berge"]
    assert len(query_terms(" ".join(f"mot{n}" for n in range(30)))) == MAX_TERMS


@pytest.mark.django_db
def test_search_articles_needs_every_term():
    both = make_article(headline="Crue à Castelmont", body="La rivière déborde.")
    make_article(headline="Crue ailleurs", body="Rien.")
    found = search_articles(Article.objects.all(), "crue rivière")
    assert list(found) == [both]


@pytest.mark.django_db
def test_search_keeps_the_callers_order():
    make_article(headline="Crue un")
    make_article(headline="Crue deux")
    ordered = Article.objects.order_by("headline")
    assert [a.headline for a in search_articles(ordered, "crue")] == ["Crue deux", "Crue un"]


@pytest.mark.django_db
def test_search_quotes_and_people():
    person = make_person("Hélène Varenne")
    person.aliases.create(name="la ministre de l'Eau")
    quote = make_quote(make_article(), speaker=person)
    assert list(search_quotes(Quote.objects.all(), "« chaque berge »")) == [quote]
    assert list(search_quotes(Quote.objects.all(), "berge inconnue")) == []
    assert list(search_people(Person.objects.all(), "ministre eau")) == [person]


@pytest.mark.django_db
def test_search_quotes_looks_the_words_up_in_the_quotation_too():
    """An occurrence is found when its quotation's first wording holds the words as well; one
    not grouped yet stands for itself."""
    person = make_person("Hélène Varenne")
    article = make_article(body="« Nous protégerons chaque berge », dit-elle. « Une autre digue ».")
    grouped = make_quote(article, speaker=person)
    grouped.quotation = Quotation.objects.create(text=grouped.text, speaker=person)
    grouped.save()
    reworded = make_quote(article, text="Une autre digue", speaker=person)
    reworded.quotation = Quotation.objects.create(text="Une digue", speaker=person)
    reworded.save()
    alone = make_quote(make_article(body="« Chaque berge, disait-il. »"), text="Chaque berge")
    found = search_quotes(Quote.objects.order_by("id"), "berge")
    assert list(found) == [grouped, alone]
    assert list(search_quotes(Quote.objects.all(), "digue")) == [reworded]
    assert list(search_quotes(Quote.objects.all(), "autre digue")) == []


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_error(query):
    make_quote(make_article(), speaker=make_person())
    list(search_articles(Article.objects.all(), query))
    list(search_quotes(Quote.objects.all(), query))
    list(search_people(Person.objects.all(), query))


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_error_on_any_page(client, query):
    person = make_person("Hélène Varenne")
    make_quote(make_article(), speaker=person)
    for url in ("/", "/quotes/", "/people/", person.get_absolute_url()):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(
                url, {"q": query, "tag": query, "speaker": query}, headers=headers
            )
            assert response.status_code == 200, (url, query)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text())
def test_any_text_is_a_valid_query(client, query):
    assert client.get("/", {"q": query}).status_code == 200
    list(search_quotes(Quote.objects.all(), query))


@pytest.mark.django_db
def test_a_quotation_is_found_by_its_latest_occurrence_that_holds_the_words():
    """The quotation search lists each quotation once, by its latest occurrence among those that
    match: a later occurrence worded otherwise ("digue" missing) does not hide the one that
    holds the words (on PostgreSQL the later one was checked against the outer row's words)."""
    person = make_person("Hélène Varenne")
    quotation = Quotation.objects.create(text="Nous protégerons chaque digue", speaker=person)
    older = make_quote(
        make_article(body="« Nous protégerons chaque digue », dit-elle."),
        text="Nous protégerons chaque digue",
        speaker=person,
        quotation=quotation,
    )
    make_quote(
        make_article(body="« Nous protégerons chaque berge », dit-elle."),
        text="Nous protégerons chaque berge",
        speaker=person,
        quotation=quotation,
    )
    found = search_quotes(Quote.objects.public().newest_first(), "digue").once_per_quotation()
    assert list(found) == [older]
