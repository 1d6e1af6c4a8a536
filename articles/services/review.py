"""Review decisions: every write the desk (and the admin's merge action) makes.

Each function is keyword-only, runs in one transaction, records a `QuoteDecision` per quotation it
changes and bumps `Quote.version` with a compare-and-swap (``UPDATE … WHERE version = expected``):
the second of two reviewers working on the same quotation gets a `ReviewConflict` naming who
changed it and when, never a silent overwrite. Nothing is deleted: a rejected quotation stays a
row with status "rejected", which the engine never re-suggests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import (
    Article,
    Person,
    PersonAlias,
    PersonMerge,
    Quotation,
    Quote,
    QuoteDecision,
    Role,
    alias_key,
    unique_slug,
)
from articles.services.quotations import group_quotes

Action = QuoteDecision.Action
# Fields of the merged person kept in its merge record, to recreate it on undo.
PERSON_FIELDS = ("kind", "name", "slug", "role", "description", "wikidata_qid", "origin")
# Fields of the kept person a merge fills in when they are blank there.
FILLED_FIELDS = ("role", "description", "wikidata_qid")


class ReviewConflict(Exception):
    """The quotation changed since the reviewer loaded it (its version moved on).

    `quote` is its current state; `changed_by` and `changed_at` say who changed it last and when
    (None when the change was no review decision, e.g. an edit of the dispatch's body).
    """

    def __init__(self, *, quote: Quote, decision: QuoteDecision | None):
        self.quote = quote
        self.decision = decision
        self.changed_by = decision.reviewer if decision else quote.reviewed_by
        self.changed_at = decision.at if decision else quote.reviewed_at
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.changed_by is None:
            return _("This quotation changed since you loaded it (its dispatch was edited).")
        at = timezone.localtime(self.changed_at).strftime("%Y-%m-%d %H:%M:%S")
        return _("Changed by %(user)s at %(at)s.") % {"user": self.changed_by, "at": at}


@dataclass
class BulkResult:
    """What `bulk_confirm` did with each selected quotation."""

    confirmed: list[Quote] = field(default_factory=list)
    conflicts: list[ReviewConflict] = field(default_factory=list)
    refused: list[tuple[Quote, str]] = field(default_factory=list)


def snapshot(quote: Quote) -> dict:
    """The reviewable state of a quotation, as stored in a decision's `before` and `after`."""
    return {
        "status": quote.status,
        "speaker_id": quote.speaker_id,
        "speaker": quote.speaker.name if quote.speaker_id else "",
        "speaker_type": quote.speaker_type,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "anchor_lost": quote.anchor_lost,
        "version": quote.version,
    }


def _conflict(quote_pk: int) -> ReviewConflict:
    current = Quote.objects.select_related("speaker", "reviewed_by").get(pk=quote_pk)
    decision = current.decisions.select_related("reviewer").first()
    return ReviewConflict(quote=current, decision=decision)


def _claim(quote: Quote, expected_version: int) -> tuple[Quote, dict]:
    """Take the quotation from `expected_version` to the next one, or raise `ReviewConflict`.

    Returns the quotation as stored (with its new version) and its state before the claim.
    """
    claimed = Quote.objects.filter(pk=quote.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise _conflict(quote.pk)
    current = Quote.objects.select_related("speaker", "article").get(pk=quote.pk)
    before = snapshot(current) | {"version": expected_version}
    return current, before


def _decide(
    quote: Quote,
    *,
    before: dict,
    reviewer: AbstractBaseUser,
    action: str,
    note: str,
    status: str,
    extra: Mapping | None = None,
) -> Quote:
    """Save the changed quotation (save() checks its span against the body) and record it."""
    quote.status = status
    quote.reviewed_by = reviewer
    quote.reviewed_at = timezone.now()
    quote.save()
    if (before["speaker_id"], before["text"]) != (quote.speaker_id, quote.text):
        # Another speaker or other words: maybe another quotation's repeat now.
        group_quotes(quotes=[quote])
    after = snapshot(quote) | dict(extra or {})
    QuoteDecision.objects.create(
        quote=quote,
        reviewer=reviewer,
        at=quote.reviewed_at,
        action=action,
        before=before,
        after=after,
        note=note.strip(),
    )
    return quote


def _set_speaker(quote: Quote, person: Person) -> None:
    quote.speaker = person
    quote.speaker_type = person.kind  # Person kinds are a subset of the speaker types


@transaction.atomic
def confirm_quote(
    *, quote: Quote, reviewer: AbstractBaseUser, expected_version: int, note: str = ""
) -> Quote:
    """The attribution is right as proposed."""
    current, before = _claim(quote, expected_version)
    if current.anchor_lost:
        raise ValidationError(
            _("This quotation lost its place in the dispatch: correct its span or reject it.")
        )
    return _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.CONFIRM,
        note=note,
        status=Quote.Status.CONFIRMED,
    )


# Decisions that changed only the status and speaker: what `undo_decision` can take back.
UNDOABLE = (Action.CONFIRM, Action.REASSIGN, Action.REJECT)


def undoable_decision(quote: Quote) -> QuoteDecision | None:
    """The quotation's last decision when it can be undone (needs `history` prefetched, newest
    first, or costs one query)."""
    history = getattr(quote, "history", None)
    if history is not None:
        last = history[0] if history else None
    else:
        last = quote.decisions.order_by("-at", "-id").first()
    return last if last is not None and last.action in UNDOABLE else None


@transaction.atomic
def undo_decision(*, quote: Quote, reviewer: AbstractBaseUser, expected_version: int) -> Quote:
    """Take back the last confirm, reassign or reject: status and speaker as they were before
    it. Recorded as a decision of its own (the history keeps both)."""
    current, before = _claim(quote, expected_version)
    last = current.decisions.order_by("-at", "-id").first()
    if last is None or last.action not in UNDOABLE:
        raise ValidationError(_("There is no decision to undo on this quotation."))
    previous = last.before
    current.speaker_id = previous.get("speaker_id")
    current.speaker_type = previous.get("speaker_type", current.speaker_type)
    earlier = current.decisions.exclude(pk=last.pk).order_by("-at", "-id").first()
    quote_status = previous.get("status", Quote.Status.SUGGESTED)
    current = _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.UNDO,
        note="",
        status=quote_status,
        extra={"undone": last.pk},
    )
    # Who decided last is who decided before the undone decision (nobody for a suggestion).
    current.reviewed_by = earlier.reviewer if earlier else None
    current.reviewed_at = earlier.at if earlier else None
    Quote.objects.filter(pk=current.pk).update(
        reviewed_by=current.reviewed_by, reviewed_at=current.reviewed_at
    )
    return current


