"""The dependency parse, asked who governs a quotation that has no cue: the subject of the verb
the quoted words depend on, or the agent of a passive one — never the quotation's own subject."""

import pytest

from articles.extraction import extract_quotes
from articles.extraction.syntax import governing_subject

# Original writing, fictional people.
CASES = [
    (
        "La ministre de la Culture Hélène Varennes envisage « la fermeture des salles » en juin.",
        "la fermeture des salles",
        "La ministre de la Culture Hélène Varennes",
    ),
    (
        "L'incident a été qualifié « d'inacceptable » par le maire de Lorvan.",
        "d'inacceptable",
        "le maire de Lorvan",
    ),
    (
        "Persuadé que la ville doit changer, il veut « agir rapidement » contre la pollution.",
        "agir rapidement",
        "il",
    ),
]


@pytest.mark.parametrize(("sentence", "quoted", "subject"), CASES)
def test_the_subject_of_the_verb_that_governs_the_quotation(sentence, quoted, subject):
    start = sentence.index(quoted)
    found = governing_subject(sentence, (0, len(sentence)), (start, start + len(quoted)), "fr")
    assert found is not None
    assert sentence[found[0] : found[1]] == subject


def test_a_subject_inside_the_quotation_is_not_its_speaker():
    sentence = "Puis « le conseil municipal a voté le budget » selon la presse locale."
    quoted = "le conseil municipal a voté le budget"
    start = sentence.index(quoted)
    quotation = (start, start + len(quoted))
    assert governing_subject(sentence, (0, len(sentence)), quotation, "fr") is None


def test_a_partial_quotation_without_a_cue_goes_to_the_subject_of_its_sentence():
    # before: the speaker named last (Paul Sagnier) for want of a cue
    body = (
        "Le maire de Lorvan, Paul Sagnier, a présenté lundi son budget. "
        "Devant la presse, la préfète de la région envisage « la fermeture des salles » en juin."
    )
    (quote,) = extract_quotes(body, language="fr")
    assert (quote.text, quote.kind) == ("la fermeture des salles", "partial")
    assert quote.speaker == "préfète de la région"
