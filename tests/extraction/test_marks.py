"""Quotation marks: which spans are quotations, with offsets into the body."""

from articles.extraction import extract_quotes
from articles.extraction.marks import find_quotations


def _texts(body: str) -> list[str]:
    return [body[q.start : q.end] for q in find_quotations(body)]


def test_guillemets_with_non_breaking_and_thin_spaces_are_trimmed():
    body = "Il a dit «\u00a0Nous partirons demain\u00a0» puis «\u202fNous reviendrons\u202f»."
    assert _texts(body) == ["Nous partirons demain", "Nous reviendrons"]


def test_straight_and_curly_double_quotes_open_and_close():
    body = 'Elle a répondu "Pas question" puis “Jamais de la vie”.'
    assert _texts(body) == ["Pas question", "Jamais de la vie"]


def test_nested_marks_stay_inside_the_outer_quotation():
    body = "« Le panneau disait “Fermé” et « Défense d'entrer », rien de plus », a-t-il dit."
    assert _texts(body) == ["Le panneau disait “Fermé” et « Défense d'entrer », rien de plus"]


def test_multi_paragraph_quotation_is_one_span_from_first_to_last_mark():
    body = (
        "Lina Ferrat a pris la parole.\n\n"
        "« Nous avons travaillé dur.\n\n"
        "« Nous continuerons l'an prochain. »\n\n"
        "La séance a été levée."
    )
    spans = find_quotations(body)
    assert len(spans) == 1
    assert body[spans[0].start : spans[0].end] == (
        "Nous avons travaillé dur.\n\n« Nous continuerons l'an prochain."
    )


def test_every_quotation_text_is_the_body_slice():
    body = (
        "« Le quartier revit », a déclaré Lina Ferrat, maire de Vauclair.\n\n"
        "Selon la mairie, les travaux dureront deux ans."
    )
    for quote in extract_quotes(body, language="fr"):
        assert quote.text == body[quote.start : quote.end]


def test_twin_apostrophes_are_a_straight_double_quote():
    body = "Ellen Tate spoke. ''We will rebuild,'' Ms. Tate said."
    assert _texts(body) == ["We will rebuild,"]


def test_a_quoted_transcript_paragraph_ends_before_the_next_speaker_label():
    body = (
        "Partial transcript:\n\n"
        '"PRYCE: Will the mill close this winter?\n\n'
        '"TATE: No. It stays open.\n\n'
        '"It stays open all year."'
    )
    assert _texts(body) == [
        "PRYCE: Will the mill close this winter?",
        'TATE: No. It stays open.\n\n"It stays open all year.',
    ]


def test_a_straight_mark_closes_a_curly_one_left_open_in_mixed_typography():
    body = '“Deals are no favour," Owen Pryce said, adding that they were "like candy."'
    assert _texts(body) == ["Deals are no favour,", "like candy."]
