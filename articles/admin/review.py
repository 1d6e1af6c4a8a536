"""The review record in the admin: merging people (an action on PersonAdmin), the merge records
(undoable) and the decisions (read-only)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Person, PersonMerge, QuoteDecision
from articles.services import review


@admin.action(
    description=gettext_lazy("Merge the selected people into one"), permissions=("change",)
)
def merge_people_action(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Person]
) -> HttpResponse | None:
    """First a page asking which person to keep; then each other one is merged into it."""
    people = list(queryset.order_by("name", "pk"))
    if len(people) < 2:
        modeladmin.message_user(request, _("Select at least two people to merge."), messages.ERROR)
        return None
    keep_id = request.POST.get("keep", "")
    keep = next((p for p in people if str(p.pk) == keep_id), None)
    if "apply" in request.POST and keep is not None:
        done = []
        for person in people:
            if person.pk == keep.pk:
                continue
            try:
                record = review.merge_people(keep=keep, merge=person, reviewer=request.user)
            except ValidationError as error:
                modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                done.append(record.merged_name)
        if done:
            modeladmin.message_user(
                request,
                _("Merged into %(keep)s: %(names)s. Each merge can be undone from its record.")
                % {"keep": keep, "names": ", ".join(done)},
                messages.SUCCESS,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Merge people"),
        "opts": modeladmin.model._meta,
        "people": people,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "action": "merge_people_action",
    }
    return TemplateResponse(request, "review/admin_merge.html", context)


@admin.register(PersonMerge)
class PersonMergeAdmin(admin.ModelAdmin):
    list_display = ("merged_name", "keep", "reviewer", "at", "undone_at")
    list_select_related = ("keep", "reviewer")
    search_fields = ("merged_name", "keep__name")
    actions = ("undo_merges",)
    readonly_fields = (
        "keep",
        "merged_id",
        "merged_name",
        "merged_fields",
        "keep_before",
        "moved",
        "reviewer",
        "at",
        "undone_by",
        "undone_at",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_review_permission(self, request: HttpRequest) -> bool:
        """Undoing a merge is a review decision: the desk's permission, not the view one."""
        return request.user.has_perm("articles.review_quote")

    @admin.action(description=gettext_lazy("Undo the selected merges"), permissions=("review",))
    def undo_merges(self, request: HttpRequest, queryset: QuerySet[PersonMerge]) -> None:
        for record in queryset:
            try:
                result = review.undo_merge(record=record, reviewer=request.user)
            except ValidationError as error:
                self.message_user(request, f"{record}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(person)s restored.") % {"person": result.person})


@admin.register(QuoteDecision)
class QuoteDecisionAdmin(admin.ModelAdmin):
    list_display = ("at", "reviewer", "action", "quote", "note")
    list_filter = ("action",)
    list_select_related = ("reviewer", "quote")
    date_hierarchy = "at"
    raw_id_fields = ("quote", "merge")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
