"""The seeded, section-stratified draw of OrangeSum dispatches for annotation.

`python -m articles.corpus.draw ../shared/corpora/orangesum-fr/orangesum_articles.jsonl.gz`
prints the drawn ids, one a line, in the order the annotation batches take them.
"""

import gzip
import json
import random
import sys
from collections import defaultdict

SEED = 20261205
SIZE = 500


def draw(path: str, *, size: int = SIZE, seed: int = SEED) -> list[str]:
    """`size` document ids, each section's share proportional to its size in the whole corpus
    (largest remainder), drawn at random within the section; empty texts are never drawn."""
    by_section: dict[str, list[str]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("text", "").strip():
                by_section[row.get("section") or "unknown"].append(str(row["id"]))
    total = sum(len(ids) for ids in by_section.values())
    quotas = {s: size * len(ids) / total for s, ids in by_section.items()}
    counts = {s: int(q) for s, q in quotas.items()}
    by_remainder = sorted(quotas, key=lambda s: (counts[s] - quotas[s], s))
    for s in by_remainder[: size - sum(counts.values())]:
        counts[s] += 1
    rng = random.Random(seed)  # noqa: S311 — a reproducible draw, not a secret
    drawn = []
    for section in sorted(by_section):
        drawn += rng.sample(sorted(by_section[section]), counts[section])
    rng.shuffle(drawn)
    return drawn


if __name__ == "__main__":
    print("\n".join(draw(sys.argv[1])))
