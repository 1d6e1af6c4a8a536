"""The one text normalisation every reader shares, and the checks that refuse non-prose.

``Article.body`` is the output of :func:`normalise_text`, and every offset in the product
indexes it, so the function is deterministic and idempotent.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from articles import languages

from .data import IngestError

# A whole dispatch file; larger inputs are refused before any parsing.
MAX_INPUT_BYTES = 8 * 1024 * 1024
# Normalised body text; a wire dispatch is a few thousand characters, a long feature 50,000.
MAX_BODY_CHARS = 2_000_000
HEADLINE_MAX_CHARS = 110

# Control characters refused: Unicode category Cc (exactly U+0000–U+001F and U+007F–U+009F) but
# tab, newline and carriage return. A regular expression, not a Python step per character: reading
# a dispatch is 5× faster (bench_import).
_REFUSED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# A few stray control characters in real text (a mojibake remnant such as U+0083, a form feed
# pasted from a word processor) are removed, and the reader says so; more than this — a few per
# text plus one per 5,000 characters — or any NUL is binary data, refused whole.
STRAY_CONTROLS_ALLOWED = 3
STRAY_CONTROLS_PER_CHARS = 5_000
_notes: ContextVar[list[str] | None] = ContextVar("ingest_notes", default=None)

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def line_of(text: str | bytes, index: int) -> int:
    """1-based line number of ``index`` in ``text`` (CRLF, LF and lone CR all end a line)."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    cr = b"\r" if isinstance(text, bytes) else "\r"
    head = text[:index]
    crlf = b"\r\n" if isinstance(text, bytes) else "\r\n"
    return head.count(newline) + head.count(cr) - head.count(crlf) + 1


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode dispatch bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1.

    Returns ``(text, encoding)``; the encoding is reported when it is a legacy one.
    A file that is mostly UTF-8 with broken bytes is refused rather than read as cp1252
    mojibake.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", offset=3, raw=data), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", offset=0, raw=data), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            raise IngestError(
                "truncated: the file ends inside a UTF-8 character", line=line_of(data, exc.start)
            ) from None
        # Mostly valid UTF-8 sequences with a few broken bytes: a damaged UTF-8 file, which
        # cp1252 would turn into mojibake. Legacy text or noise has few valid sequences.
        high = sum(1 for byte in data if byte >= 0x80)
        in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
        if in_sequences >= high / 2:
            raise IngestError(
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x}): the file mixes encodings",
                line=line_of(data, exc.start),
            ) from None
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # latin-1 decodes any byte; the control-character check then refuses binary data.
        return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, encoding: str, *, offset: int, raw: bytes) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"invalid {encoding.upper()} despite its byte order mark",
            line=line_of(raw, exc.start + offset),
        ) from None


def check_controls(text: str, *, what: str = "text", report_line: bool = True) -> None:
    """Refuse NUL and every other Cc control character except tab and newline.

    Format characters (Cf: soft hyphen U+00AD, zero-width space U+200B…) are kept.
    """
    match = _REFUSED_CONTROL.search(text)
    if match is None:
        return
    index, char = match.start(), match.group()
    name = "NUL" if char == "\0" else unicodedata.name(char, "control character")
    line = line_of(text, index)
    reason = f"{what} holds control character U+{ord(char):04X} ({name}): binary data, not text"
    if report_line:
        raise IngestError(reason, line=line)
    raise IngestError(f"{reason} ({what} line {line})")


MIN_PROSE_LETTERS = 12
MIN_PROSE_WORDS = 3


@contextmanager
def collecting_notes() -> Iterator[list[str]]:
    """Collect what the checks changed while reading one dispatch (``DispatchData.notes``)."""
    notes: list[str] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def remove_stray_controls(text: str, *, what: str = "text", report_line: bool = True) -> str:
    """``text`` without a few stray control characters (noted); binary data refused as by
    :func:`check_controls`."""
    if _REFUSED_CONTROL.search(text) is None:
        return text
    found = _REFUSED_CONTROL.findall(text)
    allowed = STRAY_CONTROLS_ALLOWED + len(text) // STRAY_CONTROLS_PER_CHARS
    if "\0" in text or len(found) > allowed:
        check_controls(text, what=what, report_line=report_line)
    codes = ", ".join(sorted({f"U+{ord(char):04X}" for char in found}))
    note = f"{what}: removed {len(found)} stray control character(s) ({codes})"
    notes = _notes.get()
    if notes is not None and note not in notes:
        notes.append(note)
    return _REFUSED_CONTROL.sub("", text)


def size_in_mib(size: int) -> str:
    """A size as every limit is stated: in MiB (2**20 bytes)."""
    return f"{size / 2**20:.1f} MiB"


def too_big(size: int | None) -> IngestError:
    """A file over `MAX_INPUT_BYTES`; `size` None when only a part of it was read."""
    limit = size_in_mib(MAX_INPUT_BYTES).replace(".0 ", " ")
    if size is None:
        return IngestError(f"file is over the {limit} limit")
    return IngestError(f"file is {size_in_mib(size)}, over the {limit} limit")


