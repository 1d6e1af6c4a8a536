"""Training the speaker scorer from our annotated corpus (the frozen test partition excluded).

For each quotation the rules find and the gold confirms (same matching as the evaluation), the
scorer's candidates are labelled right or wrong against the gold speaker. A logistic regression
over the candidates' features is fitted (deterministic: lbfgs, no sampling); folds by document
give the held-out accuracy, the train/held-out gap and the isotonic calibration of the chosen
candidate's probability. The model file holds the feature names, weights and calibration steps.
"""

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace

from articles.extraction.evaluation import _match, _prf, speaker_matches, word_offsets
from articles.extraction.pipeline import SPEECH_THRESHOLD, marked_spans, rule_quotes
from articles.extraction.quotations import SPEECH_FEATURES
from articles.extraction.scoring import (
    FEATURES,
    MODELS,
    NEVER,
    Candidate,
    Model,
    choose,
    examples,
    speaking,
)

from .evaluate import QUOTED, _gold_kind, fold_of

# The corpora a language's scorer learns from (their development partitions): in French our
# wire-copy corpus and the shared Wikinews dev gold, so that neither style is sacrificed to the
# other; in English PolNeAR's dev split with our canonical speakers.
CORPUS_OF = {"fr": ("orangesum-fr", "wikinews-fr-dev"), "en": ("polnear-en",)}


@dataclass(frozen=True)
class Group:
    """The candidates of one quotation, their labels, and whether the rules were right."""

    doc_id: str
    features: list[tuple[float, ...]]
    labels: list[bool]
    rule_right: bool


def groups(
    articles: list[dict], language: str, rules: Callable | None = None
) -> tuple[list[Group], dict[str, int]]:
    """Training groups of matched quotations, and counts (matched, oracle hits). `rules`: the
    rules' output of a body (`rule_quotes` unless a caller keeps it cached)."""
    rules = rules or (lambda body: rule_quotes(body, language=language))
    out, counts = [], {"matched": 0, "oracle": 0, "rule_right": 0}
    for art in articles:
        body = art["body"]
        quotes, ctx, sentences = rules(body)
        cands = examples(quotes, ctx, sentences)
        families = ((QUOTED, False), (("indirect",), True))
        if art.get("all_kinds_lenient"):
            families = (((*QUOTED, "indirect"), True),)  # PolNeAR: as the evaluation counts
        for kinds, lenient in families:
            gold = [g for g in art["quotes"] if _gold_kind(g) in kinds]
            idx = [i for i, q in enumerate(quotes) if q.kind in kinds]
            matched = _match(
                [word_offsets(body, g["start"], g["end"]) for g in gold],
                [word_offsets(body, quotes[i].start, quotes[i].end) for i in idx],
                lenient=lenient,
            )
            for gi, pi in matched.items():
                g, qi = gold[gi], idx[pi]
                if not g["speakers"]:
                    continue
                stype = g.get("speaker_type") or "unknown"
                labels = [speaker_matches(c.name, g["speakers"], stype) for c in cands[qi]]
                rule_speaker = speaking(quotes[qi], ctx).speaker
                rule_right = speaker_matches(rule_speaker, g["speakers"], stype)
                counts["matched"] += 1
                counts["oracle"] += any(labels)
                counts["rule_right"] += rule_right
                out.append(Group(art["id"], [c.features for c in cands[qi]], labels, rule_right))
    return out, counts


# The learners compared on the folds: logistic regressions (by C) and gradient-boosted trees
# (depth, number of trees, learning rate); train_attribution keeps the best held-out one.
LEARNERS = (
    ("linear", 0.1),
    ("linear", 0.3),
    ("linear", 1.0),
    ("linear", 3.0),
    ("trees", 3, 150, 0.05),
    ("trees", 4, 150, 0.05),
)


def fit(train: list[Group], learner: tuple = ("linear", 1.0)) -> Model:
    """A model over every candidate of groups that hold a right one: a logistic regression
    (lbfgs) or gradient-boosted trees (histogram GBM, no sampling, no early stopping), both
    deterministic."""
    rows, labels = [], []
    for g in train:
        if any(g.labels):
            rows += g.features
            labels += g.labels
    if learner[0] == "trees":
        return _fit_trees(rows, labels, *learner[1:])
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=learner[1], max_iter=5000, solver="lbfgs")
    lr.fit(rows, labels)
    weights = tuple(round(float(w), 6) for w in lr.coef_[0])
    return Model(weights, round(float(lr.intercept_[0]), 6), (), ())


