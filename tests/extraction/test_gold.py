"""Figures on the shared dev gold and the seed dispatch (skipped without ../shared).

Targets of the brief on wikinews-fr-dev: direct-quotation strict F1 ≥ 0.95, speaker accuracy
≥ 0.92, end-to-end F1 ≥ 0.90, all three asserted as they stand (measured 0.975, 0.931 and 0.908
on all 40 articles; 0.912 and 0.873 on the held-out even half, 0.958 on the odd half the rules
were tuned on — `manage.py evaluate_quotes GOLD --ids all|odd|even`).
"""

from pathlib import Path

import pytest

from articles.extraction import extract_quotes
from articles.extraction.evaluation import evaluate_gold, load_gold

GOLD = "corpora/wikinews-fr-dev/gold.jsonl"
SEED = "seeds/000_95765011fa2cb2aa.txt"


SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module")
def figures() -> dict:
    """Figures on all 40 articles, computed once for the module."""
    if not (SHARED / GOLD).is_file():
        pytest.skip(f"needs the shared dev gold {SHARED / GOLD}, which is absent")
    articles = load_gold(SHARED / GOLD)
    return evaluate_gold(articles, lambda body: extract_quotes(body, language="fr")).figures


@pytest.fixture
def seed_quotes(shared_dir):
    raw = (shared_dir / SEED).read_text(encoding="utf-8")
    body = raw.split("\n", 1)[1].strip()  # the first line is the wire header
    return body, extract_quotes(body, language="fr")


def test_gold_direct_quotation_strict_f1_meets_the_target(figures):
    assert figures["strict"]["f1"] >= 0.95


def test_gold_lenient_f1_is_at_least_the_strict_one(figures):
    assert figures["lenient"]["f1"] >= figures["strict"]["f1"]


def test_gold_speaker_accuracy_meets_the_target(figures):
    assert figures["speaker_accuracy"] >= 0.92


def test_gold_end_to_end_f1_meets_the_target(figures):
    assert figures["end_to_end"]["f1"] >= 0.90


def test_seed_direct_quotations_and_speakers(seed_quotes):
    _, quotes = seed_quotes
    direct = [q for q in quotes if q.kind != "indirect"]
    speakers = [q.speaker for q in direct]
    assert len(direct) == 8
    assert speakers.count("Vladimir Poutine") == 6
    assert speakers.count("John Kerry") == 2


def test_seed_incise_and_role_description_resolve_to_poutine(seed_quotes):
    _, quotes = seed_quotes
    by_cue = {q.cue: q for q in quotes}
    assert by_cue["a-t-il ajouté"].speaker == "Vladimir Poutine"
    assert by_cue["a poursuivi"].mention == "le président russe"
    assert by_cue["a poursuivi"].speaker == "Vladimir Poutine"


def test_seed_kerry_partials(seed_quotes):
    _, quotes = seed_quotes
    kerry = {q.text: q for q in quotes if q.speaker == "John Kerry"}
    assert set(kerry) == {"durant de longues heures", "points délicats"}
    assert all(q.kind == "partial" and q.cue == "avait expliqué" for q in kerry.values())


def test_seed_selon_sources_are_indirect(seed_quotes):
    _, quotes = seed_quotes
    indirect = {(q.speaker, q.speaker_type) for q in quotes if q.kind == "indirect"}
    assert ("Kremlin", "organization") in indirect
    assert ("haut diplomate américain", "anonymous") in indirect


POLNEAR = "corpora/polnear-en/data"


@pytest.fixture(scope="module")
def english_figures() -> dict:
    """Figures on the PolNeAR dev split (English, direct and indirect), computed once."""
    if not (SHARED / POLNEAR / "dev").is_dir():
        pytest.skip(f"needs the shared PolNeAR corpus {SHARED / POLNEAR}, which is absent")
    from articles.extraction.evaluation import evaluate_polnear

    return evaluate_polnear(
        SHARED / POLNEAR, lambda body: extract_quotes(body, language="en"), split="dev"
    ).figures


def test_polnear_dev_lenient_f1_does_not_regress(english_figures):
    # measured 0.708 (target 0.85 on the product's English set, not reached)
    assert english_figures["lenient"]["f1"] >= 0.69


def test_polnear_dev_speaker_accuracy_does_not_regress(english_figures):
    # measured 0.874 (target 0.88)
    assert english_figures["speaker_accuracy"] >= 0.86
