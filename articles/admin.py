from functools import partial

from django.contrib import admin
from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.ingest_admin import import_dispatches_view
from articles.models import Article, Person, PersonAlias, Quote, Section, Tag
from articles.review.admin import merge_people_action  # also registers the review record


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1
    fields = ("name", "key")
    readonly_fields = ("key",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "role", "origin", "quote_count", "created_at")
    list_filter = ("kind", "origin")
    search_fields = ("name", "aliases__name", "role")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at",)
    inlines = (PersonAliasInline,)
    actions = (merge_people_action,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_total=Count("quotes", distinct=True))

    @admin.display(description=_("quotations"), ordering="quote_total")
    def quote_count(self, person: Person) -> int:
        return person.quote_total


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ("text", "kind", "speaker", "speaker_type", "status", "confidence", "start", "end")
    readonly_fields = ("confidence",)
    autocomplete_fields = ("speaker",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "headline",
        "status",
        "section",
        "language",
        "urgency",
        "published_at",
        "updated_at",
    )
    list_filter = ("status", "section", "language", "tags")
    list_select_related = ("section",)
    search_fields = ("headline", "guid", "body")
    date_hierarchy = "published_at"
    autocomplete_fields = ("section", "tags", "people")
    prepopulated_fields = {"slug": ("headline",)}
    readonly_fields = ("first_created", "updated_at", "edit_count")
    inlines = (QuoteInline,)

    def get_urls(self):
        # Upload of dispatch files (the changelist links to it): articles/ingest_admin.py.
        upload = partial(import_dispatches_view, model_admin=self)
        return [
            path("import/", self.admin_site.admin_view(upload), name="articles_article_import"),
            *super().get_urls(),
        ]

    fieldsets = (
        (None, {"fields": ("headline", "headline_derived", "slug", "body", "summary")}),
        (
            _("Classification"),
            {"fields": ("section", "tags", "people", "language", "urgency")},
        ),
        (
            _("Publication"),
            {"fields": ("status", "published_at", "embargo_until")},
        ),
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
                    "updated_at",
                    "edit_count",
                ),
            },
        ),
    )

    actions = ("rerun_attribution",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "body" in form.changed_data or "language" in form.changed_data:
            services.schedule_attribution(article=obj)

    @admin.action(description=_("Re-run quote attribution"), permissions=("change",))
    def rerun_attribution(self, request, queryset):
        for article in queryset:
            services.schedule_attribution(article=article)
        self.message_user(
            request,
            _("Attribution scheduled for %(count)d dispatches; decisions already taken are kept.")
            % {"count": len(queryset)},
        )


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "speaker", "kind", "status", "confidence", "article")
    list_filter = ("status", "kind", "speaker_type", "origin")
    list_select_related = ("speaker", "article")
    search_fields = ("text", "speaker__name", "mention")
    autocomplete_fields = ("speaker",)
    raw_id_fields = ("article",)
    readonly_fields = ("origin", "reviewed_by", "reviewed_at", "version", "created_at")
