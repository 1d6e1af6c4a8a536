"""Given names and their usual gender, read from unannotated news text (no gold is used).

The hand-kept list (`extraction/data/first_names.txt`) holds the common names; news copy names
many more people from everywhere. Their gender is in the text itself: an article that writes
"Mayssoun Trabelsi" also writes "Mme Trabelsi", or "la ministre Mayssoun Trabelsi". Each
article votes once for a gender of each given name; a name is kept when three articles at least
agree at 90%, and when the word is never a common lower-case word of the corpus ("Génération"
opens a party's name, not a woman's). A name inside a longer name ("Marion Maréchal-Le Pen",
"Valéry Giscard d'Estaing") casts no vote: the given name opens the name.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_GIVEN = r"[A-ZÉÈÀÂÎÔÛÇ][a-zàâäéèêëîïôöûüçñ]+(?:-[A-ZÉÈ][a-zàâäéèêëîïôöûüç]+)?"
_SURNAME = r"(?:(?:de |du |d'|van |von |da |di |le |la |el-|al-)?[A-ZÉÈÀÂÎÔÛÇ][\w'-]+)"
_FULL = re.compile(rf"\b({_GIVEN}) ({_SURNAME})\b")
_HONORIFIC = re.compile(rf"\b(M\.|Mme|Mlle|Madame|Monsieur)\s+((?:{_GIVEN} )?{_SURNAME})")
_TITLED = re.compile(
    rf"\b([Ll][ae]) ((?:[a-zéèêàâîôûç-]+ )?[a-zéèêàâîôûç-]+) ({_GIVEN}) ({_SURNAME})\b"
)
_HONORIFICS = frozenset({"Mme", "Mlle", "Madame", "Monsieur"})
_LOWER_WORD = re.compile(r"\b[a-zàâäéèêëîïôöûüç-]{3,}\b")
_CAPITALISED_BEFORE = re.compile(r"[A-ZÉÈÀÂÎÔÛÇ][\w'-]*[ ]$")

MIN_ARTICLES = 3
MIN_AGREEMENT = 0.9
MAX_LOWER = 5  # times the word may be written lower-case in the whole corpus


def derive(
    texts: Iterable[str], titles: frozenset[str], excluded: frozenset[str]
) -> dict[str, str]:
    """Lower-cased given name → "m" | "f", from the texts; `titles` are the role nouns that
    show a gender after "le" / "la", `excluded` the words never to take for a given name."""
    votes: dict[str, Counter] = defaultdict(Counter)
    lower: Counter = Counter()
    for text in texts:
        lower.update(_LOWER_WORD.findall(text))
        for given, gender in _article_votes(text, titles):
            votes[given][gender] += 1
    names = {}
    for given, counts in votes.items():
        gender, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if (
            total >= MIN_ARTICLES
            and n / total >= MIN_AGREEMENT
            and lower[given] < MAX_LOWER
            and given not in excluded
            and len(given) >= 3
        ):
            names[given] = gender
    return dict(sorted(names.items()))


def _article_votes(text: str, titles: frozenset[str]) -> set[tuple[str, str]]:
    """One vote per (given name, gender) pair and surname the article shows."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in _HONORIFIC.finditer(text):
        male = m.group(1) in ("M.", "Monsieur")
        by_surname[m.group(2).split()[-1]].add("m" if male else "f")
    found = set()
    for m in _FULL.finditer(text):
        genders = by_surname.get(m.group(2).split()[-1], set())
        if len(genders) == 1 and _opens_name(text, m.start()) and m.group(1) not in _HONORIFICS:
            found.add((m.group(1).lower(), m.group(2), next(iter(genders))))
    for m in _TITLED.finditer(text):
        if m.group(2).split()[-1] in titles and _opens_name(text, m.start(3)):
            gender = "f" if m.group(1).lower() == "la" else "m"
            found.add((m.group(3).lower(), m.group(4), gender))
    return {(given, gender) for given, _, gender in found}


def _opens_name(text: str, start: int) -> bool:
    """Is the capitalised word at `start` the first of its name (no capitalised word before)?"""
    return not _CAPITALISED_BEFORE.search(text[max(0, start - 40) : start])
