"""The speech classifier: which quoted spans are speech, learned from the corpus's quoted spans
with the rules' verdict as one of its features."""

import json

from articles.corpus import training
from articles.extraction import extract_quotes
from articles.extraction.pipeline import marked_spans, rule_quotes
from articles.extraction.quotations import SPEECH_FEATURES
from articles.extraction.scoring import MODELS, get_speech_model

# Original writing, fictional people.
BODY = (
    "La maire de Vernon, Claire Dufresnoy, a défendu lundi le projet. "
    'Le chantier, "mené sans relâche", aurait coûté deux millions d\'euros. '
    'Elle a promis "une rentrée sereine" aux parents.'
)
TITLE = 'Le romancier Paul Arnoult a relu "Les Misérables" pendant l\'été. Il prépare un livre.'


def test_every_quoted_span_the_walk_weighs_has_its_features():
    spans = marked_spans(BODY, language="fr")
    assert [BODY[s:e] for s, e, _ in spans] == ["mené sans relâche", "une rentrée sereine"]
    for _, _, features in spans:
        assert len(features) == len(SPEECH_FEATURES)
        assert all(isinstance(v, float) for v in features)
    # the first feature is the rules' verdict: the short fragment without a cue is not speech
    assert [f[0] for _, _, f in spans] == [0.0, 1.0]


def test_the_french_classifier_takes_a_quoted_fragment_the_rules_left_out():
    rules_alone = rule_quotes(BODY, language="fr", speech_model=None)[0]
    assert [q.text for q in rules_alone] == ["une rentrée sereine"]
    found = extract_quotes(BODY, language="fr")
    assert [(q.text, q.speaker) for q in found] == [
        ("mené sans relâche", "Claire Dufresnoy"),
        ("une rentrée sereine", "Claire Dufresnoy"),
    ]


def test_a_title_in_marks_stays_no_speech():
    assert extract_quotes(TITLE, language="fr") == []


def test_english_has_no_classifier_and_keeps_the_rules():
    assert get_speech_model("en") is None
    assert get_speech_model("fr") is not None


def _examples():
    # a span is speech when it is long or has a cue: a rule the classifier must find
    out = []
    for i in range(40):
        long, cue = i % 2, (i // 2) % 2
        features = [0.0] * len(SPEECH_FEATURES)
        features[0], features[1], features[3] = float(long or cue), 1.0 + 2 * long, float(cue)
        out.append(training.SpeechExample(f"doc{i}", tuple(features), bool(long or cue)))
    return out


def test_the_classifier_learns_a_rule_from_examples_deterministically():
    examples = _examples()
    first, second = training.fit_speech(examples), training.fit_speech(examples)
    assert first == second
    assert all((first.probability(e.features) >= 0.5) == e.speech for e in examples)
    figures = training.speech_cross_validate(examples, folds=5)
    assert figures["model"]["f1"] == figures["rules"]["f1"] == 1.0


def test_the_committed_classifier_was_trained_on_the_folds_it_reports():
    data = json.loads((MODELS / "speech-fr.json").read_text(encoding="utf-8"))
    assert data["features"] == list(SPEECH_FEATURES)
    summary = data["trained_on"]
    assert summary["corpora"] == ["orangesum-fr", "wikinews-fr-dev"]
    # chosen because it beat the rules on held-out folds, not on the data it was fitted on
    assert summary["cv_model"]["f1"] > summary["cv_rules"]["f1"]