@transaction.atomic
def reassign_quote(
    *,
    quote: Quote,
    reviewer: AbstractBaseUser,
    expected_version: int,
    speaker: Person,
    note: str = "",
) -> Quote:
    """Someone else said it: attribute the quotation to `speaker`."""
    current, before = _claim(quote, expected_version)
    same = current.speaker_id == speaker.pk
    _set_speaker(current, speaker)
    return _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.CONFIRM if same else Action.REASSIGN,
        note=note,
        status=Quote.Status.CONFIRMED if same else Quote.Status.CORRECTED,
    )


@transaction.atomic
def reject_quote(
    *, quote: Quote, reviewer: AbstractBaseUser, expected_version: int, note: str = ""
) -> Quote:
    """Not a quotation. The row stays, with status "rejected", so extraction never proposes it
    again."""
    current, before = _claim(quote, expected_version)
    return _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.REJECT,
        note=note,
        status=Quote.Status.REJECTED,
    )


@transaction.atomic
def correct_span(
    *,
    quote: Quote,
    reviewer: AbstractBaseUser,
    expected_version: int,
    start: int,
    end: int,
    note: str = "",
) -> Quote:
    """The quotation is `body[start:end]` (which also re-anchors a quotation whose anchor was
    lost)."""
    current, before = _claim(quote, expected_version)
    body = current.article.body
    if not 0 <= start < end <= len(body):
        raise ValidationError(_("Start and end must satisfy 0 ≤ start < end ≤ length of body."))
    taken = (
        Quote.objects.filter(article_id=current.article_id, start=start, end=end)
        .exclude(pk=current.pk)
        .exists()
    )
    if taken:
        raise ValidationError(_("Another quotation already covers exactly this span."))
    current.start, current.end, current.text = start, end, body[start:end]
    current.anchor_lost = False
    return _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.CORRECT_SPAN,
        note=note,
        status=Quote.Status.CORRECTED,
    )


@transaction.atomic
def create_person_from_mention(
    *,
    quote: Quote,
    reviewer: AbstractBaseUser,
    expected_version: int,
    name: str = "",
    kind: str = Person.Kind.PERSON,
    note: str = "",
) -> Person:
    """A new Person named `name` (by default the quotation's mention) becomes its speaker."""
    current, before = _claim(quote, expected_version)
    name = " ".join((name or current.mention).split())[:200]
    key = alias_key(name)
    if not key:
        raise ValidationError(_("Give the new person a name."))
    clash = PersonAlias.objects.select_related("person").filter(key=key).first()
    if clash:
        raise ValidationError(
            _("“%(name)s” already resolves to %(person)s: choose that person instead.")
            % {"name": name, "person": clash.person}
        )
    person = Person.objects.create(name=name, kind=kind, origin=Person.Origin.MANUAL)
    mention_key = alias_key(current.mention)
    if mention_key and not PersonAlias.objects.filter(key=mention_key).exists():
        PersonAlias.objects.create(person=person, name=current.mention[:200])
    _set_speaker(current, person)
    _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.CREATE_PERSON,
        note=note,
        status=Quote.Status.CORRECTED,
        extra={"person_created": person.pk},
    )
    return person


