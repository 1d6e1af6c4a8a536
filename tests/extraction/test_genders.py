"""The gender the entity stage reads for a name: what the pronoun "il" or "elle" may stand for.
Short original sentences about fictional people."""

from articles.extraction import extract_quotes
from articles.extraction.pipeline import article_context


def test_a_given_name_says_the_gender_of_its_own_bearer_not_the_family_s():
    # before: "M. Lavergne" made every Lavergne a man
    body = (
        "M. Lavergne a démissionné lundi. Sa femme Hélène Lavergne dirige la fondation "
        "familiale. Paul Lavergne, leur fils, est maire."
    )
    ctx = article_context(body, language="fr")
    assert ctx.gender_of("Hélène Lavergne") == "f"
    assert ctx.gender_of("Paul Lavergne") == "m"
    assert ctx.gender_of("Lavergne") == "m"  # the honorific's, for the name alone


def test_she_stands_for_the_woman_of_the_family_not_the_man_who_spoke_before():
    body = (
        "« Je ne me représenterai pas », a déclaré M. Lavergne lundi. Sa femme Hélène Lavergne, "
        "présidente de la fondation familiale, a réuni son conseil mardi. « Nous continuerons "
        "le travail engagé depuis vingt ans », a-t-elle assuré."
    )
    assert extract_quotes(body, language="fr")[-1].speaker == "Hélène Lavergne"
