"""A speaker page's sidebars and its timeline's first page: computed live, or read from the
speaker's summary.

The sidebars ("dispatches quoting them", "other dispatches about them", "often quoted alongside")
and the tag filter's choices look at the speaker's latest public quotations and group the
quotations of their dispatches: on PostgreSQL four statements of ≈ 0.5–1.6 ms each, half of it
planning (docs/performance.md). The timeline's first page shows each quotation once with its
repeats: a walk over every occurrence of the speaker's when they repeat few quotations (700 rows
for bench_site's most quoted speaker), then a count per quotation. `SpeakerSummary` keeps their
result per person, so the page reads a handful of rows by primary key instead.

Kept in step by the database itself, whatever writes (review decisions, imports and attribution,
merges, editors' saves, publishing and withdrawing, tag merges, deletes, bulk updates, raw SQL):
triggers on the tables the sidebars read bump the `version` of every summary a row change can
touch (creating the row when missing), and `refresh` rebuilds the stale ones — the task worker,
or ``manage.py refresh_speaker_summaries``. A summary not rebuilt since, or holding a dispatch
not yet out (`ready_at`: a schedule or an embargo), is not read: the page computes its sidebars
itself, as before.

A summary is computed with the live sidebars' own queries, at a moment past every schedule
(`EVERYTHING`): what readers will see once its dispatches are all out. Which rows a change can
touch (the triggers' `affected` queries):

- a quotation confirmed or corrected, before or after the change (suggestions are shown to no
  one; sites that show them, ``NEWSROOM_SHOW_SUGGESTED_QUOTES``, never read summaries): its
  speaker, the speakers of every such quotation of its dispatch (quoted alongside), and those of
  every such occurrence of its quotation (the timeline's repeats; a change of quotation too);
- a dispatch's status, publication time or embargo: its speakers, the people it mentions and the
  speakers of its quotations' occurrences;
- a dispatch's tags: its speakers; its mentions: the people mentioned;
- a person's name (the "alongside" order): the speakers of the dispatches quoting them.
"""

# SQL here is assembled from this module's constant table and column names only.
# ruff: noqa: S608

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.expressions import RawSQL

from articles.models import Article, Person, Quote, SpeakerSummary, Tag, shown_condition
from articles.prepared import prepared

SIDEBAR_COUNT = 10
SIDEBAR_SCOPE = 100
# The timeline's first page and one row more (articles.views.PAGE_SIZE + 1: a test holds them
# equal): the row more tells the page there is an older page.
TIMELINE_ROWS = 21
# A moment past every schedule and embargo: a summary holds what readers will see.
EVERYTHING = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


# --- the live sidebars -------------------------------------------------------------------------
# Compiled once per process (articles.prepared). `at` is the moment that decides what is
# published; `person` a primary key.


def _latest_quoted(person: int, *, at) -> QuerySet:
    """The dispatches of the speaker's latest public quotations: the sidebars and the tag choices
    look at these only, so the page costs the same for the most quoted speaker of a million
    dispatches as for a newcomer."""
    return Quote.objects.public_by(person, at=at).values("article_id")[:SIDEBAR_SCOPE]


def _latest_mentions(person: int) -> QuerySet:
    # The latest mentions, through the (person, article) index of the mentions.
    return (
        Article.people.through.objects.filter(person=person)
        .order_by("-article_id")
        .values("article_id")[:SIDEBAR_SCOPE]
    )


@prepared
def speaker_tags(*, person: int, at) -> QuerySet:
    """The tags of the dispatches of the speaker's latest quotations (the filter's choices)."""
    quoted = _latest_quoted(person, at=at)
    return Article.tags.through.objects.filter(article_id__in=quoted).values("tag_id")


@prepared
def quoted_in(*, person: int, at) -> QuerySet:
    quoted = _latest_quoted(person, at=at)
    return Article.objects.listed(at=at).filter(pk__in=quoted)[:SIDEBAR_COUNT]


