"""Scoring of the engine against gold quotations (French dev gold, PolNeAR English).

Convention (corpora/wikinews-fr-dev/README.md): a prediction matches a gold quotation one-to-one
when their word overlap is at least 80% of each (strict); lenient matching only asks that the
prediction covers 30% of the gold words. Speakers are compared on matched quotations with
normalised names; unnamed or collective speakers need half their words in common.
"""

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .names import name_key
from .results import ExtractedQuote

_WORD = re.compile(r"\w+")
_EN_FUNCTION_WORDS = frozenset(
    ["the", "a", "an", "of", "for", "from", "to", "in", "at", "on", "and", "s"]
)
BANDS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
PRONOUNS = frozenset(
    [
        "il",
        "elle",
        "ils",
        "elles",
        "lui",
        "eux",
        "on",
        "he",
        "she",
        "they",
        "him",
        "her",
        "it",
        "we",
        "i",
    ]
)


def word_offsets(body: str, start: int, end: int) -> frozenset[int]:
    """Start offsets of the words of body[start:end] (the unit of overlap)."""
    return frozenset(m.start() for m in _WORD.finditer(body, start, end))


def mention_type(mention: str | None) -> str:
    """full name | surname | title | pronoun | none, for the per-mention breakdown."""
    if not mention:
        return "none"
    words = mention.split()
    if mention.lower() in PRONOUNS:
        return "pronoun"
    if not words[0][:1].isupper() or words[0].lower() in {
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "the",
        "a",
        "an",
        "son",
        "sa",
    }:
        return "title"
    key_words = name_key(mention).split()
    has_honorific = len(key_words) < len(_WORD.findall(mention))
    if len(key_words) >= 2 and not has_honorific:
        return "full name"
    return "surname"


def speaker_matches(predicted: str | None, accepted: Iterable[str], speaker_type: str) -> bool:
    """Does the predicted speaker name one of the accepted gold speakers?"""
    if predicted is None:
        return False
    pred = name_key(predicted)
    pred_words = set(pred.split())
    for gold in accepted:
        key = name_key(gold)
        if key == pred or _shorter_form(pred, key):
            return True
        if speaker_type in ("anonymous", "group", "organization", "unknown"):
            if pred and key.startswith(pred + " "):
                return True  # "organisateurs" for "organisateurs de Rock en Seine"
            gold_words = set(key.split())
            if gold_words and len(gold_words & pred_words) * 2 >= max(
                len(gold_words), len(pred_words)
            ):
                return True
    return False


def _shorter_form(short: str, full: str) -> bool:
    """Is `short` a shorter form of the name `full` ("Ana Pastor" or "Pastor García" for "Ana
    Pastor García", "Poutine" for "Vladimir Poutine")? Its words must run in order inside the
    full name and hold its last word, or be two words or more; a given name alone is not enough."""
    s, f = short.split(), full.split()
    if not s or len(s) >= len(f):
        return False
    runs = [f[i : i + len(s)] for i in range(len(f) - len(s) + 1)]
    return s in runs and (s[-1] == f[-1] or len(s) >= 2)


