"""Quotations: which quoted spans are speech (not a title, a name or scare quotes), direct or
partial, and when two spans are one quotation cut by its cue."""

import math
import re
from dataclasses import dataclass
from typing import NamedTuple

from .cues import Cue, VerbGroup
from .lexicon import Lexicon, listed
from .marks import QuoteSpan
from .speakers import Speaker
from .text import Token

_PARTIAL_OPENERS = listed("partial_openers.txt")


_FULL_BEFORE = listed("full_quotation_after.txt")


FIRST_PERSON = re.compile(
    r"(?i)\b(?:je|j'|j’|nous|on|vous|me|m'|m’|mon|ma|mes|notre|nos|i|we|my|our|us)(?=\W)"
)


MIN_FLOATING_WORDS = 5  # a short quoted term with no cue is a scare quote, a title or a name


@dataclass(slots=True)
class Found:
    """A quotation and its attribution while the article is being processed."""

    span: QuoteSpan
    cue: Cue | None
    group: VerbGroup | None
    kind: str
    speaker: Speaker
    confidence: float
    words: int


def quotation_kind(
    tokens: list[Token], open_i: int, span: QuoteSpan, text: str, lex: Lexicon
) -> str:
    """direct (a whole sentence or clause) or partial (a fragment inside the reporter's one)."""
    content = text[span.start : span.end]
    first_word = re.match(r"[\w'’]+", content)
    starts_upper = content[:1].isupper() or content[:1] in "[(…." or content.startswith("...")
    opener = first_word.group().lower().replace("’", "'") if first_word else ""
    if opener in _PARTIAL_OPENERS and not starts_upper:
        return "partial"
    if starts_upper or open_i == 0:
        return "direct"
    before = tokens[open_i - 1].low if open_i > 0 else ":"
    if before in _FULL_BEFORE or tokens[open_i - 1].quote >= 0:
        return "direct"
    return "partial"


_ADDRESS = re.compile(r"(?:https?:|www\.|//)\S*$|\S*/\S*/\S*$")


class SpanReading(NamedTuple):
    """A quoted span as the walk reads it: its sentence's tokens, the indices of its opening and
    closing marks there, its cue and its number of words."""

    tokens: list[Token]
    open_i: int
    close_i: int
    span: QuoteSpan
    cue: Cue | None
    words: int
    text: str
    lex: Lexicon


def is_address(reading: SpanReading) -> bool:
    """Is the quoted span an address or a path ("sequenceUrl": "//pms.example.fr/…"), code
    the page kept, never words anybody said — whatever a trained model makes of it?"""
    return bool(_ADDRESS.match(reading.text[reading.span.start : reading.span.end].strip()))


def is_speech(reading: SpanReading) -> bool:
    tokens, open_i, close_i, span, cue, words, text, lex = reading
    """Tell reported words from titles, names and scare quotes (the gold's non_quotes)."""
    content = text[span.start : span.end]
    if is_address(reading):
        return False
    attached = cue is not None and cue.position in ("incise", "after", "colon")
    before = tokens[open_i - 1] if open_i > 0 else None
    # « Ma décision est prise. » standing as a sentence of its own is speech, however short
    whole_sentence = (
        (before is None or before.text in (".", "!", "?", "…", "»", "”"))
        and content[:1].isupper()
        and re.search(r"[.!?…]\W*$", content) is not None
        and words >= 3
    )
    if cue is None and words < MIN_FLOATING_WORDS and not whole_sentence:
        return False
    adjacent = (
        cue is not None
        and cue.position == "before"
        and cue.lemma is not None
        and any(t.text == cue.text.split()[-1] for t in tokens[max(0, open_i - 3) : open_i])
    )
    # "X a estimé que la bourde était « anecdotique »": one word in the reported clause
    reported = (
        cue is not None
        and cue.position == "before"
        and cue.lemma is not None
        and any(t.low in ("que", "qu'") for t in tokens[max(0, open_i - 6) : open_i])
    )
    if words < 2 and not attached and not adjacent and not reported:
        return False
    before = tokens[open_i - 1] if open_i > 0 else None
    if (
        lex.lang.possessive_programme_titles
        and before is not None
        and before.low == "s"
        and open_i > 1
        and tokens[open_i - 2].text in ("’", "'")
        and _title_case(content)
        and words <= 6
    ):
        return False  # "on Fox News channel’s “Sunday Morning Futures,” X said": a programme
    if (
        before is not None
        and before.low in lex.title_markers
        and not attached
        and (lex.title_markers[before.low] or content[:1].isupper())
    ):
        return False
    embedded = (
        before is not None
        and before.text not in (":", ",", "«", "“", ".", "!", "?")
        and (before.low not in ("que", "qu'", "that"))
    )
    if (
        embedded
        and content[:1].isupper()
        and not attached
        and words <= 10
        and (not re.search(r"[.!?…]\W*$", content))
    ):
        return False  # « Ferrari Grand Tour », « Le Roi du Drift »: a title or a name
    # « Quantal Quetzal »: a short name in title case (even before a comma and a verb when
    # the sentence holds it: "l'hommage au « Grand Timonier », a déclaré …")
    return not (_title_case(content) and words <= 4 and (not attached or embedded))