@prepared
def mentioned_in(*, person: int, at) -> QuerySet:
    quoted = _latest_quoted(person, at=at)
    listed = Article.objects.listed(at=at)
    return listed.filter(pk__in=_latest_mentions(person)).exclude(pk__in=quoted)[:SIDEBAR_COUNT]


@prepared
def quoted_alongside(*, person: int, at) -> QuerySet:
    """Speakers quoted in the same dispatches (their quotations are public: the dispatches are)."""
    quoted = _latest_quoted(person, at=at)
    # One join to the quotations, filtered and counted: a subquery of their ids cost PostgreSQL
    # a second lookup of each quotation (EXPLAIN ANALYZE at 100k, docs/performance.md).
    return (
        Person.objects.filter(shown_condition("quotes__"), quotes__article_id__in=quoted)
        .exclude(pk=person)
        .only("name", "slug")
        .annotate(shared=Count("quotes__article", distinct=True))
        .order_by("-shared", "name")[:SIDEBAR_COUNT]
    )


# --- the sidebars from a summary -----------------------------------------------------------------


@prepared
def _listed_among(count: int, *, at, **ids) -> QuerySet:
    """Those (at most SIDEBAR_COUNT) dispatches as the sidebars list them."""
    return Article.objects.listed(at=at).filter(pk__in=[ids[f"id{n}"] for n in range(count)])


@prepared
def _people_among(count: int, **ids) -> QuerySet:
    return Person.objects.filter(pk__in=[ids[f"id{n}"] for n in range(count)]).only("name", "slug")


@prepared
def _tags_among(count: int, **ids) -> QuerySet:
    return Tag.objects.filter(pk__in=[ids[f"id{n}"] for n in range(count)])


@prepared
def _quotes_among(count: int, **ids) -> QuerySet:
    """Those quotations' occurrences as the timeline reads them (their dispatch, not its body)."""
    quotes = Quote.objects.filter(pk__in=[ids[f"id{n}"] for n in range(count)])
    return quotes.select_related("article").defer("article__body").order_by("-id")


def _numbered(ids: list[int]) -> dict:
    return {f"id{n}": pk for n, pk in enumerate(ids)}


def listed_among(ids: list[int], *, at) -> list[Article]:
    """The dispatches `ids` newest first, as the live sidebar lists them (no query for none)."""
    return _listed_among(len(ids), at=at, **_numbered(ids)) if ids else []


def tags_among(ids: list[int]) -> list[Tag]:
    """The tags `ids` in the order tags are listed (no query for none)."""
    return _tags_among(len(ids), **_numbered(ids)) if ids else []


def people_among(pairs: list[list[int]]) -> list[Person]:
    """The people of `pairs` ([person id, dispatches shared]) in that order, each with `shared`."""
    if not pairs:
        return []
    found = {p.pk: p for p in _people_among(len(pairs), **_numbered([pk for pk, _ in pairs]))}
    return _in_order(found, pairs, "shared")


def timeline_among(pairs: list[list[int]]) -> list[Quote]:
    """The occurrences of `pairs` ([occurrence id, repeats], newest first), each with `repeats`,
    as the live timeline gives them (no query for none)."""
    if not pairs:
        return []
    found = {q.pk: q for q in _quotes_among(len(pairs), **_numbered([pk for pk, _ in pairs]))}
    return _in_order(found, pairs, "repeats")


def _in_order(found: dict, pairs: list[list[int]], attribute: str) -> list:
    """The objects of `found` (by id) in the order of `pairs` ([id, value]), each with
    `attribute` set to its value; an id no longer found is left out."""
    ordered = []
    for pk, value in pairs:
        if pk in found:
            setattr(found[pk], attribute, value)
            ordered.append(found[pk])
    return ordered