def check_prose(text: str, *, what: str = "body") -> None:
    """Refuse text with too few letters or words to be prose (random bytes decode as latin-1)."""
    tokens = text.split()
    visible = sum(map(len, tokens))  # str.split() drops exactly the str.isspace() characters
    letters = sum(map(str.isalpha, text))
    if letters < 2:
        raise IngestError(f"{what} has no words")
    if letters / visible < 0.5:
        raise IngestError(f"{what} is not prose: only {letters} letters in {visible} characters")
    if visible / len(tokens) > 30:
        raise IngestError(f"{what} is not prose: no word breaks")
    if letters < MIN_PROSE_LETTERS or len(tokens) < MIN_PROSE_WORDS:
        # "ok", "test", a stray byte order mark and a newline: not a dispatch.
        raise IngestError(
            f"{what} is too short to be a dispatch: {len(tokens)} words, {letters} letters"
        )


def check_size(text: str, *, what: str = "body") -> None:
    if len(text) > MAX_BODY_CHARS:
        raise IngestError(
            f"{what} is {len(text):,} characters, over the limit of {MAX_BODY_CHARS:,}"
        )


def normalise_text(text: str) -> str:
    """Normalise text: LF line ends, NFC, no trailing spaces, one blank line between paragraphs.

    Paragraphs are blocks separated by blank lines; a text without any blank line between two
    blocks has one paragraph per line. Line breaks inside a paragraph are kept. The result has
    no leading or trailing blank line, and normalising twice changes nothing.
    """
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )
    text = unicodedata.normalize("NFC", text)
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        # A byte order mark at a line's edge is an encoding artefact, not a character.
        line = raw.strip().strip("\ufeff").strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if len(blocks) == 1:
        blocks = [[line] for line in blocks[0]]
    return "\n\n".join("\n".join(block) for block in blocks)


def clean_line(value: str, *, what: str) -> str:
    """Normalise a one-line field (headline, byline…): NFC, whitespace runs collapsed."""
    value = remove_stray_controls(value, what=what, report_line=False)
    return " ".join(unicodedata.normalize("NFC", value).split())


def prepare_body(text: str, *, what: str = "body", report_line: bool = True) -> str:
    """Check and normalise a body: controls, size, then the normalisation, then prose."""
    text = remove_stray_controls(text, what=what, report_line=report_line)
    check_size(text, what=what)
    body = normalise_text(text)
    if not body:
        raise IngestError(f"{what} is empty")
    check_prose(body, what=what)
    return body


# --- language -------------------------------------------------------------------------------


def normalise_language(tag: str) -> str:
    """Canonical BCP 47 spelling (``FR`` → ``fr``, ``nb_no`` → ``nb-NO``); refuse a bad tag."""
    try:
        return languages.normalise_language(tag)
    except ValueError:
        raise IngestError(f"language {tag!r} is not a BCP 47 tag") from None


@functools.cache
def _identifier():
    # Imported lazily: the model takes a second to load and `manage.py check` must stay instant.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str:
    """Guess the language of prose (ISO 639-1 code, e.g. ``fr``) with py3langid."""
    language, _score = _identifier().classify(text[:20_000])
    return normalise_language(language)


# --- derived headline -----------------------------------------------------------------------

# Words that end with a full stop without ending a sentence (French and English wire copy).
_ABBREVIATIONS = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "dr",
        "pr",
        "me",
        "mgr",
        "st",
        "ste",
        "gen",
        "gén",
        "col",
        "cdt",
        "lt",
        "sgt",
        "cie",
        "etc",
        "av",
        "apr",
        "env",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "prof",
        "rev",
        "gov",
        "sen",
        "rep",
        "no",
        "vol",
        "art",
        "p",
        "ex",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”’)]*(?=\s|$)")
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ .-]+(?:,\s*[^()\n]{1,40}?)?)"
    r"\s*\((?P<agency>[A-Za-z][\w .-]{0,20})\)\s*[-–—]+\s*"
)


def split_dateline(lede: str) -> tuple[str | None, str]:
    """Split ``PARIS, 5 sept (AFP) - text`` into ``("PARIS, 5 sept", "text")``."""
    match = _DATELINE.match(lede)
    if not match:
        return None, lede
    return match["place"].strip().rstrip(","), lede[match.end() :]


def first_sentence(text: str) -> str:
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start()].split()
        word = before[-1].lower() if before else ""
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue
        return text[: match.end()].strip()
    return text.strip()


def derive_headline(body: str, *, limit: int = HEADLINE_MAX_CHARS) -> str:
    """A headline from the lede: its first sentence, cut on a word boundary to ``limit`` chars."""
    lede = body.split("\n\n", 1)[0].replace("\n", " ")
    _dateline, lede = split_dateline(lede)
    sentence = first_sentence(lede)
    if len(sentence) <= limit:
        return (
            sentence.rstrip(".").strip()
            if sentence.endswith(".") and not sentence.endswith("..")
            else sentence
        )
    cut = sentence[: limit - 1]
    if not sentence[limit - 1].isspace():
        cut = cut.rsplit(None, 1)[0] if " " in cut else cut
    # Prefer ending on a clause (a comma past the middle) to a word in mid-phrase.
    clause = max(cut.rfind(", "), cut.rfind("; "), cut.rfind(" : "))
    if clause >= limit // 2:
        cut = cut[:clause]
    cut = _drop_open_quote(cut)
    return cut.rstrip(" ,;:-–—") + "…"


def _drop_open_quote(cut: str) -> str:
    """Cut before a quotation the truncation left open, when enough headline remains."""
    opening = -1
    if cut.count("«") > cut.count("»"):
        opening = cut.rfind("«")
    elif cut.count('"') % 2:
        opening = cut.rfind('"')
    elif cut.count("“") > cut.count("”"):
        opening = cut.rfind("“")
    if opening >= 40:
        return cut[:opening]
    return cut
