"""Dispatch import: create or update the article for each dispatch the readers give, keep what
an editor changed, record each import as a `DispatchRevision`, and schedule attribution.

`import_dispatch` writes one dispatch in its own transaction (the admin upload, and the fallback
of a refused batch); `import_dispatches` writes IMPORT_BATCH_SIZE to a transaction (the command).
"""

import datetime as dt
import hashlib
import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import batched

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q

from articles.ingest import DispatchData, IngestError, PersonHint
from articles.ingest.ninjs import QUOTED_REL, format_datetime
from articles.models import (
    ARTICLE_HISTORY,
    Article,
    DispatchRevision,
    Person,
    PersonAlias,
    Section,
    Tag,
    alias_key,
    slug_base,
)
from articles.services import attribution

IMPORT_STATUSES = ("draft", "published")
# Dispatches per transaction in `import_dispatches`: each statement then serves hundreds of
# rows, and a batch the database refuses costs little to import again one dispatch at a time.
IMPORT_BATCH_SIZE = 250
# Article fields an import sets, compared one by one against the last imported values.
IMPORTED_FIELDS = (
    "headline",
    "body",
    "summary",
    "language",
    "section",
    "tags",
    "people",
    "dateline",
    "byline",
    "source",
    "urgency",
    "status",
    "embargo_until",
    "first_created",
    "version_created",
    "version",
)
_DATETIME_FIELDS = ("embargo_until", "first_created", "version_created")
_WIKIDATA_QID = re.compile(r"wikidata\.org/(?:entity|wiki)/(Q[1-9]\d*)$")


@dataclass
class ImportResult:
    """What one import did: ``outcome`` is "created", "updated" or "unchanged"."""

    outcome: str
    article: Article
    guid: str
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    dry_run: bool = False

    @property
    def needs_attribution(self) -> bool:
        """A new dispatch, or one whose text changed: its quotations are to be found (again)."""
        return self.outcome == "created" or bool({"body", "language"} & set(self.changed))


def derived_guid(data: DispatchData) -> str:
    """A stable guid for a dispatch that brings none: a hash of its body, date and section."""
    date = format_datetime(data.first_created) if data.first_created else ""
    digest = hashlib.sha256(f"{data.body}\n{date}\n{data.section or ''}".encode()).hexdigest()
    return f"urn:newsroom:dispatch:{digest[:32]}"


def import_dispatch(
    *,
    data: DispatchData,
    status: str = "draft",
    section: str | None = None,
    attribute: bool = True,
    filename: str = "",
    dry_run: bool = False,
) -> ImportResult:
    """Create or update the article for one dispatch, in its own transaction.

    Identity is the guid (derived from the content when the dispatch has none). The same content
    again writes nothing ("unchanged"). Other content updates the article, except fields an
    editor changed since the last import (reported in ``kept``); each import that writes records
    a `DispatchRevision` holding the values it replaced. Quote attribution is scheduled for new
    dispatches and changed bodies unless ``attribute`` is false. ``dry_run`` rolls back.
    Raises `IngestError` for a dispatch the database cannot hold.
    """
    _check_status(status)
    guid = data.guid or derived_guid(data)
    for attempt in (1, 2):
        article = None
        try:
            with transaction.atomic():
                lookups = ImportLookups([data], section=section)
                incoming = _incoming_values(data, status=status, section=section, lookups=lookups)
                _check_limits(guid, data, incoming)
                article = Article.objects.select_for_update().filter(guid=guid).first()
                if article is None:
                    result = _create_article(
                        guid, data, incoming, lookups=lookups, filename=filename
                    )
                else:
                    result = _update_article(
                        article, data, incoming, lookups=lookups, filename=filename
                    )
                result.encoding, result.dry_run = data.encoding, dry_run
                if dry_run:
                    transaction.set_rollback(True)
                elif attribute and result.needs_attribution:
                    attribution.schedule_attribution(article=result.article)
            return result
        except IntegrityError:
            # Another import created the same guid meanwhile: once more, as an update.
            if attempt == 2 or article is not None:
                raise
    raise AssertionError("unreachable")


