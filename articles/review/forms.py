"""Forms of the review desk: the queue's filters (all in the URL) and one form per decision."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models import Person, Quote, Section


def without_nul(data) -> dict[str, str]:
    """The last value of each parameter with NUL characters removed (psycopg refuses them)."""
    return {key: value.replace("\x00", "") for key, value in data.items()}


class QueueFilterForm(forms.Form):
    """Filters and order of the queue. Invalid values are ignored, never an error page."""

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

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    confidence = forms.ChoiceField(label=_("Confidence"), choices=BAND_CHOICES, required=False)
    language = forms.CharField(label=_("Language"), max_length=35, required=False)
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("any"),
    )
    article = forms.IntegerField(label=_("Dispatch number"), min_value=1, required=False)
    speaker = forms.CharField(
        label=_("Speaker"),
        max_length=200,
        required=False,
        help_text=_("Name or alias; “none” for quotations without a speaker."),
    )
    date_from = forms.DateField(label=_("Dispatches from"), required=False)
    date_to = forms.DateField(label=_("to"), required=False)
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data is not None else {}, **kwargs)
        for name in ("date_from", "date_to"):
            self.fields[name].widget.input_type = "date"

    def value(self, name: str):
        """The cleaned value of `name`, or None when absent or invalid."""
        self.is_valid()
        return self.cleaned_data.get(name) or None

    @property
    def is_whole_queue(self) -> bool:
        """Every pending quotation, in any order: the desk's own "pending" counter counts it."""
        narrowing = (name for name in self.fields if name not in {"status", "sort"})
        return (self.value("status") or "pending") == "pending" and not any(
            self.value(name) for name in narrowing
        )

    def filter(self, quotes: QuerySet[Quote]) -> QuerySet[Quote]:
        status = self.value("status") or "pending"
        if status == "pending":
            quotes = quotes.pending_review()
        elif status == "anchor_lost":
            quotes = quotes.filter(anchor_lost=True)
        elif status != "all":
            quotes = quotes.filter(status=status)
        if band := self.BANDS.get(self.value("confidence") or ""):
            low, high = band
            quotes = quotes.filter(confidence__gte=low)
            if high is not None:
                quotes = quotes.filter(confidence__lt=high)
        if language := self.value("language"):
            quotes = quotes.filter(
                Q(article__language__iexact=language)
                | Q(article__language__istartswith=f"{language}-")
            )
        if section := self.value("section"):
            quotes = quotes.filter(article__section=section)
        if article := self.value("article"):
            quotes = quotes.filter(article_id=article)
        if speaker := (self.value("speaker") or "").strip():
            if speaker.casefold() in {"none", "aucun"}:
                quotes = quotes.filter(speaker__isnull=True)
            else:
                quotes = quotes.filter(
                    Q(speaker__slug=speaker)
                    | Q(speaker__name__icontains=speaker)
                    | Q(speaker__aliases__name__icontains=speaker)
                    | Q(mention__icontains=speaker)
                ).distinct()
        if date_from := self.value("date_from"):
            quotes = quotes.filter(article__first_created__date__gte=date_from)
        if date_to := self.value("date_to"):
            quotes = quotes.filter(article__first_created__date__lte=date_to)
        return quotes.order_by(*self.SORTS[self.value("sort") or "confidence"])


class DecisionForm(forms.Form):
    """What every decision posts: the version the reviewer saw, a note, where to go back."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)
    next = forms.CharField(max_length=2000, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, quote: Quote | None = None, **kwargs):
        self.quote = quote
        super().__init__(*args, **kwargs)


class SpeakerForm(DecisionForm):
    speaker = forms.ModelChoiceField(
        label=_("Speaker"),
        queryset=Person.objects.all(),
        error_messages={"required": _("Choose a speaker first (search names and aliases).")},
    )


class AliasForm(DecisionForm):
    speaker = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.all(), required=False
    )


class CreatePersonForm(DecisionForm):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Person.Kind.choices, initial="person")


class SpanForm(DecisionForm):
    """The corrected words of the quotation, as they appear in the dispatch; the occurrence
    nearest to the current span is taken."""

    text = forms.CharField(label=_("Exact words of the quotation"), max_length=10_000, strip=False)

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        if not text or self.quote is None:
            return cleaned
        body = self.quote.article.body
        near = self.quote.start or 0
        found, at = None, body.find(text)
        while at != -1:
            if found is None or abs(at - near) < abs(found - near):
                found = at
            at = body.find(text, at + 1)
        if found is None:
            raise forms.ValidationError(_("These words do not appear in the dispatch."))
        cleaned["start"], cleaned["end"] = found, found + len(text)
        return cleaned


class BulkForm(forms.Form):
    selected = forms.MultipleChoiceField(
        choices=(),
        error_messages={"required": _("Select at least one quotation.")},
    )
    note = forms.CharField(max_length=1000, required=False)
    next = forms.CharField(max_length=2000, required=False)

    def clean_selected(self) -> dict[int, int]:
        selection = {}
        for value in self.cleaned_data["selected"]:
            pk, _sep, version = value.partition(":")
            if pk.isdigit() and version.isdigit():
                selection[int(pk)] = int(version)
        if not selection:
            raise forms.ValidationError(_("Select at least one quotation."))
        return selection

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Values are "quote id:version", checked in clean_selected rather than against choices.
        self.fields["selected"].valid_value = lambda value: True


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=_("Keep"),
        queryset=Person.objects.all(),
        error_messages={"required": _("Choose the person to keep.")},
    )
    merge = forms.ModelChoiceField(
        label=_("Merge into it"),
        queryset=Person.objects.all(),
        error_messages={"required": _("Choose the duplicate to merge.")},
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keep") and cleaned.get("keep") == cleaned.get("merge"):
            raise forms.ValidationError(_("Choose two different people."))
        return cleaned