def _title_case(content: str) -> bool:
    words = re.findall(r"\w[\w'’-]*", content)
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def continues_after_incise(prev: Found, span: QuoteSpan, text: str) -> bool:
    """Is `span` the second half of a quotation cut by an incise right after `prev`?"""
    if prev.cue is None or prev.cue.position != "after":
        return False
    gap = text[prev.span.close_at + 1 : span.open_at]
    words = re.findall(r"\w+", gap)
    return gap.rstrip().endswith(",") and 0 < len(words) <= 8


# What the speech classifier reads of a quoted span (`speech_features`, in this order): the
# rules' own verdict, the span's size and shape, its cue, and the words on either side.
SPEECH_FEATURES = (
    "rules_say_speech",
    "log_words",
    "log_characters",
    "has_cue",
    "cue_before",
    "cue_after",
    "cue_incise",
    "cue_colon",
    "cue_has_verb",
    "starts_upper",
    "ends_sentence",
    "opens_sentence",
    "after_colon",
    "after_comma",
    "after_que",
    "after_determiner",
    "after_preposition",
    "after_title_marker",
    "after_verb",
    "closes_sentence",
    "before_comma",
    "before_verb",
    "before_conjunction",
    "before_preposition",
    "title_case",
    "first_person",
    "holds_verb",
    "digit_share",
    "next_to_other_quotation",
    "position_in_sentence",
)
_SENTENCE_END = (".", "!", "?", "…", "»", "”", '"')


def speech_features(reading: SpanReading) -> tuple[float, ...]:
    """The span read as the speech classifier sees it (SPEECH_FEATURES): numbers only."""
    tokens, open_i, close_i, span, cue, words, text, lex = reading
    content = text[span.start : span.end]
    before = tokens[open_i - 1].low if open_i > 0 else ""
    after = tokens[close_i + 1].low if close_i + 1 < len(tokens) else ""
    inner = [t.low for t in tokens[open_i + 1 : close_i]]
    position = cue.position if cue else None
    around = tokens[max(0, open_i - 3) : open_i] + tokens[close_i + 1 : close_i + 4]
    own = tokens[open_i].quote
    values = (
        is_speech(reading),
        math.log1p(words),
        math.log1p(len(content)),
        cue is not None,
        position == "before",
        position == "after",
        position == "incise",
        position == "colon",
        cue is not None and cue.lemma is not None,
        content[:1].isupper(),
        re.search(r"[.!?…]\W*$", content) is not None,
        not before or before in _SENTENCE_END,
        before == ":",
        before == ",",
        before in ("que", "qu'", "that"),
        before in lex.determiners,
        before in lex.prepositions,
        before in lex.title_markers,
        before in lex.verb_forms or before in lex.auxiliaries,
        not after or after in (".", "!", "?", "…"),
        after == ",",
        after in lex.auxiliaries or after in lex.verb_forms,
        after in ("et", "ou", "and", "or"),
        after in lex.prepositions,
        _title_case(content),
        FIRST_PERSON.search(content) is not None,
        any(w in lex.auxiliaries or w in lex.verb_forms for w in inner),
        sum(c.isdigit() for c in content) / max(1, len(content)),
        any(t.quote >= 0 and t.quote != own for t in around),
        open_i / max(1, len(tokens)),
    )
    return tuple(float(v) for v in values)
