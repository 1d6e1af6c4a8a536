"""The scoring shared by the tests and `evaluate_quotes`."""

from articles.extraction import ExtractedQuote
from articles.extraction.evaluation import evaluate_gold, mention_type, speaker_matches

BODY = "« Nous partirons demain matin », a dit Lina Ferrat. « Sans regret », a-t-elle ajouté."


def _quote(text: str, speaker: str | None, kind: str = "direct") -> ExtractedQuote:
    start = BODY.index(text)
    return ExtractedQuote(text, start, start + len(text), kind, speaker, "person", None, None, 0.9)


def _gold(text: str) -> dict:
    start = BODY.index(text)
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "speakers": ["Lina Ferrat"],
        "speaker_type": "person",
        "kind": "full",
        "mention": "Lina Ferrat",
        "cue": "a dit",
    }


def _figures(predicted: list[ExtractedQuote]) -> dict:
    article = {"id": "x-1", "body": BODY, "quotes": [_gold("Nous partirons demain matin")]}
    return evaluate_gold([article], lambda body: predicted).figures


def test_exact_prediction_scores_one():
    figures = _figures([_quote("Nous partirons demain matin", "Lina Ferrat")])
    assert figures["strict"]["f1"] == 1.0 and figures["end_to_end"]["f1"] == 1.0


def test_short_overlap_is_lenient_but_not_strict():
    figures = _figures([_quote("Nous partirons", "Lina Ferrat")])
    assert figures["strict"]["recall"] == 0.0
    assert figures["lenient"]["recall"] == 1.0


def test_indirect_predictions_are_not_false_positives():
    figures = _figures(
        [
            _quote("Nous partirons demain matin", "Lina Ferrat"),
            _quote("Sans regret", "X", "indirect"),
        ]
    )
    assert figures["strict"]["precision"] == 1.0
    assert figures["predicted_indirect"] == 1


def test_speaker_names_compare_without_case_accents_or_honorifics():
    assert speaker_matches("mme lina ferrat", ["Lina Ferrat"], "person")


def test_unnamed_speakers_need_half_their_words():
    assert speaker_matches(
        "porte-parole de la police", ["porte-parole de la police madrilène"], "anonymous"
    )


def test_mention_types():
    assert [mention_type(m) for m in ("Lina Ferrat", "M. Ferrat", "le maire", "il", None)] == [
        "full name",
        "surname",
        "title",
        "pronoun",
        "none",
    ]


def test_a_shorter_form_of_the_full_name_is_the_same_speaker():
    assert speaker_matches("Ana Pastor", ["Ana Pastor García"], "person")
    assert speaker_matches("Poutine", ["Vladimir Poutine"], "person")


def test_a_given_name_alone_is_not_the_full_name():
    assert not speaker_matches("Ana", ["Ana Pastor García"], "person")
    assert not speaker_matches("Pastor Lopez", ["Ana Pastor García"], "person")
