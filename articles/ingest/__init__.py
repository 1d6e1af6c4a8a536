"""Dispatch readers and writers: bytes in, plain data out (no Django, no database).

Formats: the agency's plain-text wire, IPTC ninjs 1.x–3.x and NewsML-G2 ``newsItem``.
Every reader shares one text normalisation (:func:`normalise_text`).
"""

from .data import DispatchData, IngestError, PersonHint
from .reader import FORMATS, detect_format, read_dispatch
from .text import MAX_BODY_CHARS, MAX_INPUT_BYTES, derive_headline, detect_language, normalise_text

__all__ = [
    "FORMATS",
    "MAX_BODY_CHARS",
    "MAX_INPUT_BYTES",
    "DispatchData",
    "IngestError",
    "PersonHint",
    "derive_headline",
    "detect_format",
    "detect_language",
    "normalise_text",
    "read_dispatch",
]
