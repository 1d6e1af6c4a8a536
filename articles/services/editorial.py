"""The editors' desk: publish, schedule, embargo, correct and withdraw a dispatch; rename and
merge tags. Each is a typed, keyword-only function inside one transaction that checks the user's
permission on the server and leaves one revision (django-simple-history) saying who did what.

Readers see a dispatch when `Article.objects.published()` says so: status published or corrected,
`published_at` reached, `embargo_until` passed. Scheduling and embargo therefore need no job to take
effect at the right second; `manage.py publish_scheduled` only records the moment they did.

Permissions: publishing, scheduling, embargo, corrections and withdrawals need
`articles.publish_article` (granted to Editors); renaming a tag `articles.change_tag`; merging tags
`articles.merge_tag` (Editors have both).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from articles.models import ARTICLE_HISTORY, Article, Tag
from articles.services.attribution import save_article

PUBLISH_PERMISSION = "articles.publish_article"
RENAME_TAG_PERMISSION = "articles.change_tag"
MERGE_TAG_PERMISSION = "articles.merge_tag"
# simple-history keeps the reason of a revision in 100 characters.
REASON_MAX = 100
# How far back `record_go_live` looks: enough to catch up after a day without the timer.
GO_LIVE_WINDOW = dt.timedelta(days=2)

User = AbstractBaseUser | AnonymousUser


def _require(user: User | None, permission: str) -> None:
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(_("You are not allowed to do this."))


def _reason(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def record_revision(
    article: Article,
    *,
    user: User | None,
    reason: str,
    created: bool,
    at: dt.datetime | None = None,
) -> None:
    """Record `article` as it now stands (row and tags) as one revision by `user` (None: the
    system) at `at` (now), for saves made with `skip_history_when_saving` set."""
    article._history_user = user if user is not None and user.is_authenticated else None
    article._change_reason = _reason(reason)
    article._history_date = at or timezone.now()
    try:
        ARTICLE_HISTORY.create_historical_record(article, "+" if created else "~")
    finally:
        del article._history_user, article._change_reason, article._history_date


@contextmanager
def revision(
    article: Article, *, user: User | None, reason: str, at: dt.datetime | None = None
) -> Iterator[None]:
    """Everything saved on `article` inside the block (its row and its tags) becomes one revision,
    recorded when the block ends without error."""
    created = article.pk is None
    article.skip_history_when_saving = True
    try:
        yield
    finally:
        del article.skip_history_when_saving
    record_revision(article, user=user, reason=reason, created=created, at=at)


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _save(
    article: Article, *, user: User | None, reason: str, at: dt.datetime | None = None
) -> Article:
    with revision(article, user=user, reason=reason, at=at):
        save_article(article)
    return article


def is_live(article: Article, *, now: dt.datetime | None = None) -> bool:
    """Do readers see it (same rule as `Article.objects.published()`)?"""
    now = now or timezone.now()
    return (
        article.status in (Article.Status.PUBLISHED, Article.Status.CORRECTED)
        and article.published_at is not None
        and article.published_at <= now
        and (article.embargo_until is None or article.embargo_until <= now)
    )


def is_scheduled(article: Article, *, now: dt.datetime | None = None) -> bool:
    """Published, with a publication time still to come."""
    now = now or timezone.now()
    return (
        article.status in (Article.Status.PUBLISHED, Article.Status.CORRECTED)
        and article.published_at is not None
        and article.published_at > now
    )


def _release_time(article: Article, at: dt.datetime) -> dt.datetime:
    # Never before the embargo: the public date then says when readers could first see it.
    if article.embargo_until and article.embargo_until > at:
        return article.embargo_until
    return at


def publish(*, article: Article, user: User) -> Article:
    """Publish now (or when its embargo ends): from draft, withdrawn or scheduled."""
    _require(user, PUBLISH_PERMISSION)
    with transaction.atomic():
        article = _locked(article)
        if is_live(article):
            raise ValidationError(_("This dispatch is already published."))
        now = timezone.now()
        if article.status not in (Article.Status.PUBLISHED, Article.Status.CORRECTED):
            article.status = Article.Status.PUBLISHED
        article.published_at = _release_time(article, now)
        article.withdrawn_reason = ""
        if article.published_at > now:
            reason = _("Published, under embargo until %(when)s") % {
                "when": _when(article.published_at)
            }
        else:
            reason = _("Published")
        return _save(article, user=user, reason=reason)


def schedule(*, article: Article, user: User, at: dt.datetime) -> Article:
    """Publish at a future time, without anyone having to be there."""
    _require(user, PUBLISH_PERMISSION)
    if at <= timezone.now():
        raise ValidationError(_("Choose a time in the future (or publish now)."))
    with transaction.atomic():
        article = _locked(article)
        if is_live(article):
            raise ValidationError(_("This dispatch is already published."))
        if article.status not in (Article.Status.PUBLISHED, Article.Status.CORRECTED):
            article.status = Article.Status.PUBLISHED
        article.published_at = _release_time(article, at)
        article.withdrawn_reason = ""
        reason = _("Scheduled for %(when)s") % {"when": _when(article.published_at)}
        return _save(article, user=user, reason=reason)


def embargo(*, article: Article, user: User, until: dt.datetime | None) -> Article:
    """Keep the dispatch from readers until `until` (None lifts the embargo now). A published
    dispatch's public date moves to the end of its embargo."""
    _require(user, PUBLISH_PERMISSION)
    now = timezone.now()
    if until is not None and until <= now:
        raise ValidationError(_("An embargo ends in the future; to lift it, leave the time empty."))
    with transaction.atomic():
        article = _locked(article)
        published = article.status in (Article.Status.PUBLISHED, Article.Status.CORRECTED)
        if until is None:
            if article.embargo_until is None:
                raise ValidationError(_("This dispatch is not under embargo."))
            if published and article.published_at == article.embargo_until:
                article.published_at = min(article.published_at, now)
            article.embargo_until = None
            return _save(article, user=user, reason=_("Embargo lifted"))
        article.embargo_until = until
        if published and article.published_at is not None and article.published_at < until:
            article.published_at = until
        reason = _("Embargoed until %(when)s") % {"when": _when(until)}
        return _save(article, user=user, reason=reason)


