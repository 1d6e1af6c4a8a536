"""How a stored quotation is shown to people: its words trimmed of the sentence's punctuation,
inner marks balanced, the marks of its language around direct and partial quotations — and
indirect (reported) speech never inside quotation marks, on any surface (pages, feeds, JSON-LD,
the admin, the review desk).

The stored `Quote.text` stays exactly `body[start:end]` (offsets index the body); only its
display changes here. Pure functions: no query, no Django model import.
"""

from __future__ import annotations

import re

from articles.languages import primary_language

# Opening mark → closing mark, for the marks wire copy uses inside a quotation.
PAIRS = {"«": "»", "“": "”", "‹": "›", "„": "“", "‘": "’"}
CLOSERS = {closing: opening for opening, closing in PAIRS.items() if opening != "„"}
ALL_MARKS = '«»“”„‹›"‘’'
# Punctuation that belongs to the sentence around a quotation, not to the quoted words:
# « …Saint-Aulvin, » a-t-il dit → « …Saint-Aulvin ».
_TRAILING = re.compile(r"[\s,;:\u2013\u2014-]+$")
_LEADING = re.compile(r"^[\s,;:.\u2013\u2014-]+")
# The French convention opens every new paragraph of a long quotation with «: inside the
# displayed text those marks are the quotation's own, not inner quotes.
_PARAGRAPH_OPENER = re.compile(r"\s*\n\s*\n\s*[«“\"]?\s*")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")

# The marks readers expect in each language (French: guillemets with a no-break space inside).
MARKS = {"fr": ("«\u00a0", "\u00a0»"), "en": ("“", "”")}
INNER_MARKS = {"fr": ("“", "”"), "en": ("‘", "’")}


def quote_marks(language: str) -> tuple[str, str]:
    """The opening and closing marks of `language` (French ones for any language we lack)."""
    return MARKS.get(primary_language(language or ""), MARKS["fr"])


def _strip_outer_marks(text: str) -> str:
    """Drop marks left alone at either end of the span (a span that took the mark in, or a «
    closing a line)."""
    previous = None
    while previous != text:
        previous = text
        text = text.strip()
        if len(text) > 1 and text[0] in PAIRS and text[-1] == PAIRS[text[0]]:
            text = text[1:-1].strip()
        if text[:1] in '«“„‹"' and not _closes_inside(text, 0):
            text = text[1:]
        if text[-1:] in '»”›"' and not _opens_inside(text, len(text) - 1):
            text = text[:-1]
        text = _LEADING.sub("", _TRAILING.sub("", text))
    return text


def _closes_inside(text: str, index: int) -> bool:
    """Is the opening mark at `index` closed later in `text`?"""
    mark = text[index]
    closing = PAIRS.get(mark, mark)
    return closing in text[index + 1 :]


def _opens_inside(text: str, index: int) -> bool:
    """Is the closing mark at `index` opened earlier in `text`?"""
    mark = text[index]
    opening = CLOSERS.get(mark, mark)
    return opening in text[:index]


def balance(text: str) -> str:
    """Close the inner marks a span opened without closing, and open those it closed without
    opening (« No inch… “What we are … » → … “What we are …”)."""
    stack: list[str] = []
    missing_openers: list[str] = []
    straight_open = False
    for char in text:
        if char == '"':
            straight_open = not straight_open
        elif char in PAIRS:
            stack.append(PAIRS[char])
        elif char in CLOSERS:
            if stack and stack[-1] == char:
                stack.pop()
            elif char in stack:
                stack.remove(char)
            else:
                missing_openers.append(CLOSERS[char])
    if straight_open:
        stack.append('"')
    return "".join(reversed(missing_openers)) + text + "".join(reversed(stack))


def display_text(text: str) -> str:
    """The quotation's words as readers see them: one paragraph, outer marks and the sentence's
    punctuation trimmed, inner marks balanced."""
    text = _PARAGRAPH_OPENER.sub(" ", text or "")
    text = _SPACES.sub(" ", text.replace("\n", " "))
    text = _strip_outer_marks(text)
    # Inner guillemets keep their words on the same line (never « alone at a line end).
    text = re.sub(r"« ", "«\u00a0", re.sub(r" »", "\u00a0»", text))
    return balance(text)


def is_indirect(quote) -> bool:
    return getattr(quote, "kind", "") == "indirect"


