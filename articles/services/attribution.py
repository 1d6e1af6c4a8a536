"""Quotations in a dispatch's body: the engine's findings stored as suggestions, linked to the
people registry (`attribute_quotes`, run in the background by `schedule_attribution`), and their
offsets kept true when a body changes (`save_article`, `reanchor_quotes`).

Every write path of a body (admin form and revert, imports, editorial services) saves the article
through `save_article`, which re-anchors its quotations in the same transaction.
"""

import logging
import re
from itertools import batched

from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone

from articles.extraction import extract_quotes
from articles.languages import ATTRIBUTION_LANGUAGES, primary_language
from articles.models import Article, Person, PersonAlias, Quote, alias_key
from articles.services.people import infer_genders
from articles.services.quotations import group_quotes
from articles.services.roles import dispatch_day, office_holder, roles_on, suggest_roles

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
        offices = OfficeResolver(article=article, language=language)
        read_roles = []
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
                "resolved_role_id": None,
            }
            if values["speaker"] is None:
                values.update(offices.resolve(item))
            elif item.speaker_role and values["speaker"].kind == Person.Kind.PERSON:
                evidence = f"{item.speaker}, {item.speaker_role}"
                read_roles.append((values["speaker"], item.speaker_role, evidence))
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
        stale = [
            q.pk
            for q in suggestions.values()
            if q.pk not in kept and q.origin == Quote.Origin.AUTOMATIC
        ]
        Quote.objects.filter(pk__in=stale).delete()
        people = speakers.people_of_kind(Person.Kind.PERSON) + offices.holders
        article.people.add(*people)
        suggest_roles(article=article, read=read_roles)
        group_quotes(quotes=article.quotes.filter(pk__in=kept))
        infer_genders(people=Person.objects.filter(pk__in={p.pk for p in people}))
        if article.attribution_failed_at is not None:
            Article.objects.filter(pk=article.pk).update(
                attribution_error="", attribution_failed_at=None
            )
    return added


def record_attribution_failure(*, article_id: int, error: BaseException) -> None:
    """Mark a dispatch whose attribution raised: staff see it in the admin list and on the review
    desk; its body, status and decisions are untouched, and the next attribution clears it."""
    message = f"{type(error).__name__}: {error}"[:2000]
    logger.error("Attribution of article %s failed: %s", article_id, message)
    Article.objects.filter(pk=article_id).update(
        attribution_error=message, attribution_failed_at=timezone.now()
    )


# The confidence of a quotation whose speaker was found through a dated role, not a name in the
# dispatch: never above this, and the review desk says how it was found.
ROLE_CONFIDENCE_CAP = 0.6
ROLE_CONFIDENCE_FACTOR = 0.8


class OfficeResolver:
    """Resolves an unnamed office the engine reports as the speaker ("président valmérien",
    speaker type "anonymous") to the holder of the matching confirmed role valid on the
    dispatch's date; the roles are read once per dispatch, only when needed."""

    def __init__(self, *, article: Article, language: str) -> None:
        self.day = dispatch_day(article)
        self.language = language
        self._roles = None
        self.holders: list[Person] = []

    def resolve(self, item) -> dict:
        if item.speaker_type != Quote.SpeakerType.ANONYMOUS or not item.speaker:
            return {}
        if self._roles is None:
            self._roles = roles_on(day=self.day)
        role = office_holder(item.speaker, self._roles, language=self.language)
        if role is None:
            return {}
        holder = Person.objects.get(pk=role.person_id)
        self.holders.append(holder)
        confidence = min(item.confidence * ROLE_CONFIDENCE_FACTOR, ROLE_CONFIDENCE_CAP)
        return {
            "speaker": holder,
            "speaker_type": Quote.SpeakerType.PERSON,
            "confidence": round(max(confidence, 0.0), 2),
            "resolved_role_id": role.role_id,
        }


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


def save_article(article: Article, **kwargs) -> Article:
    """Save `article` (keyword arguments go to `Model.save`) and, when its body changed, re-anchor
    its quotations, in one transaction. Every write path of a body saves through here."""
    body_changed = article.body_changed
    with transaction.atomic():
        article.save(**kwargs)
        if body_changed:
            reanchor_quotes(article=article)
    return article


def reanchor_quotes(*, article: Article) -> None:
    """After a change of body, point each quote at its text again; a quote whose text can no
    longer be found keeps its text, loses its offsets and is flagged for review (never deleted)."""
    body = article.body
    taken: set[tuple[int, int]] = set()
    quotes = list(article.quotes.order_by("start", "id"))
    placed: dict[int, tuple[int, int] | None] = {}
    for quote in quotes:
        if quote.start is not None and body[quote.start : quote.end] == quote.text:
            placed[quote.pk] = (quote.start, quote.end)
            taken.add((quote.start, quote.end))
    for quote in quotes:
        if quote.pk in placed:
            continue
        near = quote.start or 0
        best = None
        at = body.find(quote.text) if quote.text else -1
        while at != -1:
            span = (at, at + len(quote.text))
            if span not in taken and (best is None or abs(at - near) < abs(best[0] - near)):
                best = span
            at = body.find(quote.text, at + 1)
        placed[quote.pk] = best
        if best:
            taken.add(best)
    changed = []
    for quote in quotes:
        start, end = placed[quote.pk] or (None, None)
        if (quote.start, quote.end, quote.anchor_lost) != (start, end, start is None):
            quote.start, quote.end, quote.anchor_lost = start, end, start is None
            quote.version += 1
            changed.append(quote)
    # Clear the old offsets first: two quotes may swap places within one body, and the span of
    # each is unique.
    Quote.objects.filter(pk__in=[q.pk for q in changed]).update(start=None, end=None)
    for quote in changed:
        Quote.objects.filter(pk=quote.pk).update(
            start=quote.start, end=quote.end, anchor_lost=quote.anchor_lost, version=quote.version
        )
