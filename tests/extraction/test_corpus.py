"""Our annotated corpora: stand-off only, hashes checked, a stable frozen partition, agreement."""

import json
import re
from collections import Counter

import pytest

from articles.corpus import corpora
from articles.corpus.annotation import agreement_figures, compare, located
from articles.corpus.evaluate import fold_of, partition_of
from articles.corpus.standoff import DATA, CorpusError, join_text, read_jsonl, sha
from articles.extraction.scoring import MODELS

ALLOWED = {
    "id", "text_sha", "section", "quotes", "start", "end", "span_sha", "kind", "speaker",
    "speaker_type", "mention", "cue", "annotator", "relations", "rel", "source", "ann",
}  # fmt: skip


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _keys(value):
    if isinstance(value, dict):
        yield from value
        for v in value.values():
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.jsonl")), ids=lambda p: p.name)
def test_corpus_files_hold_offsets_hashes_and_short_strings_only(path):
    for row in read_jsonl(path):
        assert set(_keys(row)) <= ALLOWED | {"item"}
        # names, mentions and cues are short; an article's text never is
        assert all(len(s) <= 200 for s in _strings(row)), row["id"]


def test_the_test_partition_is_a_fixed_fifth_of_the_documents():
    ids = [str(n) for n in range(5000)]
    share = sum(partition_of(i) == "test" for i in ids) / len(ids)
    assert 0.18 < share < 0.22
    assert partition_of("17049") == partition_of("17049")
    assert {fold_of(i, 5) for i in ids} == set(range(5))


def test_a_document_whose_text_changed_is_refused():
    record = {"id": "1", "text_sha": sha("original text"), "quotes": []}
    with pytest.raises(CorpusError, match="hash mismatch"):
        join_text([record], {"1": "changed text"})


def test_two_readings_agree_on_a_quotation_and_dispute_a_speaker():
    text = "« Nous partirons demain », a dit Lina Ferrat. Selon la mairie, le pont rouvrira."
    a = located(
        text,
        {
            "quotes": [
                {"text": "Nous partirons demain", "kind": "direct", "speaker": "Lina Ferrat",
                 "speaker_type": "person"},
                {"text": "le pont rouvrira", "kind": "indirect", "speaker": "mairie",
                 "speaker_type": "organization"},
            ]
        },
    )  # fmt: skip
    b = located(
        text,
        {
            "quotes": [
                {"text": "Nous partirons demain", "kind": "direct", "speaker": "Ferrat",
                 "speaker_type": "person"},
                {"text": "le pont rouvrira", "kind": "indirect", "speaker": "Lina Ferrat",
                 "speaker_type": "person"},
            ]
        },
    )  # fmt: skip
    counts = Counter()
    accepted, disputes = compare(text, a, b, counts)
    assert [q["speaker"] for q in accepted] == ["Lina Ferrat"]  # the fuller name
    assert len(disputes) == 1 and disputes[0]["A"]["speaker"] == "mairie"
    figures = agreement_figures(counts)
    assert figures["direct"]["speaker_agreement"] == 1.0
    assert figures["indirect"]["speaker_agreement"] == 0.0
    assert figures["all"]["span_f1"] == 1.0


@pytest.mark.parametrize("name", ["orangesum-fr", "polnear-en"])
def test_every_stored_annotation_still_matches_the_shared_text(shared_dir, name):
    articles = corpora.load(name, shared_dir)
    assert articles
    for art in articles:
        for q in art["quotes"]:
            assert art["body"][q["start"] : q["end"]] == q["text"]


def test_the_french_corpus_is_large_enough_and_partitioned(shared_dir):
    articles = corpora.load("orangesum-fr", shared_dir)
    quotes = sum(len(a["quotes"]) for a in articles)
    assert len(articles) >= 500 and quotes >= 2500
    test = [a for a in articles if corpora.partition("orangesum-fr", a["id"]) == "test"]
    assert 0.15 * len(articles) < len(test) < 0.25 * len(articles)