@transaction.atomic
def add_alias(
    *,
    quote: Quote,
    reviewer: AbstractBaseUser,
    expected_version: int,
    person: Person | None = None,
    note: str = "",
) -> PersonAlias:
    """The quotation's mention ("le président russe") becomes an alias of `person` (by default
    its proposed speaker), who becomes its speaker."""
    current, before = _claim(quote, expected_version)
    person = person or current.speaker
    if person is None:
        raise ValidationError(_("Choose the person this mention stands for."))
    mention = " ".join(current.mention.split())[:200]
    key = alias_key(mention)
    if not key:
        raise ValidationError(_("This quotation has no mention to add as an alias."))
    alias = PersonAlias.objects.select_related("person").filter(key=key).first()
    if alias and alias.person_id != person.pk:
        raise ValidationError(
            _("“%(name)s” already resolves to %(person)s.")
            % {"name": mention, "person": alias.person}
        )
    alias = alias or PersonAlias.objects.create(person=person, name=mention)
    same = current.speaker_id == person.pk
    _set_speaker(current, person)
    _decide(
        current,
        before=before,
        reviewer=reviewer,
        action=Action.ADD_ALIAS,
        note=note,
        status=Quote.Status.CONFIRMED if same else Quote.Status.CORRECTED,
        extra={"alias": alias.name, "alias_person_id": person.pk},
    )
    return alias


@transaction.atomic
def bulk_confirm(
    *, selection: Mapping[int, int], reviewer: AbstractBaseUser, note: str = ""
) -> BulkResult:
    """Confirm each selected quotation (quote id → the version the reviewer saw). One that changed
    meanwhile, or cannot be confirmed, is reported and left as it is; the others are confirmed."""
    result = BulkResult()
    quotes = Quote.objects.in_bulk(list(selection))
    for pk, version in selection.items():
        quote = quotes.get(pk)
        if quote is None:
            continue
        try:
            result.confirmed.append(
                confirm_quote(quote=quote, reviewer=reviewer, expected_version=version, note=note)
            )
        except ReviewConflict as conflict:
            result.conflicts.append(conflict)
        except ValidationError as error:
            result.refused.append((quote, " ".join(error.messages)))
    return result


# --- people ---------------------------------------------------------------------------------


@transaction.atomic
def merge_people(
    *, keep: Person, merge: Person, reviewer: AbstractBaseUser, note: str = ""
) -> PersonMerge:
    """`merge` and `keep` are one person: move `merge`'s quotations, aliases, mentions in
    dispatches and earlier merges to `keep`, fill `keep`'s blank fields from `merge`, and delete
    `merge`. The returned record holds all that moved: `undo_merge` reverses it."""
    if keep.pk == merge.pk:
        raise ValidationError(_("A person cannot be merged into itself."))
    people = Person.objects.select_for_update().in_bulk([keep.pk, merge.pk])
    if len(people) != 2:
        raise ValidationError(_("One of these people no longer exists."))
    keep, merge = people[keep.pk], people[merge.pk]
    keep_before = {
        name: getattr(keep, name)
        for name in FILLED_FIELDS
        if not getattr(keep, name) and getattr(merge, name)
    }
    record = PersonMerge.objects.create(
        keep=keep,
        merged_id=merge.pk,
        merged_name=merge.name,
        merged_fields={name: getattr(merge, name) for name in PERSON_FIELDS}
        | {"created_at": merge.created_at.isoformat()},
        keep_before=keep_before,
        moved={},
        reviewer=reviewer,
    )
    quotes = list(Quote.objects.select_for_update().filter(speaker=merge).order_by("pk"))
    for quote in quotes:
        _move_quote(quote, merge, keep, record=record, reviewer=reviewer, note=note)
    alias_ids = list(merge.aliases.values_list("pk", flat=True))
    PersonAlias.objects.filter(pk__in=alias_ids).update(person=keep)
    article_ids = list(merge.mentioned_in.values_list("pk", flat=True))
    had_keep = set(keep.mentioned_in.filter(pk__in=article_ids).values_list("pk", flat=True))
    added_keep = [pk for pk in article_ids if pk not in had_keep]
    Article.people.through.objects.bulk_create(
        [Article.people.through(article_id=pk, person_id=keep.pk) for pk in added_keep]
    )
    merges = list(
        PersonMerge.objects.filter(keep=merge, undone_at__isnull=True).values_list("pk", flat=True)
    )
    PersonMerge.objects.filter(pk__in=merges).update(keep=keep)
    role_ids = list(merge.roles.values_list("pk", flat=True))
    Role.objects.filter(pk__in=role_ids).update(person=keep)
    Quotation.objects.filter(speaker=merge).update(speaker=keep)
    record.moved = {
        "quotes": [quote.pk for quote in quotes],
        "roles": role_ids,
        "aliases": alias_ids,
        "articles": article_ids,
        "articles_added_keep": added_keep,
        "merges": merges,
    }
    record.save(update_fields=["moved"])
    for name in keep_before:
        setattr(keep, name, getattr(merge, name))
    if keep_before:
        keep.save(update_fields=list(keep_before))
    merge.delete()
    return record