def current(person: Person, *, at) -> SpeakerSummary | None:
    """`person`'s summary (read with them: ``select_related("summary")``) when the page may use
    it at `at`: rebuilt since the last change, every dispatch in it out by then, suggestions
    hidden (the summaries hold shown quotations only)."""
    try:
        summary = person.summary
    except SpeakerSummary.DoesNotExist:
        return None
    if summary is None or not summary.is_current or settings.NEWSROOM_SHOW_SUGGESTED_QUOTES:
        return None
    if summary.ready_at is not None and summary.ready_at > at:
        return None
    return summary


@dataclass
class Sidebars:
    """What the page shows beside the timeline: the tag choices' ids (a subquery or a list), and
    three callables the full page calls (a fragment never does); with the summary, the
    timeline's first page too (`first_page`, else None: the page reads it itself)."""

    tag_ids: list[int] | RawSQL
    quoted_in: Callable[[], list[Article]]
    mentioned_in: Callable[[], list[Article]]
    alongside: Callable[[], list[Person]]
    first_page: Callable[[], list[Quote]] | None = None


def sidebars(person: Person, *, at) -> Sidebars:
    """`person`'s sidebars at `at`: from their summary when current, else computed."""
    summary = current(person, at=at)
    if summary is not None:
        return Sidebars(
            tag_ids=summary.tags,
            quoted_in=lambda: listed_among(summary.quoted_in, at=at),
            mentioned_in=lambda: listed_among(summary.mentioned_in, at=at),
            alongside=lambda: people_among(summary.alongside),
            first_page=(
                None if summary.timeline is None else lambda: timeline_among(summary.timeline)
            ),
        )
    pk = person.pk
    return Sidebars(
        tag_ids=speaker_tags.expression(person=pk, at=at),
        quoted_in=lambda: quoted_in(person=pk, at=at),
        mentioned_in=lambda: mentioned_in(person=pk, at=at),
        alongside=lambda: quoted_alongside(person=pk, at=at),
    )


# --- building summaries ---------------------------------------------------------------------------


def _timeline(person: int, *, at) -> list[Quote]:
    """The speaker's unfiltered timeline's first page (and one row more) at `at`, as
    articles.views reads it: each quotation once, with its repeats."""
    quotes = Quote.objects.public_by(person, at=at).once_per_quotation(at=at)
    return list(quotes.only("id", "quotation_id", "article_id")[:TIMELINE_ROWS])


def compute(person: int) -> dict:
    """The summary's fields for `person`, from the live queries at `EVERYTHING`, and `ready_at`:
    the moment every dispatch they look at is out (None: all are) — the timeline's repeats
    count every occurrence of its quotations, so theirs too."""
    at = EVERYTHING
    quoted = [row["article_id"] for row in _latest_quoted(person, at=at)]
    tags = Article.tags.through.objects.filter(article_id__in=quoted)
    timeline = _timeline(person, at=at)
    repeated = Quote.objects.shown().filter(
        Q(pk__in=[q.pk for q in timeline])
        | Q(quotation_id__in=[q.quotation_id for q in timeline if q.quotation_id])
    )
    looked_at = Article.objects.published(at=at).filter(pk__in=quoted)
    looked_at |= Article.objects.published(at=at).filter(pk__in=_latest_mentions(person))
    looked_at |= Article.objects.published(at=at).filter(pk__in=repeated.values("article_id"))
    moments = looked_at.aggregate(published=Max("published_at"), embargo=Max("embargo_until"))
    found = [moment for moment in moments.values() if moment is not None]
    return {
        "tags": sorted(set(tags.values_list("tag_id", flat=True))),
        "quoted_in": [a.pk for a in quoted_in(person=person, at=at)],
        "mentioned_in": [a.pk for a in mentioned_in(person=person, at=at)],
        "alongside": [[p.pk, p.shared] for p in quoted_alongside(person=person, at=at)],
        "timeline": [[q.pk, q.repeats] for q in timeline],
        "ready_at": max(found, default=None),
    }


