"""The people registry's upkeep: who names someone, descriptions pruned, genders inferred.

`names_someone` tells a name from a description; `prune_described_people` removes the automatic
people made from descriptions before attribution stopped making them.

A person's gender, inferred only from what the dispatches write and from first-name lists.

Evidence, each one vote: an honorific ("Mme", "M.", "Mrs", "Mr") in a name, alias or mention;
the agreement of the words that stand for them ("elle", "a-t-il ajouté", "la ministre", "she");
their first name in the engine's list of usual given names. A person gets a gender when at least
two thirds of the votes agree; otherwise, or without evidence, it stays unknown. The result is
marked as inferred; a gender set by staff is never overwritten.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import batched

from django.db import connection, transaction
from django.db.models import F, QuerySet

from articles.extraction.lexicon import first_name_gender
from articles.extraction.names import strip_accents
from articles.models import Person, PersonMerge, Quote, QuoteDecision


def names_someone(speaker: str) -> bool:
    """Does the engine's speaker name someone ("Camille Ardouin", "le Parquet national
    financier" as "Parquet national financier", "CGT") rather than describe them? The engine
    writes the sources it only describes in lower case, without their article ("parquet",
    "autorités sanitaires", "sources concordantes", "ministère de la santé"): one in ten of the
    speakers of a person's, an organisation's or a group's type in 1,500 OrangeSum dispatches,
    each of which would otherwise become a Person of the registry (README, "Quote engine")."""
    return any(char.isupper() for char in speaker)


def prune_described_people(*, apply: bool = False) -> list[Person]:
    """The automatic people made from a description before attribution stopped making them
    (`names_someone`): those no reviewer has touched — no decided or reviewed quotation, no
    merge, role, Wikidata link or description, no alias but their own name. With `apply`, their
    suggestions keep the mention and lose the speaker (their version bumped, so a reviewer's
    open page sees the change) and the people are deleted, in one transaction. Returns them."""
    automatic = Person.objects.filter(
        origin=Person.Origin.AUTOMATIC, wikidata_qid="", description=""
    ).order_by("pk")
    found = [p for p in automatic.only("pk", "name", "kind") if not names_someone(p.name)]
    touched: set[int] = set()
    for chunk in batched([p.pk for p in found], 500):  # SQLite bounds a statement's parameters
        touched |= _touched(chunk)
    found = [p for p in found if p.pk not in touched]
    if apply and found:
        with transaction.atomic():
            for chunk in batched([p.pk for p in found], 500):
                quotes = Quote.objects.filter(speaker__in=chunk)
                quotes.update(speaker=None, version=F("version") + 1)
                Person.objects.filter(pk__in=chunk).delete()
    return found


def _touched(ids) -> set[int]:
    """Those of the people `ids` a reviewer touched, or that hold more than a name."""
    quotes = Quote.objects.filter(speaker__in=ids)
    decided = quotes.exclude(status=Quote.Status.SUGGESTED, reviewed_by=None)
    touched = set(decided.values_list("speaker_id", flat=True))
    decisions = QuoteDecision.objects.filter(quote__speaker__in=ids)
    touched |= set(decisions.values_list("quote__speaker_id", flat=True))
    people = Person.objects.filter(pk__in=ids)
    touched |= set(people.filter(roles__isnull=False).values_list("pk", flat=True))
    touched |= set(PersonMerge.objects.filter(keep__in=ids).values_list("keep_id", flat=True))
    aliases = Counter(people.values_list("aliases__person_id", flat=True))
    return touched | {pk for pk, n in aliases.items() if n > 1}


MENTIONS_READ = 50
_WORD = re.compile(r"[\w'’-]+")
WOMAN, MAN = Person.Gender.WOMAN, Person.Gender.MAN
HONORIFICS = {
    "mme": WOMAN,
    "madame": WOMAN,
    "mlle": WOMAN,
    "mademoiselle": WOMAN,
    "mrs": WOMAN,
    "ms": WOMAN,
    "miss": WOMAN,
    "m": MAN,
    "monsieur": MAN,
    "mr": MAN,
}
PRONOUNS = {"elle": WOMAN, "she": WOMAN, "her": WOMAN, "il": MAN, "he": MAN, "him": MAN}
# A determiner agreeing with a role noun: "la ministre", "une porte-parole"; "le ministre".
DETERMINERS = {"la": WOMAN, "une": WOMAN, "cette": WOMAN, "le": MAN, "un": MAN, "ce": MAN}
# An inverted subject in the cue: "a-t-elle ajouté", "poursuit-il".
CUE_PRONOUN = re.compile(r"-(?:t-)?(elle|il)\b")


def _words(text: str) -> list[str]:
    return [w.strip("'’-") for w in _WORD.findall(strip_accents(text).casefold().replace(".", " "))]


def mention_votes(text: str, *, name: str = "") -> list[str]:
    """Votes a mention or alias gives: its honorific, its pronoun, or its determiner before a
    role noun (never before the person's own name: "le Racing" says nothing of anyone)."""
    words = _words(text)
    if not words:
        return []
    first = words[0]
    if first in HONORIFICS and len(words) > 1:
        return [HONORIFICS[first]]
    if len(words) == 1 and first in PRONOUNS:
        return [PRONOUNS[first]]
    if first in DETERMINERS and len(words) > 1:
        own = set(_words(name))
        if words[1] not in own and not text.split()[1][:1].isupper():
            return [DETERMINERS[first]]
    return []


def cue_votes(cue: str) -> list[str]:
    found = CUE_PRONOUN.search(cue.casefold())
    return [PRONOUNS[found.group(1)]] if found else []


def infer_gender(person: Person, *, mentions: list[str], cues: list[str]) -> str:
    """The gender the evidence shows (see the module), or unknown."""
    if person.kind != Person.Kind.PERSON:
        return Person.Gender.UNKNOWN
    votes: list[str] = []
    first = person.name.split()[0] if person.name.split() else ""
    by_name = first_name_gender(first) if first else None
    if by_name in ("f", "m"):
        votes.append(WOMAN if by_name == "f" else MAN)
    for text in mentions:
        votes += mention_votes(text, name=person.name)
    for cue in cues:
        votes += cue_votes(cue)
    if not votes:
        return Person.Gender.UNKNOWN
    gender, count = Counter(votes).most_common(1)[0]
    return gender if count * 3 >= 2 * len(votes) else Person.Gender.UNKNOWN


@transaction.atomic
def infer_genders(*, people: QuerySet[Person] | None = None) -> int:
    """Infer the gender of `people` (default: everyone) whose gender staff did not set; return
    how many changed. Reads each person's aliases and latest quotations' mentions and cues."""
    people = (people if people is not None else Person.objects.all()).filter(
        kind=Person.Kind.PERSON
    )
    people = people.exclude(gender_source=Person.GenderSource.STAFF).prefetch_related("aliases")
    changed: list[Person] = []
    people = list(people)
    latest: dict[int, list[tuple[str, str]]] = {}
    for chunk in batched([person.pk for person in people], 100):
        latest.update(_latest_mentions(chunk))
    for person in people:
        mentions = [alias.name for alias in person.aliases.all()]
        cues = []
        for mention, cue in latest.get(person.pk, []):
            mentions.append(mention)
            cues.append(cue)
        gender = infer_gender(person, mentions=mentions, cues=cues)
        source = "" if gender == Person.Gender.UNKNOWN else Person.GenderSource.INFERRED
        if (person.gender, person.gender_source) != (gender, source):
            person.gender, person.gender_source = gender, source
            changed.append(person)
    # One UPDATE per (gender, source) pair, not a CASE per person (what bulk_update writes).
    by_value: dict[tuple[str, str], list[int]] = {}
    for person in changed:
        by_value.setdefault((person.gender, person.gender_source), []).append(person.pk)
    for (gender, source), ids in by_value.items():
        for chunk in batched(ids, 500):
            Person.objects.filter(pk__in=chunk).update(gender=gender, gender_source=source)
    return len(changed)


def _latest_mentions(person_ids) -> dict[int, list[tuple[str, str]]]:
    """The mention and cue of each person's latest MENTIONS_READ quotations not rejected, newest
    first: one statement for them all, each part walking the (speaker, -id) index."""
    table = connection.ops.quote_name(Quote._meta.db_table)
    # Only the table's own name is formatted in; every value is a parameter.
    part = (
        f"SELECT * FROM (SELECT speaker_id, id, mention, cue FROM {table} "  # noqa: S608
        "WHERE speaker_id = %s AND status <> %s ORDER BY id DESC LIMIT %s) AS latest"
    )
    sql = " UNION ALL ".join([part] * len(person_ids))
    params = []
    for person_id in person_ids:
        params += [person_id, Quote.Status.REJECTED, MENTIONS_READ]
    found: dict[int, list[tuple[int, str, str]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for speaker_id, quote_id, mention, cue in cursor.fetchall():
            found.setdefault(speaker_id, []).append((quote_id, mention, cue))
    return {
        speaker_id: [(mention, cue) for _, mention, cue in sorted(rows, reverse=True)]
        for speaker_id, rows in found.items()
    }