def import_dispatches(
    *,
    dispatches: Iterable[tuple[DispatchData, str]],
    status: str = "draft",
    section: str | None = None,
    attribute: bool = True,
    dry_run: bool = False,
) -> list[ImportResult | IngestError | DatabaseError]:
    """Import many dispatches, each a ``(data, filename)`` pair, as `import_dispatch` would one
    after the other, but IMPORT_BATCH_SIZE to a transaction.

    Returns one outcome per dispatch, in order: its `ImportResult`, or the error that rejected
    it, in which case it changed nothing. Per batch: one query for the guids already stored, one
    per kind of name (tags, sections, people), and one INSERT per table for the new dispatches
    (articles, tags, people, history, revisions); updates take `import_dispatch`'s own steps. A
    batch the database refuses (a constraint, a concurrent import of the same guid) is rolled
    back and imported again one dispatch at a time, so one bad dispatch never sinks the others.
    """
    _check_status(status)
    options = {"status": status, "section": section, "attribute": attribute, "dry_run": dry_run}
    outcomes: list[ImportResult | IngestError | DatabaseError] = []
    for batch in _batches(dispatches):
        try:
            with transaction.atomic():
                outcomes += _import_batch(batch, **options)
                if dry_run:
                    transaction.set_rollback(True)
        except DatabaseError:
            outcomes += [_import_alone(item, **options) for item in batch]
    return outcomes


def _check_status(status: str) -> None:
    if status not in IMPORT_STATUSES:
        raise ValueError(f"status must be one of {IMPORT_STATUSES}, not {status!r}")


def _batches(dispatches: Iterable[tuple[DispatchData, str]]):
    """Lists of (data, filename, guid), at most IMPORT_BATCH_SIZE long and each guid once: a
    dispatch sent twice finds the first one stored, as it would one by one."""
    batch: list[tuple[DispatchData, str, str]] = []
    guids: set[str] = set()
    for data, filename in dispatches:
        guid = data.guid or derived_guid(data)
        if len(batch) == IMPORT_BATCH_SIZE or guid in guids:
            yield batch
            batch, guids = [], set()
        batch.append((data, filename, guid))
        guids.add(guid)
    if batch:
        yield batch


def _import_alone(item: tuple[DispatchData, str, str], **options):
    data, filename, _guid = item
    try:
        return import_dispatch(data=data, filename=filename, **options)
    except (IngestError, DatabaseError) as error:
        return error


def _import_batch(
    batch: list[tuple[DispatchData, str, str]],
    *,
    status: str,
    section: str | None,
    attribute: bool,
    dry_run: bool,
) -> list[ImportResult | IngestError]:
    """Import one batch inside the caller's transaction; return its outcomes."""
    lookups = ImportLookups([data for data, _, _ in batch], section=section)
    stored = (
        Article.objects.select_for_update(of=("self",))
        .select_related("section")
        .prefetch_related("tags", "people", "revisions")
        .in_bulk([guid for *_, guid in batch], field_name="guid")
    )
    outcomes: list[ImportResult | IngestError] = []
    new: list[_NewArticle] = []
    for data, filename, guid in batch:
        try:
            incoming = _incoming_values(data, status=status, section=section, lookups=lookups)
            _check_limits(guid, data, incoming)
        except IngestError as error:
            outcomes.append(error)
            continue
        if guid in stored:
            result = _update_article(
                stored[guid], data, incoming, lookups=lookups, filename=filename
            )
        else:
            values = _new_values(data, incoming, lookups=lookups)
            article = Article(guid=guid)
            _assign(article, data, values, lookups=lookups)
            new.append(_NewArticle(article, values, data, filename))
            # Its article is stored below, with the batch's other new ones.
            result = ImportResult("created", article, guid, changed=sorted(values))
        result.encoding, result.dry_run = data.encoding, dry_run
        outcomes.append(result)
    _insert_articles(new, lookups=lookups)
    if attribute and not dry_run:
        attribution.schedule_attribution_batch(
            articles=[
                result.article
                for result in outcomes
                if isinstance(result, ImportResult) and result.needs_attribution
            ]
        )
    return outcomes


