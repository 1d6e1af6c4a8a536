"""Cut a dispatch body into paragraphs of plain-text segments, some of them quotations, so that
templates can highlight quotes while escaping every character of the wire copy."""

from dataclasses import dataclass

from articles.models import Quote


@dataclass(frozen=True)
class Segment:
    text: str
    quote: Quote | None = None


def body_segments(body: str, quotes: list[Quote]) -> list[list[Segment]]:
    """Paragraphs (split on the blank line) as lists of segments; a quote spanning paragraphs is
    cut at each paragraph boundary. Overlapping quotes: the earlier one wins."""
    spans = sorted(
        (q for q in quotes if q.start is not None and q.end is not None and q.end <= len(body)),
        key=lambda q: (q.start, -q.end),
    )
    paragraphs: list[list[Segment]] = []
    offset = 0
    for text in body.split("\n\n"):
        start, end = offset, offset + len(text)
        segments: list[Segment] = []
        cursor = start
        for quote in spans:
            q_start, q_end = max(quote.start, cursor), min(quote.end, end)
            if q_start >= q_end:
                continue
            if q_start > cursor:
                segments.append(Segment(body[cursor:q_start]))
            segments.append(Segment(body[q_start:q_end], quote))
            cursor = q_end
        if cursor < end:
            segments.append(Segment(body[cursor:end]))
        paragraphs.append(segments)
        offset = end + 2
    return paragraphs