def _fit_trees(rows: list, labels: list, depth: int, trees: int, rate: float) -> Model:
    from sklearn.ensemble import HistGradientBoostingClassifier

    gbm = HistGradientBoostingClassifier(
        max_depth=depth, max_iter=trees, learning_rate=rate, early_stopping=False, random_state=0
    )
    gbm.fit(rows, labels)
    exported = []
    for (predictor,) in gbm._predictors:  # one tree per iteration (binary classification)
        exported.append(
            tuple(
                (
                    -1 if n["is_leaf"] else int(n["feature_idx"]),
                    float(n["num_threshold"]),
                    int(n["left"]),
                    int(n["right"]),
                    round(float(n["value"]), 9),
                )
                for n in predictor.nodes
            )
        )
    bias = round(float(gbm._baseline_prediction.ravel()[0]), 6)
    return Model((), bias, (), (), trees=tuple(exported))


def accuracy(model: Model, test: list[Group]) -> tuple[float, list[tuple[float, bool]]]:
    """Share of quotations whose chosen candidate is right, and (probability, right) pairs."""
    pairs = []
    for g in test:
        cands = [Candidate("", "", f) for f in g.features]
        if not cands:
            pairs.append((0.0, False))
            continue
        best, _ = choose(cands, model)
        pairs.append((model.probability(best.features), g.labels[cands.index(best)]))
    return (sum(r for _, r in pairs) / len(pairs) if pairs else 0.0), pairs


MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
WORTH = 0.01  # replacing the rules' speaker must gain a point of held-out accuracy


def cross_validate(
    all_groups: list[Group], folds: int = 5, learner: tuple = ("linear", 1.0)
) -> dict:
    """Held-out accuracy per fold (mean, spread), train accuracy, the rules' accuracy on the
    same quotations, the margin that does best on the held-out folds, and the out-of-fold
    (probability, right) pairs at that margin for calibration."""
    fold_models = []
    for k in range(folds):
        tr = [g for g in all_groups if fold_of(g.doc_id, folds) != k]
        te = [g for g in all_groups if fold_of(g.doc_id, folds) == k]
        fold_models.append((fit(tr, learner), tr, te))

    def held_out_at(margin: float) -> list[float]:
        return [accuracy(replace(m, margin=margin), te)[0] for m, _, te in fold_models]

    best = max(MARGINS, key=lambda m: (statistics.mean(held_out_at(m)), -m))
    gain = statistics.mean(held_out_at(best)) - statistics.mean(held_out_at(NEVER))
    margin = best if gain >= WORTH else NEVER
    held, train_acc, rules, oof = held_out_at(margin), [], [], []
    for model, tr, te in fold_models:
        model = replace(model, margin=margin)
        oof += accuracy(model, te)[1]
        train_acc.append(accuracy(model, tr)[0])
        rules.append(sum(g.rule_right for g in te) / len(te) if te else 0.0)
    return {
        "held_out": statistics.mean(held),
        "spread": statistics.pstdev(held),
        "train": statistics.mean(train_acc),
        "rules": statistics.mean(rules),
        "best_margin": best,
        "override_gain": gain,
        "margin": margin,
        "oof": oof,
    }


def best_learner(runs: dict[tuple, dict], ordered: list[Group]) -> tuple:
    """The learner to keep among `runs` (learner → `cross_validate` result; `ordered`: the
    groups in the order the folds scored them). When a learner earns the right to replace the
    rules' speaker, the best held-out accuracy wins. When none does, every learner leaves the
    rules' speaker standing and gives only the confidence: then the one whose held-out
    confidence sorts right from wrong best (ROC AUC) wins. Ties go to the simpler learner,
    listed first."""
    learners = list(runs)

    def rank(k: tuple) -> int:
        return -learners.index(k)

    if any(runs[k]["margin"] < NEVER for k in learners):
        return max(learners, key=lambda k: (round(runs[k]["held_out"], 4), rank(k)))
    auc = {k: ranking_quality(runs[k]["oof"], ordered).get("auc_model", 0.0) for k in learners}
    return max(learners, key=lambda k: (auc[k], rank(k)))


def ranking_quality(pairs: list[tuple[float, bool]], groups: list[Group]) -> dict[str, float]:
    """How well a confidence sorts right from wrong attributions (ROC AUC) — the model's
    held-out probability against the rules' own heuristic confidence, on the same quotations."""
    from sklearn.metrics import roc_auc_score

    labels = [right for _, right in pairs]
    heuristic = [next((f[1] for f in g.features if f[0]), 0.0) for g in groups]
    if len(set(labels)) < 2:
        return {}
    return {
        "auc_model": round(float(roc_auc_score(labels, [p for p, _ in pairs])), 3),
        "auc_rules": round(float(roc_auc_score(labels, heuristic)), 3),
    }


