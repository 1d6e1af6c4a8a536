"""The corpora `evaluate_quotes` knows by name, read from `../shared/corpora`.

`orangesum-fr` is ours: stand-off annotations in `data/`, the text from the shared corpus (hash
checked). `wikinews-fr-dev` is the shared dev gold as it is (text and annotations together).
"""

from pathlib import Path

from .standoff import DATA, CorpusError, join_text, orangesum_texts, read_jsonl

__all__ = ["CORPORA", "CorpusError", "load"]

CORPORA = {
    "orangesum-fr": "fr",
    "wikinews-fr-dev": "fr",
}


def load(name: str, shared: Path) -> list[dict]:
    """Gold articles of the corpus `name` (wikinews-fr-dev shape, `body` included)."""
    if name == "orangesum-fr":
        records = read_jsonl(DATA / "orangesum-fr.jsonl")
        path = shared / "corpora" / "orangesum-fr" / "orangesum_articles.jsonl.gz"
        return join_text(records, orangesum_texts(path, {r["id"] for r in records}))
    if name == "wikinews-fr-dev":
        return read_jsonl(shared / "corpora" / "wikinews-fr-dev" / "gold.jsonl")
    raise KeyError(name)
