"""Reads for the review desk: the queue's rows with everything an item shows, the desk's counters
and the speaker type-ahead. Views call these; templates never trigger a query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from math import inf

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from articles.models import Article, Person, PersonAlias, Quote, QuoteDecision, alias_key
from articles.quotations import is_real_mention
from articles.services.quotations import decided_repeats

SEARCH_LIMIT = 10
# Decisions a merge makes on its own are not a reviewer's work of the day.
MERGE_ACTIONS = (QuoteDecision.Action.MERGE, QuoteDecision.Action.UNDO_MERGE)


def review_items(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    """`quotes` with what a review item shows: dispatch and section, proposed speaker, last
    reviewer, the dispatch's people and attributed speakers (candidates), and the history."""
    return quotes.select_related(
        "article__section", "speaker", "reviewed_by", "resolved_role"
    ).prefetch_related(
        "article__people",
        Prefetch(
            "article__quotes",
            queryset=Quote.objects.exclude(status=Quote.Status.REJECTED)
            .filter(speaker__isnull=False)
            .select_related("speaker"),
            to_attr="attributed",
        ),
        Prefetch(
            "decisions",
            queryset=QuoteDecision.objects.select_related("reviewer").order_by("-at", "-id"),
            to_attr="history",
        ),
    )


@dataclass(frozen=True)
class Context:
    """The quotation inside its paragraph: plain text before, the quotation, plain text after."""

    before: str
    text: str
    after: str


def paragraph_context(quote: Quote) -> Context | None:
    """The paragraph(s) holding the quotation, cut around it; None when its anchor is lost."""
    body = quote.article.body
    if quote.start is None or quote.end is None or quote.end > len(body):
        return None
    first = body.rfind("\n\n", 0, quote.start)
    last = body.find("\n\n", quote.end)
    first = 0 if first == -1 else first + 2
    last = len(body) if last == -1 else last
    return Context(body[first : quote.start], body[quote.start : quote.end], body[quote.end : last])


def nearest_first(position: int | None, quoted: Iterable[tuple[Hashable, int | None, str]]):
    """The speakers of `quoted` — (speaker, where their quotation starts, their name) — the one
    whose quotation stands nearest `position` first, then the one quoted most, then by name. A
    quotation whose place is unknown stands farthest."""
    ranks: dict[Hashable, tuple[float, int, str]] = {}
    for speaker, start, name in quoted:
        near = inf if None in (start, position) else abs(start - position)
        distance, count, _ = ranks.get(speaker, (inf, 0, name))
        ranks[speaker] = (min(distance, near), count - 1, name.casefold())
    return sorted(ranks, key=ranks.__getitem__)


def candidate_speakers(quote: Quote) -> list[Person]:
    """The dispatch's other candidate speakers, the likeliest first: the speakers of its other
    quotations, the one whose quotation stands nearest first (then the one quoted most), then
    the other people it mentions, by name; the proposed speaker left out (needs
    `review_items`' prefetches).

    When the engine names the wrong speaker, the right one is most often the speaker of a
    neighbouring quotation: on our corpora's development documents, among the wrong speakers
    whose right one the dispatch's other quotations name, the nearest comes first for 116 of
    193 in French and 60 of 110 in English, the alphabetical order for 92 and 23
    (`evaluate_quotes CORPUS --desk-order`; README, "Review desk")."""
    others = [q for q in quote.article.attributed if q.pk != quote.pk]
    people = {q.speaker_id: q.speaker for q in others}
    quoted = [
        people[pk]
        for pk in nearest_first(
            quote.start, ((q.speaker_id, q.start, q.speaker.name) for q in others)
        )
    ]
    mentioned = sorted(
        (p for p in quote.article.people.all() if p.pk not in people),
        key=lambda person: person.name.casefold(),
    )
    return [person for person in quoted + mentioned if person.pk != quote.speaker_id]


STATUS_LABELS = dict(Quote.Status.choices)


def _pending_counts(quotes: list[Quote]) -> dict[int, int]:
    """Occurrences awaiting review per quotation of `quotes`. One query (none without any)."""
    ids = {q.quotation_id for q in quotes if q.quotation_id}
    if not ids:
        return {}
    rows = (
        Quote.objects.filter(quotation_id__in=ids, status=Quote.Status.SUGGESTED, anchor_lost=False)
        .order_by()
        .values("quotation_id")
        .annotate(n=Count("id"))
        .values_list("quotation_id", "n")
    )
    return dict(rows)


