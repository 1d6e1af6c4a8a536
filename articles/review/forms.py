"""Forms of the review desk: one per decision (the queue's filters are in `filters.py`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Person, Quote

# The largest id a database stores (a signed 64-bit integer): a larger number names no row, and
# SQLite cannot even bind it (OverflowError, a 500 before issue 20).
MAX_ID = 2**63 - 1


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
            if pk.isdigit() and version.isdigit() and int(pk) <= MAX_ID >= int(version):
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
