from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.languages import ATTRIBUTION_LANGUAGES
from articles.models import Section, Tag


class ScopeForm(forms.Form):
    """The dashboard's filters; every field optional, bad values reported, never a 500."""

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All sections"),
    )
    # A text field, not a list: an archive holds thousands of tags, and rendering each as an
    # option costs more than every figure of the page (bench_site at 100k).
    tag = forms.CharField(
        label=_("Tag"),
        required=False,
        max_length=100,
        help_text=_("Its name or slug; empty for all tags."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages"))]
        + [(code, code) for code in sorted(ATTRIBUTION_LANGUAGES)],
    )

    def clean_tag(self) -> Tag | None:
        value = " ".join(self.cleaned_data["tag"].split())
        if not value:
            return None
        tag = Tag.objects.filter(Q(slug=value) | Q(name__iexact=value)).first()
        if tag is None:
            raise forms.ValidationError(_("No tag by this name."))
        return tag

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data
