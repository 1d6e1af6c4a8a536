"""Full-text search backend (articles.fts): matching, ranking, snippets, and the index kept in
sync by the database on every write. Runs on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest
from django.db import connection

from articles import fts
from articles.models import Article, Quote
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '""',
    "'",
    "-",
    "*",
    ":",
    "(",
    ")",
    "NEAR(a b)",
    "a OR b",
    "NOT",
    "AND",
    "^x",
    "col:term",
    "x\x00y",
    "\x00",
    "l'Élysée",
    "' OR 1=1 --",
    "<script>",
    "%",
    "_",
    "\\",
    "{headline}: x",
]


def found(queryset, *terms) -> set[int]:
    return set(fts.match(queryset, list(terms)).values_list("pk", flat=True))


def test_matches_headline_summary_and_body_ignoring_case_and_accents():
    in_headline = make_article(headline="Le barrage de Sorvane", body="Texte.")
    in_summary = make_article(headline="Autre", summary="Le BARRAGE cède", body="Texte.")
    in_body = make_article(headline="Encore", body="Un barrage élevé.")
    make_article(headline="Sans rapport", body="Rien.")
    assert found(Article.objects.all(), "barrage") == {in_headline.pk, in_summary.pk, in_body.pk}
    assert found(Article.objects.all(), "eleve") == {in_body.pk}


def test_every_term_must_match():
    both = make_article(headline="Crue et barrage", body="Texte.")
    make_article(headline="Crue seule", body="Texte.")
    assert found(Article.objects.all(), "crue", "barrage") == {both.pk}


def test_a_phrase_matches_words_in_order():
    in_order = make_article(headline="Le barrage cède", body="Texte.")
    make_article(headline="Cède, le barrage", body="Texte.")
    assert found(Article.objects.all(), "barrage cède") == {in_order.pk}


def test_order_of_the_queryset_is_kept():
    a = make_article(headline="Crue un")
    b = make_article(headline="Crue deux")
    ordered = fts.match(Article.objects.order_by("id"), ["crue"])
    assert [x.pk for x in ordered] == [a.pk, b.pk]
    assert [x.pk for x in fts.match(Article.objects.order_by("-id"), ["crue"])] == [b.pk, a.pk]


@pytest.mark.parametrize("term", HOSTILE)
def test_any_term_is_data_never_syntax(term):
    make_article(headline="Crue à l'Élysée")
    list(fts.match(Article.objects.all(), [term]))
    list(fts.ranked(Article.objects.all(), [term]))
    list(fts.match(Quote.objects.all(), [term]))
    # Snippets too, around the term's characters in a body (PostgreSQL stores no NUL).
    text = term.replace("\x00", "")
    article = make_article(body=f"Crue {text} à l'Élysée [x] (y) ^z \\w %d _.")
    fts.snippets(Article, [article.pk], [term, "crue"])


def test_a_term_with_a_double_quote_matches_its_words():
    article = make_article(headline='Le "barrage" de Sorvane')
    assert found(Article.objects.all(), 'barrage"') == {article.pk}


def test_terms_without_letters_match_nothing():
    make_article(headline="Crue")
    assert found(Article.objects.all(), "!!!", "—") == set()
    assert found(Article.objects.all()) == set()


def test_quotations_are_searched_by_text():
    article = make_article()
    quote = make_quote(article, speaker=make_person("Hélène Varenne"))
    assert found(Quote.objects.all(), "protegerons") == {quote.pk}
    assert found(Quote.objects.all(), "syndicat") == set()  # in the body, not the quotation


def test_other_tables_are_refused():
    with pytest.raises(ValueError):
        fts.match(Article.tags.through.objects.all(), ["x"])


# --- kept in sync on every write -----------------------------------------------------------------


def test_an_edit_reindexes_the_dispatch():
    article = make_article(headline="Ancien titre", body="Texte.")
    article.headline = "Nouveau titre"
    article.save()
    assert found(Article.objects.all(), "nouveau") == {article.pk}
    assert found(Article.objects.all(), "ancien") == set()


def test_a_bulk_update_reindexes_the_dispatches():
    article = make_article(headline="Ancien titre", body="Texte.")
    Article.objects.filter(pk=article.pk).update(body="Corps remplacé")
    assert found(Article.objects.all(), "remplace") == {article.pk}
    assert found(Article.objects.all(), "texte") == set()


def test_a_save_that_changes_no_indexed_field_keeps_the_index():
    article = make_article(headline="Crue", body="Texte.")
    article.urgency = 2
    article.save()
    assert found(Article.objects.all(), "crue") == {article.pk}


def test_a_deleted_dispatch_and_its_quotations_leave_the_index():
    article = make_article(headline="Crue", body="Texte. « Nous partirons », dit-il.")
    make_quote(article, "Nous partirons")
    article.delete()
    assert found(Article.objects.all(), "crue") == set()
    assert found(Quote.objects.all(), "partirons") == set()


def test_a_corrected_quotation_is_reindexed():
    article = make_article()
    quote = make_quote(article)
    Quote.objects.filter(pk=quote.pk).update(text="Nous reconstruirons")
    assert found(Quote.objects.all(), "reconstruirons") == {quote.pk}
    assert found(Quote.objects.all(), "protegerons") == set()


def test_dropped_triggers_are_restored_after_migrate():
    fts.uninstall(connection)
    assert not fts.is_installed(connection)
    fts.ensure_installed(using="default")
    assert fts.is_installed(connection)
    article = make_article(headline="Crue")
    assert found(Article.objects.all(), "crue") == {article.pk}


# --- ranking ----------------------------------------------------------------------------------


def test_ranked_puts_headline_matches_first():
    in_body = make_article(headline="Autre sujet", body="Il est question du barrage ici.")
    in_headline = make_article(headline="Le barrage", body="Texte sans rapport.")
    make_article(headline="Rien", body="Rien.")
    ranked = list(fts.ranked(Article.objects.all(), ["barrage"]))
    assert [a.pk for a in ranked] == [in_headline.pk, in_body.pk]
    assert ranked[0].search_rank > ranked[1].search_rank


def test_ranked_looks_only_at_the_newest_candidates():
    old = make_article(headline="Barrage ancien")
    new = make_article(headline="Barrage récent")
    assert [a.pk for a in fts.ranked(Article.objects.all(), ["barrage"], candidates=1)] == [new.pk]
    assert old.pk != new.pk


# --- snippets ---------------------------------------------------------------------------------


def test_snippet_marks_the_matched_words_and_escapes_the_text():
    article = make_article(body="Le <script>barrage</script> & la « barrage » & cède.")
    snippet = fts.snippets(Article, [article.pk], ["barrage"])[article.pk]
    assert "<mark>barrage</mark> » &amp; cède" in snippet
    # PostgreSQL's parser drops the tag, SQLite keeps it as text: escaped either way.
    rest = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in rest and ">" not in rest


def test_snippet_of_a_quotation_highlights_the_whole_text():
    quote = make_quote(make_article())
    snippet = fts.snippets(Quote, [quote.pk], ["chaque"], whole=True)[quote.pk]
    assert snippet == "Nous protégerons <mark>chaque</mark> berge"


def test_snippets_only_for_rows_that_match():
    a = make_article(headline="Crue", body="La crue monte.")
    b = make_article(headline="Autre", body="Rien à voir.")
    assert set(fts.snippets(Article, [a.pk, b.pk], ["crue"])) == {a.pk}


def test_stray_marks_in_the_text_cannot_inject_markup():
    assert fts.marks_to_html("a \ue000<i>\ue001 \ue001b") == "a <mark>&lt;i&gt;</mark> b"


def test_extract_cuts_a_run_of_words_around_the_matches_and_marks_them():
    words = [f"mot{n}" for n in range(60)]
    words[30] = "crue"
    extract = fts.extract("  ".join(words), {"crue"})
    assert extract.split() == [*words[20:30], "\ue000crue\ue001", *words[31:44]]


def test_extract_shows_two_runs_the_one_with_most_different_words_first_chosen():
    words = [f"mot{n}" for n in range(200)]
    words[5], words[100], words[102], words[180] = "crue", "crue", "barrage", "crue"
    extract = fts.extract(" ".join(words), {"crue", "barrage"})
    first, second = extract.split(" … ")
    assert first.startswith("mot0 ") and "\ue000crue\ue001" in first
    assert "\ue000crue\ue001 mot101 \ue000barrage\ue001" in second
    assert "mot180" not in extract


def test_extract_of_a_text_without_the_words_is_empty():
    assert fts.extract("La crue monte.", {"barrage"}) == ""


def test_snippet_keeps_the_body_as_written_escaped():
    # PostgreSQL's ts_headline dropped what its parser took for a tag; the extract is now cut from
    # the text itself on both databases.
    article = make_article(body="Le <b>barrage</b> cède.")
    snippet = fts.snippets(Article, [article.pk], ["barrage"])[article.pk]
    assert "&lt;b&gt;<mark>barrage</mark>&lt;/b&gt; cède" in snippet


def test_snippet_of_a_query_without_a_letter_or_digit_is_empty():
    article = make_article(body="Le snake_case et ___ ici.")
    assert fts.snippets(Article, [article.pk], ["___"]) == {}


def test_snippet_highlights_the_words_whatever_their_case_and_accents():
    article = make_article(body="Les ÉCOLES ferment. Une école rouvre.")
    snippet = fts.snippets(Article, [article.pk], ["ecoles"])[article.pk]
    assert "<mark>ÉCOLES</mark>" in snippet


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_snippet_highlights_the_forms_of_the_words_stemmed_alike():
    article = make_article(body="Les grèves durent. Une grève générale. Le gréviste. Des grecs.")
    snippet = fts.snippets(Article, [article.pk], ["grève"])[article.pk]
    assert "<mark>grèves</mark>" in snippet and "<mark>grève</mark>" in snippet
    assert "<mark>gréviste</mark>" not in snippet and "<mark>grecs</mark>" not in snippet


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_snippet_highlights_a_form_whose_y_the_stemmer_turns_into_i():
    # "voyant" and "voie" both stem to "voi".
    article = make_article(body="Le voyant rouge. La voie est libre.")
    snippet = fts.snippets(Article, [article.pk], ["voyant"])[article.pk]
    assert "<mark>voyant</mark>" in snippet and "<mark>voie</mark>" in snippet


def test_fts5_query_quotes_every_term():
    assert fts.fts5_query(['say "hi"', "x"]) == '"say ""hi""" "x"'


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_postgresql_matches_french_stems():
    article = make_article(headline="Les berges inondées", body="Texte.")
    assert found(Article.objects.all(), "berge") == {article.pk}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the cap is SQLite's")
