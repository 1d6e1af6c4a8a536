"""Who opens a clause, and the gender of a name: small general rules of the entity stage, each
read on short original sentences about fictional people."""

from articles.extraction import extract_quotes
from articles.extraction.pipeline import article_context


def test_a_name_after_a_contrast_opening_without_a_comma_opens_its_clause():
    # "De son côté Paul Durand a « … » exclu": before, the speaker named in the sentence before
    body = (
        "Marie Lenoir a tenu une conférence de presse lundi. De son côté Paul Durand a "
        "« clairement et définitivement » exclu de se présenter."
    )
    ctx = article_context(body, language="fr")
    assert "Paul Durand" in [name for _, name in ctx.subject_runs]
    (quote,) = extract_quotes(body, language="fr")
    assert quote.speaker == "Paul Durand"


def test_a_name_governed_by_a_preposition_after_an_opening_does_not_open_a_clause():
    body = "De son côté de Paul Durand la maison reste fermée."
    ctx = article_context(body, language="fr")
    assert "Paul Durand" not in [name for _, name in ctx.subject_runs]


def test_a_given_name_says_the_gender_of_its_own_bearer_not_the_family_s():
    body = (
        "M. Lavergne a démissionné lundi. Sa femme Camille Lavergne, Hélène Lavergne pour les "
        "intimes, dirige la fondation familiale. Paul Lavergne, leur fils, est maire."
    )
    ctx = article_context(body, language="fr")
    assert ctx.gender_of("Hélène Lavergne") == "f"
    assert ctx.gender_of("Paul Lavergne") == "m"
    assert ctx.gender_of("Lavergne") == "m"  # the honorific's, for the name alone