def _band(conf: float) -> str:
    for lo, hi in BANDS:
        if lo <= conf < hi:
            return f"{lo:.1f}-{min(hi, 1.0):.1f}"
    return "?"


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _match(gold: list[frozenset[int]], pred: list[frozenset[int]], lenient: bool) -> dict[int, int]:
    """One-to-one matching gold index → prediction index, best overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            common = len(g & p)
            if not common:
                continue
            ok = (
                common >= 0.3 * len(g)
                if lenient
                else (common >= 0.8 * len(g) and common >= 0.8 * len(p))
            )
            if ok:
                pairs.append((common, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


@dataclass
class Report:
    """Figures of one evaluation run, plus the list of errors."""

    figures: dict[str, object] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def select_ids(article_id: str, which: str) -> bool:
    """`which` = even | odd | all, on the last digit of the article id."""
    if which == "all":
        return True
    digit = int(re.findall(r"\d", article_id)[-1])
    return (digit % 2 == 0) == (which == "even")


def load_gold(path: str | Path) -> list[dict]:
    """Articles of a gold JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate_gold(
    articles: list[dict],
    extract: Callable[[str], list[ExtractedQuote]],
    *,
    which: str = "all",
) -> Report:
    """Score `extract` (body → quotations) on the French gold articles selected by `which`."""
    counts: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    by_band: dict[str, Counter[str]] = defaultdict(Counter)
    by_mention: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[str] = []
    for art in articles:
        if not select_ids(art["id"], which):
            continue
        body = art["body"]
        preds = extract(body)
        direct = [q for q in preds if q.kind != "indirect"]
        indirect = [q for q in preds if q.kind == "indirect"]
        gold = art["quotes"]
        g_words = [word_offsets(body, g["start"], g["end"]) for g in gold]
        p_words = [word_offsets(body, q.start, q.end) for q in direct]
        strict = _match(g_words, p_words, lenient=False)
        lenient = _match(g_words, p_words, lenient=True)
        counts["gold"] += len(gold)
        counts["pred"] += len(direct)
        counts["strict_tp"] += len(strict)
        counts["lenient_tp"] += len(lenient)
        counts["indirect"] += len(indirect)
        counts["articles"] += 1
        correct_preds: set[int] = set()
        for gi, g in enumerate(gold):
            kind = g["kind"]
            by_kind[kind]["gold"] += 1
            mtype = mention_type(g.get("mention"))
            by_mention[mtype]["gold"] += 1
            if gi not in strict:
                by_kind[kind]["missed"] += 1
                by_mention[mtype]["missed"] += 1
                speaker = (g["speakers"] or [None])[0]
                errors.append(f"{art['id']} MISSED {kind}: {g['text'][:70]!r} ({speaker})")
                continue
            q = direct[strict[gi]]
            ok = speaker_matches(q.speaker, g["speakers"], g["speaker_type"])
            by_kind[kind]["matched"] += 1
            by_mention[mtype]["matched"] += 1
            counts["speaker_ok"] += ok
            by_kind[kind]["speaker_ok"] += ok
            by_mention[mtype]["speaker_ok"] += ok
            if ok:
                correct_preds.add(strict[gi])
            else:
                errors.append(
                    f"{art['id']} SPEAKER {q.speaker!r} ({q.speaker_type}, mention {q.mention!r}, "
                    f"cue {q.cue!r}) != {g['speakers']} (mention {g.get('mention')!r}) "
                    f"for {g['text'][:50]!r}"
                )
        matched_preds = set(strict.values())
        for pi, q in enumerate(direct):
            band = _band(q.confidence)
            by_band[band]["n"] += 1
            by_band[band]["correct"] += pi in correct_preds
            if pi not in matched_preds:
                lenient_hit = pi in lenient.values()
                errors.append(
                    f"{art['id']} SPURIOUS{' (lenient match)' if lenient_hit else ''} {q.kind}: "
                    f"{q.text[:70]!r} → {q.speaker!r}"
                )
        for q in indirect:
            errors.append(
                f"{art['id']} (indirect, scored apart) {q.text[:60]!r} → {q.speaker!r} "
                f"[{q.speaker_type}] cue {q.cue!r}"
            )
    return Report(_gold_figures(counts, by_kind, by_band, by_mention), errors)


def _gold_figures(
    counts: Counter[str],
    by_kind: dict[str, Counter[str]],
    by_band: dict[str, Counter[str]],
    by_mention: dict[str, Counter[str]],
) -> dict[str, object]:
    """The report's figures from the counts `evaluate_gold` gathered."""
    n_gold, n_pred = counts["gold"], counts["pred"]
    matched = counts["strict_tp"]
    figures: dict[str, object] = {
        "articles": counts["articles"],
        "gold_quotes": n_gold,
        "predicted_direct": n_pred,
        "predicted_indirect": counts["indirect"],
        "strict": _prf(matched, n_pred, n_gold),
        "lenient": _prf(counts["lenient_tp"], n_pred, n_gold),
        "speaker_accuracy": round(counts["speaker_ok"] / matched, 3) if matched else 0.0,
        "end_to_end": _prf(counts["speaker_ok"], n_pred, n_gold),
        "by_kind": {
            k: {
                "gold": c["gold"],
                "recall": round(c["matched"] / c["gold"], 3) if c["gold"] else 0.0,
                "speaker_accuracy": round(c["speaker_ok"] / c["matched"], 3)
                if c["matched"]
                else None,
            }
            for k, c in sorted(by_kind.items())
        },
        "by_confidence": {
            b: {"n": c["n"], "accuracy": round(c["correct"] / c["n"], 3) if c["n"] else None}
            for b, c in sorted(by_band.items())
        },
        "by_mention": {
            m: {
                "gold": c["gold"],
                "matched": c["matched"],
                "speaker_accuracy": round(c["speaker_ok"] / c["matched"], 3)
                if c["matched"]
                else None,
            }
            for m, c in sorted(by_mention.items())
        },
    }
    return figures