class ImportLookups:
    """The tags, sections and people some dispatches name, read with one query per kind.

    A tag or section matches an existing one case-insensitively (whose spelling wins); a person
    hint matches by Wikidata QID, then by name or alias. What is missing is created on first
    use, once per name, inside the caller's transaction.
    """

    def __init__(self, dispatches: Sequence[DispatchData], *, section: str | None = None) -> None:
        self._found = {
            Tag: _by_name(Tag, {name for data in dispatches for name in data.tags}),
            Section: _by_name(Section, {section or data.section for data in dispatches}),
        }
        self._spellings = {
            model: {key: item.name for key, item in found.items()}
            for model, found in self._found.items()
        }
        hints = [hint for data in dispatches for hint in _mentioned(data)]
        self._by_qid: dict[str, int] = {}
        qids = {_wikidata_qid(hint) for hint in hints} - {""}
        people = Person.objects.filter(wikidata_qid__in=qids).order_by("name", "pk")
        for qid, pk in people.values_list("wikidata_qid", "pk"):
            self._by_qid.setdefault(qid, pk)
        keys = {alias_key(hint.name) for hint in hints}
        self._by_key = dict(
            PersonAlias.objects.filter(key__in=keys).values_list("key", "person_id")
        )

    def spelling(self, model: type[Tag | Section], name: str | None) -> str | None:
        """The spelling in use for `name`: a stored one, else its first in these dispatches."""
        if not name:
            return None
        return self._spellings[model].setdefault(name.casefold(), name)

    def named(self, model: type[Tag | Section], name: str) -> Tag | Section:
        """The tag or section called `name`, created if there is none."""
        found = self._found[model]
        if name.casefold() not in found:
            found[name.casefold()] = model.objects.create(name=name)
        return found[name.casefold()]

    def person_ids(self, hints: list[PersonHint], *, create: bool) -> list[int | None]:
        """Person ids for the hints; None when unknown, or a new automatic Person when
        `create`."""
        ids: list[int | None] = []
        for hint in hints:
            qid = _wikidata_qid(hint)
            pk = self._by_qid.get(qid) if qid else None
            if pk is None:
                pk = self._by_key.get(alias_key(hint.name))
            if pk is None and create:
                person = Person.objects.create(
                    name=hint.name[:200], wikidata_qid=qid, origin=Person.Origin.AUTOMATIC
                )
                pk = person.pk
                if qid:
                    self._by_qid[qid] = pk
                self._by_key.setdefault(alias_key(person.name), pk)  # its save made the alias
            ids.append(pk)
        return ids


def _by_name(model: type[Tag | Section], names: set[str | None]) -> dict:
    """Stored rows whose name matches one of `names` case-insensitively, by folded name."""
    found: dict = {}
    # A few hundred OR-ed terms at most per query: SQLite limits the depth of an expression.
    for chunk in batched(sorted(name for name in names if name), 200):
        condition = reduce(operator.or_, (Q(name__iexact=name) for name in chunk))
        for item in model.objects.filter(condition).order_by("name", "pk"):
            found.setdefault(item.name.casefold(), item)
    return found


def _mentioned(data: DispatchData) -> list[PersonHint]:
    # Quoted speakers are the engine's business (Quote rows), not the people mentioned.
    return [hint for hint in data.people if hint.role != QUOTED_REL]


def _wikidata_qid(hint: PersonHint) -> str:
    match = _WIKIDATA_QID.search(hint.uri or "")
    return match.group(1) if match else ""


def dispatch_values(article: Article) -> dict:
    """The imported fields of `article`, in the JSON form `DispatchRevision.imported` stores."""
    return _imported_values(
        article,
        tags=[tag.name for tag in article.tags.all()],
        people=[person.pk for person in article.people.all()],
    )


def _imported_values(article: Article, *, tags: list[str], people: list[int]) -> dict:
    values = {name: getattr(article, name) for name in IMPORTED_FIELDS}
    values["section"] = article.section.name if article.section_id else None
    values["tags"] = sorted(tags)
    values["people"] = sorted(people)
    for name in _DATETIME_FIELDS:
        values[name] = format_datetime(values[name]) if values[name] else None
    return values