def correct(*, article: Article, user: User, note: str) -> Article:
    """Mark a published dispatch corrected, with the note readers see on the dispatch, in its
    feeds and in its JSON-LD. Edit the text itself first, in the dispatch's form."""
    _require(user, PUBLISH_PERMISSION)
    note = note.strip()
    if not note:
        raise ValidationError(_("A correction needs a note for readers."))
    with transaction.atomic():
        article = _locked(article)
        if article.status not in (Article.Status.PUBLISHED, Article.Status.CORRECTED):
            raise ValidationError(_("Only a published dispatch can be corrected."))
        article.status = Article.Status.CORRECTED
        article.correction_note = note
        article.corrected_at = timezone.now()
        return _save(article, user=user, reason=_("Corrected: %(note)s") % {"note": note})


def withdraw(*, article: Article, user: User, reason: str) -> Article:
    """Take a published (or scheduled) dispatch off every public page, feed and export."""
    _require(user, PUBLISH_PERMISSION)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("A withdrawal needs a reason."))
    with transaction.atomic():
        article = _locked(article)
        if article.status not in (Article.Status.PUBLISHED, Article.Status.CORRECTED):
            raise ValidationError(_("Only a published dispatch can be withdrawn."))
        article.status = Article.Status.WITHDRAWN
        article.withdrawn_reason = reason
        return _save(article, user=user, reason=_("Withdrawn: %(reason)s") % {"reason": reason})


# --- scheduled publishing -------------------------------------------------------------------


@dataclass
class GoLive:
    article: Article
    embargo_lifted: bool


def record_go_live(
    *, now: dt.datetime | None = None, window: dt.timedelta = GO_LIVE_WINDOW
) -> list[GoLive]:
    """Record (once) each dispatch that readers started to see in the last `window` and that has
    no revision since: a scheduled time or an embargo that has passed. A dispatch whose embargo
    outlived its publication time takes the end of the embargo as its public date, so that feeds
    and news sitemaps list it as new. `manage.py publish_scheduled` runs this every minute;
    readers never wait for it (see the module docstring)."""
    now = now or timezone.now()
    since = now - window
    due = Article.objects.published(at=now).filter(
        Q(published_at__gt=since) | Q(embargo_until__gt=since)
    )
    last_revision = dict(
        Article.history.filter(id__in=due.values("pk"))
        .values("id")
        .annotate(last=Max("history_date"))
        .values_list("id", "last")
    )
    done: list[GoLive] = []
    for article in due.order_by("published_at", "pk"):
        went_live = max(article.published_at, article.embargo_until or article.published_at)
        last = last_revision.get(article.pk)
        embargo_outlived = bool(article.embargo_until and article.published_at < went_live)
        if last is not None and last >= went_live and not embargo_outlived:
            continue
        with transaction.atomic():
            article = _locked(article)
            lifted = bool(article.embargo_until and article.published_at < article.embargo_until)
            if lifted:
                article.published_at = article.embargo_until
            reason = _("Embargo ended: published") if lifted else _("Published as scheduled")
            _save(article, user=None, reason=reason, at=now)
        done.append(GoLive(article=article, embargo_lifted=lifted))
    return done


# --- tags -----------------------------------------------------------------------------------


