"""Evaluation that cannot fool us: a frozen test partition, folds by document, every figure with
its gap.

- The **test partition** is 20% of a corpus's documents chosen by a fixed hash of the document id
  (`partition_of`); nothing is ever tuned on it, and its figures are printed only on request.
- The rest is split into **folds** by another hash of the id (never by quotation). For each fold
  the extractor is built from the other folds (`build(train_articles)`: the rule engine ignores
  them; a trained scorer learns from them) and scored on both, so the train/held-out gap is
  printed beside the held-out figure, with the mean and spread over folds.
- Scoring (corpora/wikinews-fr-dev README): direct and partial quotations match at the strict
  80% word overlap, indirect speech at 30%; speaker accuracy on matched quotations (case, accents
  and honorifics ignored; a shorter form of the same name counts); end-to-end F1; per kind, per
  speaker type, and the calibration table (accuracy per confidence band).
"""

import hashlib
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable

from articles.extraction.evaluation import _band, _match, _prf, speaker_matches, word_offsets
from articles.extraction.results import ExtractedQuote

Extract = Callable[[str], list[ExtractedQuote]]
QUOTED = ("direct", "partial")


def _bucket(doc_id: str, salt: str, n: int) -> int:
    return int(hashlib.sha256(f"{salt}:{doc_id}".encode()).hexdigest(), 16) % n


def partition_of(doc_id: str) -> str:
    """`test` for a fixed 20% of documents (by hash of the id), `dev` for the rest."""
    return "test" if _bucket(doc_id, "newsroom-test-partition", 5) == 0 else "dev"


def fold_of(doc_id: str, folds: int) -> int:
    return _bucket(doc_id, "newsroom-folds", folds)


def _gold_kind(quote: dict) -> str:
    return {"full": "direct"}.get(quote["kind"], quote["kind"])


def matched_families(art: dict, preds: list[ExtractedQuote]):
    """For each family of quotations the scoring convention counts in `art` — direct and
    partial at 80% word overlap and indirect speech at 30%, or all of them at 30% as the Gender
    Gap Tracker counts them — (family, gold, predicted, gold index → predicted index)."""
    body = art["body"]
    families = (("quoted", QUOTED, False), ("indirect", ("indirect",), True))
    if art.get("all_kinds_lenient"):
        families = (("all", (*QUOTED, "indirect"), True),)  # the Gender Gap Tracker's count
    for family, kinds, lenient in families:
        gold = [g for g in art["quotes"] if _gold_kind(g) in kinds]
        pred = [q for q in preds if q.kind in kinds]
        matched = _match(
            [word_offsets(body, g["start"], g["end"]) for g in gold],
            [word_offsets(body, q.start, q.end) for q in pred],
            lenient=lenient,
        )
        yield family, gold, pred, matched


def score(articles: list[dict], extract: Extract) -> Counter:
    """Counts (summable over documents and folds) of `extract` against gold articles."""
    c: Counter = Counter()
    for art in articles:
        for family, gold, pred, matched in matched_families(art, extract(art["body"])):
            c[f"{family}:gold"] += len(gold)
            c[f"{family}:pred"] += len(pred)
            c[f"{family}:matched"] += len(matched)
            right = set()
            for gi, g in enumerate(gold):
                kind, stype = _gold_kind(g), g.get("speaker_type") or "unknown"
                c[f"kind:{kind}:gold"] += 1
                if gi not in matched:
                    continue
                q = pred[matched[gi]]
                if not g["speakers"]:
                    # No speaker can be determined from the text: the quotation counts for
                    # finding quotations and end to end, not for speaker accuracy.
                    c[f"{family}:no_gold_speaker"] += 1
                    right.add(matched[gi])
                    continue
                ok = speaker_matches(q.speaker, g["speakers"], stype)
                c[f"{family}:speaker_ok"] += ok
                c[f"kind:{kind}:matched"] += 1
                c[f"kind:{kind}:speaker_ok"] += ok
                c[f"type:{stype}:matched"] += 1
                c[f"type:{stype}:speaker_ok"] += ok
                # the right speaker with the right type: what the registry files it as
                c[f"type:{stype}:typed"] += ok and q.speaker_type == stype
                if ok:
                    right.add(matched[gi])
            for pi, q in enumerate(pred):
                band = _band(q.confidence)
                c[f"band:{band}:n"] += 1
                c[f"band:{band}:correct"] += pi in right
        c["documents"] += 1
    return c


def figures(c: Counter) -> dict[str, float]:
    """Flat figures of counts: strict F1, speaker accuracy and end-to-end F1 per family, speaker
    accuracy per kind and per speaker type, and the share of right person and organisation
    speakers given their type (the registry files them so)."""
    out: dict[str, float] = {}
    for family in ("quoted", "indirect", "all"):
        gold, pred, matched = (c[f"{family}:{k}"] for k in ("gold", "pred", "matched"))
        if not gold:
            continue  # a corpus without indirect speech in its gold (wikinews-fr-dev)
        ok = c[f"{family}:speaker_ok"]
        with_speaker = matched - c[f"{family}:no_gold_speaker"]
        out[f"{family} F1"] = _prf(matched, pred, gold)["f1"]
        out[f"{family} speaker"] = round(ok / with_speaker, 3) if with_speaker else 0.0
        out[f"{family} end-to-end F1"] = _prf(ok + c[f"{family}:no_gold_speaker"], pred, gold)["f1"]
    for prefix in ("kind", "type"):
        names = sorted({k.split(":")[1] for k in c if k.startswith(prefix + ":")})
        for name in names:
            m = c[f"{prefix}:{name}:matched"]
            if prefix == "kind":
                g = c[f"kind:{name}:gold"]
                out[f"{name} recall"] = round(m / g, 3) if g else 0.0
            out[f"{name} speaker"] = round(c[f"{prefix}:{name}:speaker_ok"] / m, 3) if m else 0.0
    for name in ("person", "organization"):
        right = c[f"type:{name}:speaker_ok"]
        if right:
            out[f"{name} typed"] = round(c[f"type:{name}:typed"] / right, 3)
    return out


