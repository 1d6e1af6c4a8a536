"""The engine's output: one quotation with its speaker, as plain frozen data."""

from dataclasses import dataclass, field

KINDS = ("direct", "partial", "indirect")
SPEAKER_TYPES = ("person", "organization", "group", "anonymous", "unknown")


@dataclass(frozen=True, slots=True)
class ExtractedQuote:
    """A quotation found in an article body, with offsets into that body.

    `text == body[start:end]`: for direct and partial quotations the words between the marks
    (an incise inside the marks included); for indirect speech the reported content.
    """

    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_type: str
    mention: str | None
    cue: str | None
    confidence: float
    speaker_role: str | None = None
    candidates: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        """The JSON-friendly form printed by `extract_quotes` (management command)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_type": self.speaker_type,
            "mention": self.mention,
            "cue": self.cue,
            "confidence": self.confidence,
        }
