"""Dated roles for attribution: who held an office on a dispatch's date.

`roles_on(day=…)` gives the confirmed roles valid that day as plain data — what the quote engine
receives (it imports no Django). `office_holder` resolves an office description the dispatch never
ties to a name ("le président valmérien", "le ministre de l'Intérieur") to the one holder of a
matching role; `suggest_roles` keeps the roles the engine read next to a name ("X, ministre de …")
as suggestions staff confirm in the admin.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils import timezone

from articles.extraction.names import strip_accents
from articles.models import Article, Person, Role

DEMONYMS_FILE = Path(__file__).parent / "data" / "demonyms.txt"
STOPWORDS = frozenset(
    "le la les l de du des d au aux un une the of a an in for".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class RoleData:
    """A confirmed role, as plain data: the office's words, its organisation or country, and the
    canonical name of its holder."""

    title: str
    organisation: str
    holder: str
    person_id: int
    role_id: int
    start: dt.date | None
    end: dt.date | None


def dispatch_day(article: Article) -> dt.date:
    """The day a dispatch speaks of: its publication date (newsroom time), else its creation."""
    moment = article.published_at or article.first_created or timezone.now()
    return timezone.localtime(moment).date()


def roles_on(*, day: dt.date) -> list[RoleData]:
    """Confirmed roles valid on `day`, with their holders' names. One query."""
    rows = (
        Role.objects.confirmed()
        .valid_on(day)
        .values_list("title", "organisation", "person__name", "person_id", "id", "start", "end")
        .order_by("id")
    )
    return [RoleData(*row) for row in rows]


# --- matching an office description to a role ------------------------------------------------


def _variants(word: str) -> frozenset[str]:
    """A word and its forms without plural or feminine ending ("américaines" → "americain")."""
    forms = {word}
    for form in list(forms):
        if form.endswith("s") and len(form) > 3:
            forms.add(form[:-1])
    for form in list(forms):
        if form.endswith("e") and len(form) > 3:
            forms.add(form[:-1])
    for form in list(forms):
        if form.endswith("nn"):
            forms.add(form[:-1])
    return frozenset(forms)


def _words(text: str) -> list[frozenset[str]]:
    words = _WORD.findall(strip_accents(text).casefold())
    return [_variants(w) for w in words if w not in STOPWORDS]


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a.isdisjoint(b)


@cache
def _demonyms() -> list[list[list[frozenset[str]]]]:
    """Each place line: its phrases as folded words."""
    lines = []
    for line in DEMONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append([_words(phrase) for phrase in line.split(" | ")])
    return lines


def _phrase_in(phrase: list[frozenset[str]], words: list[frozenset[str]]) -> bool:
    return all(any(_same(p, w) for w in words) for p in phrase)


def _organisation_forms(organisation: str) -> list[frozenset[str]]:
    """The organisation's own words and, for a place, the words that stand for it."""
    own = _words(organisation)
    forms = list(own)
    for phrases in _demonyms():
        if any(
            phrase and _phrase_in(phrase, own) and _phrase_in(own, phrase) for phrase in phrases
        ):
            forms += [word for phrase in phrases for word in phrase]
    return forms


@cache
def _synonym_classes(language: str) -> tuple[tuple[str, ...], ...]:
    """Phrases naming the same office ("ministre des affaires étrangères" | "chef de la
    diplomatie"): the engine's own word list, read through its lexicon when it has one."""
    try:
        from articles.extraction.lexicon import get_lexicon

        classes = get_lexicon(language).role_classes
    except (ImportError, AttributeError, ValueError, KeyError, OSError):
        return ()
    return tuple(tuple(" ".join(words) for words, _bare in phrases) for phrases in classes)


def _title_forms(title: str, language: str) -> list[list[frozenset[str]]]:
    own = _words(title)
    forms = [own]
    for phrases in _synonym_classes(language):
        if any(
            _words(p) and _phrase_in(_words(p), own) and _phrase_in(own, _words(p)) for p in phrases
        ):
            forms += [_words(p) for p in phrases if _words(p)]
    return forms


def _match(description: list[frozenset[str]], role: RoleData, language: str) -> str | None:
    """ "qualified" when the description names the office and its organisation or country,
    "bare" when only the office, None when it does not describe this role."""
    for title in _title_forms(role.title, language):
        if not title or not _phrase_in(title, description):
            continue
        rest = [w for w in description if not any(_same(w, t) for t in title)]
        if not rest:
            return "bare"
        organisation = _organisation_forms(role.organisation) if role.organisation else []
        if organisation and all(any(_same(w, o) for o in organisation) for w in rest):
            return "qualified"
    return None


def office_holder(
    description: str, roles: Iterable[RoleData], *, language: str = "fr"
) -> RoleData | None:
    """The role `description` names, when exactly one person holds a matching one.

    A description that names the organisation or country ("le président valmérien") is matched
    against roles of that organisation; one that names only the office ("le ministre de
    l'Intérieur") resolves only when a single person holds such an office that day — two
    ministers of the Interior (two countries) leave it unresolved."""
    words = _words(description)
    if not words:
        return None
    matched: dict[str, list[RoleData]] = {"qualified": [], "bare": []}
    for role in roles:
        how = _match(words, role, language)
        if how:
            matched[how].append(role)
    found = matched["qualified"] or matched["bare"]
    if len({role.person_id for role in found}) != 1:
        return None
    return found[0]


def same_office(a: str, b: str) -> bool:
    """Do two office phrases have the same words (folded)?"""
    left, right = _words(a), _words(b)
    return bool(left) and _phrase_in(left, right) and _phrase_in(right, left)


# --- roles the engine read in a dispatch -----------------------------------------------------


def suggest_roles(
    *,
    article: Article,
    read: Iterable[tuple[Person, str, str]],
    titles: dict[int, list[str]] | None = None,
    insert: Callable[[list[Role]], None] | None = None,
) -> list[Role]:
    """Keep each (person, office as written, evidence) the engine read in `article` as a
    suggested role, unless the person already has that office (suggested or confirmed).

    `titles` (an import's batch) holds the titles of people's roles already read, and is kept
    in step: only the people not in it are read. `insert(roles)` may insert them later."""
    read = [
        (person, " ".join(office.split())[:200], evidence)
        for person, office, evidence in read
        if person.kind == Person.Kind.PERSON and office.strip()
    ]
    if not read:
        return []
    known: dict[int, list[str]] = {} if titles is None else titles
    unread = {person.pk for person, _, _ in read} - known.keys()
    if unread:
        for person_id in unread:
            known[person_id] = []
        rows = Role.objects.filter(person__in=unread).order_by().values_list("person_id", "title")
        for person_id, title in rows:
            known[person_id].append(title)
    created = []
    for person, office, evidence in read:
        if any(same_office(office, title) for title in known.get(person.pk, [])):
            continue
        created.append(
            Role(
                person=person,
                title=office,
                source=Role.Source.TEXT,
                status=Role.Status.SUGGESTED,
                article=article,
                evidence=evidence[:300],
            )
        )
        known.setdefault(person.pk, []).append(office)
    if insert is not None:
        insert(created)
        return created
    return Role.objects.bulk_create(created)
