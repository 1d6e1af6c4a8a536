"""The editors' desk: dispatches, tags, sections, people and quotations in the Django admin.

Publishing, scheduling, embargo, corrections and withdrawals go through
`articles.services.editorial` (permission `articles.publish_article`, one revision each); saves
through the form are revisions too (django-simple-history: diff and revert under "History"), and a
save based on a stale `edit_count` is refused with what changed, the editor's text kept in the
form.
"""

from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.forms import (
    ArticleAdminForm,
    ConfirmForm,
    CorrectForm,
    EmbargoForm,
    MergeTagsForm,
    QuoteReviewForm,
    ScheduleForm,
    TagAdminForm,
    WithdrawForm,
)
from articles.admin.imports import import_dispatches_view
from articles.admin.review import merge_people_action
from articles.models import Article, Person, PersonAlias, Quote, Role, Section, Tag
from articles.search import search_articles
from articles.services import attribution, editorial, review

REVIEW_PERMISSION = "articles.review_quote"

REVIEW_DESK_PATH = "/review/"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


# --- tags -----------------------------------------------------------------------------------


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    form = TagAdminForm
    list_display = ("name", "slug", "media_topic", "article_count")
    search_fields = ("name", "media_topic")
    prepopulated_fields = {"slug": ("name",)}
    actions = ("merge_tags",)

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering: keep the order (autocomplete pages through it).
        return (
            super().get_queryset(request).annotate(article_total=Count("articles")).order_by("name")
        )

    def get_readonly_fields(self, request, obj=None):
        # A rename keeps the slug, so the tag's public page and feeds keep their address.
        return ("slug",) if obj else ()

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields

    @admin.display(description=_("dispatches"), ordering="article_total")
    def article_count(self, tag: Tag) -> int:
        return tag.article_total

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(editorial.MERGE_TAG_PERMISSION)

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            editorial.rename_tag(tag=obj, user=request.user, name=obj.name)
            if set(form.changed_data) == {"name"}:
                return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Merge selected tags"), permissions=("merge",))
    def merge_tags(self, request, queryset):
        tags = queryset.order_by("name")
        if len(tags) < 2:
            self.message_user(request, _("Select at least two tags to merge."), messages.WARNING)
            return None
        if "apply" in request.POST:
            form = MergeTagsForm(request.POST, tags=tags)
            if form.is_valid():
                keep = form.cleaned_data["keep"]
                moved = editorial.merge_tags(keep=keep, tags=list(tags), user=request.user)
                self.message_user(
                    request,
                    ngettext(
                        "Tags merged into “%(keep)s”: %(count)d dispatch moved.",
                        "Tags merged into “%(keep)s”: %(count)d dispatches moved.",
                        moved,
                    )
                    % {"keep": keep, "count": moved},
                )
                return None
        else:
            form = MergeTagsForm(tags=tags, initial={"keep": tags[0]})
        return _action_page(
            self,
            request,
            queryset=tags,
            form=form,
            action="merge_tags",
            title=gettext("Merge tags"),
            submit=gettext("Merge"),
        )


# --- people ---------------------------------------------------------------------------------


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    fields = ("name", "key")
    readonly_fields = ("key",)


