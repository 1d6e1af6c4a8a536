"""Two annotators, agreement, and a third to adjudicate: from raw readings to stand-off gold.

Raw readings (one JSON line per document: quotations with their exact `text`, kind, speaker…) are
located in the text and stored stand-off (`readings`); two readings of a document are paired one
to one (word overlap ≥ 80% of each for direct and partial, ≥ 30% of each when one is indirect).
A pair with the same kind and the same speaker is accepted; every other item is a dispute for the
adjudicator, whose decision replaces it. Agreement is reported per kind, before adjudication.
"""

import re
from collections import Counter

from articles.extraction.evaluation import speaker_matches

from .standoff import locate, quote_record, sha

_WORD = re.compile(r"\w+")
KINDS = ("direct", "partial", "indirect")


def located(text: str, reading: dict) -> list[dict]:
    """The stand-off quotation records of one annotator's reading of `text`."""
    out, after = [], 0
    for q in reading.get("quotes", []):
        span = (q.get("text") or "").strip()
        start = locate(text, span, after) if span else -1
        if start < 0:
            continue  # the checker refuses such readings; never guess an offset
        out.append(quote_record(text, start, start + len(span), q))
        after = start
    return out


def _words(text: str, q: dict) -> frozenset[int]:
    return frozenset(m.start() for m in _WORD.finditer(text, q["start"], q["end"]))


def pair(text: str, a: list[dict], b: list[dict]) -> list[tuple[int | None, int | None]]:
    """One-to-one pairs of indices (a, b), largest overlap first; unpaired items with None."""
    wa, wb = [_words(text, q) for q in a], [_words(text, q) for q in b]
    scored = []
    for i, x in enumerate(wa):
        for j, y in enumerate(wb):
            common = len(x & y)
            need = 0.3 if "indirect" in (a[i]["kind"], b[j]["kind"]) else 0.8
            if common and common >= need * len(x) and common >= need * len(y):
                scored.append((common, i, j))
    used_a, used_b, pairs = set(), set(), []
    for _, i, j in sorted(scored, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    pairs += [(i, None) for i in range(len(a)) if i not in used_a]
    pairs += [(None, j) for j in range(len(b)) if j not in used_b]
    return sorted(pairs, key=lambda p: (a[p[0]] if p[0] is not None else b[p[1]])["start"])


def same_speaker(x: dict, y: dict) -> bool:
    """Both name the same speaker (either way round: a shorter form of a name counts)."""
    if not x.get("speaker") or not y.get("speaker"):
        return not x.get("speaker") and not y.get("speaker")
    return speaker_matches(x["speaker"], [y["speaker"]], y["speaker_type"]) or speaker_matches(
        y["speaker"], [x["speaker"]], x["speaker_type"]
    )


def fuller(x: dict, y: dict) -> dict:
    """Of two agreeing readings, the one with the fuller speaker name (then the longer span)."""
    return max((x, y), key=lambda q: (len(q.get("speaker") or ""), q["end"] - q["start"]))


def compare(text: str, a: list[dict], b: list[dict], counts: Counter) -> tuple[list, list]:
    """(accepted records, disputes) of one document; agreement counts added to `counts`."""
    accepted, disputes = [], []
    for kind in KINDS:
        counts[f"a_{kind}"] += sum(q["kind"] == kind for q in a)
        counts[f"b_{kind}"] += sum(q["kind"] == kind for q in b)
    for i, j in pair(text, a, b):
        x = a[i] if i is not None else None
        y = b[j] if j is not None else None
        if x is not None and y is not None:
            kind = x["kind"] if x["kind"] == y["kind"] else "mixed"
            counts[f"paired_{kind}"] += 1
            speaker_ok = same_speaker(x, y)
            counts[f"speaker_ok_{kind}"] += speaker_ok
            if kind != "mixed" and speaker_ok:
                accepted.append(fuller(x, y))
                continue
        disputes.append({"A": x, "B": y})
    return accepted, disputes


def agreement_figures(counts: Counter) -> dict[str, dict[str, float | int]]:
    """Per kind: span agreement (F1 of one annotator against the other) and speaker agreement
    on the paired spans; `all` counts a pair whose kinds differ as a span agreement."""
    figures = {}
    for kind in (*KINDS, "all"):
        kinds = KINDS if kind == "all" else (kind,)
        n_a = sum(counts[f"a_{k}"] for k in kinds)
        n_b = sum(counts[f"b_{k}"] for k in kinds)
        paired = sum(counts[f"paired_{k}"] for k in kinds) + (
            counts["paired_mixed"] if kind == "all" else 0
        )
        ok = sum(counts[f"speaker_ok_{k}"] for k in kinds) + (
            counts["speaker_ok_mixed"] if kind == "all" else 0
        )
        figures[kind] = {
            "annotator_a": n_a,
            "annotator_b": n_b,
            "span_f1": round(2 * paired / (n_a + n_b), 3) if n_a + n_b else 0.0,
            "speaker_agreement": round(ok / paired, 3) if paired else 0.0,
        }
    figures["all"]["kind_agreement"] = round(
        1 - counts["paired_mixed"] / max(1, figures_paired(counts)), 3
    )
    return figures


def figures_paired(counts: Counter) -> int:
    return sum(counts[f"paired_{k}"] for k in (*KINDS, "mixed"))


def document_record(doc_id: str, text: str, section: str | None, quotes: list[dict]) -> dict:
    return {
        "id": doc_id,
        "text_sha": sha(text),
        "section": section,
        "quotes": sorted(quotes, key=lambda q: (q["start"], q["end"])),
    }


def gold_records(
    texts: dict[str, str],
    sections: dict[str, str | None],
    readings: list[dict],
    adjudications: list[dict],
) -> tuple[list[dict], Counter]:
    """The gold of a corpus from its stand-off readings (two per document) and the adjudicator's
    decisions on their disputes: (document records, agreement counts)."""
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for r in readings:
        by_doc.setdefault(r["id"], {})[r["annotator"]] = r["quotes"]
    decided = {a["id"]: a for a in adjudications}
    counts: Counter = Counter()
    records = []
    for doc_id in sorted(by_doc, key=lambda d: (len(d), d)):
        text = texts[doc_id]
        accepted, disputes = compare(text, by_doc[doc_id]["A"], by_doc[doc_id]["B"], counts)
        counts["accepted"] += len(accepted)
        counts["disputes"] += len(disputes)
        if disputes and doc_id not in decided:
            raise ValueError(f"document {doc_id}: {len(disputes)} disputes without a decision")
        quotes = {(q["start"], q["end"]): q for q in accepted}
        for q in decided.get(doc_id, {}).get("quotes", []):
            quotes.setdefault((q["start"], q["end"]), q)
        records.append(document_record(doc_id, text, sections.get(doc_id), list(quotes.values())))
    return records, counts
