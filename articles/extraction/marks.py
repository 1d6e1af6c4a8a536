"""Quotation marks: find the top-level quoted spans of a body (nesting, multi-paragraph)."""

import re
from dataclasses import dataclass

# Opening → closing mark of each family. Straight double quotes open and close alike.
PAIRS = {"«": "»", "“": "”", "‹": "›", '"': '"'}
# Two apostrophes stand for a straight double quote in some archives (''like this'').
TWIN_APOSTROPHES = "''"
STRAIGHT = ('"', TWIN_APOSTROPHES)
CLOSERS = {v: k for k, v in PAIRS.items()}
SPACES = " \t\u00a0\u202f\u2009\u2007\n"
_OPEN_BEFORE = set(SPACES) | set("([{—–-/'’:«“\u2018")
# a transcript's speaker label in capitals after a paragraph's opening mark ("“TATE: …")
_LABEL = re.compile(r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3} ?:\s")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One top-level quotation: mark offsets and the trimmed content between them."""

    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark
    start: int  # content start (after the mark and spaces)
    end: int  # content end (before the spaces and the closing mark)
    multi_paragraph: bool = False


def _straight_role(text: str, i: int, width: int = 1) -> str:
    """Guess whether a straight double quote at `i` opens or closes, from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in _OPEN_BEFORE and after not in SPACES:
        return "open"
    if after in SPACES or not after.isalnum():
        return "close"
    return "open"


def _events(text: str, lo: int, hi: int) -> list[tuple[int, str, str]]:
    """(offset, "open"/"close", family opener) for every quotation mark in text[lo:hi]."""
    out = []
    i = lo - 1
    while i + 1 < hi:
        i += 1
        c = text[i]
        if text.startswith(TWIN_APOSTROPHES, i) and i + 2 <= hi and text[i + 2 : i + 3] != "'":
            out.append((i, _straight_role(text, i, 2), TWIN_APOSTROPHES))
            i += 1
        elif c == '"':
            out.append((i, _straight_role(text, i), '"'))
        elif c in PAIRS:
            out.append((i, "open", c))
        elif c in CLOSERS:
            out.append((i, "close", CLOSERS[c]))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    while pos <= len(text):
        nxt = text.find("\n\n", pos)
        end = len(text) if nxt < 0 else nxt
        spans.append((pos, end))
        if nxt < 0:
            break
        pos = nxt + 2
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in SPACES:
        start += 1
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return start, end


def _opener_at(text: str, lo: int, hi: int, family: str) -> int:
    """Offset of the mark `family` that opens the paragraph text[lo:hi], or -1."""
    i = lo
    while i < hi and text[i] in SPACES:
        i += 1
    return i if i < hi and text.startswith(family, i) else -1


def _opens_label(text: str, lo: int, hi: int, family: str) -> bool:
    """Does the paragraph open with the mark `family` and a transcript's speaker label
    ("“TATE: …")? Each such paragraph is its own speaker's: the quotation before it ends."""
    i = _opener_at(text, lo, hi, family)
    return i >= 0 and _LABEL.match(text, i + len(family), hi) is not None


def find_quotations(text: str) -> list[QuoteSpan]:
    """Top-level quotations of `text`, in order; marks nested inside a quotation stay inside it.

    A quotation left open at the end of a paragraph continues when the next paragraph opens with
    the same mark (the French and English convention for quotations over several paragraphs);
    otherwise it is dropped as a stray mark.
    """
    spans: list[QuoteSpan] = []
    paragraphs = _paragraphs(text)
    carry: tuple[int, str] | None = None  # (open offset, family) of a multi-paragraph quotation
    for p_index, (lo, hi) in enumerate(paragraphs):
        stack: list[tuple[int, str]] = []
        events = _events(text, lo, hi)
        multi = carry is not None
        if carry is not None:
            stack.append(carry)
            carry = None
            # the continuation mark at the paragraph start is not a new quotation
            if events and events[0][1] == "open" and events[0][2] == stack[0][1]:
                events = events[1:]
        for pos, role, family in events:
            if family in STRAIGHT and any(f == family for _, f in stack):
                role = "close"
            elif (
                family == '"'
                and stack
                and stack[-1][1] == "“"
                and _straight_role(text, pos) == "close"
                and "”" not in text[pos:hi]
            ):
                # “Mixed marks," she said: a straight mark closes the curly one left open
                role, family = "close", "“"
            if role == "open":
                stack.append((pos, family))
                continue
            if not stack:
                continue  # stray closing mark
            outer_open, outer_family = stack[0]
            # close the innermost quotation of this family (and anything opened inside it)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == family:
                    del stack[depth:]
                    break
            else:
                if family in STRAIGHT:
                    continue
                del stack[-1:]
            if not stack:
                start, end = _trimmed(text, outer_open + len(outer_family), pos)
                if end > start:
                    spans.append(QuoteSpan(outer_open, pos, start, end, multi))
                multi = False
        if stack:
            outer = stack[0]
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            if nxt is not None and _opens_label(text, nxt[0], nxt[1], outer[1]):
                start, end = _trimmed(text, outer[0] + len(outer[1]), hi)
                if end > start:
                    spans.append(QuoteSpan(outer[0], hi, start, end, multi))
            elif nxt is not None and _opener_at(text, nxt[0], nxt[1], outer[1]) >= 0:
                carry = outer
    return spans