def inner_marks(text: str, language: str) -> str:
    """Marks inside a quotation as the language writes them there (“ ” inside French « »,
    ‘ ’ inside English “ ”); straight double quotes paired as they come."""
    opening, closing = INNER_MARKS.get(primary_language(language or ""), INNER_MARKS["fr"])
    out, straight_open = [], False
    for char in text:
        if char in "«“„":
            char = opening
        elif char in "»”":
            char = closing
        elif char == '"':
            char = closing if straight_open else opening
            straight_open = not straight_open
        out.append(char)
    text = "".join(out)
    return text.replace(opening + "\u00a0", opening).replace("\u00a0" + closing, closing)


def quoted(text: str, language: str) -> str:
    """`text` inside the marks of `language`."""
    opening, closing = quote_marks(language)
    return f"{opening}{inner_marks(display_text(text), language)}{closing}"


def plain(quote, *, language: str | None = None) -> str:
    """A quotation as plain text for feeds, titles and the admin: direct and partial ones in
    the marks of their language, indirect speech without any mark."""
    language = language or _language_of(quote)
    if is_indirect(quote):
        return display_text(quote.text)
    return quoted(quote.text, language)


def short(quote, *, limit: int = 60) -> str:
    """`plain` cut to about `limit` characters (the admin's and the review desk's labels)."""
    text = display_text(quote.text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if is_indirect(quote):
        return text
    language = _language_of(quote)
    opening, closing = quote_marks(language)
    return f"{opening}{inner_marks(text, language)}{closing}"


def _language_of(quote) -> str:
    article = getattr(quote, "article", None) if "article" in _cached(quote) else None
    return getattr(article, "language", "") or "fr"


def _cached(quote) -> set[str]:
    """Relations already loaded on `quote` (reading one never costs a query here)."""
    state = getattr(quote, "_state", None)
    return set(getattr(state, "fields_cache", {}) or {})


# Words a noun phrase naming a source may hold besides its nouns and adjectives.
_FUNCTION_WORDS = frozenset(
    [
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "un",
        "une",
        "au",
        "aux",
        "à",
        "en",
        "et",
        "of",
        "the",
        "a",
        "an",
        "and",
        "for",
        "with",
        "at",
        "in",
        "on",
        "from",
        "by",
        "to",
    ]
)
_PRONOUNS = frozenset(
    [
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "lui",
        "celui-ci",
        "celle-ci",
        "ce",
        "dernier",
        "cette",
        "dernière",
        "he",
        "she",
        "they",
        "it",
        "him",
        "her",
        "them",
    ]
)
MENTION_MAX_WORDS = 9
MENTION_MAX_CONTENT_WORDS = 4


def is_real_mention(mention: str) -> bool:
    """Does `mention` look like a way of naming a source (a name, a pronoun, a role: "Karim
    Lestrade", "il", "le président de la Fédération paysanne") rather than a sentence the engine
    took as its mention ("Le texte prévoit d'interdire les prélèvements agricoles")?

    A heuristic for the review desk's display, not the engine: a sentence has more content words
    in lower case than a name or a role, and often punctuation.
    """
    text = " ".join((mention or "").split())
    if not text or any(char in text for char in ".;:!?" + ALL_MARKS):
        return False
    words = text.split()
    if text.casefold() in _PRONOUNS:
        return True
    if len(words) > MENTION_MAX_WORDS:
        return False
    content = [
        word
        for word in (re.sub(r"^[dlDL]['’]", "", w).strip(",") for w in words[1:])
        if word and word[0].islower() and word.casefold() not in _FUNCTION_WORDS
    ]
    return len(content) <= MENTION_MAX_CONTENT_WORDS and "," not in text


_LOWER_FIRST = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "ce",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "the",
        "a",
        "an",
        "it",
        "he",
        "she",
        "they",
        "this",
        "these",
        "that",
        "its",
        "their",
    ]
)


def source_name(quote) -> str:
    """Who speaks, for readers: the speaker's name, else how the dispatch describes the source
    ("une source proche de la direction"), else "unnamed source" in the interface's language."""
    from django.utils.translation import gettext

    speaker = quote.speaker if quote.speaker_id else None
    if speaker is not None:
        return speaker.name
    if quote.mention and is_real_mention(quote.mention):
        return quote.mention
    return gettext("unnamed source")


def reported(quote) -> str:
    """Indirect speech as reported speech in its dispatch's language ("Selon X, …" /
    "According to X, …"): never in quotation marks."""
    from django.utils import translation

    text = display_text(quote.text)
    first = re.split(r"[\s'’]", text, maxsplit=1)[0]
    if first.casefold() in _LOWER_FIRST and text[:1].isupper():
        text = text[0].lower() + text[1:]
    language = _language_of(quote)
    with translation.override(primary_language(language) or "fr"):
        source = source_name(quote)
        return translation.gettext("According to %(source)s, %(text)s") % {
            "source": source,
            "text": text,
        }