class RoleInline(admin.TabularInline):
    """The person's dated roles. Those read in a dispatch arrive as suggestions: set the status
    to confirmed (and the dates) to use them."""

    model = Role
    extra = 1
    fields = ("title", "organisation", "start", "end", "status", "source", "wikidata_qid")
    readonly_fields = ("source",)
    fk_name = "person"


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    """Every role, the engine's suggestions first to confirm."""

    list_display = ("person", "title", "organisation", "start", "end", "status", "source")
    list_filter = ("status", "source")
    list_select_related = ("person", "article")
    search_fields = ("title", "organisation", "person__name")
    autocomplete_fields = ("person",)
    raw_id_fields = ("article",)
    readonly_fields = ("source", "article", "evidence", "created_at")
    ordering = ("-status", "person__name", "start")
    actions = ("confirm_roles",)

    @admin.action(description=_("Confirm the selected roles"), permissions=("change",))
    def confirm_roles(self, request, queryset):
        count = queryset.filter(status=Role.Status.SUGGESTED).update(status=Role.Status.CONFIRMED)
        self.message_user(request, _("%(n)d role(s) confirmed.") % {"n": count})


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "role",
        "gender_shown",
        "wikidata",
        "origin",
        "quote_count",
        "created_at",
    )
    list_filter = ("kind", "origin", "gender", "gender_source")
    search_fields = ("name", "aliases__name", "role", "=wikidata_qid")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at",)
    fields = (
        "name",
        "slug",
        "kind",
        "role",
        "description",
        "wikidata_qid",
        "origin",
        "gender",
        "gender_source",
        "created_at",
    )
    inlines = (PersonAliasInline, RoleInline)
    actions = (merge_people_action,)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "gender_source")

    def save_model(self, request, obj, form, change):
        # A gender staff chose is theirs: inference never overwrites it.
        if "gender" in form.changed_data:
            obj.gender_source = Person.GenderSource.STAFF
        # So is a kind: the engine takes a staff-filed kind as evidence (`known_name`).
        if "kind" in form.changed_data:
            obj.origin = Person.Origin.MANUAL
        super().save_model(request, obj, form, change)

    @admin.display(description=_("gender"), ordering="gender")
    def gender_shown(self, person: Person) -> str:
        if person.gender_inferred:
            return _("%(gender)s (inferred)") % {"gender": person.get_gender_display()}
        return person.get_gender_display()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_total=Count("quotes", distinct=True))

    @admin.display(description=_("quotations"), ordering="quote_total")
    def quote_count(self, person: Person) -> int:
        return person.quote_total

    @admin.display(description=_("Wikidata"), ordering="wikidata_qid")
    def wikidata(self, person: Person) -> str:
        if not person.wikidata_qid:
            return "—"
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>',
            person.wikidata_url,
            person.wikidata_qid,
        )


# --- dispatches -----------------------------------------------------------------------------


class PendingQuotesFilter(admin.SimpleListFilter):
    title = _("pending quotations")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        # One EXISTS in the list's own query: no query per row.
        pending = Exists(Quote.objects.pending_review().filter(article=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(pending)
        if self.value() == "no":
            return queryset.filter(~pending)
        return queryset


class AttributionFailedFilter(admin.SimpleListFilter):
    title = _("attribution")
    parameter_name = "attribution"

    def lookups(self, request, model_admin):
        return (("failed", _("Failed")),)

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(attribution_failed_at__isnull=False)
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    """The supported languages by name ("Français", not "fr"); regional tags with their base."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        if self.value() in dict(settings.LANGUAGES):
            value = self.value()
            return queryset.filter(Q(language=value) | Q(language__startswith=f"{value}-"))
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    """Where a dispatch stands for readers right now (status alone does not say it)."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return (
            ("live", _("Live")),
            ("scheduled", _("Scheduled")),
            ("embargoed", _("Under embargo")),
            ("draft", _("Draft")),
            ("withdrawn", _("Withdrawn")),
        )

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status__in=(Article.Status.PUBLISHED, Article.Status.CORRECTED))
        match self.value():
            case "live":
                return queryset.filter(pk__in=Article.objects.published(at=now).values("pk"))
            case "scheduled":
                return queryset.filter(published, published_at__gt=now)
            case "embargoed":
                return queryset.filter(embargo_until__gt=now)
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "withdrawn":
                return queryset.filter(status=Article.Status.WITHDRAWN)
        return queryset


WORKFLOW_PERMISSION_FIELDS = ("status", "published_at", "embargo_until")
WORKFLOW_FIELDS = (
    "status",
    "published_at",
    "embargo_until",
    "correction_note",
    "corrected_at",
    "withdrawn_reason",
)


# name: (form, service call, label)
WORKFLOW = {
    "publish": (ConfirmForm, lambda a, u, d: editorial.publish(article=a, user=u), _("Publish")),
    "schedule": (
        ScheduleForm,
        lambda a, u, d: editorial.schedule(article=a, user=u, at=d["at"]),
        _("Schedule"),
    ),
    "embargo": (
        EmbargoForm,
        lambda a, u, d: editorial.embargo(article=a, user=u, until=d["until"]),
        _("Embargo"),
    ),
    "correct": (
        CorrectForm,
        lambda a, u, d: editorial.correct(article=a, user=u, note=d["note"]),
        _("Correct"),
    ),
    "withdraw": (
        WithdrawForm,
        lambda a, u, d: editorial.withdraw(article=a, user=u, reason=d["reason"]),
        _("Withdraw"),
    ),
}

