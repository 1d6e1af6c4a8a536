"""The single entry point: bytes in, :class:`DispatchData` out, whatever the format."""

from __future__ import annotations

import re
from pathlib import PurePath

from .data import DispatchData, IngestError
from .newsml import read_newsml
from .ninjs import read_ninjs
from .plaintext import read_text
from .text import (
    MAX_INPUT_BYTES,
    collecting_notes,
    decode_bytes,
    detect_language,
    normalise_language,
    remove_stray_controls,
    too_big,
)

FORMATS = ("auto", "text", "ninjs", "newsml")
_TEXT_HEADER = re.compile(rb"(date\s+\d{4}-|guid\s)")
_XML_ENCODING = re.compile(rb"^<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def read_dispatch(
    data: bytes,
    *,
    format: str = "auto",
    filename: str | None = None,
    language: str | None = None,
) -> DispatchData:
    """Read one dispatch.

    ``format`` is ``"auto"`` (sniffed from the content, then the file name), ``"text"``,
    ``"ninjs"`` or ``"newsml"``; ``language`` (BCP 47) overrides what the dispatch says,
    otherwise a dispatch without one has its language detected. Raises :class:`IngestError`
    naming the file, the line when known, and the reason.
    """
    try:
        with collecting_notes() as notes:
            dispatch = _read(data, format=format, filename=filename, language=language)
        dispatch.notes = notes
        return dispatch
    except IngestError as exc:
        raise exc.with_filename(filename) from None


def detect_format(data: bytes, filename: str | None = None) -> str:
    """``text`` for a wire header, ``ninjs`` for JSON, ``newsml`` for XML; else by extension."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    head = start[:1]
    if _TEXT_HEADER.match(start):
        return "text"
    if head == b"{":
        return "ninjs"
    if head == b"<":
        return "newsml"
    suffix = PurePath(filename).suffix.lower() if filename else ""
    return {".json": "ninjs", ".xml": "newsml"}.get(suffix, "text")


def _read(data: bytes, *, format: str, filename: str | None, language: str | None) -> DispatchData:
    if format not in FORMATS:
        raise IngestError(f"unknown format {format!r}: expected one of {', '.join(FORMATS)}")
    if not isinstance(data, (bytes, bytearray)):
        raise IngestError(f"expected bytes, not {type(data).__name__}")
    if len(data) > MAX_INPUT_BYTES:
        # Callers read one byte past the limit, never the whole file: its size is not known.
        raise too_big(None if len(data) == MAX_INPUT_BYTES + 1 else len(data))
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise IngestError("empty file")
    if format == "auto":
        format = detect_format(data, filename)

    if format == "newsml":
        dispatch = read_newsml(bytes(data))
        if match := _XML_ENCODING.match(data):
            dispatch.encoding = match.group(1).decode("ascii").lower()
    else:
        text, encoding = decode_bytes(bytes(data))
        if format == "ninjs":
            # Raw controls: a few stray ones removed, binary data refused with its line; escaped
            # ones by the body checks.
            text = remove_stray_controls(text, what="JSON")
            dispatch = read_ninjs(text, encoding=encoding)
        else:
            dispatch = read_text(text, encoding=encoding)

    if language:
        dispatch.language = normalise_language(language)
    elif not dispatch.language:
        dispatch.language = detect_language(dispatch.body)
    return dispatch
