"""Writes that span several rows or call the quote engine, each inside a transaction.

Views, admin actions, commands and tasks call these; nothing here renders or parses HTTP.
"""

import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field
from itertools import batched

from django.db import IntegrityError, transaction
from django.tasks import TaskResultStatus

from articles.extraction import extract_quotes
from articles.ingest import DispatchData, IngestError, PersonHint
from articles.ingest.ninjs import QUOTED_REL, format_datetime
from articles.languages import ATTRIBUTION_LANGUAGES, primary_language
from articles.models import (
    Article,
    DispatchRevision,
    Person,
    PersonAlias,
    Quote,
    Section,
    Tag,
    alias_key,
)

logger = logging.getLogger(__name__)


def attribute_quotes(*, article: Article) -> int:
    """Run the quote engine on `article` and store its suggestions; return how many were added.

    The single entry point every write path calls after a dispatch is created or its body changes.
    Idempotent, and reviewers win: a quotation a reviewer confirmed, corrected or rejected is never
    overwritten, duplicated or brought back; suggestions the engine no longer makes are removed.
    """
    language = primary_language(article.language)
    if language not in ATTRIBUTION_LANGUAGES:
        return 0
    found = extract_quotes(
        article.body, language=language, known_names=registry_names(article.body)
    )
    added = 0
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if any(q.text != article.body[q.start : q.end] for q in found):
            return 0  # the body changed while the engine ran; the next attribution will see it
        existing = list(article.quotes.all())
        decided = [q for q in existing if q.status != Quote.Status.SUGGESTED or q.reviewed_by_id]
        suggestions = {(q.start, q.end): q for q in existing if q not in decided}
        kept: set[int] = set()
        speakers = SpeakerRegistry()
        for item in found:
            if any(_overlaps(item, q) for q in decided):
                continue
            values = {
                "text": item.text,
                "kind": item.kind,
                "speaker": speakers.person_for(item),
                "speaker_type": item.speaker_type,
                "mention": (item.mention or item.speaker or "")[:300],
                "cue": (item.cue or "")[:200],
                "confidence": min(max(item.confidence, 0.0), 1.0),
            }
            quote = suggestions.get((item.start, item.end))
            if quote is None:
                quote = Quote(
                    article=article,
                    start=item.start,
                    end=item.end,
                    origin=Quote.Origin.AUTOMATIC,
                    **values,
                )
                quote.save()
                added += 1
            elif any(getattr(quote, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(quote, name, value)
                quote.version += 1
                quote.save()
            kept.add(quote.pk)
        stale = [q.pk for q in suggestions.values() if q.pk not in kept and q.origin == "automatic"]
        Quote.objects.filter(pk__in=stale).delete()
        article.people.add(*speakers.people_of_kind(Person.Kind.PERSON))
    return added


def _overlaps(item, quote: Quote) -> bool:
    """Does an engine finding cover a quotation a reviewer already decided on?"""
    if quote.start is None:
        return item.text == quote.text
    return item.start < quote.end and quote.start < item.end


_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_CAPITALISED_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|du|d'|la|le|al|el|van|von|ben|bin))*"
)


def registry_names(body: str) -> dict[str, str]:
    """The registry's names that may occur in `body`: alias key → canonical name.

    Only aliases whose key is a run of capitalised words of the text are read, so the cost does
    not grow with the registry.
    """
    keys: set[str] = set()
    for run in _CAPITALISED_RUN.findall(body):
        words = alias_key(run).split()
        for size in range(1, min(len(words), 5) + 1):
            for i in range(len(words) - size + 1):
                keys.add(" ".join(words[i : i + size]))
    keys.discard("")
    names: dict[str, str] = {}
    for chunk in batched(sorted(keys), 500):
        names.update(PersonAlias.objects.filter(key__in=chunk).values_list("key", "person__name"))
    return names


class SpeakerRegistry:
    """Finds or creates the Person behind each speaker name the engine gives, once per name.

    A name the registry knows (through any alias) links to that Person; an unknown name becomes a
    new Person with origin "automatic" for reviewers to confirm, rename or merge — never silently
    merged with someone else. Unnamed sources have no Person.
    """

    KINDS = {
        "person": Person.Kind.PERSON,
        "organization": Person.Kind.ORGANIZATION,
        "group": Person.Kind.GROUP,
    }

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}

    def person_for(self, item) -> Person | None:
        kind = self.KINDS.get(item.speaker_type)
        if not item.speaker or kind is None:
            return None
        key = alias_key(item.speaker)
        if not key:
            return None
        if key not in self.people:
            person = Person.objects.filter(aliases__key=key).first()
            if person is None:
                person = Person.objects.create(
                    name=item.speaker[:200],
                    kind=kind,
                    role=(item.speaker_role or "")[:200],
                    origin=Person.Origin.AUTOMATIC,
                )
            self.people[key] = person
        return self.people[key]

    def people_of_kind(self, kind: str) -> list[Person]:
        return [p for p in self.people.values() if p.kind == kind]