def _incoming_values(
    data: DispatchData, *, status: str, section: str | None, lookups: ImportLookups
) -> dict:
    """The values this dispatch gives each field; a field it says nothing about is absent."""
    values = {
        "headline": data.headline,
        "body": data.body,
        "language": data.language,
        "tags": sorted({lookups.spelling(Tag, name) for name in data.tags}),
        "people": _mentioned(data),
        "status": Article.Status.WITHDRAWN if data.status == "withdrawn" else status,
        "summary": data.summary,
        "section": lookups.spelling(Section, section or data.section),
        "dateline": data.dateline,
        "byline": data.byline,
        "source": data.source,
        "urgency": data.urgency,
        "version": data.version,
    }
    for name in _DATETIME_FIELDS:
        value = getattr(data, name)
        values[name] = format_datetime(value) if value else None
    return {name: value for name, value in values.items() if value is not None}


def _check_limits(guid: str, data: DispatchData, incoming: dict) -> None:
    for name, value in [("guid", guid)] + list(incoming.items()):
        if not isinstance(value, str) or name in ("body", "summary"):
            continue
        limit = Article._meta.get_field(name).max_length if name != "section" else 100
        if limit and len(value) > limit:
            raise IngestError(f"{name} is {len(value)} characters, over the {limit} allowed")
    for tag in incoming["tags"]:
        if len(tag) > 100:
            raise IngestError(f"tag {tag[:30]!r}… is over the 100 characters allowed")
    if data.urgency is not None and not 1 <= data.urgency <= 9:
        raise IngestError(f"urgency {data.urgency} is outside 1–9")


def _people_value(hints: list[PersonHint], *, lookups: ImportLookups, create: bool = False) -> list:
    hints = [hint for hint in hints if alias_key(hint.name)]
    ids = lookups.person_ids(hints, create=create)
    # An unknown person never equals a stored value, so the field counts as changed.
    return sorted({pk for pk in ids if pk is not None}) + [
        f"new:{hint.name}" for hint, pk in zip(hints, ids, strict=True) if pk is None
    ]


def _assign(article: Article, data: DispatchData, values: dict, *, lookups: ImportLookups) -> None:
    """Set `values` on `article`'s own fields (tags and people are the caller's)."""
    for name, value in values.items():
        if name == "section":
            article.section = lookups.named(Section, value)
        elif name in _DATETIME_FIELDS:
            setattr(article, name, dt.datetime.fromisoformat(value))
        elif name not in ("tags", "people"):
            setattr(article, name, value)
    if "headline" in values:
        article.headline_derived = data.headline_derived


def _apply(article: Article, data: DispatchData, changes: dict, *, lookups: ImportLookups) -> None:
    """Set `changes` on `article` and save it, its quotations re-anchored."""
    _assign(article, data, changes, lookups=lookups)
    attribution.save_article(article)
    if "tags" in changes:
        article.tags.set([lookups.named(Tag, name) for name in changes["tags"]])
    if "people" in changes:
        article.people.set([pk for pk in changes["people"] if isinstance(pk, int)])


def _new_values(data: DispatchData, incoming: dict, *, lookups: ImportLookups) -> dict:
    """What a new dispatch's article is given: `incoming`, its people found or created, and the
    version's date as the first creation date when the dispatch gives none."""
    values = dict(incoming)
    if "people" in values:
        values["people"] = _people_value(values["people"], lookups=lookups, create=True)
    if data.first_created is None and data.version_created is not None:
        values.setdefault("first_created", values["version_created"])
    return values


def _create_article(
    guid: str, data: DispatchData, incoming: dict, *, lookups: ImportLookups, filename: str
) -> ImportResult:
    values = _new_values(data, incoming, lookups=lookups)
    article = Article(guid=guid)
    _apply(article, data, values, lookups=lookups)
    imported = dispatch_values(article)
    _revision(article, data, imported=imported, previous=None, filename=filename).save()
    return ImportResult("created", article, guid, changed=sorted(values))


