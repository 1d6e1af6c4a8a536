"""Which names are bodies and which people: as the article writes them ("l'association
Vertaine", "M. Dorval") and as other news copy does (articles.corpus.name_types)."""

import pytest

from articles.corpus.name_types import article_evidence, derive, lines
from articles.extraction import article_entities, extract_quotes
from articles.extraction.article_entities import body_nouns, written_as
from articles.extraction.lexicon import get_lexicon, name_types

FR = get_lexicon("fr")
WRITTEN = (
    "L'association Vertaine a publié un rapport mardi. M. Dorval, son président, a répondu aux "
    "questions des journalistes."
)
SPOKEN = "« Nous attendons des réponses du gouvernement », a déclaré Vertaine jeudi à Lyon."


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        (["publié", "par", "l'ong"], "organization"),
        (["selon", "le", "groupe"], "organization"),
        (["a", "dit", "m."], "person"),
        (["selon", "mme"], "person"),
        # a body's noun in a role's complement: "le ministre de la Justice Nicole Belloubet"
        (["de", "la", "justice"], None),
        (["porte-parole", "de", "l'association"], None),
        (["a", "répondu", "hier"], None),
        ([], None),
    ],
)
def test_the_words_before_a_name_say_what_it_is(before, kind):
    assert written_as(before, body_nouns(FR), FR) == kind


def test_an_article_tells_the_names_it_writes_after_a_body_or_an_honorific():
    assert article_evidence(WRITTEN) == {("vertaine", "organization"), ("dorval", "person")}


def test_a_name_the_article_writes_as_a_body_speaks_as_one(monkeypatch):
    monkeypatch.setattr(article_entities, "name_types", lambda language: {})
    (quote,) = extract_quotes(f"{WRITTEN} {SPOKEN}", language="fr")
    assert (quote.speaker, quote.speaker_type) == ("Vertaine", "organization")


def test_news_copy_types_a_name_the_article_leaves_open(monkeypatch):
    monkeypatch.setattr(article_entities, "name_types", lambda language: {})
    (quote,) = extract_quotes(SPOKEN, language="fr")
    assert (quote.speaker, quote.speaker_type) == ("Vertaine", "person")  # nothing decides
    known = {"vertaine": "organization"}
    monkeypatch.setattr(article_entities, "name_types", lambda language: known)
    (quote,) = extract_quotes(SPOKEN, language="fr")
    assert (quote.speaker, quote.speaker_type) == ("Vertaine", "organization")


def test_an_honorific_in_the_article_outweighs_news_copy(monkeypatch):
    known = {"vertaine": "organization"}
    monkeypatch.setattr(article_entities, "name_types", lambda language: known)
    text = SPOKEN.replace("a déclaré Vertaine", "a déclaré Mme Vertaine")
    (quote,) = extract_quotes(text, language="fr")
    assert quote.speaker_type == "person"


def test_a_type_needs_two_articles_and_four_times_the_other_way():
    body = "Le collectif Kestrel a manifesté samedi devant la mairie."
    person = "M. Kestrel a manifesté samedi devant la mairie."
    assert derive([body], "fr", jobs=1) == {}
    assert derive([body, body], "fr", jobs=1) == {"kestrel": ("organization", 2, 0)}
    assert derive([body, body, person], "fr", jobs=1) == {}  # 2 < 4 × 1: news copy disagrees
    assert lines({"kestrel": ("organization", 2, 0)}) == "kestrel\torganization\t2\t0\n"


def test_the_committed_file_reads_as_bodies_and_people():
    types = name_types("fr")
    assert types["foodwatch"] == "organization"
    assert types["sante publique france"] == "organization"
    assert types["laetitia avia"] == "person"
    assert set(types.values()) == {"organization", "person"}
    assert name_types("xx") == {}  # no file: names are typed as the article alone says


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("“We will not close the mill,” the Harrow Mercantile said on Tuesday.", "organization"),
        ("“We will not close the mill,” said the Harrow Mercantile.", "organization"),
        # no article: nothing says what it is, and a name is taken for a person
        ("“We will not close the mill,” said Harrow Mercantile on Tuesday.", "person"),
    ],
)
def test_english_names_no_person_after_the(text, kind):
    (quote,) = extract_quotes(text, language="en")
    assert (quote.speaker, quote.speaker_type) == ("Harrow Mercantile", kind)


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [("Moldova", "organization"), ("Beijing", "organization"), ("Denzel Washington", "person")],
)
def test_an_english_state_speaks_as_a_body(speaker, kind):
    (quote,) = extract_quotes(f"“We reject these claims,” {speaker} said on Monday.", language="en")
    assert (quote.speaker, quote.speaker_type) == (speaker, kind)