def calibrate(pairs: list[tuple[float, bool]]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Isotonic steps mapping a probability to the accuracy seen at it on held-out folds."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    iso.fit([p for p, _ in pairs], [float(r) for _, r in pairs])
    xs = tuple(round(float(x), 4) for x in iso.X_thresholds_)
    ys = tuple(round(float(y), 4) for y in iso.y_thresholds_)
    return xs, ys


def model_json(model: Model, calibration: tuple, summary: dict) -> dict:
    return {
        "features": list(FEATURES),
        "weights": list(model.weights),
        "bias": model.bias,
        "margin": model.margin,
        "calibration_x": list(calibration[0]),
        "calibration_y": list(calibration[1]),
        "trained_on": summary,
        "trees": [[list(node) for node in tree] for tree in model.trees],
    }


def train(all_groups: list[Group], learner: tuple, folds: int = 5) -> tuple[Model, dict]:
    """The scorer `learner` fitted on `all_groups`, with the margin and the calibration its
    cross-validation on them gives (what `train_attribution` writes), and that run."""
    cv = cross_validate(all_groups, folds, learner)
    xs, ys = calibrate(cv["oof"])
    model = replace(fit(all_groups, learner), margin=cv["margin"])
    return replace(model, calibration_x=xs, calibration_y=ys), cv


def committed_learner(language: str) -> tuple:
    """The learner the committed model of `language` was trained with."""
    data = json.loads((MODELS / f"attribution-{language}.json").read_text(encoding="utf-8"))
    return tuple(data["trained_on"]["learner"])


# -- the speech classifier: which quoted spans are speech -------------------------------------
# Trained where a language's corpus marks quotations in marks apart from indirect speech.
# English is left to its rules: a classifier trained on PolNeAR's spans (held-out span F1 0.839
# -> 0.872) lowered the English folds' F1, speaker and end-to-end (0.762 / 0.796 / 0.611 ->
# 0.757 / 0.791 / 0.604): it dropped quotations in marks the attribution relations hold.
SPEECH_CORPORA = {"fr": ("orangesum-fr", "wikinews-fr-dev")}


@dataclass(frozen=True)
class SpeechExample:
    """A quoted span the walk weighed, its features, and whether the gold holds it as a
    direct or partial quotation (same 80% overlap as the evaluation)."""

    doc_id: str
    features: tuple[float, ...]
    speech: bool


def speech_examples(articles: list[dict], language: str) -> list[SpeechExample]:
    """The quoted spans of the articles the walk weighs, labelled with their gold."""
    return [
        e
        for art in articles
        for e in label_spans(art, marked_spans(art["body"], language=language))
    ]


def label_spans(article: dict, spans: list) -> list[SpeechExample]:
    """`spans` of the article labelled with its gold: speech when a direct or partial gold
    quotation matches the span (in PolNeAR, any attribution's content, at 30% as scored)."""
    body = article["body"]
    lenient = bool(article.get("all_kinds_lenient"))
    gold = [
        word_offsets(body, g["start"], g["end"])
        for g in article["quotes"]
        if lenient or _gold_kind(g) in QUOTED
    ]
    out = []
    for start, end, features in spans:
        span = word_offsets(body, start, end)
        speech = bool(_match(gold, [span], lenient=lenient)) if span else False
        out.append(SpeechExample(article["id"], features, speech))
    return out


def fit_speech(examples: list[SpeechExample]) -> Model:
    """A logistic regression (lbfgs: deterministic) over the spans' features."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1.0, max_iter=5000, solver="lbfgs")
    lr.fit([e.features for e in examples], [e.speech for e in examples])
    weights = tuple(round(float(w), 6) for w in lr.coef_[0])
    return Model(weights, round(float(lr.intercept_[0]), 6), (), ())


def speech_cross_validate(examples: list[SpeechExample], folds: int = 5) -> dict:
    """Held-out span precision, recall and F1 of the classifier and of the rules alone (its
    first feature), over folds by document."""
    counts = {who: [0, 0, 0] for who in ("model", "rules")}  # right, said speech, gold speech
    for k in range(folds):
        train = [e for e in examples if fold_of(e.doc_id, folds) != k]
        model = fit_speech(train)
        for e in examples:
            if fold_of(e.doc_id, folds) != k:
                continue
            said = {
                "model": model.probability(e.features) >= SPEECH_THRESHOLD,
                "rules": e.features[0] > 0,
            }
            for who, yes in said.items():
                counts[who][0] += yes and e.speech
                counts[who][1] += yes
                counts[who][2] += e.speech
    return {who: _prf(*c) for who, c in counts.items()}


def speech_json(model: Model, summary: dict) -> dict:
    return {
        "features": list(SPEECH_FEATURES),
        "weights": list(model.weights),
        "bias": model.bias,
        "threshold": SPEECH_THRESHOLD,
        "trained_on": summary,
    }