def prepare(quotes) -> list[Quote]:
    """Attach each item's paragraph context, candidate speakers, the status labels of its
    history, and its repeats: an occurrence already decided (`repeat_of`), and for a decided
    item how many repeats still await a decision (`pending_repeats`). Two queries for the repeats
    (none when no item belongs to a quotation yet)."""
    quotes = list(quotes)
    decided = decided_repeats(quotes)
    pending = _pending_counts(quotes)
    for quote in quotes:
        repeat = decided.get(quote.quotation_id)
        quote.repeat_of = repeat if repeat is not None and repeat.pk != quote.pk else None
        others = pending.get(quote.quotation_id, 0) - (quote.status == Quote.Status.SUGGESTED)
        quote.pending_repeats = others if quote.status != Quote.Status.SUGGESTED else 0
        quote.context = paragraph_context(quote)
        quote.candidates = candidate_speakers(quote)
        # A sentence the engine took as its mention is neither shown as one nor offered as an
        # alias (articles.quotations.is_real_mention).
        quote.real_mention = quote.mention if is_real_mention(quote.mention) else ""
        quote.new_person_name, quote.new_person_kind = _new_person(quote)
        quote.can_undo = undoable_decision(quote) is not None
        for decision in getattr(quote, "history", ()):
            decision.status_before = STATUS_LABELS.get(decision.before.get("status"), "")
            decision.status_after = STATUS_LABELS.get(decision.after.get("status"), "")
    return quotes


def _new_person(quote: Quote) -> tuple[str, str]:
    """What "New person from the mention" proposes: the kind the engine read, and the mention
    as written, a body's or a group's as a name ("le parquet de Valmont" → "Parquet de
    Valmont": one the engine only described has no person yet); a person's role ("la
    syndicaliste") is no name to propose but theirs, which the reviewer types."""
    mention = " ".join(quote.real_mention.split())
    if quote.speaker_type not in (Quote.SpeakerType.ORGANIZATION, Quote.SpeakerType.GROUP):
        return mention, Person.Kind.PERSON
    name = mention[PersonAlias.description_opener(mention.split()) :].lstrip()
    return name[:1].upper() + name[1:], quote.speaker_type


@dataclass(frozen=True)
class Counters:
    pending: int
    confirmed_today: int
    per_reviewer: list[dict]


def desk_counters(*, now: dt.datetime | None = None) -> Counters:
    """Quotations awaiting review, confirmations since midnight (newsroom time), and each
    reviewer's decisions and confirmations today. Two queries."""
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    undo = Q(action=QuoteDecision.Action.UNDO)
    rows = list(
        QuoteDecision.objects.filter(at__gte=midnight)
        .exclude(action__in=MERGE_ACTIONS)
        .values("reviewer__username")
        .annotate(
            made=Count("id", filter=~undo),
            undone=Count("id", filter=undo),
            confirmations=Count("id", filter=Q(action=QuoteDecision.Action.CONFIRM)),
            confirmations_undone=Count("id", filter=undo & Q(before__status="confirmed")),
        )
        .order_by("-made", "reviewer__username")
    )
    # An undone decision is no longer work done: it cancels one decision (and one confirmation
    # when it took a confirmation back).
    per_reviewer = [
        {
            "reviewer__username": row["reviewer__username"],
            "decided": row["made"] - row["undone"],
            "confirmed": row["confirmations"] - row["confirmations_undone"],
        }
        for row in rows
    ]
    per_reviewer = [row for row in per_reviewer if row["decided"] > 0]
    return Counters(
        pending=Quote.objects.pending_review().count(),
        confirmed_today=sum(row["confirmed"] for row in per_reviewer),
        per_reviewer=per_reviewer,
    )


FAILED_SHOWN = 5


def failed_attributions() -> list[Article]:
    """The latest dispatches whose attribution failed (one more than shown, to say "more"): they
    have no suggestions on the desk until the engine is rerun. One indexed query."""
    return list(
        Article.objects.filter(attribution_failed_at__isnull=False)
        .only("id", "headline", "attribution_error", "attribution_failed_at")
        .order_by("-attribution_failed_at")[: FAILED_SHOWN + 1]
    )


def undoable_decision(quote: Quote):
    from articles.services.review import undoable_decision as undoable

    return undoable(quote)


def story_items(article_pk: int) -> QuerySet[Quote]:
    """Every quotation of one dispatch in reading order (story mode), with what items show."""
    return review_items(Quote.objects.filter(article_id=article_pk)).order_by(
        F("start").asc(nulls_last=True), "id"
    )


def search_people(text: str, *, limit: int = SEARCH_LIMIT) -> list[Person]:
    """People whose name or one alias contains `text`, or whose normalised alias starts with its
    normalised form ("poutine" finds "M. Poutine" and "Vladimir Poutine"); with their aliases."""
    text = " ".join(text.replace("\x00", "").split())[:100]
    if not text:
        return []
    match = Q(name__icontains=text) | Q(aliases__name__icontains=text)
    key = alias_key(text)
    if key:
        match |= Q(aliases__key__startswith=key) | Q(aliases__key__contains=f" {key}")
    ids = Person.objects.filter(match).values("pk").distinct()
    return list(
        Person.objects.filter(pk__in=ids)
        .prefetch_related(Prefetch("aliases", queryset=PersonAlias.objects.order_by("name")))
        .order_by("name", "pk")[:limit]
    )
