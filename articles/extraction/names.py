"""Name normalisation shared by the engine and the Django person registry."""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .lexicon import all_honorifics

_WORD = re.compile(r"\w+")


class KnownName(NamedTuple):
    """A name the person registry holds: its canonical form, and what staff filed it as —
    "person", "organization" or "group" — or None where only the engine did (its own guess,
    which the engine does not take back as evidence)."""

    name: str
    kind: str | None = None


def strip_accents(s: str) -> str:
    """Remove combining accents ("Sergueï Lavrov" → "Sergueï"… → "Serguei Lavrov")."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Normalised alias key of a name: casefolded, unaccented, honorifics dropped.

    Hyphens, apostrophes, dots and runs of spaces all become one space, so "Jean-François",
    "Jean François" and "jean  francois" share a key:
    "M. Jean-François Copé" → "jean francois cope".
    """
    words = _WORD.findall(strip_accents(s).casefold().replace("_", " "))
    honorifics = all_honorifics()
    while words and words[0] in honorifics and len(words) > 1:
        words.pop(0)
    if len(words) == 1 and words[0] in honorifics:
        return ""
    return " ".join(words)


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_CAPITALISED_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|du|d'|la|le|al|el|van|von|ben|bin))*"
)


def name_keys(text: str) -> set[str]:
    """The name keys a text may write a registry name under: each run of up to five words of
    its runs of capitalised words (what the registry is read for, and what tells the names an
    article writes from the people the registry holds under a surname it writes alone)."""
    keys: set[str] = set()
    for run in _CAPITALISED_RUN.findall(text):
        words = name_key(run).split()
        for size in range(1, min(len(words), 5) + 1):
            for i in range(len(words) - size + 1):
                keys.add(" ".join(words[i : i + size]))
    keys.discard("")
    return keys