def _update_article(
    article: Article, data: DispatchData, incoming: dict, *, lookups: ImportLookups, filename: str
) -> ImportResult:
    current = dispatch_values(article)
    revision = article.revisions.first()
    baseline = revision.imported if revision else None
    incoming = dict(incoming)
    if incoming.get("status") == Article.Status.DRAFT:
        del incoming["status"]  # the default status never takes a dispatch off the site
    hints = incoming.pop("people", None)
    if hints is not None:
        incoming["people"] = _people_value(hints, lookups=lookups)
    changes, kept = {}, []
    for name, value in incoming.items():
        if current[name] == value:
            continue
        if baseline is not None and current[name] == baseline.get(name):
            changes[name] = value
        else:
            kept.append(name)  # an editor changed it since the last import
    # Kept fields worth reporting: the agency sent something new there that the editor's
    # version wins over (an editor's change the agency did not touch is simply left alone).
    kept = [n for n in kept if baseline is None or baseline.get(n) != incoming[n]]
    if not changes and not kept:
        return ImportResult("unchanged", article, article.guid)
    if "people" in changes:
        changes["people"] = _people_value(hints, lookups=lookups, create=True)
        incoming["people"] = changes["people"]
    if changes:
        _apply(article, data, changes, lookups=lookups)
    imported = (baseline or current) | incoming
    _revision(article, data, imported=imported, previous=current, filename=filename).save()
    return ImportResult("updated", article, article.guid, changed=sorted(changes), kept=kept)


def _revision(
    article: Article, data: DispatchData, *, imported: dict, previous: dict | None, filename: str
) -> DispatchRevision:
    return DispatchRevision(
        article=article,
        guid=article.guid,
        version=data.version or "",
        format=data.format,
        encoding=data.encoding,
        filename=filename[:500],
        imported=imported,
        previous=previous,
    )


# --- the batch's new dispatches: one INSERT per table -------------------------------------------


@dataclass
class _NewArticle:
    article: Article  # not saved yet
    values: dict  # what the dispatch gave it, tag names and people ids included
    data: DispatchData
    filename: str


def _insert_articles(new: list[_NewArticle], *, lookups: ImportLookups) -> None:
    """Store new articles with their tags, people, history rows and revisions, one INSERT per
    table. Bulk inserts skip `save()` and signals (the database's search triggers still run):
    what they would do is done here."""
    if not new:
        return
    articles = [item.article for item in new]
    for article, slug in zip(articles, _unique_slugs([a.headline for a in articles]), strict=True):
        article.slug = slug
        article.fill_defaults()
    Article.objects.bulk_create(articles)
    Tagging, Mention = Article.tags.through, Article.people.through
    taggings = Tagging.objects.bulk_create(
        Tagging(article=item.article, tag=lookups.named(Tag, name))
        for item in new
        for name in item.values.get("tags", ())
    )
    Mention.objects.bulk_create(
        Mention(article=item.article, person_id=pk)
        for item in new
        for pk in item.values.get("people", ())
    )
    _record_history(articles, taggings)
    DispatchRevision.objects.bulk_create(
        _revision(
            item.article,
            item.data,
            imported=_imported_values(
                item.article,
                tags=item.values.get("tags", []),
                people=item.values.get("people", []),
            ),
            previous=None,
            filename=item.filename,
        )
        for item in new
    )


def _record_history(articles: list[Article], taggings: list) -> None:
    """One django-simple-history row per new article, holding its tags (a save and a
    `tags.set()` write two: the row, then the row with its tags)."""
    rows = {row.id: row for row in Article.history.bulk_history_create(articles)}
    TagHistory = ARTICLE_HISTORY.m2m_models[Article._meta.get_field("tags")]
    TagHistory.objects.bulk_create(
        TagHistory(history=rows[t.article_id], id=t.pk, article_id=t.article_id, tag_id=t.tag_id)
        for t in taggings
    )


def _unique_slugs(headlines: list[str]) -> list[str]:
    """`unique_slug` for many new articles at once: one query tells which plain slugs are
    taken; only those (and slugs repeated among `headlines`) look for a free "-n" suffix."""
    # The same plain slug as `unique_slug`'s, and the same suffixes.
    bases = [slug_base(headline) for headline in headlines]
    taken = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True))
    repeats = Counter(bases)
    clashing = sorted({base for base in bases if base in taken or repeats[base] > 1})
    for chunk in batched(clashing, 200):
        condition = reduce(operator.or_, (Q(slug__startswith=f"{base}-") for base in chunk))
        taken.update(Article.objects.filter(condition).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
