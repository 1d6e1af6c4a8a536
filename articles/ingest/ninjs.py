"""IPTC ninjs (News in JSON) 1.x, 2.x (lower-case keys) and 3.x (camelCase keys)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from .data import DispatchData, IngestError, PersonHint
from .html import html_to_text, looks_like_html
from .text import clean_line, derive_headline, normalise_language, prepare_body

PUBSTATUS_TO_STATUS = {"usable": "published", "withheld": "withdrawn", "canceled": "withdrawn"}
SECTION_REL = "section"
QUOTED_REL = "quoted"


def read_ninjs(text: str, *, encoding: str = "utf-8") -> DispatchData:
    """Read one ninjs news item from decoded JSON text."""
    try:
        raw = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno
        ) from None
    except RecursionError:
        raise IngestError("not valid JSON: nested too deeply") from None
    if not isinstance(raw, dict):
        raise IngestError(f"a ninjs item is a JSON object, not {_kind(raw)}", line=1)
    item = _Item(raw)

    uri = item.string("uri")
    if not uri:
        raise IngestError("ninjs item has no 'uri'")
    data = DispatchData(format="ninjs", encoding=encoding, guid=uri)
    version = item.get("version")
    if version is not None:
        if isinstance(version, bool) or not isinstance(version, (str, int)):
            raise IngestError(f"'version' must be a string, not {_kind(version)}")
        data.version = str(version)
    data.version_created = item.datetime("versioncreated")
    data.first_created = item.datetime("firstcreated")
    data.embargo_until = item.datetime("embargoed") or item.datetime("embargoeduntil")

    data.body, body_from_description = _body(item)
    headline = _headline(item)
    if headline:
        data.headline = headline
    else:
        data.headline, data.headline_derived = derive_headline(data.body), True
    if not body_from_description:
        data.summary = _summary(item)

    if language := item.string("language"):
        data.language = normalise_language(language)
    for entry in item.objects("subjects") + item.objects("subject"):
        if not (name := _name(entry, "subjects")):
            continue
        # Our exports give the section as a subject with rel "section" (see write_ninjs).
        if _opt_str(entry, "rel", "subjects") == SECTION_REL and data.section is None:
            data.section = name
        elif name not in data.tags:
            data.tags.append(name)
    data.people = [
        PersonHint(
            name=name, role=_opt_str(entry, "rel", "people"), uri=_opt_str(entry, "uri", "people")
        )
        for entry in item.objects("people")
        if (name := _name(entry, "people"))
    ]
    if located := item.string("located"):
        data.dateline = clean_line(located, what="located")
    if by := item.string("by"):
        data.byline = clean_line(by, what="by")
    source = item.string("copyrightholder")
    if not source and (infosources := item.objects("infosources")):
        source = _name(infosources[0], "infosources")
    data.source = clean_line(source, what="source") if source else None
    data.urgency = _urgency(item.get("urgency"))
    if (pubstatus := item.string("pubstatus")) is not None:
        if pubstatus not in PUBSTATUS_TO_STATUS:
            raise IngestError(f"'pubstatus' {pubstatus!r} is not one of usable, withheld, canceled")
        data.status = PUBSTATUS_TO_STATUS[pubstatus]
    return data


class _Item:
    """A ninjs object read with case-insensitive keys (2.x lower case, 3.x camelCase)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.values = {key.lower(): value for key, value in raw.items()}

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def string(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"'{key}' must be a string, not {_kind(value)}")
        return value

    def datetime(self, key: str) -> dt.datetime | None:
        value = self.string(key)
        return parse_datetime(value, what=key) if value else None

    def objects(self, key: str) -> list[dict[str, Any]]:
        value = self.values.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise IngestError(f"'{key}' must be an array, not {_kind(value)}")
        for entry in value:
            if not isinstance(entry, dict):
                raise IngestError(f"'{key}' entries must be objects, not {_kind(entry)}")
        return [{k.lower(): v for k, v in entry.items()} for entry in value]


