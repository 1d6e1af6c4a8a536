"""The review queue's filters and order (django-filter, like the public lists): all in the URL,
and a value that does not validate is ignored, never an error page."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from articles.filters import date_range
from articles.models import Quote, Section
from articles.review.forms import MAX_ID


class DateInput(forms.DateInput):
    input_type = "date"


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class QueueFilter(django_filters.FilterSet):
    """The queue: pending quotations (by default) in order of confidence (by default)."""

    STATUS_CHOICES = (
        ("pending", _("awaiting review")),
        ("suggested", _("suggested")),
        ("anchor_lost", _("anchor lost")),
        ("confirmed", _("confirmed")),
        ("corrected", _("corrected")),
        ("rejected", _("rejected")),
        ("all", _("all")),
    )
    BANDS = {
        "low": (0.0, 0.5),
        "medium": (0.5, 0.8),
        "high": (0.8, None),
    }
    BAND_CHOICES = (
        ("", _("any")),
        ("low", _("low (under 0.5)")),
        ("medium", _("medium (0.5 to 0.8)")),
        ("high", _("high (0.8 and over)")),
    )
    SORTS = {
        "confidence": ("confidence", "id"),
        "-confidence": ("-confidence", "id"),
        "newest": ("-article__first_created", "start", "id"),
        "oldest": ("article__first_created", "start", "id"),
    }
    SORT_CHOICES = (
        ("confidence", _("lowest confidence first")),
        ("-confidence", _("highest confidence first")),
        ("newest", _("newest dispatches first")),
        ("oldest", _("oldest dispatches first")),
    )

    # Status and order have defaults, applied in `filter_queryset` (a filter skips empty values).
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=None, method="keep"
    )
    confidence = django_filters.ChoiceFilter(
        label=_("Confidence"), choices=BAND_CHOICES, empty_label=None, method="filter_confidence"
    )
    language = django_filters.CharFilter(
        label=_("Language"), max_length=35, method="filter_language"
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        empty_label=_("any"),
        field_name="article__section",
    )
    article = IntegerFilter(
        label=_("Dispatch number"), min_value=1, max_value=MAX_ID, field_name="article_id"
    )
    speaker = django_filters.CharFilter(
        label=_("Speaker"),
        max_length=200,
        help_text=_("Name or alias; “none” for quotations without a speaker."),
        method="filter_speaker",
    )
    date_from, date_to = date_range(
        "article__first_created", labels=(_("Dispatches from"), _("to")), widget=DateInput
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"), choices=SORT_CHOICES, empty_label=None, method="keep"
    )

    class Meta:
        model = Quote
        fields = ()

    def value(self, name: str):
        """The cleaned value of `name`, or None when absent or invalid."""
        self.form.is_valid()
        return self.form.cleaned_data.get(name) or None

    @property
    def is_whole_queue(self) -> bool:
        """Every pending quotation, in any order: the desk's own "pending" counter counts it."""
        narrowing = (name for name in self.filters if name not in {"status", "sort"})
        return (self.value("status") or "pending") == "pending" and not any(
            self.value(name) for name in narrowing
        )

    def filter_queryset(self, queryset: QuerySet[Quote]) -> QuerySet[Quote]:
        status = self.value("status") or "pending"
        if status == "pending":
            queryset = queryset.pending_review()
        elif status == "anchor_lost":
            queryset = queryset.filter(anchor_lost=True)
        elif status != "all":
            queryset = queryset.filter(status=status)
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*self.SORTS[self.value("sort") or "confidence"])

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # status and sort: see filter_queryset

    def filter_confidence(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        low, high = self.BANDS[value]
        queryset = queryset.filter(confidence__gte=low)
        return queryset.filter(confidence__lt=high) if high is not None else queryset

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(article__language__iexact=value) | Q(article__language__istartswith=f"{value}-")
        )

    def filter_speaker(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        speaker = value.strip()
        if not speaker:
            return queryset
        if speaker.casefold() in {"none", "aucun"}:
            return queryset.filter(speaker__isnull=True)
        return queryset.filter(
            Q(speaker__slug=speaker)
            | Q(speaker__name__icontains=speaker)
            | Q(speaker__aliases__name__icontains=speaker)
            | Q(mention__icontains=speaker)
        ).distinct()
