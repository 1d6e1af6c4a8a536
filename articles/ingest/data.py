"""Plain data the readers return: no Django, no database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field


class IngestError(ValueError):
    """A dispatch that cannot be imported, with where and why.

    ``str()`` gives ``path:line: reason`` (parts that are unknown are left out).
    """

    def __init__(
        self, reason: str, *, line: int | None = None, filename: str | None = None
    ) -> None:
        self.reason = reason
        self.line = line
        self.filename = filename
        super().__init__(reason)

    def __str__(self) -> str:
        where = self.filename or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.reason}" if where else self.reason

    def with_filename(self, filename: str | None) -> IngestError:
        """Return the same error located in ``filename`` (kept when already set)."""
        if filename is None or self.filename is not None:
            return self
        return IngestError(self.reason, line=self.line, filename=filename)


@dataclass(frozen=True)
class PersonHint:
    """A person the dispatch names in its metadata (ninjs people, G2 person subjects)."""

    name: str
    role: str | None = None
    uri: str | None = None


@dataclass
class DispatchData:
    """One dispatch read from bytes, every text field normalised."""

    guid: str | None = None
    version: str | None = None
    headline: str = ""
    headline_derived: bool = False
    body: str = ""
    summary: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    people: list[PersonHint] = field(default_factory=list)
    dateline: str | None = None
    byline: str | None = None
    source: str | None = None
    urgency: int | None = None
    status: str | None = None
    embargo_until: dt.datetime | None = None
    first_created: dt.datetime | None = None
    version_created: dt.datetime | None = None
    format: str = "text"
    encoding: str = "utf-8"
    # What reading changed and the import reports ("removed 1 stray control character…").
    notes: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n") if self.body else []

    @property
    def legacy_encoding(self) -> bool:
        """True when the bytes were not UTF-8 (the import summary reports it)."""
        return self.encoding not in ("utf-8", "utf-16", "ascii")

    def replace(self, **changes) -> DispatchData:
        return dataclasses.replace(self, **changes)
