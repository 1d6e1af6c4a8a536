"""Confidence of the rules' attribution: a heuristic score, replaced by the trained scorer's
calibrated probability when a model is committed (scoring.py)."""

import re

from .cues import Cue
from .names import name_key
from .results import ExtractedQuote
from .speakers import Speaker


def heuristic_confidence(
    cue: Cue | None, speaker: Speaker, kind: str, words: int, floating_gap: int
) -> float:
    """Heuristic score, calibrated on the odd half of the dev gold (see evaluate_quotes)."""
    if speaker.name is None:
        return 0.2
    if cue is None:
        base = 0.55 if floating_gap <= 1 else 0.35
    else:
        mention = cue.mention
        mkind = mention.kind if mention is not None else "none"
        base = {
            "incise": 0.9,
            "after": 0.9,
            "before": 0.85,
            "source": 0.85,
            "colon": 0.75,
            "later": 0.75,
        }[cue.position]
        if mkind == "pronoun":
            base -= 0.08
        elif mkind == "description" and mention is not None:
            unresolved = set(name_key(speaker.name).split()) <= set(name_key(mention.text).split())
            # a description the article never tied to a name is the commonest error
            base -= 0.2 if unresolved else 0.05
        elif mkind == "name" and mention is not None and len(speaker.name.split()) < 2:
            base -= 0.1  # a single name the article never gave in full
        elif mkind == "none":
            base -= 0.2
    if speaker.guessed:
        base -= 0.15
    if kind == "partial":
        base -= 0.05
    if words < 4:
        base -= 0.05
    return round(max(0.05, min(0.99, base)), 2)


def cued_quote(
    text: str, start: int, end: int, cue: Cue, speaker: Speaker, kind: str = "indirect"
) -> ExtractedQuote:
    """text[start:end] attributed to `speaker` through `cue`: reported speech, or a
    transcript line ("TATE: …") as a direct quotation."""
    if kind == "indirect":
        conf = max(0.05, heuristic_confidence(cue, speaker, "indirect", 10, 0) - 0.1)
    else:
        conf = heuristic_confidence(cue, speaker, kind, len(re.findall(r"\w+", text[start:end])), 0)
    return ExtractedQuote(
        text=text[start:end],
        start=start,
        end=end,
        kind=kind,
        speaker=speaker.name,
        speaker_type=speaker.type,
        mention=cue.mention.text if cue.mention else None,
        cue=cue.text,
        confidence=round(conf, 2),
        speaker_role=speaker.role,
    )