def calibration(c: Counter) -> dict[str, tuple[int, float]]:
    """Confidence band → (predictions, share with the right quotation and speaker)."""
    bands = sorted({k.split(":")[1] for k in c if k.startswith("band:")})
    return {
        b: (c[f"band:{b}:n"], round(c[f"band:{b}:correct"] / c[f"band:{b}:n"], 3))
        for b in bands
        if c[f"band:{b}:n"]
    }


def _splits(articles: list[dict], folds: int):
    """(fold number, its documents, the other folds' documents) for each fold."""
    by_fold = defaultdict(list)
    for art in articles:
        by_fold[fold_of(art["id"], folds)].append(art)
    for k in range(folds):
        yield k, by_fold[k], [a for j in range(folds) if j != k for a in by_fold[j]]


def cross_validate(
    articles: list[dict], build: Callable[[list[dict]], Extract], folds: int = 5
) -> dict[str, dict[str, float]]:
    """Per figure: held-out mean and standard deviation over folds, and the mean train figure
    (the extractor built on the other folds, scored on them): `gap` = train − held-out."""
    held, train = [], []
    for _, fold, rest in _splits(articles, folds):
        extract = build(rest)
        held.append(figures(score(fold, extract)))
        train.append(figures(score(rest, extract)))
    table = {}
    for name in held[0]:
        values = [f.get(name, 0.0) for f in held]
        mean_train = statistics.mean(f.get(name, 0.0) for f in train)
        table[name] = {
            "held-out": round(statistics.mean(values), 3),
            "spread": round(statistics.pstdev(values), 3),
            "train": round(mean_train, 3),
            "gap": round(mean_train - statistics.mean(values), 3),
        }
    return table


def learning_curve(
    articles: list[dict],
    build: Callable[[list[dict]], Extract],
    fractions: list[float],
    folds: int = 5,
    seed: int = 0,
) -> dict[float, dict[str, float]]:
    """Would more annotated documents help? Per fraction, the folds' held-out figures (counts
    summed over the folds) when each fold's extractor is built from that fraction of the other
    folds' documents, drawn at random (`seed`), the held-out fold always whole."""
    curve = {}
    for fraction in fractions:
        counts: Counter = Counter()
        trained = []
        for k, fold, rest in _splits(articles, folds):
            draw = random.Random(f"{seed}:{k}")  # noqa: S311 (a sample to train on, not a secret)
            drawn = draw.sample(rest, max(1, round(len(rest) * fraction)))
            trained.append(len(drawn))
            counts += score(fold, build(drawn))
        # "documents": how many each fold's extractor was built from, on average
        curve[fraction] = figures(counts) | {"documents": round(statistics.mean(trained))}
    return curve


def held_out(
    dev: list[dict], test: list[dict], build: Callable[[list[dict]], Extract]
) -> tuple[dict[str, dict[str, float]], Counter]:
    """The extractor built on all of dev, scored on dev and on the frozen test partition."""
    extract = build(dev)
    dev_counts, test_counts = score(dev, extract), score(test, extract)
    dev_f, test_f = figures(dev_counts), figures(test_counts)
    table = {name: {"test": test_f[name], "dev": dev_f.get(name, 0.0)} for name in test_f}
    for row in table.values():
        row["gap"] = round(row["dev"] - row["test"], 3)
    return table, test_counts


def desk_order(articles: list[dict], extract: Extract) -> Counter:
    """Where the review desk puts the right speaker of a wrong attribution among a dispatch's
    other candidates (`review.queries.nearest_first`: the speaker of the nearest quotation
    first) and where the alphabetical order would: counts `wrong` (attributions whose gold
    speaker another quotation's speaker is), `<order>:first` and `<order>:top3`. The candidates
    are the named speakers (people and organisations) of the engine's other quotations, as the
    desk has them."""
    from articles.review.queries import nearest_first

    c: Counter = Counter()
    for art in articles:
        preds = extract(art["body"])
        named = [q for q in preds if q.speaker and q.speaker_type in ("person", "organization")]
        for _, gold, pred, matched in matched_families(art, preds):
            for gi, pi in matched.items():
                g, q = gold[gi], pred[pi]
                stype = g.get("speaker_type") or "unknown"
                if not g["speakers"] or speaker_matches(q.speaker, g["speakers"], stype):
                    continue
                others = [o for o in named if o is not q and o.speaker != q.speaker]
                orders = {
                    "nearest": nearest_first(
                        q.start, ((o.speaker, o.start, o.speaker) for o in others)
                    ),
                    "alphabetical": sorted({o.speaker for o in others}, key=str.casefold),
                }
                for label, order in orders.items():
                    rank = next(
                        (
                            i
                            for i, name in enumerate(order)
                            if speaker_matches(name, g["speakers"], stype)
                        ),
                        None,
                    )
                    if rank is None:
                        break  # the right speaker is no other quotation's
                    c["wrong"] += label == "nearest"
                    c[f"{label}:first"] += rank == 0
                    c[f"{label}:top3"] += rank < 3
    return c
