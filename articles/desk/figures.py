"""The sourcing dashboard's figures: who the published dispatches quote.

Only reviewed quotations count (confirmed or corrected by a reviewer), anchored in a published
dispatch; each occurrence counts (a quotation repeated in three dispatches was read three
times). Gender is the speaker's (people only; inferred from the text or set by staff, unknown by
default). Five queries, whatever the archive: the unreviewed count, one row per month (every
breakdown is summed from it), people by gender, the most quoted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Person, Quote, Section, Tag, published_condition

MOST_QUOTED = 10
GENDERS = (
    ("women", _("women"), Q(speaker__kind="person", speaker__gender=Person.Gender.WOMAN)),
    ("men", _("men"), Q(speaker__kind="person", speaker__gender=Person.Gender.MAN)),
    ("unknown", _("unknown"), Q(speaker__kind="person", speaker__gender=Person.Gender.UNKNOWN)),
)
TYPES = (
    ("person", _("persons"), Q(speaker_type=Quote.SpeakerType.PERSON)),
    ("organization", _("organisations"), Q(speaker_type=Quote.SpeakerType.ORGANIZATION)),
    ("group", _("groups"), Q(speaker_type=Quote.SpeakerType.GROUP)),
    ("anonymous", _("unnamed sources"), Q(speaker_type=Quote.SpeakerType.ANONYMOUS)),
    ("unknown", _("speaker not identified"), Q(speaker_type=Quote.SpeakerType.UNKNOWN)),
)
KINDS = (
    ("direct", _("direct"), Q(kind=Quote.Kind.DIRECT)),
    ("partial", _("partial"), Q(kind=Quote.Kind.PARTIAL)),
    ("indirect", _("indirect (reported speech)"), Q(kind=Quote.Kind.INDIRECT)),
)
BREAKDOWNS = (("gender", GENDERS), ("type", TYPES), ("kind", KINDS))


@dataclass(frozen=True)
class Scope:
    """What the figures cover: a period of publication, a section, a tag, a language."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    section: Section | None = None
    tag: Tag | None = None
    language: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    quotations: int
    people: int | None = None


@dataclass
class Figures:
    reviewed: int
    unreviewed: int
    gender: list[Row]
    type: list[Row]
    kind: list[Row]
    most_quoted: list[dict]
    months: list[dict] = field(default_factory=list)

    def share(self, row: Row) -> int:
        """Percentage of the reviewed quotations (rounded)."""
        return round(100 * row.quotations / self.reviewed) if self.reviewed else 0


def scoped(scope: Scope) -> QuerySet[Quote]:
    """Quotations anchored in published dispatches within `scope`, any status."""
    quotes = Quote.objects.filter(anchor_lost=False).filter(published_condition(prefix="article__"))
    zone = timezone.get_current_timezone()
    if scope.date_from:
        start = dt.datetime.combine(scope.date_from, dt.time.min, tzinfo=zone)
        quotes = quotes.filter(article__published_at__gte=start)
    if scope.date_to:
        end = dt.datetime.combine(scope.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        quotes = quotes.filter(article__published_at__lt=end)
    if scope.section:
        quotes = quotes.filter(article__section=scope.section)
    if scope.tag:
        tagged = Article.tags.through.objects.filter(tag=scope.tag).values("article_id")
        quotes = quotes.filter(article_id__in=tagged)
    if scope.language:
        quotes = quotes.filter(article__language=scope.language)
    # The model's default order would split every GROUP BY below.
    return quotes.order_by()


def sourcing_figures(scope: Scope) -> Figures:
    quotes = scoped(scope)
    reviewed = quotes.reviewed()
    unreviewed = quotes.filter(status=Quote.Status.SUGGESTED).count()
    columns = {
        f"{name}_{key}": Count("id", filter=condition)
        for name, rows in BREAKDOWNS
        for key, _label, condition in rows
    }
    months = list(
        reviewed.annotate(month=TruncMonth("article__published_at"))
        .values("month")
        .annotate(total=Count("id"), **columns)
        .order_by("month")
    )
    people = dict(
        reviewed.filter(speaker__kind=Person.Kind.PERSON)
        .values("speaker__gender")
        .annotate(n=Count("speaker", distinct=True))
        .values_list("speaker__gender", "n")
    )
    most_quoted = list(
        reviewed.filter(speaker__isnull=False)
        .values("speaker__name", "speaker__slug", "speaker__kind", "speaker__gender")
        .annotate(quotations=Count("id"))
        .order_by("-quotations", "speaker__name")[:MOST_QUOTED]
    )
    gender_people = {"women": "woman", "men": "man", "unknown": "unknown"}

    def total(name: str, key: str) -> int:
        return sum(month[f"{name}_{key}"] for month in months)

    return Figures(
        reviewed=sum(month["total"] for month in months),
        unreviewed=unreviewed,
        gender=[
            Row(key, str(label), total("gender", key), people.get(gender_people[key], 0))
            for key, label, _ in GENDERS
        ],
        type=[Row(key, str(label), total("type", key)) for key, label, _ in TYPES],
        kind=[Row(key, str(label), total("kind", key)) for key, label, _ in KINDS],
        most_quoted=most_quoted,
        months=months,
    )


def month_label(month: dt.datetime | dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"
