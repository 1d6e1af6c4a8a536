"""English attribution with a blank spaCy pipeline: rules, capitalisation and the registry."""

from articles.extraction import extract_quotes


def _first(body: str):
    return extract_quotes(body, language="en")[0]


def test_said_after_the_quotation_with_inverted_name():
    quote = _first('"We will rebuild the bridge," said Mayor Ellen Tate.')
    assert (quote.speaker, quote.cue) == ("Ellen Tate", "said")


def test_name_said_after_the_quotation():
    quote = _first("Ellen Tate runs the town. “We will rebuild the bridge,” Tate said.")
    assert quote.speaker == "Ellen Tate"


def test_pronoun_after_the_quotation():
    body = 'Ellen Tate spoke on Monday. "We will rebuild the bridge," she said.'
    assert _first(body).speaker == "Ellen Tate"


def test_according_to_is_indirect_speech():
    quote = _first("The bridge will reopen in May, according to the county council.")
    assert (quote.kind, quote.speaker, quote.speaker_type) == (
        "indirect",
        "county council",
        "organization",
    )


def test_said_that_is_indirect_speech():
    quote = _first("Governor Ray Holm said that the budget would balance.")
    assert (quote.kind, quote.text, quote.speaker) == (
        "indirect",
        "the budget would balance",
        "Ray Holm",
    )