# What the list's actions say, in words of their own ("Put … under embargo", not "Embargo …").
BULK_DESCRIPTIONS = {
    "publish": _("Publish the selected dispatches"),
    "schedule": _("Schedule the selected dispatches"),
    "embargo": _("Put the selected dispatches under embargo"),
    "withdraw": _("Withdraw the selected dispatches"),
}


def done_message(name: str, article: Article) -> str:
    """The sentence an editor reads after one publication step on one dispatch."""
    messages_ = {
        "publish": gettext("“%(article)s” is published."),
        "schedule": gettext("“%(article)s” is scheduled for %(when)s."),
        "embargo": gettext("“%(article)s” is under embargo until %(until)s."),
        "correct": gettext("The correction of “%(article)s” is published."),
        "withdraw": gettext("“%(article)s” is withdrawn."),
    }
    if name == "embargo" and not article.embargo_until:
        return gettext("The embargo on “%(article)s” is lifted.") % {"article": article}
    local = partial(_local_format, fmt="DATETIME_FORMAT")
    return messages_[name] % {
        "article": article,
        "when": local(article.published_at),
        "until": local(article.embargo_until),
    }


def bulk_done_message(name: str, count: int) -> str:
    texts = {
        "publish": ngettext(
            "%(count)d dispatch published.", "%(count)d dispatches published.", count
        ),
        "schedule": ngettext(
            "%(count)d dispatch scheduled.", "%(count)d dispatches scheduled.", count
        ),
        "embargo": ngettext(
            "%(count)d dispatch put under embargo.",
            "%(count)d dispatches put under embargo.",
            count,
        ),
        "withdraw": ngettext(
            "%(count)d dispatch withdrawn.", "%(count)d dispatches withdrawn.", count
        ),
    }
    return texts[name] % {"count": count}


def _local_format(value, *, fmt: str) -> str:
    return date_format(timezone.localtime(value), fmt) if value else ""


def unreviewed_warning(count: int) -> str:
    """What publishing a dispatch with suggestions nobody reviewed means for readers."""
    return ngettext(
        "%(count)d quotation of this dispatch has not been reviewed. Readers will see the "
        "dispatch without it: not highlighted, not linked to its speaker, not on the speaker's "
        "page, until a reviewer confirms it.",
        "%(count)d quotations of this dispatch have not been reviewed. Readers will see the "
        "dispatch without them: not highlighted, not linked to their speakers, not on the "
        "speakers' pages, until a reviewer confirms them.",
        count,
    ) % {"count": count}


