"""Who holds which role, as news copy binds them (articles.corpus.role_holders), and the
speaker an unbound role names when the article names one of its holders."""

import pytest
from django.core.management import call_command

from articles.corpus.role_holders import article_pairs, derive, lines
from articles.extraction import extract_quotes, speakers
from articles.extraction.lexicon import role_holders

BOUND = "La ministre de la Mer, Lina Ferrat, a visité le port de Brest mardi."
UNBOUND = (
    "Lina Ferrat a visité mardi le port de Brest avec Anne Roux. Les pêcheurs attendaient des "
    "annonces. « Nous reviendrons avant l'été », a déclaré la ministre de la Mer."
)


def test_an_article_gives_the_roles_it_binds_to_people():
    text = f"{BOUND} Le groupe de Paul Dupré a signé. Le maire Jo a parlé."
    # a body owned by a person is not held by them; a one-word name is no sure person
    assert article_pairs(text) == {("ministre mer", "lina ferrat")}


def test_a_pair_one_article_binds_is_not_kept_two_are():
    other = "Le maire de Brest, Paul Dupré, a répondu."
    holders = derive([BOUND, BOUND, other], "fr", jobs=1)
    assert holders == {("ministre mer", "lina ferrat"): 2}
    assert lines(holders) == "ministre mer\tlina ferrat\t2\n"


def _speaker(text: str) -> str | None:
    (quote,) = extract_quotes(text, language="fr")
    return quote.speaker


def test_an_unbound_role_names_the_one_holder_the_article_names(monkeypatch):
    monkeypatch.setattr(speakers, "role_holders", lambda language: {})
    assert _speaker(UNBOUND) == "Anne Roux"  # the rules: the woman named last
    holders = {"ministre mer": {"lina ferrat": 3}}
    monkeypatch.setattr(speakers, "role_holders", lambda language: holders)
    assert _speaker(UNBOUND) == "Lina Ferrat"


@pytest.mark.parametrize(
    "holders",
    [
        {"ministre mer": {"lina ferrat": 3, "anne roux": 2}},  # two holders named: neither
        {"ministre mer": {"marc vidal": 3}},  # a holder the article does not name
        {"ministre terre": {"lina ferrat": 3}},  # another role
    ],
)
def test_holders_decide_nothing_unless_exactly_one_is_named(monkeypatch, holders):
    monkeypatch.setattr(speakers, "role_holders", lambda language: holders)
    assert _speaker(UNBOUND) == "Anne Roux"


def test_an_indefinite_role_is_nobody_in_particular(monkeypatch):
    holders = {"ministre mer": {"lina ferrat": 3}}
    monkeypatch.setattr(speakers, "role_holders", lambda language: holders)
    text = UNBOUND.replace("la ministre de la Mer", "une ministre de la Mer")
    assert _speaker(text) != "Lina Ferrat"


def test_the_committed_file_reads_as_roles_and_people():
    holders = role_holders("fr")
    assert holders["ministre interieur"]["christophe castaner"] >= 2
    assert all(n >= 2 for people in holders.values() for n in people.values())
    assert role_holders("en")["senator"]["bernie sanders"] >= 2
    assert role_holders("xx") == {}  # no file: the step decides nothing


def test_the_committed_english_file_is_what_polnear_train_gives(shared_dir):
    call_command("derive_role_holders", "--language", "en", "--check", "--shared", str(shared_dir))
