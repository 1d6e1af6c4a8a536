"""BCP 47 language tags, stored in one canonical spelling ("fr", "en", "nb-NO", "zh-Hant-TW")."""

import re

_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")
ATTRIBUTION_LANGUAGES = frozenset({"fr", "en"})


def normalise_language(tag: str) -> str:
    """Return the canonical spelling of a BCP 47 tag; raise ValueError for a malformed one.

    Case follows RFC 5646 conventions: language lower-case, script title-case, region upper-case.
    "fr_FR" (POSIX style) is accepted and written "fr-FR".
    """
    parts = tag.strip().replace("_", "-").split("-")
    if not parts or not re.fullmatch(r"[A-Za-z]{2,8}", parts[0]):
        raise ValueError(f"not a BCP 47 language tag: {tag!r}")
    if not all(_SUBTAG.fullmatch(part) for part in parts[1:]):
        raise ValueError(f"not a BCP 47 language tag: {tag!r}")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def primary_language(tag: str) -> str:
    """The primary language subtag: "fr-CA" → "fr"."""
    return tag.split("-", 1)[0].lower()
