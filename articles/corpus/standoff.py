"""Stand-off records: an annotation located by offsets and hashes, never by copied text.

A document record is `{"id", "text_sha", "section", "quotes": [...], "non_quotes": [...]}`; a
quotation record holds `start`, `end`, `span_sha` (hash of `text[start:end]`), `kind`, `speaker`,
`speaker_type`, and the short `mention` and `cue` strings. Loaders join them back to the text read
from `../shared` and refuse a document whose text no longer hashes the same.
"""

import gzip
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


class CorpusError(Exception):
    """The shared text does not match the stored annotations (or is missing)."""


def sha(text: str) -> str:
    """Short, stable content hash (16 hex digits of SHA-256 over UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def locate(text: str, span: str, after: int = 0) -> int:
    """Offset of `span` in `text`: the first occurrence at or after `after`, else the first one;
    -1 when absent. Annotators list quotations in document order, so this picks the right one
    of repeated words."""
    at = text.find(span, after)
    return at if at >= 0 else text.find(span)


def quote_record(text: str, start: int, end: int, reading: dict) -> dict:
    """The stand-off form of one located quotation."""
    return {
        "start": start,
        "end": end,
        "span_sha": sha(text[start:end]),
        "kind": reading["kind"],
        "speaker": reading.get("speaker"),
        "speaker_type": reading.get("speaker_type") or "unknown",
        "mention": reading.get("mention"),
        "cue": reading.get("cue"),
    }


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def orangesum_texts(path: Path, ids: set[str]) -> dict[str, str]:
    """The texts of the OrangeSum documents `ids` (one pass over the gzip file)."""
    texts = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["id"]) in ids:
                texts[str(row["id"])] = row["text"]
    return texts


def join_text(records: list[dict], texts: dict[str, str]) -> list[dict]:
    """Gold articles in the wikinews-fr-dev shape (`body`, quotes with `text` and `speakers`),
    from stand-off records and their texts; every hash is checked."""
    articles = []
    for rec in records:
        body = texts.get(rec["id"])
        if body is None:
            raise CorpusError(f"document {rec['id']}: no text in the shared corpus")
        if sha(body) != rec["text_sha"]:
            raise CorpusError(f"document {rec['id']}: the shared text changed (hash mismatch)")
        quotes = []
        for q in rec["quotes"]:
            span = body[q["start"] : q["end"]]
            if sha(span) != q["span_sha"]:
                raise CorpusError(f"document {rec['id']}: span {q['start']}–{q['end']} moved")
            quotes.append({**q, "text": span, "speakers": [q["speaker"]] if q["speaker"] else []})
        articles.append(
            {"id": rec["id"], "body": body, "section": rec.get("section"), "quotes": quotes}
        )
    return articles
