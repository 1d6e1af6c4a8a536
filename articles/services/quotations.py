"""One quotation across its repeats: occurrences (`Quote` rows) of the same words by the same
speaker in different dispatches are one `Quotation`, and a reviewer's decision on one occurrence
is offered for the others.

Two occurrences are the same quotation when they have the same speaker, are both quoted (direct
or partial) or both reported (indirect), stand in different dispatches, and their normalised
words (case and accents folded) overlap by at least 80% of each — the "strict" overlap of the
engine's evaluation (`articles/extraction/evaluation.py`). A new occurrence is compared with the
speaker's latest `CANDIDATES` quotations only: agencies repeat a quotation within days, and the
cost of grouping must not grow with a speaker's archive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from articles.extraction.names import strip_accents
from articles.models import Quotation, Quote

OVERLAP = 0.8
CANDIDATES = 200
_WORD = re.compile(r"\w+")


def quote_words(text: str) -> str:
    """The normalised words of a quotation, space-separated: case and accents folded."""
    return " ".join(_WORD.findall(strip_accents(text).casefold()))


def same_words(a: str, b: str) -> bool:
    """Do two normalised texts share at least 80% of the words of each?"""
    if a == b:
        return bool(a)
    return _overlap(Counter(a.split()), Counter(b.split()))


def _overlap(left: Counter, right: Counter) -> bool:
    if not left or not right:
        return False
    small, large = sorted((left.total(), right.total()))
    if small < OVERLAP * large:  # 80% of each side needs sizes within 80% of each other
        return False
    common = sum((left & right).values())
    return common >= OVERLAP * large


@dataclass
class _Group:
    quotation: Quotation
    articles: set[int] = field(default_factory=set)
    counter: Counter = field(init=False)

    def __post_init__(self) -> None:
        self.counter = Counter(self.quotation.words.split())

    def matches(self, words: str, counter: Counter) -> bool:
        if words == self.quotation.words:
            return bool(words)
        return _overlap(counter, self.counter)


class QuotationGrouper:
    """Candidate quotations per (speaker, indirect), loaded once and kept in memory, in step
    with the quotations it places (`clear` forgets them, after a write it did not make)."""

    def __init__(self, *, preload: bool = True) -> None:
        self.groups: dict[tuple[int, bool], list[_Group]] = {}
        self.preload = preload

    def clear(self) -> None:
        self.groups.clear()

    def add_speakers(self, speaker_ids: Iterable[int]) -> None:
        """People just created: they have no quotation to read."""
        for speaker_id in speaker_ids:
            for indirect in (False, True):
                self.groups.setdefault((speaker_id, indirect), [])

    def candidates(self, speaker_id: int, indirect: bool) -> list[_Group]:
        key = (speaker_id, indirect)
        if key not in self.groups:
            found: list[_Group] = []
            if self.preload:
                quotations = list(
                    Quotation.objects.filter(speaker_id=speaker_id, indirect=indirect).order_by(
                        "-id"
                    )[:CANDIDATES]
                )
                by_id = {q.pk: _Group(q) for q in quotations}
                rows = (
                    Quote.objects.filter(quotation_id__in=by_id)
                    .order_by()
                    .values_list("quotation_id", "article_id")
                )
                for quotation_id, article_id in rows:
                    by_id[quotation_id].articles.add(article_id)
                found = list(by_id.values())
            self.groups[key] = found
        return self.groups[key]

    def place(self, quote: Quote, words: str) -> tuple[Quotation, bool]:
        """The quotation `quote` belongs to, and whether it is new (unsaved)."""
        indirect = quote.kind == Quote.Kind.INDIRECT
        if quote.speaker_id is None:
            return Quotation(speaker=None, indirect=indirect, text=quote.text, words=words), True
        groups = self.candidates(quote.speaker_id, indirect)
        counter = None  # the words counted once for all the candidates, when needed
        for group in groups:
            if quote.article_id in group.articles:
                continue
            if words != group.quotation.words and counter is None:
                counter = Counter(words.split())
            if group.matches(words, counter):
                group.articles.add(quote.article_id)
                return group.quotation, False
        quotation = Quotation(
            speaker_id=quote.speaker_id, indirect=indirect, text=quote.text, words=words
        )
        groups.insert(0, _Group(quotation, {quote.article_id}))
        del groups[CANDIDATES:]
        return quotation, True


def _fits(quote: Quote, quotation: Quotation, words: str) -> bool:
    return (
        quotation.speaker_id == quote.speaker_id
        and quotation.speaker_id is not None
        and quotation.indirect == (quote.kind == Quote.Kind.INDIRECT)
        and same_words(words, quotation.words)
    )


def group_new_quotes(
    *,
    quotes: list[Quote],
    grouper: QuotationGrouper,
    insert: Callable[[list[Quotation]], None] | None = None,
) -> None:
    """Put each of `quotes` — new occurrences of one dispatch, not yet saved, in the order they
    will be inserted — in its quotation, as `group_quotes` does once they are saved: the
    speaker's matching quotation, else a new one (the new ones inserted together). `grouper`
    may serve the dispatches of a batch stored one after the other: it
    keeps in step with what it writes, so each dispatch finds what `group_quotes` would read.
    `insert(quotations)` may insert the new ones later, before the quotes (which then take
    their ids)."""
    _place_in_bulk(quotes, grouper, insert=insert)


def _place_in_bulk(
    quotes: list[Quote],
    grouper: QuotationGrouper,
    before: Callable[[Quote], None] | None = None,
    insert: Callable[[list[Quotation]], None] | None = None,
) -> None:
    """Place each of `quotes` with `grouper` (after `before(quote)`, if given), the new
    quotations inserted together (or handed to `insert`), each quote's `quotation` set."""
    created: list[Quotation] = []
    for quote in quotes:
        if before is not None:
            before(quote)
        quotation, new = grouper.place(quote, quote_words(quote.text))
        if new:
            created.append(quotation)
        quote.quotation = quotation
    if insert is not None:
        insert(created)
        return
    Quotation.objects.bulk_create(created)
    for quote in quotes:
        quote.quotation_id = quote.quotation.pk