def rebuild(person: int, version: int) -> bool:
    """Rebuild `person`'s summary as it was at `version`; False when a write changed it since
    (that write marked it again: a later pass rebuilds it)."""
    with transaction.atomic():
        fields = compute(person)
        # Stored only if no write touched it meanwhile (on PostgreSQL this waits for a write
        # in progress that marked it, then finds the new version).
        changed = SpeakerSummary.objects.filter(person_id=person, version=version).update(
            built_version=version, **fields
        )
    return bool(changed)


def refresh(*, limit: int | None = None) -> int:
    """Rebuild the stale summaries (at most `limit`), oldest marks first; how many were built."""
    stale = SpeakerSummary.objects.exclude(built_version=F("version")).order_by("person_id")
    built = 0
    for person, version in stale.values_list("person_id", "version")[:limit]:
        built += rebuild(person, version)
    return built


# --- the triggers ---------------------------------------------------------------------------------

TABLE = "articles_speakersummary"
TAGS, PEOPLE = "articles_article_tags", "articles_article_people"
SHOWN = "('confirmed', 'corrected')"
# Never through the status index: on a table without statistics (bulk-loaded, not analyzed yet)
# PostgreSQL ANDed it with the dispatch's or quotation's index, reading every shown quotation for
# each row changed (bench_site's grouping of 36,900 quotations: 233 s against 9 s,
# docs/performance.md).
_IS_SHOWN = f"(status || '') IN {SHOWN}"
_SPEAKERS_OF = f"SELECT speaker_id AS person FROM articles_quote WHERE {_IS_SHOWN} AND article_id"
# The speakers of a quotation's shown occurrences: the timeline counts its repeats (whoever
# they are attributed to) and shows each quotation once.
_REPEATERS_OF = (
    f"SELECT speaker_id AS person FROM articles_quote WHERE {_IS_SHOWN} AND quotation_id"
)
_QUOTE_CHANGED = (
    "OLD.speaker_id IS DISTINCT FROM NEW.speaker_id OR OLD.article_id <> NEW.article_id "
    "OR OLD.status <> NEW.status OR OLD.anchor_lost <> NEW.anchor_lost "
    "OR (OLD.start IS NULL) <> (NEW.start IS NULL) "
    "OR OLD.quotation_id IS DISTINCT FROM NEW.quotation_id"
)
# (name, table, event, condition, the people whose summaries the row change can touch)
TRIGGERS = (
    (
        "summary_quote_insert",
        "articles_quote",
        "INSERT",
        f"NEW.status IN {SHOWN}",
        f"{_SPEAKERS_OF} = NEW.article_id UNION ALL {_REPEATERS_OF} = NEW.quotation_id",
    ),
    (
        "summary_quote_update",
        "articles_quote",
        "UPDATE",
        f"(OLD.status IN {SHOWN} OR NEW.status IN {SHOWN}) AND ({_QUOTE_CHANGED})",
        f"{_SPEAKERS_OF} IN (OLD.article_id, NEW.article_id) UNION ALL SELECT OLD.speaker_id "
        f"UNION ALL {_REPEATERS_OF} IN (OLD.quotation_id, NEW.quotation_id)",
    ),
    (
        "summary_quote_delete",
        "articles_quote",
        "DELETE",
        f"OLD.status IN {SHOWN}",
        f"{_SPEAKERS_OF} = OLD.article_id UNION ALL SELECT OLD.speaker_id "
        f"UNION ALL {_REPEATERS_OF} = OLD.quotation_id",
    ),
    (
        "summary_article_update",
        "articles_article",
        "UPDATE",
        "OLD.status IS DISTINCT FROM NEW.status OR OLD.published_at IS DISTINCT FROM "
        "NEW.published_at OR OLD.embargo_until IS DISTINCT FROM NEW.embargo_until",
        f"{_SPEAKERS_OF} = NEW.id UNION ALL "
        "SELECT person_id FROM articles_article_people WHERE article_id = NEW.id UNION ALL "
        f"{_REPEATERS_OF} IN (SELECT quotation_id FROM articles_quote WHERE article_id = NEW.id)",
    ),
    (
        "summary_tags_insert",
        "articles_article_tags",
        "INSERT",
        "",
        f"{_SPEAKERS_OF} = NEW.article_id",
    ),
    (
        "summary_tags_delete",
        "articles_article_tags",
        "DELETE",
        "",
        f"{_SPEAKERS_OF} = OLD.article_id",
    ),
    (
        "summary_tags_update",
        "articles_article_tags",
        "UPDATE",
        "",
        f"{_SPEAKERS_OF} IN (OLD.article_id, NEW.article_id)",
    ),
    (
        "summary_people_insert",
        "articles_article_people",
        "INSERT",
        "",
        "SELECT NEW.person_id AS person",
    ),
    (
        "summary_people_delete",
        "articles_article_people",
        "DELETE",
        "",
        "SELECT OLD.person_id AS person",
    ),
    (
        "summary_people_update",
        "articles_article_people",
        "UPDATE",
        "",
        "SELECT OLD.person_id AS person UNION ALL SELECT NEW.person_id",
    ),
    (
        "summary_person_update",
        "articles_person",
        "UPDATE",
        "OLD.name <> NEW.name",
        f"{_SPEAKERS_OF} IN (SELECT article_id FROM articles_quote "
        f"WHERE speaker_id = NEW.id AND status IN {SHOWN})",
    ),
)