def test_the_model_file_copies_no_five_words_of_a_training_text(shared_dir):
    words = re.compile(r"\w+")
    grams = set()
    for name in ("orangesum-fr", "wikinews-fr-dev", "polnear-en"):
        for art in corpora.load(name, shared_dir):
            tokens = words.findall(art["body"].lower())
            grams.update(tuple(tokens[i : i + 5]) for i in range(len(tokens) - 4))
    for path in MODELS.glob("*.json"):
        model = json.loads(path.read_text(encoding="utf-8"))
        tokens = words.findall(" ".join(_strings(model)).lower())
        found = [tuple(tokens[i : i + 5]) for i in range(len(tokens) - 4)]
        assert not any(g in grams for g in found), path.name


def test_desk_order_counts_where_the_right_speaker_of_a_wrong_attribution_stands():
    """`evaluate_quotes --desk-order`: the right speaker of a wrong attribution, among the
    speakers of the dispatch's other quotations, first in the desk's order (the nearest
    quotation's) and second in the alphabetical one."""
    from articles.corpus.evaluate import desk_order
    from articles.extraction.results import ExtractedQuote

    body = (
        "« Un », a dit Anne Abel. « Deux », a dit Bruno Bec. « Trois », a dit Zoé Zola. "
        "« Quatre », a-t-elle ajouté."
    )

    def quote(words: str, speaker: str) -> ExtractedQuote:
        start = body.index(words)
        end = start + len(words)
        return ExtractedQuote(words, start, end, "direct", speaker, "person", None, None, 0.5)

    found = [quote("Un", "Anne Abel"), quote("Deux", "Bruno Bec"), quote("Trois", "Zoé Zola")]
    found.append(quote("Quatre", "Anne Abel"))  # wrong: she is Zoé Zola
    gold = [
        {"start": q.start, "end": q.end, "kind": "direct", "speakers": [speaker]}
        for q, speaker in zip(
            found, ["Anne Abel", "Bruno Bec", "Zoé Zola", "Zoé Zola"], strict=True
        )
    ]
    counts = desk_order([{"body": body, "quotes": gold}], lambda text: found)
    assert counts["wrong"] == 1
    assert counts["nearest:first"] == 1 and counts["alphabetical:first"] == 0
    assert counts["alphabetical:top3"] == 1


def test_learning_curve_trains_on_a_fraction_of_the_other_folds_only():
    """`evaluate_quotes --learning-curve`: each fold's extractor is built from the asked share
    of the other folds' documents, never from the fold it is scored on, and the figures are
    those of its held-out folds."""
    from articles.corpus.evaluate import fold_of, learning_curve
    from articles.extraction.results import ExtractedQuote

    body = "« Oui », a dit Anne Abel."
    start = body.index("Oui")
    articles = [
        {
            "id": f"doc-{n}",
            "body": body,
            "quotes": [
                {
                    "start": start,
                    "end": start + 3,
                    "kind": "direct",
                    "speakers": ["Anne Abel"],
                    "speaker_type": "person",
                }
            ],
        }
        for n in range(40)
    ]
    built = []

    def build(train: list[dict]):
        built.append({a["id"] for a in train})
        # An extractor that names the speaker only when it learnt from 20 documents or more.
        speaker = "Anne Abel" if len(train) >= 20 else "Bruno Bec"
        quote = ExtractedQuote("Oui", start, start + 3, "direct", speaker, "person", None, None, 1)
        return lambda text: [quote]

    curve = learning_curve(articles, build, [0.25, 1.0], folds=4)
    assert curve[0.25]["documents"] == 8 and curve[1.0]["documents"] == 30
    assert curve[0.25]["quoted speaker"] == 0.0 and curve[1.0]["quoted speaker"] == 1.0
    assert curve[0.25]["quoted F1"] == curve[1.0]["quoted F1"] == 1.0
    held_out = [{a["id"] for a in articles if fold_of(a["id"], 4) == k} for k in range(4)]
    assert len(built) == 8
    for k, trained in enumerate(built):
        assert not trained & held_out[k % 4]
