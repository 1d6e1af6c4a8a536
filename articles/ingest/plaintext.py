"""The agency's plain-text wire: optional header lines, then paragraphs.

date 2016-09 International
guid afp-2016-09-05-0042

Le président russe Vladimir Poutine a estimé lundi…
"""

from __future__ import annotations

import datetime as dt
import re

from .data import DispatchData, IngestError
from .text import (
    check_prose,
    check_size,
    derive_headline,
    normalise_text,
    remove_stray_controls,
    split_dateline,
)

_DATE_HEADER = re.compile(
    r"^\s*date\s+(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?:\s+(?P<section>.*?))?\s*$"
)
_GUID_HEADER = re.compile(r"^\s*guid\s+(?P<guid>\S+)\s*$")
# A line that starts like a header but does not parse is an error, not a paragraph.
_HEADER_LIKE = re.compile(r"^\s*(date\s+\d|guid(\s|$))")


def read_text(text: str, *, encoding: str = "utf-8") -> DispatchData:
    """Read a decoded plain-text dispatch."""
    text = remove_stray_controls(text, what="text")
    check_size(text, what="text")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    data = DispatchData(format="text", encoding=encoding)
    index = 0
    seen: set[str] = set()
    while index < len(lines):
        line = lines[index].lstrip("\ufeff")
        lineno = index + 1
        if not line.strip():
            index += 1
            continue
        if date := _DATE_HEADER.match(line):
            _once("date", seen, lineno)
            data.first_created = data.version_created = _header_date(date, lineno)
            section = " ".join((date["section"] or "").split())
            data.section = section or None
        elif guid := _GUID_HEADER.match(line):
            _once("guid", seen, lineno)
            data.guid = guid["guid"]
        elif _HEADER_LIKE.match(line):
            raise IngestError(
                "malformed header line: expected 'date YYYY-MM[-DD] Section' or 'guid ID'",
                line=lineno,
            )
        else:
            break
        index += 1
    first_body_line = index + 1
    body = normalise_text("\n".join(lines[index:]))
    if not body:
        raise IngestError(
            "no text after the header" if seen else "empty dispatch", line=first_body_line
        )
    try:
        check_prose(body)
    except IngestError as exc:
        raise IngestError(exc.reason, line=first_body_line) from None
    data.body = body
    data.headline = derive_headline(body)
    data.headline_derived = True
    data.dateline = split_dateline(body.split("\n\n", 1)[0])[0]
    return data


def _once(name: str, seen: set[str], lineno: int) -> None:
    if name in seen:
        raise IngestError(f"second '{name}' header line", line=lineno)
    seen.add(name)


def _header_date(match: re.Match, lineno: int) -> dt.datetime:
    # Month-only dates ("2016-09") stand for the first of the month, midnight UTC.
    try:
        return dt.datetime(
            int(match["year"]), int(match["month"]), int(match["day"] or 1), tzinfo=dt.UTC
        )
    except ValueError as exc:
        raise IngestError(f"invalid date in header: {exc}", line=lineno) from None
