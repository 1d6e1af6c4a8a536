"""IPTC NewsML-G2 ``newsItem`` (common subset), parsed with defusedxml: no DTD, no entities."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .data import DispatchData, IngestError, PersonHint
from .html import element_to_text, html_to_text
from .ninjs import PUBSTATUS_TO_STATUS, parse_datetime
from .text import clean_line, derive_headline, normalise_language, prepare_body

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PERSON_TYPES = frozenset({"cpnat:person", "cpnat:Person"})


def read_newsml(data: bytes) -> DispatchData:
    """Read the one ``newsItem`` of a NewsML-G2 document (a bare newsItem or a newsMessage)."""
    item = _news_item(_parse(data))
    guid = (item.get("guid") or "").strip()
    if not guid:
        raise IngestError("newsItem has no guid")
    data = DispatchData(
        format="newsml", guid=guid, version=(item.get("version") or "").strip() or None
    )

    meta = _child(item, "itemMeta")
    content = _child(item, "contentMeta")
    data.version_created = _date(meta, "versionCreated")
    data.first_created = _date(meta, "firstCreated")
    data.embargo_until = _date(meta, "embargoed") or _date(content, "embargoed")
    data.status = _status(meta)
    if (provider := _child(meta, "provider")) is not None:
        data.source = _label(provider)

    data.body = _body(item)
    headline = _text(_child(content, "headline"))
    if headline:
        data.headline = clean_line(headline, what="headline")
    else:
        data.headline, data.headline_derived = derive_headline(data.body), True
    data.summary = _summary(content)

    language = None
    if (tag := _child(content, "language")) is not None:
        language = tag.get("tag")
    language = language or item.get(XML_LANG)
    if language:
        data.language = normalise_language(language)

    data.urgency = _urgency(content)
    data.dateline = _dateline(content)
    data.byline = _byline(content)
    data.people, data.tags = _people_and_tags(content)
    return data


def _parse(data: bytes) -> Element:
    """The root element, every XML failure an IngestError."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(
            f"XML with a DOCTYPE or entity declarations is refused ({type(exc).__name__}): "
            "no external entities, no entity expansion"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":", 1)[0]
        raise IngestError(
            f"not well-formed XML: {message} (column {column + 1})", line=line
        ) from None
    except RecursionError:
        raise IngestError("not well-formed XML: nested too deeply") from None


def _news_item(root: Element) -> Element:
    """The document's one newsItem: the root itself, or the only one inside a newsMessage."""
    items = (
        [root]
        if _local(root.tag) == "newsItem"
        else [e for e in root.iter() if _local(e.tag) == "newsItem"]
    )
    if not items:
        raise IngestError(f"no NewsML-G2 newsItem in this XML (root element <{_local(root.tag)}>)")
    if len(items) > 1:
        raise IngestError(f"{len(items)} newsItems in one file: import them one per file")
    return items[0]


def _status(meta: Element | None) -> str | None:
    if (status := _child(meta, "pubStatus")) is None:
        return None
    qcode = (status.get("qcode") or "").rsplit(":", 1)[-1]
    if qcode not in PUBSTATUS_TO_STATUS:
        raise IngestError(f"unknown pubStatus {status.get('qcode')!r}")
    return PUBSTATUS_TO_STATUS[qcode]


def _summary(content: Element | None) -> str | None:
    """The first description with text whose role is a summary (the default role)."""
    for description in _children(content, "description"):
        if (text := _text(description)) and description.get("role", "drol:summary").endswith(
            "summary"
        ):
            return prepare_body(text, what="description", report_line=False)
    return None


def _urgency(content: Element | None) -> int | None:
    if (urgency := _text(_child(content, "urgency"))) is None:
        return None
    try:
        return int(urgency)
    except ValueError:
        raise IngestError(f"urgency {urgency!r} is not a whole number") from None


def _dateline(content: Element | None) -> str | None:
    """The place the dispatch was filed from: <located>'s name, else the <dateline> text."""
    located = _child(content, "located")
    dateline = _text(_child(content, "dateline"))
    if located is not None and (label := _label(located)):
        return label
    if dateline:
        return clean_line(dateline, what="dateline")
    return None


def _byline(content: Element | None) -> str | None:
    if by := _text(_child(content, "by")):
        return clean_line(by, what="by")
    if (creator := _child(content, "creator")) is not None:
        return _label(creator)
    return None


def _people_and_tags(content: Element | None) -> tuple[list[PersonHint], list[str]]:
    """Person subjects become people; every other subject a tag (each name once)."""
    people: list[PersonHint] = []
    tags: list[str] = []
    for subject in _children(content, "subject"):
        name = _label(subject)
        if not name:
            continue
        if subject.get("type") in PERSON_TYPES:
            uri = subject.get("uri") or subject.get("qcode")
            people.append(PersonHint(name=name, role=subject.get("rel") or "about", uri=uri))
        elif name not in tags:
            tags.append(name)
    return people, tags


def _body(item: Element) -> str:
    content_set = _child(item, "contentSet")
    candidates: list[tuple[int, str]] = []
    for element in _children(content_set, "inlineData") + _children(content_set, "inlineXML"):
        contenttype = (element.get("contenttype") or "").lower()
        if _local(element.tag) == "inlineXML":
            candidates.append((1, element_to_text(element)))
        elif "html" in contenttype:
            candidates.append((1, html_to_text(element.text or "")))
        else:
            candidates.append((0, element.text or ""))
    for _rank, text in sorted(candidates, key=lambda c: c[0]):
        if text.strip():
            return prepare_body(text, report_line=False)
    raise IngestError("newsItem has no inlineXML or inlineData body: nothing to import")


def _date(parent: Element | None, name: str):
    value = _text(_child(parent, name))
    return parse_datetime(value, what=name) if value else None


def _label(element: Element) -> str | None:
    """A G2 concept's human name: its <name> child, else @literal, else @qcode."""
    name = _text(_child(element, "name"))
    value = name or element.get("literal") or element.get("qcode") or _text(element)
    return clean_line(value, what=_local(element.tag)) or None if value else None


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [child for child in parent if _local(child.tag) == name]


def _child(parent: Element | None, name: str) -> Element | None:
    found = _children(parent, name)
    return found[0] if found else None


def _text(element: Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None
