"""Markup (HTML, XHTML, NITF) to plain text: blocks become paragraphs, no markup survives."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body.content",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hl1",
        "hl2",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Elements whose content is never text for the reader.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "template",
        "head",
        "title",
        "noscript",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "select",
        "textarea",
        "button",
        "audio",
        "video",
        "body.head",
        "body.end",
        "media",
    ]
)
_SPACES = re.compile(r"[ \t\n\r\f]+")


def _local(tag: str) -> str:
    # "ns0:p", "{http://www.w3.org/1999/xhtml}p" and "P" all name a paragraph.
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


class _TextCollector:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skipping = 0

    def start(self, tag: str) -> None:
        name = _local(tag)
        if name in SKIP_TAGS:
            self.skipping += 1
        elif name == "br":
            self.parts.append("\n")
        elif name in BLOCK_TAGS:
            self.parts.append("\n\n")

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif name in BLOCK_TAGS:
            self.parts.append("\n\n")

    def text(self, data: str) -> None:
        if not self.skipping and data:
            self.parts.append(_SPACES.sub(" ", data))

    def result(self) -> str:
        return "\n".join(line.strip() for line in "".join(self.parts).split("\n"))


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.collector = _TextCollector()

    def handle_starttag(self, tag, attrs):
        self.collector.start(tag)

    def handle_startendtag(self, tag, attrs):
        # <br/> or <script/>: a void element opens nothing to skip.
        if _local(tag) == "br":
            self.collector.start(tag)

    def handle_endtag(self, tag):
        self.collector.end(tag)

    def handle_data(self, data):
        self.collector.text(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or document: entities decoded; tags, scripts, styles dropped.

    The result still needs :func:`articles.ingest.text.normalise_text`.
    """
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    return parser.collector.result()


def element_to_text(element: Element) -> str:
    """Plain text of an already parsed XML element (NewsML-G2 ``inlineXML``: XHTML or NITF)."""
    collector = _TextCollector()

    def walk(node: Element) -> None:
        if not isinstance(node.tag, str):  # comments and processing instructions
            collector.text(node.tail or "")
            return
        collector.start(node.tag)
        collector.text(node.text or "")
        for child in node:
            walk(child)
        collector.end(node.tag)
        collector.text(node.tail or "")

    collector.text(element.text or "")
    for child in element:
        walk(child)
    return collector.result()


def looks_like_html(value: str) -> bool:
    return bool(
        re.search(
            r"<(p|br|div|h[1-6]|ul|ol|li|b|i|em|strong|a|span|blockquote)\b[^>]*>", value, re.I
        )
    )