# Every summary the change can touch is marked, created if missing (so that a summary being
# built for the first time meanwhile sees the mark), in person order (no deadlock between two
# writers marking the same people) — for people who still exist: SQLite's flush deletes the
# people (their summaries with them) before the quotations that name them.
_MARK = (
    f"INSERT INTO {TABLE} (person_id, version, built_version, tags, quoted_in, mentioned_in, "
    "alongside) SELECT person, 1, -1, '[]', '[]', '[]', '[]' FROM (SELECT DISTINCT person "
    "FROM ({affected}) AS affected WHERE person IN (SELECT id FROM articles_person)) AS marked "
    "WHERE TRUE ORDER BY person "
    f"ON CONFLICT (person_id) DO UPDATE SET version = {TABLE}.version + 1"
)
# On PostgreSQL, one mark per transaction: a summary this transaction already marked stale keeps
# that mark (no concurrent rebuild can have read it; one in this transaction leaves it current,
# and is marked again). Each mark is a new row version, and a bulk write (regrouping 2,000
# quotations) marked the same few summaries thousands of times (docs/performance.md).
_MARKED_HERE = (
    f" WHERE NOT ({TABLE}.xmin = pg_current_xact_id()::xid "
    f"AND {TABLE}.version <> {TABLE}.built_version)"
)


def _statements(vendor: str) -> list[str]:
    statements = []
    for name, table, event, condition, affected in TRIGGERS:
        mark = _MARK.format(affected=affected)
        if vendor == "postgresql":
            mark += _MARKED_HERE
            when = f"WHEN ({condition}) " if condition else ""
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {mark}; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}"
                f"EXECUTE FUNCTION {name}()",
            ]
        else:
            when = f"WHEN {condition} " if condition else ""
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}"
                f"BEGIN {mark}; END",
            ]
    return statements


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for name, table, *_ in TRIGGERS:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'summary\\_%%'")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


MIGRATION = "0022_speakersummary"


def ensure_installed(using: str = "default", **kwargs) -> None:
    """After ``migrate``: put back the triggers a later migration dropped (SQLite rebuilds a
    table it alters, without its triggers) and mark every summary stale (changes made meanwhile
    went unseen)."""
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return
    if not recorder.migration_qs.filter(app="articles", name=MIGRATION).exists():
        return
    if {name for name, *_ in TRIGGERS} <= installed(connection):
        return
    install(connection)
    SpeakerSummary.objects.using(using).update(version=F("version") + 1)