def test_sqlite_considers_only_the_newest_matches(monkeypatch):
    old = make_article(headline="Crue ancienne")
    new = make_article(headline="Crue récente")
    monkeypatch.setattr(fts, "MATCH_CANDIDATES", 1)
    assert found(Article.objects.all(), "crue") == {new.pk}
    assert old.pk < new.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_postgresql_weighs_a_checked_row_for_single_terms_only():
    # The planner's weight of a row a search checks (fts.PG_ROW_CHECK): declared costly, never
    # parallel, on dispatches searched for one term; the matches are the same.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT procost, proparallel FROM pg_proc WHERE proname = %s", [fts.PG_ROW_CHECK]
        )
        assert cursor.fetchone() == (fts.PG_ROW_CHECK_COST, "u")
    article = make_article(headline="Les berges inondées", body="Une crue.")
    make_article(headline="Les berges sèches", body="Rien.")
    one = fts.match(Article.objects.all(), ["berge"])
    two = fts.match(Article.objects.all(), ["berge", "crue"])
    assert fts.PG_ROW_CHECK in str(one.query) and fts.PG_ROW_CHECK not in str(two.query)
    assert len(one) == 2 and [a.pk for a in two] == [article.pk]
    quotes = fts.match(Quote.objects.all(), ["berge"])
    assert fts.PG_ROW_CHECK not in str(quotes.query)
