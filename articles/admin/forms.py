"""The admin's forms: the dispatch form (edit safety, new tags, line breaks), the small forms of
the publication steps and of the tag merge, and the upload of dispatch files."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from articles.ingest import FORMATS
from articles.models import Article, Quote, Tag
from articles.services import editorial
from articles.services.imports import IMPORT_STATUSES

# Files in one upload (more go in a .zip).
MAX_FILES = 200


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ("name", "slug", "media_topic")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if clash:
            raise ValidationError(
                _("The tag “%(name)s” already exists: merge into it instead."),
                params={"name": clash.name},
            )
        return name


class MergeTagsForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        label=_("Keep"),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("The other selected tags are merged into it, with their dispatches."),
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = tags


class ArticleAdminForm(forms.ModelForm):
    # The edit counter the editor's copy was based on: a save from an older copy is refused.
    expected_edit_count = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    new_tags = forms.CharField(
        label=_("New tags"),
        required=False,
        max_length=500,
        help_text=_("Comma-separated names: added to the dispatch, created if they do not exist."),
    )

    # One of the languages the site supports (the model keeps any BCP 47 tag an import sends).
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="fr")

    # No Meta: the admin builds the model form from the fieldsets.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.initial.get("language") or ""
        choices = dict(settings.LANGUAGES)
        if language and language not in choices:
            # A regional tag from the wire ("fr-CA") stays choosable as it is.
            self.fields["language"].choices = [*settings.LANGUAGES, (language, language)]
        if self.instance.pk and not self.is_bound:
            # Read from the database, not the instance: the revert page builds the form from an
            # old revision, whose counter is not the current one.
            current = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("edit_count", flat=True)
                .first()
            )
            self.initial["expected_edit_count"] = current

    def clean_body(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; the body (and every quotation offset
        # into it) uses LF: without this, any save from a browser would move every quotation.
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def clean_summary(self) -> str:
        return self.cleaned_data["summary"].replace("\r\n", "\n").replace("\r", "\n")

    @cached_property
    def changed_data(self) -> list[str]:
        # A browser's CRLF alone is not a change of text (nor a reason to re-run attribution).
        cleaned = getattr(self, "cleaned_data", {})
        return [
            name
            for name in super().changed_data
            if not (name in ("body", "summary") and cleaned.get(name) == self.initial.get(name))
        ]

    def clean_new_tags(self) -> list[str]:
        names = []
        for name in self.cleaned_data["new_tags"].split(","):
            name = " ".join(name.split())
            if len(name) > 100:
                raise ValidationError(_("A tag name has at most 100 characters."))
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return names

    def clean(self):
        cleaned = super().clean()
        if "headline" in self.changed_data or self.instance.pk is None:
            # An editor wrote (or checked) the headline: it is no longer the lede's.
            self.instance.headline_derived = False
        if self.instance.pk is None:
            status = cleaned.get("status")
            if status not in (None, Article.Status.DRAFT, Article.Status.PUBLISHED):
                self.add_error(
                    "status",
                    _("A new dispatch is a draft or published; correct or withdraw later."),
                )
            return cleaned
        self.check_edit_count(cleaned.get("expected_edit_count"))
        return cleaned

    def check_edit_count(self, expected: int | None) -> None:
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_count", flat=True)
            .first()
        )
        if current is None or expected == current:
            return
        stored = Article.objects.get(pk=self.instance.pk)
        conflict = editorial.changes_since(article=stored, edit_count=expected or 0)
        # The next save from this form is a deliberate overwrite of what is shown here.
        data = self.data.copy()
        data[self.add_prefix("expected_edit_count")] = str(current)
        self.data = data
        message = _(
            "%(user)s saved this dispatch (%(when)s) after you opened it. Your version is below, "
            "not saved. Compare, then save again to replace theirs."
        ) % {
            "user": conflict.user or _("Someone"),
            "when": date_format(timezone.localtime(conflict.at), "DATETIME_FORMAT")
            if conflict.at
            else "?",
        }
        details = [
            _("%(field)s: “%(old)s” → “%(new)s”")
            % {"field": change.field, "old": change.old, "new": change.new}
            for change in conflict.changes
        ]
        raise ValidationError([message, *details], code="stale")


class ScheduleForm(forms.Form):
    at = forms.SplitDateTimeField(label=_("Publish at"), widget=AdminSplitDateTime)


class EmbargoForm(forms.Form):
    until = forms.SplitDateTimeField(
        label=_("Embargo until"),
        widget=AdminSplitDateTime,
        required=False,
        help_text=_("Leave empty to lift the embargo now."),
    )


class CorrectForm(forms.Form):
    note = forms.CharField(
        label=_("Correction note"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to readers on the dispatch, in its feeds and its structured data."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    pass


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # Each file is judged on its own by the upload (an empty one is refused there, named,
        # and the others still import): only "no file at all" is the form's error.
        files = [file for file in (data if isinstance(data, (list, tuple)) else [data]) if file]
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class DispatchUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_("Plain-text wire, ninjs (.json) or NewsML-G2 (.xml) files, or .zip archives."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=[(f, f) for f in FORMATS], initial="auto")
    status = forms.ChoiceField(
        label=_("Status"), choices=[(s, _(s)) for s in IMPORT_STATUSES], initial="draft"
    )
    section = forms.CharField(label=_("Section"), max_length=100, required=False)
    attribute = forms.BooleanField(label=_("Attribute quotations"), required=False, initial=True)

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(max)d files at a time (or put them in a .zip)."),
                params={"max": MAX_FILES},
            )
        return files


QUOTE_FIELDS = (
    "article",
    "text",
    "start",
    "end",
    "anchor_lost",
    "kind",
    "speaker",
    "speaker_type",
    "mention",
    "cue",
    "confidence",
    "status",
)


class QuoteReviewForm(forms.ModelForm):
    """A quotation in the admin. Its status and speaker are review decisions: a reviewer takes
    them here through the review services (`decision`, another `speaker`), with the version the
    form was opened at, so a decision taken meanwhile on the desk is never overwritten."""

    DECISIONS = (
        ("", _("no decision")),
        ("confirm", _("confirm the attribution")),
        ("reject", _("not a quotation")),
    )

    decision = forms.ChoiceField(label=_("Review decision"), choices=DECISIONS, required=False)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Quote
        fields = QUOTE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "expected_version" in self.fields and self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        speaker_changed = "speaker" in self.fields and "speaker" in self.changed_data
        if cleaned.get("decision") == "reject" and speaker_changed:
            raise ValidationError(_("Either reject the quotation or give it another speaker."))
        if speaker_changed and cleaned.get("speaker") is None:
            raise ValidationError(
                {"speaker": _("A reviewed quotation keeps a speaker: reject it instead.")}
            )
        return cleaned

    @property
    def review_requested(self) -> bool:
        return bool(self.cleaned_data.get("decision")) or (
            "speaker" in self.fields and "speaker" in self.changed_data
        )


class QuoteInlineForm(forms.ModelForm):
    """A dispatch's quotations in its change form: a new one may name its speaker (it awaits
    review); an existing one's speaker changes only on the review desk."""

    class Meta:
        model = Quote
        fields = QUOTE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("speaker", "speaker_type"):
                if name in self.fields:
                    self.fields[name].disabled = True