def schedule_attribution(*, article: Article) -> None:
    """Attribute `article`'s quotations in the background once the current transaction commits."""
    from articles.tasks import attribute_article

    article_id = article.pk

    def enqueue() -> None:
        result = attribute_article.enqueue(article_id)
        # The immediate backend records a failing task's exception instead of raising it: surface
        # it, or a broken attribution would go unseen in development.
        if result.status == TaskResultStatus.FAILED:
            logger.error(
                "Attribution of article %s failed:\n%s",
                article_id,
                "\n".join(error.traceback for error in result.errors),
            )

    transaction.on_commit(enqueue)


# --- dispatch import ----------------------------------------------------------------------------

IMPORT_STATUSES = ("draft", "published")
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
    if status not in IMPORT_STATUSES:
        raise ValueError(f"status must be one of {IMPORT_STATUSES}, not {status!r}")
    guid = data.guid or derived_guid(data)
    incoming = _incoming_values(data, status=status, section=section)
    _check_limits(guid, data, incoming)
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                article = Article.objects.select_for_update().filter(guid=guid).first()
                if article is None:
                    result = _create_article(guid, data, dict(incoming), filename=filename)
                else:
                    result = _update_article(article, data, dict(incoming), filename=filename)
                result.encoding, result.dry_run = data.encoding, dry_run
                if dry_run:
                    transaction.set_rollback(True)
                elif attribute and (
                    result.outcome == "created" or {"body", "language"} & set(result.changed)
                ):
                    schedule_attribution(article=result.article)
            return result
        except IntegrityError:
            # Another import created the same guid meanwhile: once more, as an update.
            if attempt == 2 or article is not None:
                raise
    raise AssertionError("unreachable")


def dispatch_values(article: Article) -> dict:
    """The imported fields of `article`, in the JSON form `DispatchRevision.imported` stores."""
    values = {name: getattr(article, name) for name in IMPORTED_FIELDS}
    values["section"] = article.section.name if article.section_id else None
    values["tags"] = sorted(tag.name for tag in article.tags.all())
    values["people"] = sorted(person.pk for person in article.people.all())
    for name in ("embargo_until", "first_created", "version_created"):
        values[name] = format_datetime(values[name]) if values[name] else None
    return values


def _incoming_values(data: DispatchData, *, status: str, section: str | None) -> dict:
    """The values this dispatch gives each field; a field it says nothing about is absent."""
    values = {
        "headline": data.headline,
        "body": data.body,
        "language": data.language,
        "tags": sorted({_existing_name(Tag, name) for name in data.tags}),
        # Quoted speakers are the engine's business (Quote rows), not the people mentioned.
        "people": [hint for hint in data.people if hint.role != QUOTED_REL],
        "status": Article.Status.WITHDRAWN if data.status == "withdrawn" else status,
        "summary": data.summary,
        "section": _existing_name(Section, section or data.section),
        "dateline": data.dateline,
        "byline": data.byline,
        "source": data.source,
        "urgency": data.urgency,
        "version": data.version,
    }
    for name, value in (
        ("embargo_until", data.embargo_until),
        ("first_created", data.first_created),
        ("version_created", data.version_created),
    ):
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


