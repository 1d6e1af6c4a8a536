"""Several texts per engine call (`extract_quotes_batch`, the NER run over all their pieces at
once) give exactly what one call per text gives."""

from pathlib import Path

import pytest

from articles.extraction import KnownName, extract_quotes, extract_quotes_batch
from articles.extraction.evaluation import load_gold

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD = SHARED / "corpora/wikinews-fr-dev/gold.jsonl"

KEEPER = KnownName("Yann Keraval", "person")
TEXTS = [
    (
        "Le ministre Yann Keraval a reçu la navigatrice Lina Ferrat à Brest. "
        "« Bravo pour ce record », a déclaré M. Keraval.",
        None,
    ),
    ("« Nous resterons prudents », a déclaré M. Keraval.", {"keraval": KEEPER}),
    ("Il pleut sur Quimper. Aucune citation ici.", None),
    (
        "« La saison sera longue », a prévenu l'entraîneur Paul Ardant, selon l'Agence Ouest. "
        "Le capitaine Malo Riou a estimé que l'équipe « manquait de souffle ».",
        {},
    ),
]


def test_a_batch_gives_each_text_what_its_own_call_gives():
    one_by_one = [extract_quotes(text, language="fr", known_names=n) for text, n in TEXTS]
    assert any(one_by_one)
    assert extract_quotes_batch(TEXTS, language="fr") == one_by_one


def test_a_batch_gives_each_text_its_own_known_names():
    body = "« Nous resterons prudents », a déclaré M. Keraval."
    linked, unlinked = extract_quotes_batch(
        [(body, {"keraval": KEEPER}), (body, None)], language="fr"
    )
    assert [q.speaker for q in linked] == ["Yann Keraval"]
    assert [q.speaker for q in unlinked] == ["Keraval"]


def test_a_batch_of_the_dev_gold_gives_what_one_call_per_article_gives():
    if not GOLD.is_file():
        pytest.skip(f"needs the shared dev gold {GOLD}, which is absent")
    bodies = [article["body"] for article in load_gold(GOLD)]
    one_by_one = [extract_quotes(body, language="fr") for body in bodies]
    assert sum(map(len, one_by_one)) > 50
    assert extract_quotes_batch([(body, None) for body in bodies], language="fr") == one_by_one