@transaction.atomic
def group_quotes(*, quotes: Iterable[Quote]) -> None:
    """Put each of `quotes` (saved rows) in its quotation: kept where it still fits, else the
    speaker's matching quotation, else a new one. Quotations left empty are deleted."""
    quotes = [q for q in quotes if q.pk]
    current = {
        q.pk: q
        for q in Quotation.objects.filter(pk__in={q.quotation_id for q in quotes if q.quotation_id})
    }
    grouper = QuotationGrouper()
    left: set[int] = set()
    for quote in sorted(quotes, key=lambda q: q.pk):
        words = quote_words(quote.text)
        quotation = current.get(quote.quotation_id)
        if quotation is not None and _fits(quote, quotation, words):
            continue
        if quote.quotation_id:
            left.add(quote.quotation_id)
        # Not its own quotation's other occurrences: exclude this dispatch from none but itself.
        quotation, new = grouper.place(quote, words)
        if new:
            quotation.save()
        quote.quotation = quotation
        Quote.objects.filter(pk=quote.pk).update(quotation=quotation)
    if left:
        Quotation.objects.filter(pk__in=left, occurrences__isnull=True).delete()


def group_all_quotes(*, batch_size: int = 2000) -> int:
    """Group every quotation not yet in one (after a migration, a bulk load), oldest first, in
    bulk: one pass, the candidates kept in memory. Returns how many were placed."""
    placed = 0
    grouper = QuotationGrouper(preload=False)
    pending = Quote.objects.filter(quotation__isnull=True).order_by("id")
    # Speakers whose quotations are already grouped: their candidates come from the database.
    grouped_speakers = set(
        Quotation.objects.exclude(speaker=None).values_list("speaker_id", flat=True).distinct()
    )

    def preload(quote: Quote) -> None:
        if quote.speaker_id in grouped_speakers:
            grouper.preload = True
            grouper.candidates(quote.speaker_id, quote.kind == Quote.Kind.INDIRECT)
            grouper.preload = False

    last = 0
    while True:
        rows = list(
            pending.filter(id__gt=last).only(
                "id", "text", "kind", "speaker_id", "article_id", "quotation_id"
            )[:batch_size]
        )
        if not rows:
            return placed
        with transaction.atomic():
            _place_in_bulk(rows, grouper, before=preload)
            Quote.objects.bulk_update(rows, ["quotation"])
        placed += len(rows)
        last = rows[-1].pk


# --- one decision for every repeat ----------------------------------------------------------


def pending_repeats(quote: Quote) -> list[Quote]:
    """The other occurrences of `quote`'s quotation still awaiting a decision."""
    if quote.quotation_id is None:
        return []
    return list(
        Quote.objects.filter(quotation_id=quote.quotation_id, status=Quote.Status.SUGGESTED)
        .filter(anchor_lost=False)
        .exclude(pk=quote.pk)
        .select_related("article")
        .order_by("id")
    )


def decided_repeats(quotes: Iterable[Quote]) -> dict[int, Quote]:
    """For each quotation among `quotes`' ones, an occurrence a reviewer already decided on
    (confirmed or corrected first, else rejected), with its dispatch. One query."""
    ids = {q.quotation_id for q in quotes if q.quotation_id}
    if not ids:
        return {}
    found: dict[int, Quote] = {}
    rows = (
        Quote.objects.filter(quotation_id__in=ids)
        .filter(
            Q(status__in=[Quote.Status.CONFIRMED, Quote.Status.CORRECTED, Quote.Status.REJECTED])
        )
        .select_related("article")
        .order_by("id")
    )
    for row in rows:
        held = found.get(row.quotation_id)
        if held is None or (held.status == Quote.Status.REJECTED and row.status != held.status):
            found[row.quotation_id] = row
    return found


@dataclass
class RepeatsResult:
    """What `apply_to_repeats` did with each pending repeat."""

    applied: list[Quote] = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    refused: list[tuple[Quote, str]] = field(default_factory=list)


def apply_to_repeats(
    *, quote: Quote, reviewer: AbstractBaseUser, expected_version: int | None = None
) -> RepeatsResult:
    """Take the decision made on `quote` (confirmed or corrected → confirm; rejected → reject)
    for each of its pending repeats, each recorded as its own decision that names `quote`."""
    from django.core.exceptions import ValidationError

    from articles.services import review

    quote = Quote.objects.get(pk=quote.pk)
    if expected_version is not None and quote.version != expected_version:
        raise review._conflict(quote.pk)
    if quote.status in (Quote.Status.CONFIRMED, Quote.Status.CORRECTED):
        decide = review.confirm_quote
    elif quote.status == Quote.Status.REJECTED:
        decide = review.reject_quote
    else:
        raise ValidationError(_("Decide on this quotation first."))
    note = _("Same decision as its repeat #%(pk)d.") % {"pk": quote.pk}
    result = RepeatsResult()
    for repeat in pending_repeats(quote):
        try:
            result.applied.append(
                decide(quote=repeat, reviewer=reviewer, expected_version=repeat.version, note=note)
            )
        except review.ReviewConflict as conflict:
            result.conflicts.append(conflict)
        except ValidationError as error:
            result.refused.append((repeat, " ".join(error.messages)))
    return result