def _action_page(model_admin, request, *, queryset, form, action, title, submit) -> HttpResponse:
    """The intermediate page of a list action that needs a few values (like delete_selected's)."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "submit": submit,
        "opts": model_admin.model._meta,
        "queryset": queryset,
        "form": form,
        "media": model_admin.media + form.media,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "select_across": request.POST.get("select_across", "0"),
    }
    return TemplateResponse(request, "admin/articles/action_form.html", context)


def _bulk_workflow(name: str):
    form_class, call, label = WORKFLOW[name]

    def action(model_admin, request, queryset):
        if form_class is ConfirmForm:
            return model_admin.apply_workflow(request, queryset, name, call, {})
        if "apply" in request.POST:
            form = form_class(request.POST)
            if form.is_valid():
                return model_admin.apply_workflow(request, queryset, name, call, form.cleaned_data)
        else:
            form = form_class()
        return _action_page(
            model_admin,
            request,
            queryset=queryset,
            form=form,
            action=f"{name}_selected",
            title=gettext("%(action)s the selected dispatches") % {"action": label},
            submit=label,
        )

    action.__name__ = f"{name}_selected"
    return admin.action(description=BULK_DESCRIPTIONS[name], permissions=("publish",))(action)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    # Few columns, so the headline reads on one or two lines at 1,280 px (admin.css).
    list_display = (
        "headline",
        "publication",
        "section",
        "language",
        "published_at",
        "pending_count",
    )
    # Tags are many: the search finds them; the language by its name, not its code.
    list_filter = (
        "status",
        PublicationFilter,
        "section",
        LanguageFilter,
        PendingQuotesFilter,
        AttributionFailedFilter,
        "published_at",
    )
    list_select_related = ("section",)
    search_fields = ("headline", "guid", "body")
    date_hierarchy = "published_at"
    autocomplete_fields = ("section", "tags", "people")
    prepopulated_fields = {"slug": ("headline",)}
    history_list_display = ("status", "edit_count")

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "headline",
                    "headline_flag",
                    "slug",
                    "body",
                    "summary",
                    "expected_edit_count",
                )
            },
        ),
        (
            _("Classification"),
            {"fields": ("section", "tags", "new_tags", "people", "language", "urgency")},
        ),
        (_("Publication"), {"fields": WORKFLOW_FIELDS}),
        (
            _("Agency"),
            {
                "classes": ("collapse",),
                "fields": (
                    "guid",
                    "version",
                    "source",
                    "byline",
                    "dateline",
                    "first_created",
                    "version_created",
                    "received_at",
                    "updated_at",
                    "edit_count",
                ),
            },
        ),
        (
            _("Quote engine"),
            {"fields": ("attribution_failed_at", "attribution_error")},
        ),
    )

    actions = (
        "rerun_attribution",
        _bulk_workflow("publish"),
        _bulk_workflow("schedule"),
        _bulk_workflow("embargo"),
        _bulk_workflow("withdraw"),
    )

    def get_queryset(self, request):
        # A correlated count in the list's own query (no GROUP BY over the body, no per-row query).
        pending = (
            Quote.objects.pending_review()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return super().get_queryset(request).annotate(pending_total=Coalesce(Subquery(pending), 0))

    def get_search_results(self, request, queryset, search_term):
        """The public search's full-text index (headline, summary, body; articles.fts), or a
        dispatch by its exact guid: icontains over bodies does not scale (docs/performance.md)."""
        term = search_term.replace("\x00", "").strip()
        if not term:
            return queryset, False
        return search_articles(queryset, term) | queryset.filter(guid=term), False

    def get_readonly_fields(self, request, obj=None):
        readonly = (
            "headline_flag",
            "first_created",
            "received_at",
            "updated_at",
            "edit_count",
            "attribution_failed_at",
            "attribution_error",
        )
        # Publication changes on an existing dispatch go through the workflow buttons (one
        # service each, permission-checked and recorded); on a new dispatch someone who may
        # publish chooses draft or published, a time and an embargo.
        if obj is None and self.has_publish_permission(request):
            return (*readonly, "correction_note", "corrected_at", "withdrawn_reason")
        return readonly + WORKFLOW_FIELDS

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(editorial.PUBLISH_PERMISSION)

    def get_fieldsets(self, request, obj=None):
        # The "headline to check" note only while the headline is still the lede's.
        if obj is not None and obj.headline_derived:
            return self.fieldsets
        first, *rest = self.fieldsets
        fields = tuple(f for f in first[1]["fields"] if f != "headline_flag")
        return ((first[0], {**first[1], "fields": fields}), *rest)

    @admin.display(description=_("headline to check"))
    def headline_flag(self, article: Article) -> str:
        return format_html(
            '<p class="headline-flag">{}</p>',
            gettext(
                "Derived from the lede on import: check it, and edit it if needed (saving a new "
                "headline clears this note)."
            ),
        )

    def quotes_url(self, article: Article) -> str:
        """The dispatch's quotations in its text: the review desk's story mode (read-only for
        staff without the review permission)."""
        try:
            return reverse("review:story", args=[article.pk])
        except NoReverseMatch:
            return f"{REVIEW_DESK_PATH}story/{article.pk}/"

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, article: Article) -> str:
        now = timezone.now()
        if editorial.is_scheduled(article, now=now):
            when = date_format(timezone.localtime(article.published_at), "SHORT_DATETIME_FORMAT")
            return gettext("scheduled for %(when)s") % {"when": when}
        if article.embargo_until and article.embargo_until > now:
            when = date_format(timezone.localtime(article.embargo_until), "SHORT_DATETIME_FORMAT")
            return gettext("%(status)s, embargo until %(when)s") % {
                "status": article.get_status_display(),
                "when": when,
            }
        return article.get_status_display()

    @admin.display(description=_("pending quotations"), ordering="pending_total")
    def pending_count(self, article: Article) -> str:
        if article.attribution_failed_at:
            # The engine failed on this dispatch: no suggestions are coming until it is rerun.
            return format_html(
                '{} <strong class="attribution-failed" title="{}">{}</strong>',
                article.pending_total,
                article.attribution_error,
                gettext("attribution failed"),
            )
        return article.pending_total

    # --- URLs ---------------------------------------------------------------------------------

    def get_urls(self):
        # Upload of dispatch files (the changelist links to it): articles/admin/imports.py.
        upload = partial(import_dispatches_view, model_admin=self)
        view = self.admin_site.admin_view
        return [
            path("import/", view(upload), name="articles_article_import"),
            path(
                "<path:object_id>/preview/",
                view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/workflow/<slug:name>/",
                view(self.workflow_view),
                name="articles_article_workflow",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if article is not None:
            quotes = list(
                Quote.objects.filter(article=article)
                .select_related("speaker", "article")
                .order_by("start", "id")
            )
            extra_context |= {
                "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
                "review_url": self.quotes_url(article),
                "can_review": request.user.has_perm("articles.review_quote"),
                "quote_rows": quotes,
                "unreviewed": sum(q.status == Quote.Status.SUGGESTED for q in quotes),
                "workflow": self.available_workflow(request, article),
                "is_live": editorial.is_live(article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def available_workflow(self, request, article: Article) -> list[tuple[str, str, str]]:
        """(name, label, url) of the publication steps open to this user for this dispatch."""
        if not self.has_publish_permission(request):
            return []
        live = editorial.is_live(article)
        published = article.status in (Article.Status.PUBLISHED, Article.Status.CORRECTED)
        names = []
        if not live:
            names += ["publish", "schedule"]
        names.append("embargo")
        if published:
            names += ["correct", "withdraw"]
        return [
            (
                name,
                WORKFLOW[name][2],
                reverse("admin:articles_article_workflow", args=[article.pk, name]),
            )
            for name in names
        ]

    def workflow_view(self, request: HttpRequest, object_id: str, name: str) -> HttpResponse:
        """One publication step on one dispatch: a small form, then the service."""
        if name not in WORKFLOW:
            raise Http404
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not (self.has_publish_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form_class, call, label = WORKFLOW[name]
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                call(article, request.user, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                article.refresh_from_db()
                self.message_user(request, done_message(name, article))
                return HttpResponseRedirect(change_url)
        unreviewed = 0
        if name in ("publish", "schedule"):
            unreviewed = Quote.objects.filter(
                article=article, status=Quote.Status.SUGGESTED
            ).count()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(action)s: %(article)s") % {"action": label, "article": article},
            "opts": self.model._meta,
            "original": article,
            "form": form,
            "media": self.media + form.media,
            "submit": label,
            "name": name,
            "change_url": change_url,
            "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
            "unreviewed_warning": unreviewed_warning(unreviewed) if unreviewed else "",
            "quotes_url": self.quotes_url(article),
        }
        return TemplateResponse(request, "admin/articles/article/workflow.html", context)

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The dispatch as readers will see it, whatever its status (staff with view rights)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(preview_queryset(), pk=object_id)
        response = TemplateResponse(
            request, "articles/article_detail.html", preview_context(request, article)
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    # --- actions --------------------------------------------------------------------------

    def apply_workflow(self, request, queryset, name, call, data) -> None:
        done, refused = 0, []
        for article in queryset:
            try:
                call(article, request.user, data)
            except ValidationError as error:
                refused.append(f"{article}: {' '.join(error.messages)}")
            else:
                done += 1
        self.message_user(request, bulk_done_message(name, done))
        for line in refused:
            self.message_user(request, line, messages.WARNING)
        if name == "publish" and done:
            unreviewed = (
                Quote.objects.pending_review()
                .filter(article__in=queryset, status=Quote.Status.SUGGESTED)
                .count()
            )
            if unreviewed:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d quotation in these dispatches has not been reviewed: readers "
                        "will not see it highlighted or linked until a reviewer confirms it.",
                        "%(count)d quotations in these dispatches have not been reviewed: "
                        "readers will not see them highlighted or linked until a reviewer "
                        "confirms them.",
                        unreviewed,
                    )
                    % {"count": unreviewed},
                    messages.WARNING,
                )
        return None

    @admin.action(description=_("Re-run quote attribution"), permissions=("change",))
    def rerun_attribution(self, request, queryset):
        for article in queryset:
            attribution.schedule_attribution(article=article)
        self.message_user(
            request,
            _("Attribution scheduled for %(count)d dispatches; decisions already taken are kept.")
            % {"count": len(queryset)},
        )

    # --- saving ---------------------------------------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The revert page saves through the same form: lock the row like the change view does.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        match = request.resolver_match
        if match and match.url_name == "articles_article_simple_history":
            # A revert: its form saves the tags itself, after this; each step is recorded.
            obj._change_reason = gettext("Reverted to an earlier revision")
        else:
            # One revision for the row, its tags and new tags: recorded in save_related.
            obj.skip_history_when_saving = True
        # What ModelAdmin.save_model does (obj.save()), with the quotations re-anchored.
        attribution.save_article(obj)
        if not change or "body" in form.changed_data or "language" in form.changed_data:
            attribution.schedule_attribution(article=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        new_tags = form.cleaned_data.get("new_tags") or []
        if new_tags:
            article.tags.add(*editorial.tags_named(new_tags))
        if getattr(article, "skip_history_when_saving", False):
            del article.skip_history_when_saving
            if not change:
                reason = gettext("Created")
                if article.status == Article.Status.PUBLISHED:
                    reason = gettext("Created and published")
            else:
                reason = gettext("Edited: %(fields)s") % {
                    "fields": ", ".join(
                        str(form.fields[name].label or name)
                        for name in form.changed_data
                        if name != "expected_edit_count"
                    )
                    or "—"
                }
            editorial.record_revision(article, user=request.user, reason=reason, created=not change)


def preview_queryset():
    """A dispatch with the quotations readers would see once it is published."""
    quotes = Quote.objects.shown().select_related("speaker").order_by("start")
    return (
        Article.objects.select_related("section")
        .prefetch_related("tags", Prefetch("quotes", queryset=quotes, to_attr="public_quotes"))
        .all()
    )


def preview_context(request: HttpRequest, article: Article) -> dict:
    """The public dispatch page's context for any dispatch (drafts included)."""
    from articles.views import article_context

    return {**article_context(request, article, related=False), "preview": True}


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    """Quotations. Status and speaker are review decisions (F1 of issue 20): everyone sees them
    read-only, except holders of `articles.review_quote`, whose changes go through
    `articles.services.review` (version check, a `QuoteDecision` recorded) as on the desk."""

    form = QuoteReviewForm
    list_display = ("__str__", "speaker", "kind", "status", "confidence", "article")
    list_filter = ("status", "kind", "speaker_type", "origin")
    list_select_related = ("speaker", "article")
    search_fields = ("text", "speaker__name", "mention")
    autocomplete_fields = ("speaker",)
    raw_id_fields = ("article",)
    readonly_fields = (
        "origin",
        "reviewed_by",
        "reviewed_at",
        "version",
        "created_at",
        "quotation",
        "resolved_role",
    )
    # Written only by the review services (or the engine, for a new quotation's confidence).
    DECISION_FIELDS = ("status", "speaker", "speaker_type", "confidence")
    REVIEW_FIELDS = ("decision", "note", "expected_version")

    @staticmethod
    def is_reviewer(request: HttpRequest) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION)

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f not in self.REVIEW_FIELDS]
        if obj is not None and self.is_reviewer(request):
            fields += self.REVIEW_FIELDS
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = (*self.readonly_fields, "status", "confidence")
        if obj is not None:
            # A new quotation may name its speaker (it awaits review); an existing one's
            # speaker is a decision: a reviewer's, through the service.
            readonly += ("speaker_type",)
            if not self.is_reviewer(request):
                readonly += ("speaker",)
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            obj.status = Quote.Status.SUGGESTED
            obj.save()
            return
        editable = [name for name in form.changed_data if name not in self.DECISION_FIELDS]
        editable = [name for name in editable if name not in self.REVIEW_FIELDS]
        review_requested = isinstance(form, QuoteReviewForm) and form.review_requested
        if review_requested and not self.is_reviewer(request):
            raise PermissionDenied
        with transaction.atomic():
            if editable:
                obj.save(update_fields=editable)
            if review_requested:
                self._decide(request, obj, form)

    def _decide(self, request: HttpRequest, obj: Quote, form: QuoteReviewForm) -> None:
        data = form.cleaned_data
        stored = Quote.objects.get(pk=obj.pk)
        expected = data.get("expected_version")
        options = {
            "quote": stored,
            "reviewer": request.user,
            "expected_version": stored.version if expected is None else expected,
            "note": data.get("note") or "",
        }
        try:
            if "speaker" in form.changed_data:
                review.reassign_quote(speaker=data["speaker"], **options)
            elif data["decision"] == "confirm":
                review.confirm_quote(**options)
            else:
                review.reject_quote(**options)
        except review.ReviewConflict as conflict:
            self.message_user(request, conflict.message, messages.ERROR)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