# -- PolNeAR (English) -------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: content spans and the source text (may be empty)."""

    content: tuple[tuple[int, int], ...]
    source: str


def read_polnear_ann(path: Path) -> list[GoldAttribution]:
    """Attribution relations of a brat standoff file (content fragments + source text)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[parts[0]] = (label, frags, parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for rel in relations:
        content = rel.get("Content")
        if content not in spans:
            continue
        source = spans[rel["Source"]][2] if rel.get("Source") in spans else ""
        out.append(GoldAttribution(tuple(spans[content][1]), source))
    return out


def evaluate_polnear(
    data_dir: str | Path,
    extract: Callable[[str], list[ExtractedQuote]],
    *,
    split: str = "dev",
    limit: int | None = None,
) -> Report:
    """Lenient/strict F1 over all PolNeAR attributions (direct and indirect) and speaker accuracy
    on lenient matches: the gold source (a surface mention) and our speaker or mention share half
    the content words of the shorter one. Pronoun sources are not resolved by PolNeAR: skipped."""
    base = Path(data_dir) / split
    texts = sorted((base / "text").glob("*.txt"))[:limit]
    ann_files = sorted((base / "attributions").glob("*.ann"))
    counts: Counter[str] = Counter()
    errors: list[str] = []
    for txt in texts:
        ann = next((a for a in ann_files if a.name.startswith(txt.stem + "_")), None)
        if ann is None:
            continue
        body = txt.read_text(encoding="utf-8")
        gold = read_polnear_ann(ann)
        preds = extract(body)
        g_words = [
            frozenset().union(*(word_offsets(body, a, b) for a, b in g.content)) for g in gold
        ]
        p_words = [word_offsets(body, q.start, q.end) for q in preds]
        keep = [i for i, w in enumerate(g_words) if w]
        gold = [gold[i] for i in keep]
        g_words = [g_words[i] for i in keep]
        strict = _match(g_words, p_words, lenient=False)
        lenient = _match(g_words, p_words, lenient=True)
        counts["gold"] += len(gold)
        counts["pred"] += len(preds)
        counts["strict_tp"] += len(strict)
        counts["lenient_tp"] += len(lenient)
        counts["articles"] += 1
        for gi, pi in lenient.items():
            q = preds[pi]
            src = name_key(gold[gi].source)
            src_words = set(src.split()) - _EN_FUNCTION_WORDS
            if src.split() and src.split()[0] in PRONOUNS | {"which", "who", "one"}:
                counts["pronoun_source"] += 1  # PolNeAR does not resolve pronouns: not scorable
                continue
            ok = False
            if src_words:
                for guess in (q.speaker, q.mention):
                    guess_words = set(name_key(guess or "").split()) - _EN_FUNCTION_WORDS
                    common = len(src_words & guess_words)
                    if common and common * 2 >= min(len(src_words), len(guess_words)):
                        ok = True
                counts["with_source"] += 1
                counts["speaker_ok"] += ok
                if not ok:
                    errors.append(
                        f"{txt.stem} SPEAKER {q.speaker!r}/{q.mention!r} != {gold[gi].source!r}"
                    )
    n_gold, n_pred = counts["gold"], counts["pred"]
    figures = {
        "articles": counts["articles"],
        "gold_attributions": n_gold,
        "predicted": n_pred,
        "strict": _prf(counts["strict_tp"], n_pred, n_gold),
        "lenient": _prf(counts["lenient_tp"], n_pred, n_gold),
        "speaker_accuracy": round(counts["speaker_ok"] / counts["with_source"], 3)
        if counts["with_source"]
        else 0.0,
        "speaker_scored": counts["with_source"],
        "speaker_pronoun_sources_skipped": counts["pronoun_source"],
    }
    return Report(figures, errors)