def _resolve_people(hints: list[PersonHint], *, create: bool) -> list[int | None]:
    """Person ids for the hints: by Wikidata QID, then by name or alias; None when unknown
    (or a new automatic Person when `create`)."""
    ids: list[int | None] = []
    for hint in hints:
        match = _WIKIDATA_QID.search(hint.uri or "")
        qid = match.group(1) if match else ""
        person = Person.objects.filter(wikidata_qid=qid).first() if qid else None
        if person is None:
            person = Person.objects.matching_key(alias_key(hint.name)).first()
        if person is None and create:
            person = Person.objects.create(
                name=hint.name[:200], wikidata_qid=qid, origin=Person.Origin.AUTOMATIC
            )
        ids.append(person.pk if person else None)
    return ids


def _people_value(hints: list[PersonHint], *, create: bool = False) -> list:
    hints = [hint for hint in hints if alias_key(hint.name)]
    ids = _resolve_people(hints, create=create)
    # An unknown person never equals a stored value, so the field counts as changed.
    return sorted({pk for pk in ids if pk is not None}) + [
        f"new:{hint.name}" for hint, pk in zip(hints, ids, strict=True) if pk is None
    ]


def _apply(article: Article, data: DispatchData, changes: dict) -> None:
    """Set `changes` on `article` and save it (the body's quotes re-anchor in `Article.save`)."""
    for name, value in changes.items():
        if name == "section":
            article.section = _named(Section, value)
        elif name in ("embargo_until", "first_created", "version_created"):
            setattr(article, name, dt.datetime.fromisoformat(value))
        elif name not in ("tags", "people"):
            setattr(article, name, value)
    if "headline" in changes:
        article.headline_derived = data.headline_derived
    article.save()
    if "tags" in changes:
        article.tags.set([_named(Tag, name) for name in changes["tags"]])
    if "people" in changes:
        article.people.set([pk for pk in changes["people"] if isinstance(pk, int)])


def _existing_name(model, name: str | None) -> str | None:
    """The spelling already in use for `name` (tags and sections match case-insensitively)."""
    if not name:
        return None
    existing = model.objects.filter(name__iexact=name).values_list("name", flat=True).first()
    return existing or name


def _named(model, name: str):
    return model.objects.filter(name__iexact=name).first() or model.objects.create(name=name)


def _create_article(
    guid: str, data: DispatchData, incoming: dict, *, filename: str
) -> ImportResult:
    values = dict(incoming)
    if "people" in values:
        values["people"] = _people_value(values["people"], create=True)
    article = Article(guid=guid)
    if data.first_created is None and data.version_created is not None:
        values.setdefault("first_created", values["version_created"])
    _apply(article, data, values)
    imported = dispatch_values(article)
    _record_revision(article, data, guid, imported=imported, previous=None, filename=filename)
    return ImportResult("created", article, guid, changed=sorted(values))


def _update_article(
    article: Article, data: DispatchData, incoming: dict, *, filename: str
) -> ImportResult:
    current = dispatch_values(article)
    revision = article.revisions.first()
    baseline = revision.imported if revision else None
    if incoming.get("status") == Article.Status.DRAFT:
        del incoming["status"]  # the default status never takes a dispatch off the site
    hints = incoming.pop("people", None)
    if hints is not None:
        incoming["people"] = _people_value(hints)
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
        changes["people"] = _people_value(hints, create=True)
        incoming["people"] = changes["people"]
    if changes:
        _apply(article, data, changes)
    imported = (baseline or current) | incoming
    _record_revision(
        article, data, article.guid, imported=imported, previous=current, filename=filename
    )
    return ImportResult("updated", article, article.guid, changed=sorted(changes), kept=kept)


def _record_revision(article, data, guid, *, imported, previous, filename) -> None:
    DispatchRevision.objects.create(
        article=article,
        guid=guid,
        version=data.version or "",
        format=data.format,
        encoding=data.encoding,
        filename=filename[:500],
        imported=imported,
        previous=previous,
    )