def rename_tag(*, tag: Tag, user: User, name: str) -> Tag:
    """Give a tag a new name; its slug (and so its public URLs and feeds) stays."""
    _require(user, RENAME_TAG_PERMISSION)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("A tag needs a name."))
    with transaction.atomic():
        tag = Tag.objects.select_for_update().get(pk=tag.pk)
        if name == tag.name:
            return tag
        clash = Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk).first()
        if clash:
            raise ValidationError(
                _("The tag “%(name)s” already exists: merge into it instead.") % {"name": clash}
            )
        old = tag.name
        tag.name = name
        tag._history_user = user
        tag._change_reason = _reason(_("Renamed from “%(old)s”") % {"old": old})
        tag.full_clean()
        tag.save()
    return tag


def merge_tags(*, keep: Tag, tags: Iterable[Tag], user: User) -> int:
    """Move every dispatch tagged with one of `tags` to `keep`, then delete `tags`. Each moved
    dispatch gets a revision (and a new edit count, so an editor holding its form is told).
    `keep` takes a merged tag's Media Topic code when it has none. Returns how many dispatches
    moved."""
    _require(user, MERGE_TAG_PERMISSION)
    merged_ids = {tag.pk for tag in tags} - {keep.pk}
    if not merged_ids:
        raise ValidationError(_("Choose at least one other tag to merge."))
    with transaction.atomic():
        keep = Tag.objects.select_for_update().get(pk=keep.pk)
        merged = list(Tag.objects.select_for_update().filter(pk__in=merged_ids))
        if len(merged) != len(merged_ids):
            raise ValidationError(_("One of these tags no longer exists."))
        names = ", ".join(tag.name for tag in merged)
        reason = _("Tags merged: %(names)s → %(keep)s") % {"names": names, "keep": keep.name}
        # pk__in rather than a join with DISTINCT, which PostgreSQL refuses with FOR UPDATE.
        tagged = Article.tags.through.objects.filter(tag__in=merged).values("article_id")
        articles = Article.objects.select_for_update().filter(pk__in=tagged)
        moved = 0
        for article in articles.order_by("pk"):
            with revision(article, user=user, reason=reason):
                article.tags.add(keep)
                article.tags.remove(*merged)
                save_article(article)
            moved += 1
        topics = {tag.media_topic for tag in merged if tag.media_topic}
        if not keep.media_topic and len(topics) == 1:
            keep.media_topic = topics.pop()
            keep._history_user = user
            keep._change_reason = _reason(reason)
            keep.save()
        for tag in merged:
            tag._history_user = user
            tag._change_reason = _reason(_("Merged into “%(keep)s”") % {"keep": keep.name})
            tag.delete()
    return moved


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names (case ignored), created when missing."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        tags.append(tag or Tag.objects.create(name=name))
    return tags


# --- edit safety ----------------------------------------------------------------------------


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Conflict:
    """What others saved on a dispatch since an editor opened it at `edit_count`."""

    user: str
    at: dt.datetime | None
    changes: list[Change]


def _short(value: object, limit: int = 80) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if isinstance(value, dt.datetime):
        value = _when(value)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _difference(old: str, new: str, *, context: int = 20) -> tuple[str, str]:
    """The part of two texts that differs, with a little context on each side."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin = max(start - context, 0)
    parts = []
    for text in (old, new):
        stop = min(len(text) - end + context, len(text))
        excerpt = text[begin:stop]
        parts.append(("…" if begin else "") + excerpt + ("…" if stop < len(text) else ""))
    return parts[0], parts[1]


def changes_since(*, article: Article, edit_count: int) -> Conflict:
    """Who last saved `article`, when, and which fields differ from its revision at
    `edit_count` (empty when that revision is unknown, e.g. saved before revisions existed)."""
    records = list(
        article.history.filter(edit_count__in=(edit_count, article.edit_count))
        .select_related("history_user")
        .order_by("-history_id")
    )
    current = next((r for r in records if r.edit_count == article.edit_count), None)
    before = next((r for r in records if r.edit_count == edit_count), None)
    if current is None:
        return Conflict(user="", at=None, changes=[])
    user = str(current.history_user) if current.history_user else _("the system")
    if before is None:
        return Conflict(user=user, at=current.history_date, changes=[])
    delta = current.diff_against(before, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        label = str(Article._meta.get_field(change.field).verbose_name)
        old, new = change.old, change.new
        if change.field == "tags":
            old = sorted(str(row["tag"]) for row in old)
            new = sorted(str(row["tag"]) for row in new)
        if isinstance(old, str) and isinstance(new, str):
            old, new = _difference(old, new)
        changes.append(Change(field=capfirst(label), old=_short(old), new=_short(new)))
    return Conflict(user=user, at=current.history_date, changes=changes)
