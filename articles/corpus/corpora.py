"""The corpora `evaluate_quotes` knows by name, read from `../shared/corpora`.

`orangesum-fr` is ours: stand-off annotations in `data/`, the text from the shared corpus (hash
checked). `wikinews-fr-dev` is the shared dev gold as it is (text and annotations together).
"""

from pathlib import Path

from .evaluate import partition_of
from .standoff import DATA, CorpusError, join_text, orangesum_texts, read_jsonl, sha

__all__ = ["CORPORA", "CorpusError", "load"]

CORPORA = {
    "orangesum-fr": "fr",
    "wikinews-fr-dev": "fr",
    "polnear-en": "en",
}


def load(name: str, shared: Path) -> list[dict]:
    """Gold articles of the corpus `name` (wikinews-fr-dev shape, `body` included)."""
    if name == "orangesum-fr":
        records = read_jsonl(DATA / "orangesum-fr.jsonl")
        path = shared / "corpora" / "orangesum-fr" / "orangesum_articles.jsonl.gz"
        return join_text(records, orangesum_texts(path, {r["id"] for r in records}))
    if name == "wikinews-fr-dev":
        return read_jsonl(shared / "corpora" / "wikinews-fr-dev" / "gold.jsonl")
    if name == "polnear-en":
        return polnear(read_jsonl(DATA / "polnear-en.jsonl"), shared)
    raise KeyError(name)


def polnear(records: list[dict], shared: Path) -> list[dict]:
    """PolNeAR articles with our canonical speakers: each attribution relation's content span
    (its fragments joined from first to last) is a quotation — in marks or reported — scored as
    the Gender Gap Tracker counts them, at 30% overlap whatever their kind."""
    base = shared / "corpora" / "polnear-en" / "data"
    articles = []
    for rec in records:
        split, stem = rec["id"].split("/", 1)
        body = (base / split / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        if sha(body) != rec["text_sha"]:
            raise CorpusError(f"{rec['id']}: the shared text changed (hash mismatch)")
        quotes = []
        for rel in rec["relations"]:
            start, end = rel["start"], rel["end"]
            quoted = body[start:end].strip().startswith(("“", '"')) or body[
                max(0, start - 1) : start
            ] in ("“", '"')
            quotes.append(
                {
                    "start": start,
                    "end": end,
                    "text": body[start:end],
                    "kind": "direct" if quoted else "indirect",
                    "speakers": [rel["speaker"]] if rel["speaker"] else [],
                    "speaker_type": rel["speaker_type"],
                }
            )
        articles.append(
            {"id": rec["id"], "body": body, "quotes": quotes, "all_kinds_lenient": True}
        )
    return articles


def partition(name: str, article_id: str) -> str:
    """`test` (frozen, never tuned on) or `dev`: PolNeAR keeps its own test split; our French
    corpus a fixed hash of the document id; the shared Wikinews gold is all development."""
    if name == "polnear-en":
        return "test" if article_id.startswith("test/") else "dev"
    if name == "wikinews-fr-dev":
        return "dev"
    return partition_of(article_id)
