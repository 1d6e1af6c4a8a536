"""The speaker scorer: candidates per quotation, features, and a trained linear model.

The rules propose a speaker; the scorer looks at every person or organisation the article names
around the quotation (and the previous quotation's speaker) and chooses among them with weights
learned from our annotated corpus (`manage.py train_attribution`). Features describe positions,
distances, agreement and what the rules found — never the words of a training text — so the
model file holds numbers only. The chosen candidate's probability, calibrated on held-out folds,
is the quotation's confidence.
"""

import json
import math
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from .names import name_key
from .quotations import SPEECH_FEATURES
from .results import ExtractedQuote
from .speakers import ArticleContext, role_may_speak

MODELS = Path(__file__).resolve().parent / "data" / "models"
WINDOW_BEFORE = 1500  # characters before a quotation where a candidate may be named
WINDOW_AFTER = 400  # and after it (incises, cataphora)
MAX_CANDIDATES = 12
# A margin no difference of two probabilities reaches (`choose`): the rules' speaker always stands.
NEVER = 1.0
_PEOPLE_PRONOUNS = frozenset(
    ["il", "elle", "celui-ci", "celle-ci", "ce dernier", "cette dernière", "he", "she"]
)
GENDERED = {"il": "m", "elle": "f", "ils": "m", "elles": "f", "he": "m", "she": "f"}