def parse_datetime(value: str, *, what: str) -> dt.datetime:
    """An ISO 8601 date-time; one without a zone is taken as UTC."""
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise IngestError(f"'{what}' is not an ISO 8601 date-time: {value[:40]!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _body(item: _Item) -> tuple[str, bool]:
    """The body text and whether it came from a description (no body at all)."""
    plain: list[tuple[bool, str]] = []
    markup: list[tuple[bool, str]] = []
    if body_text := item.string("body_text"):
        plain.append((True, body_text))
    for key in ("body_html", "body_xhtml"):
        if value := item.string(key):
            markup.append((True, value))
    for entry in item.objects("bodies"):
        value = _value(entry, "bodies")
        if not value:
            continue
        main = entry.get("role") in (None, "main")
        contenttype = (_opt_str(entry, "contenttype", "bodies") or "").lower()
        if (
            "html" in contenttype
            or contenttype.endswith("xml")
            or (not contenttype and looks_like_html(value))
        ):
            markup.append((main, value))
        else:
            plain.append((main, value))
    # Main bodies first; among equals the order of the item.
    for candidates, convert in ((plain, False), (markup, True)):
        if candidates:
            _main, value = sorted(candidates, key=lambda c: not c[0])[0]
            text = html_to_text(value) if convert else value
            return prepare_body(text, report_line=False), False
    descriptions = _descriptions(item)
    if descriptions:
        value = max(descriptions, key=len)
        return prepare_body(value, what="description", report_line=False), True
    raise IngestError("ninjs item has no body and no description: nothing to import")


def _descriptions(item: _Item) -> list[str]:
    values: list[str] = []
    for key, is_html in (("description_text", False), ("description_html", True)):
        if value := item.string(key):
            values.append(html_to_text(value) if is_html else value)
    for entry in item.objects("descriptions"):
        if value := _value(entry, "descriptions"):
            contenttype = (_opt_str(entry, "contenttype", "descriptions") or "").lower()
            values.append(
                html_to_text(value) if "html" in contenttype or looks_like_html(value) else value
            )
    return values


def _summary(item: _Item) -> str | None:
    descriptions = _descriptions(item)
    if not descriptions:
        return None
    return prepare_body(descriptions[0], what="description", report_line=False)


def _headline(item: _Item) -> str | None:
    headlines = item.objects("headlines")
    main = [h for h in headlines if h.get("role") in (None, "main")] or headlines
    for entry in main:
        if value := _value(entry, "headlines"):
            if "html" in (_opt_str(entry, "contenttype", "headlines") or "").lower():
                value = html_to_text(value)
            return clean_line(value, what="headline") or None
    if value := item.string("headline"):
        return clean_line(value, what="headline") or None
    return None


def _urgency(value: Any) -> int | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value != int(value)
    ):
        raise IngestError(f"'urgency' must be a whole number, not {value!r}"[:80])
    return int(value)


def _value(entry: dict[str, Any], key: str) -> str:
    value = entry.get("value")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise IngestError(f"'{key}[].value' must be a string, not {_kind(value)}")
    return value


def _opt_str(entry: dict[str, Any], field: str, key: str) -> str | None:
    value = entry.get(field)
    if value is not None and not isinstance(value, str):
        raise IngestError(f"'{key}[].{field}' must be a string, not {_kind(value)}")
    return value or None


def _name(entry: dict[str, Any], key: str) -> str | None:
    value = _opt_str(entry, "name", key) or _opt_str(entry, "literal", key)
    return clean_line(value, what=f"{key} name") if value else None


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        type(None): "null",
    }.get(type(value), "a number")


def _refuse_constant(name: str) -> Any:
    raise IngestError(f"not valid JSON: {name} is not a JSON value")


def write_ninjs(data: DispatchData, *, quoted: list[PersonHint] = ()) -> dict[str, Any]:
    """A ninjs 2.2 item for a dispatch, using only fields the (closed) 2.2 schema allows.

    People mentioned keep their role as ``rel``; quoted speakers are ``{"name", "rel": "quoted",
    "uri"}`` (our documented use of ``rel``). The section travels as a subject with rel
    ``section``, which :func:`read_ninjs` reads back as the section.
    """
    item: dict[str, Any] = {"uri": data.guid}
    if data.version:
        item["version"] = str(data.version)
    if data.version_created:
        item["versioncreated"] = format_datetime(data.version_created)
    if data.language:
        item["language"] = data.language
    item["headlines"] = [{"role": "main", "value": data.headline}]
    item["bodies"] = [{"role": "main", "contenttype": "text/plain", "value": data.body}]
    subjects = [{"name": data.section, "rel": SECTION_REL}] if data.section else []
    subjects += [{"name": tag} for tag in data.tags]
    if subjects:
        item["subjects"] = subjects
    if data.dateline:
        item["located"] = data.dateline
    if data.byline:
        item["by"] = data.byline
    if data.urgency is not None:
        item["urgency"] = data.urgency
    people = [_person(hint, hint.role) for hint in data.people]
    people += [_person(hint, QUOTED_REL) for hint in quoted]
    if people:
        item["people"] = people
    return item


def _person(hint: PersonHint, rel: str | None) -> dict[str, str]:
    person = {"name": hint.name}
    if rel:
        person["rel"] = rel
    if hint.uri:
        person["uri"] = hint.uri
    return person


def format_datetime(value: dt.datetime) -> str:
    """RFC 3339 in UTC with a ``Z``, microseconds kept so a re-import compares equal."""
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


# Characters escaped in JSON so a document can sit inside HTML (<script>, attributes) safely.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def dumps_ninjs(item: dict[str, Any]) -> str:
    """Compact JSON on one line, UTF-8 text kept, ``<``, ``>``, ``&`` escaped as ``\\u003c``…"""
    text = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    # Outside strings JSON never holds these characters, so escaping them everywhere is safe.
    return text.translate(_JSON_ESCAPES)