def _move_quote(
    quote: Quote,
    source: Person | None,
    target: Person,
    *,
    record: PersonMerge,
    reviewer: AbstractBaseUser,
    note: str,
) -> None:
    """Re-point one quotation's speaker (a merge or its undo), bumping its version so a reviewer
    who loaded it before sees a conflict."""
    before = snapshot(quote) | {"speaker": source.name if source else ""}
    Quote.objects.filter(pk=quote.pk).update(speaker=target, version=F("version") + 1)
    after = before | {"speaker_id": target.pk, "speaker": target.name, "version": quote.version + 1}
    QuoteDecision.objects.create(
        quote=quote,
        reviewer=reviewer,
        action=Action.MERGE if record.keep_id == target.pk else Action.UNDO_MERGE,
        before=before,
        after=after,
        note=note.strip(),
        merge=record,
    )


@dataclass
class UndoResult:
    person: Person
    # Quotations moved by the merge that someone reassigned since: left with their new speaker.
    kept: list[int] = field(default_factory=list)


@transaction.atomic
def undo_merge(*, record: PersonMerge, reviewer: AbstractBaseUser, note: str = "") -> UndoResult:
    """Reverse a merge: recreate the merged person (same id and slug when still free) and give it
    back its quotations, aliases, dispatch mentions and the merges it had absorbed."""
    record = PersonMerge.objects.select_for_update().select_related("keep").get(pk=record.pk)
    if record.is_undone:
        raise ValidationError(_("This merge has already been undone."))
    keep, moved, fields = record.keep, record.moved, dict(record.merged_fields)
    created_at = dt.datetime.fromisoformat(fields.pop("created_at"))
    if Person.objects.filter(pk=record.merged_id).exists():
        raise ValidationError(_("The merged person's id is in use again: cannot restore it."))
    if Person.objects.filter(slug=fields["slug"]).exists():
        fields["slug"] = unique_slug(Person, fields["name"])
    person = Person(pk=record.merged_id, created_at=created_at, **fields)
    # Its canonical alias still belongs to `keep` (moved by the merge) until moved back below.
    person.save(force_insert=True)
    PersonAlias.objects.filter(pk__in=moved.get("aliases", []), person=keep).update(person=person)
    quotes = Quote.objects.select_for_update().filter(pk__in=moved.get("quotes", []))
    result = UndoResult(person=person)
    for quote in quotes.order_by("pk"):
        if quote.speaker_id != keep.pk:
            result.kept.append(quote.pk)
            continue
        _move_quote(quote, keep, person, record=record, reviewer=reviewer, note=note)
    through = Article.people.through
    through.objects.bulk_create(
        [through(article_id=pk, person_id=person.pk) for pk in moved.get("articles", [])],
        ignore_conflicts=True,
    )
    through.objects.filter(
        person_id=keep.pk, article_id__in=moved.get("articles_added_keep", [])
    ).delete()
    PersonMerge.objects.filter(pk__in=moved.get("merges", []), keep=keep).update(keep=person)
    Role.objects.filter(pk__in=moved.get("roles", []), person=keep).update(person=person)
    group_quotes(quotes=Quote.objects.filter(speaker=person))
    restored = [
        name for name, value in record.keep_before.items() if getattr(keep, name) == fields[name]
    ]
    for name in restored:
        setattr(keep, name, record.keep_before[name])
    if restored:
        keep.save(update_fields=restored)
    record.undone_by, record.undone_at = reviewer, timezone.now()
    record.save(update_fields=["undone_by", "undone_at"])
    return result