FEATURES = (
    "rule_choice",
    "rule_confidence",
    "rule_cue",
    "rule_pronoun",
    "rule_description",
    "floating",
    "has_before",
    "log_distance_before",
    "nearest_before",
    "has_after",
    "log_distance_after",
    "nearest_after",
    "inside_quotation",
    "same_sentence",
    "log_mentions",
    "mentions_before",
    "first_named",
    "previous_speaker",
    "person",
    "organization",
    "gender_agrees",
    "gender_disagrees",
    "in_mention",
    "kind_partial",
    "kind_indirect",
    "rule_choice_x_cue",
    "previous_x_floating",
    "nearest_before_x_floating",
    "in_rule_speaker",
    "near_mention",
    "log_distance_mention",
    "role_matches_mention",
    "nearest_compatible_person",
    "person_over_description",
    "organization_x_selon",
    "full_name",
    "description_near",
    "pronoun_to_description",
    "next_to_cue",
    "log_distance_cue",
    "opens_sentence",
)
_SAME_SENTENCE = FEATURES.index("same_sentence")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible speaker of a quotation, with its feature vector (FEATURES order)."""

    name: str
    type: str
    features: tuple[float, ...]


@dataclass(slots=True)
class _Occurrences:
    """Where each candidate (by name key) is named in the article."""

    names: dict[str, str]  # key → canonical name
    starts: dict[str, list[int]]  # key → sorted start offsets
    ends: dict[str, list[int]]
    all_starts: list[tuple[int, str]]  # (start, key), sorted

    @classmethod
    def of(cls, ctx: ArticleContext) -> "_Occurrences":
        names, starts, ends, all_starts = {}, {}, {}, []
        for start, end, run in ctx.runs:
            full = ctx.full_name(run)
            key = name_key(full)
            if not key:
                continue
            names.setdefault(key, full)
            starts.setdefault(key, []).append(start)
            ends.setdefault(key, []).append(end)
            all_starts.append((start, key))
        all_starts.sort()
        return cls(names, starts, ends, all_starts)


def candidates(
    quote: ExtractedQuote,
    ctx: ArticleContext,
    occ: "_Occurrences",
    *,
    previous: str | None,
    sentence: tuple[int, int],
    rule_only: bool = False,
) -> list[Candidate]:
    """The rules' speaker, every name in the window around the quotation, the previous speaker
    (`rule_only`: the rules' speaker alone, when nothing may replace it)."""
    rule_key = name_key(quote.speaker) if quote.speaker else ""
    keys: dict[str, str] = {}
    if rule_key:
        keys[rule_key] = quote.speaker
    prev_key = name_key(previous) if previous else ""
    if not rule_only:
        lo = bisect_left(occ.all_starts, (quote.start - WINDOW_BEFORE, ""))
        window = [
            (abs(s - quote.start), k)
            for s, k in occ.all_starts[lo:]
            if s <= quote.end + WINDOW_AFTER
        ]
        for _, key in sorted(window):
            keys.setdefault(key, occ.names[key])
        if prev_key and prev_key not in keys:
            keys[prev_key] = occ.names.get(prev_key, previous)
    mention_at = _offset_near(ctx.text, quote, quote.mention)
    cue_at = _offset_near(ctx.text, quote, quote.cue)
    compatible = _nearest_compatible_person(ctx, occ, quote)
    nearest_before = _nearest(occ, quote.start, before=True)
    nearest_after = _nearest(occ, quote.end, before=False)
    first_key = occ.all_starts[0][1] if occ.all_starts else ""
    out = []
    for key, name in list(keys.items())[:MAX_CANDIDATES]:
        if key != rule_key and not _may_speak_instead(ctx, key, rule_key, quote):
            continue
        out.append(
            Candidate(
                name,
                quote.speaker_type if key == rule_key else ctx.name_type(name),
                _features(
                    quote,
                    ctx,
                    occ,
                    key,
                    name,
                    rule_key,
                    prev_key,
                    sentence,
                    (nearest_before, nearest_after, first_key, compatible),
                    (mention_at, cue_at),
                ),
            )
        )
    return out


def _may_speak_instead(ctx: ArticleContext, key: str, rule_key: str, quote) -> bool:
    """Can this name replace the rules' speaker? Not a place, not a piece of the rules' own
    speaker ("Mer" in "ministère de la Mer"), and never one of the people the rules joined
    into a group ("Lise Bonal et Anne Roux")."""
    if ctx.entity_labels.get(key) in ("LOC", "GPE"):
        return False
    if rule_key and set(key.split()) <= set(rule_key.split()):
        return False
    return not (quote.speaker_type == "group" and " et " in f" {rule_key} ")


def _nearest(occ: "_Occurrences", position: int, *, before: bool) -> str:
    if before:
        i = bisect_left(occ.all_starts, (position, "")) - 1
        return occ.all_starts[i][1] if i >= 0 else ""
    i = bisect_left(occ.all_starts, (position, ""))
    return occ.all_starts[i][1] if i < len(occ.all_starts) else ""


def _offset_near(text: str, quote: ExtractedQuote, words: str | None) -> int | None:
    """Where the rules' mention (or cue) stands: its occurrence nearest to the quotation."""
    if not words or not words.strip():
        return None
    lo = max(0, quote.start - 800)
    best, at = None, text.find(words, lo, quote.end + 400)
    while at >= 0:
        if best is None or abs(at - quote.start) < abs(best - quote.start):
            best = at
        at = text.find(words, at + 1, quote.end + 400)
    return best


def _nearest_compatible_person(ctx: ArticleContext, occ: "_Occurrences", quote) -> str:
    """The person named last before the quotation whose gender fits the mention's pronoun."""
    gender = GENDERED.get((quote.mention or "").lower())
    i = bisect_left(occ.all_starts, (quote.start, "")) - 1
    while i >= 0 and quote.start - occ.all_starts[i][0] <= WINDOW_BEFORE:
        key = occ.all_starts[i][1]
        name = occ.names[key]
        if ctx.name_type(name) == "person" and gender in (None, ctx.gender_of(name) or gender):
            return key
        i -= 1
    return ""


def _role_matches(ctx: ArticleContext, key: str, mention: str) -> bool:
    """Does the article bind to this candidate a role that the mention names?"""
    words = set(name_key(mention).split()) - {"le", "la", "les", "l", "de", "du", "des", "d"}
    if not words:
        return False
    return any(
        name_key(ctx.full_name(b.name)) == key and words & set(b.role_words) for b in ctx.bindings
    )


def _description_near(text: str, description: str, starts: list[int], ends: list[int]) -> bool:
    """Does the article describe the candidate with the rules' description somewhere — its
    content words next to one of the candidate's names ("Philippe Martinez, numéro un de la
    CGT", "la soeur du jeune homme, Assa Traoré")? Apposition, read as coreference."""
    words = {w for w in description.split() if len(w) > 3}
    if not words:
        return False
    for start, end in zip(starts, ends, strict=True):
        near = set(name_key(text[max(0, start - 120) : end + 120]).split())
        if len(words & near) * 2 >= len(words):
            return True
    return False


def _features(quote, ctx, occ, key, name, rule_key, prev_key, sentence, nearest, anchors):
    near_b, near_a, first, compatible = nearest
    starts = occ.starts.get(key, [])
    ends = occ.ends.get(key, [])
    before = [e for e in ends if e <= quote.start]
    after = [s for s in starts if s >= quote.end]
    inside = any(quote.start <= s < quote.end for s in starts)
    same_sentence = any(
        sentence[0] <= s < sentence[1] and not quote.start <= s < quote.end for s in starts
    )
    rule = key == rule_key
    mention = (quote.mention or "").lower()
    pronoun = mention in GENDERED or mention in ("on", "they", "we", "i")
    gender = GENDERED.get(mention)
    cand_gender = ctx.gender_of(name) if gender else None
    floating = quote.cue is None
    kind = quote.kind
    surname = key.split()[-1] if key else ""
    values = {
        "rule_choice": rule,
        "rule_confidence": quote.confidence if rule else 0.0,
        "rule_cue": rule and quote.cue is not None,
        "rule_pronoun": rule and pronoun,
        "rule_description": rule and quote.speaker_type == "anonymous",
        "floating": floating,
        "has_before": bool(before),
        "log_distance_before": math.log1p(quote.start - max(before)) if before else 0.0,
        "nearest_before": key == near_b,
        "has_after": bool(after),
        "log_distance_after": math.log1p(min(after) - quote.end) if after else 0.0,
        "nearest_after": key == near_a,
        "inside_quotation": inside,
        "same_sentence": same_sentence,
        "log_mentions": math.log1p(len(starts)),
        "mentions_before": math.log1p(len(before)),
        "first_named": key == first,
        "previous_speaker": key == prev_key,
        "person": ctx.name_type(name) == "person" if not rule else quote.speaker_type == "person",
        "organization": (ctx.name_type(name) if not rule else quote.speaker_type) == "organization",
        "gender_agrees": cand_gender is not None and cand_gender == gender,
        "gender_disagrees": cand_gender is not None and cand_gender != gender,
        "in_mention": bool(surname) and surname in name_key(mention).split(),
        "kind_partial": kind == "partial",
        "kind_indirect": kind == "indirect",
        "rule_choice_x_cue": rule and quote.cue is not None,
        "previous_x_floating": key == prev_key and floating,
        "nearest_before_x_floating": key == near_b and floating,
    }
    values.update(
        _anchored(
            quote,
            ctx,
            (key, rule_key, compatible),
            (starts, ends),
            sentence,
            anchors,
            (values["person"], values["organization"]),
        )
    )
    return tuple(float(values[f]) for f in FEATURES)


def _anchored(quote, ctx, keys, spans, sentence, anchors, kinds) -> dict[str, object]:
    """The features that read the candidate against the rules' own findings: their speaker,
    mention and cue, and the sentence the quotation opens."""
    key, rule_key, compatible = keys
    starts, ends = spans
    mention_at, cue_at = anchors
    person, organization = kinds
    rule = key == rule_key
    mention = (quote.mention or "").lower()
    pronoun = mention in GENDERED or mention in ("on", "they", "we", "i")
    surname = key.split()[-1] if key else ""
    mention_gap = min((abs(x - mention_at) for x in starts), default=None) if mention_at else None
    cue = (quote.cue or "").lower()
    cue_gap = None
    if cue_at is not None and starts:
        cue_end = cue_at + len(cue)
        cue_gap = min(
            min(abs(x - cue_end), abs(e - cue_at)) for x, e in zip(starts, ends, strict=True)
        )
    described = quote.speaker_type in ("anonymous", "group")
    return {
        "in_rule_speaker": not rule and bool(surname) and surname in set(rule_key.split()),
        "near_mention": mention_gap is not None and mention_gap <= 80,
        "log_distance_mention": math.log1p(mention_gap) if mention_gap is not None else 0.0,
        "role_matches_mention": bool(mention) and _role_matches(ctx, key, mention),
        "nearest_compatible_person": key == compatible,
        "person_over_description": person and not rule and described,
        "organization_x_selon": organization
        and cue.startswith(("selon", "d'après", "pour", "according")),
        "full_name": len(key.split()) >= 2,
        "description_near": not rule
        and described
        and _description_near(ctx.text, rule_key, starts, ends),
        "next_to_cue": cue_gap is not None and cue_gap <= 50,
        "log_distance_cue": math.log1p(cue_gap) if cue_gap is not None else 0.0,
        "opens_sentence": any(0 <= x - sentence[0] <= 2 for x in starts),
        "pronoun_to_description": rule and pronoun and described,
    }


# One node of a decision tree: (feature index, threshold, left, right, value); a leaf has
# feature -1 and holds its value. x[feature] <= threshold goes left.
Node = tuple[int, float, int, int, float]


@dataclass(frozen=True)
class Model:
    """A scorer over FEATURES — linear weights, or boosted trees whose leaf values add up —
    and its calibration (isotonic steps)."""

    weights: tuple[float, ...]
    bias: float
    calibration_x: tuple[float, ...]
    calibration_y: tuple[float, ...]
    # How much more probable than the rules' own choice another candidate must be to replace
    # it (chosen on cross-validation folds: the rules are right most of the time).
    margin: float = 0.0
    trees: tuple[tuple[Node, ...], ...] = ()

    def score(self, features: tuple[float, ...]) -> float:
        if self.trees:
            # The same leaf values, in the same order, as walking each tree (`_leaf`).
            return self.bias + sum(self._leaves(features))
        return sum(w * x for w, x in zip(self.weights, features, strict=True)) + self.bias

    @cached_property
    def _leaves(self) -> Callable[[tuple[float, ...]], tuple[float, ...]]:
        """A function giving the value of the leaf each tree reaches, in the trees' order: the
        trees compiled once into nested conditional expressions, a third of the time it takes to
        walk them node by node (the scorer was a quarter of the engine's time)."""
        body = "".join(f"        {_tree_source(tree)},\n" for tree in self.trees)
        source = f"def leaves(x):\n    return (\n{body}    )\n"
        namespace = {"inf": math.inf, "nan": math.nan}  # how repr() writes those floats
        exec(compile(source, "<attribution trees>", "exec"), namespace)  # noqa: S102 (our trees)
        return namespace["leaves"]

    @property
    def keeps_rules(self) -> bool:
        """Does the rules' speaker always stand (margin `NEVER`)? Then only its own features
        matter, for the confidence."""
        return self.margin >= NEVER

    def probability(self, features: tuple[float, ...]) -> float:
        """The model's probability that this candidate spoke, on its own features (not
        normalised over the other candidates: a lone candidate is not thereby certain)."""
        return 1.0 / (1.0 + math.exp(-self.score(features)))

    def calibrated(self, probability: float) -> float:
        """Accuracy observed on held-out folds for this probability (isotonic, interpolated)."""
        xs, ys = self.calibration_x, self.calibration_y
        if not xs:
            return probability
        i = bisect_left(xs, probability)
        if i == 0:
            return ys[0]
        if i >= len(xs):
            return ys[-1]
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 + (y1 - y0) * (probability - x0) / (x1 - x0) if x1 > x0 else y1

    @classmethod
    def from_json(cls, data: dict, features: tuple[str, ...] = FEATURES) -> "Model":
        if tuple(data["features"]) != features:
            raise ValueError("the model was trained on other features: retrain it")
        return cls(
            tuple(data["weights"]),
            data["bias"],
            tuple(data.get("calibration_x", ())),
            tuple(data.get("calibration_y", ())),
            data.get("margin", 0.0),
            tuple(tuple(tuple(node) for node in tree) for tree in data.get("trees", ())),
        )


def _tree_source(tree: tuple[Node, ...], index: int = 0) -> str:
    """`tree` from node `index` as a Python expression of the features `x`: what `_leaf` does
    (repr() writes a float that reads back as the same float)."""
    # int() and float() first: whatever the file holds, only numbers reach the source
    feature, left, right = (int(n) for n in (tree[index][0], *tree[index][2:4]))
    threshold, value = float(tree[index][1]), float(tree[index][4])
    if feature < 0:
        return repr(value)
    return (
        f"({_tree_source(tree, left)} if x[{feature}] <= {threshold!r}"
        f" else {_tree_source(tree, right)})"
    )


def _leaf(tree: tuple[Node, ...], features: tuple[float, ...]) -> float:
    """The value of the leaf `features` reach in `tree`."""
    node = tree[0]
    while node[0] >= 0:
        node = tree[node[2] if features[node[0]] <= node[1] else node[3]]
    return node[4]


@cache
def get_model(language: str) -> Model | None:
    """The committed model of `language`, loaded once; None when there is none."""
    path = MODELS / f"attribution-{language}.json"
    if not path.exists():
        return None
    return Model.from_json(json.loads(path.read_text(encoding="utf-8")))


@cache
def get_speech_model(language: str) -> Model | None:
    """The committed classifier of `language` telling speech from titles, names and scare
    quotes among quoted spans (`train_attribution`); None when there is none."""
    path = MODELS / f"speech-{language}.json"
    if not path.exists():
        return None
    return Model.from_json(json.loads(path.read_text(encoding="utf-8")), SPEECH_FEATURES)


def choose(cands: list[Candidate], model: Model) -> tuple[Candidate, float]:
    """The best candidate and its softmax probability among the quotation's candidates."""
    scores = [model.score(c.features) for c in cands]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    probabilities = [e / sum(exps) for e in exps]
    best = scores.index(top)
    rule = next((i for i, c in enumerate(cands) if c.features[0]), None)  # "rule_choice"
    if rule is not None and probabilities[best] - probabilities[rule] < model.margin:
        best = rule
    return cands[best], probabilities[best]


def rerank(
    quotes: list[ExtractedQuote],
    ctx: ArticleContext,
    sentences: list[tuple[int, int]],
    model: Model,
) -> list[ExtractedQuote]:
    """Each attributed quotation's speaker weighed against the other candidates: replaced only
    when the model's margin allows it (never, as trained today: see `train_attribution`), and
    its confidence the calibrated probability that the speaker is right. A quotation the rules
    left without a speaker gets the model's best candidate, at its (low) confidence, for the
    review desk to confirm or correct: on the held-out folds of our French corpus the model
    names the right speaker of 11 of those 29 quotations, which otherwise have none."""
    occ = _Occurrences.of(ctx)
    out, previous = [], None
    for q in quotes:
        q = speaking(q, ctx)
        cands = candidates(
            q,
            ctx,
            occ,
            previous=previous,
            sentence=_sentence_of(sentences, q),
            rule_only=bool(q.speaker) and model.keeps_rules,
        )
        if not q.speaker and " ".join((q.mention or "").lower().split()) in _PEOPLE_PRONOUNS:
            # "celui-ci" is no organisation, "elle a déclaré que X …" not X
            cands = [c for c in cands if c.type == "person" and not c.features[_SAME_SENTENCE]]
        if cands:
            best, _ = choose(cands, model)
            if name_key(best.name) != name_key(q.speaker or ""):
                q = replace(q, speaker=best.name, speaker_type=best.type, speaker_role=None)
            probability = model.probability(best.features)
            q = replace(q, confidence=round(model.calibrated(probability), 2))
        out.append(q)
        previous = q.speaker or previous
    return out


def speaking(q: ExtractedQuote, ctx: ArticleContext) -> ExtractedQuote:
    """The quotation with the rules' speaker, unless that speaker cannot speak: a description
    whose head is no person, role, body, group, outlet or document ("the decision", "a raft of
    new rules"), in a language that says so (English: +19 −2 speakers on PolNeAR's development
    folds). French rules weigh that earlier and keep the sources a report names ("selon la
    presse régionale"). Left without one, the quotation takes the scorer's candidate."""
    if (
        not q.speaker
        or q.speaker_type != "anonymous"
        or not ctx.lex.lang.speaker_head_must_speak
        or role_may_speak(q.speaker, ctx.lex)
    ):
        return q
    return replace(q, speaker=None, speaker_type=None, speaker_role=None)


def examples(
    quotes: list[ExtractedQuote], ctx: ArticleContext, sentences: list[tuple[int, int]]
) -> list[list[Candidate]]:
    """Candidates of each quotation with the rules' previous speakers (for training)."""
    occ = _Occurrences.of(ctx)
    out, previous = [], None
    for q in quotes:
        q = speaking(q, ctx)
        out.append(candidates(q, ctx, occ, previous=previous, sentence=_sentence_of(sentences, q)))
        previous = q.speaker or previous
    return out


def _sentence_of(sentences: list[tuple[int, int]], q: ExtractedQuote) -> tuple[int, int]:
    i = bisect_left(sentences, (q.start + 1, -1)) - 1
    return sentences[i] if i >= 0 else (q.start, q.end)
