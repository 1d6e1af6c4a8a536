"""Filters for the public lists (django-filter). Every value a reader sends is accepted: a value
that does not validate is shown as an error and ignored, never a server error."""

import string

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Reverse, Right, StrIndex
from django.utils.translation import gettext_lazy as _

from articles import fts
from articles.models import Article, Person, PersonAlias, Quote, Section, Tag
from articles.search import (
    clean_query,
    query_terms,
    search_articles,
    search_people,
    search_quotes,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LETTERS = tuple(string.ascii_lowercase)
DATE_LABELS = (_("From"), _("To"))


def date_range(
    field_name: str, *, labels=DATE_LABELS, widget=DATE_WIDGET
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """`date_from, date_to = date_range(...)`: the dates between which `field_name` falls."""
    return tuple(
        django_filters.DateFilter(
            label=label, field_name=field_name, lookup_expr=f"date__{lookup}", widget=widget
        )
        for label, lookup in zip(labels, ("gte", "lte"), strict=True)
    )


class SearchFilterSet(django_filters.FilterSet):
    """A filter set whose `q` is the reader's search, handed to articles.search as typed."""

    search_function = staticmethod(search_articles)

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return self.search_function(queryset, value)

    @property
    def query(self) -> str:
        """The search as it was understood (for headings and empty-result messages)."""
        return clean_query(self.data.get("q", "")) if self.data else ""

    @property
    def is_active(self) -> bool:
        """Whether the reader filtered by a valid value (validated here: the form may not have
        been drawn, the home page's is kept)."""
        form = self.form
        if not form.is_bound:
            return False
        form.is_valid()  # once: the values the reader sent, cleaned
        return any(form.cleaned_data.get(name) for name in self.filters)


class ReadOnceChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """The choices read as one plain query. Django's iterator walks `.iterator()`, which on
    PostgreSQL is a server-side cursor (DECLARE … WITH HOLD, FETCH, CLOSE outside a
    transaction): 0.9 against 0.6 ms for a speaker's few tags at 100k (docs/performance.md), and
    the sections of the home page's form alike."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ReadOnceChoiceField(django_filters.fields.ModelChoiceField):
    iterator = ReadOnceChoiceIterator


class ReadOnceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ReadOnceChoiceField


class ArticleFilter(SearchFilterSet):
    section = ReadOnceChoiceFilter(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        empty_label=_("All sections"),
    )
    tag = django_filters.CharFilter(label=_("Tag"), method="filter_tag")
    speaker = django_filters.CharFilter(label=_("Speaker quoted"), method="filter_speaker")
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=_("All languages"),
        method="filter_language",
    )
    date_from, date_to = date_range("published_at")
    quoted = django_filters.BooleanFilter(
        label=_("With quotations only"), method="filter_quoted", widget=forms.CheckboxInput
    )
    order = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=[("relevance", _("Most relevant first"))],
        empty_label=_("Newest first"),
        method="filter_order",
    )

    class Meta:
        model = Article
        fields = ()

    def filter_tag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        tags = Tag.objects.filter(Q(slug=value) | Q(name__iexact=value))
        return queryset.filter(
            pk__in=Article.tags.through.objects.filter(tag__in=tags).values("article_id")
        )

    def filter_speaker(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        people = Person.objects.filter(
            Q(slug=value)
            | Q(name__icontains=value)
            | Q(pk__in=PersonAlias.objects.filter(name__icontains=value).values("person_id"))
        )
        quoting = Quote.objects.public().filter(speaker__in=people).values("article_id")
        return queryset.filter(pk__in=quoting)

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(language=value) | Q(language__startswith=f"{value}-"))

    def filter_quoted(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Exists(Quote.objects.public().filter(article=OuterRef("pk"))))

    def filter_order(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Relevance needs a search; it ranks the newest matches (articles.fts.ranked).
        terms = query_terms(self.data.get("q", ""))
        return fts.ranked(queryset, terms) if value == "relevance" and terms else queryset


class QuoteFilter(SearchFilterSet):
    """ "Who said …": quotation text, and the date of the dispatch that carries it."""

    search_function = staticmethod(search_quotes)

    date_from, date_to = date_range("article__published_at")

    class Meta:
        model = Quote
        fields = ()


class SpeakerQuoteFilter(QuoteFilter):
    """A speaker's timeline: their quotations, by tag of the dispatch and by date."""

    tag = ReadOnceChoiceFilter(
        label=_("Tag"),
        queryset=Tag.objects.none(),
        to_field_name="slug",
        empty_label=_("All tags"),
        method="filter_tag",
    )

    def __init__(self, *args, tags: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["tag"].queryset = tags

    def filter_tag(self, queryset: QuerySet, name: str, value: Tag) -> QuerySet:
        tagged = Article.tags.through.objects.filter(tag=value).values("article_id")
        return queryset.filter(article_id__in=tagged)


class PersonFilter(SearchFilterSet):
    """The People index: a letter of the alphabet, or a search over names and aliases."""

    search_function = staticmethod(search_people)

    letter = django_filters.ChoiceFilter(
        label=_("Initial"),
        choices=[(letter, letter.upper()) for letter in LETTERS],
        method="filter_letter",
    )

    class Meta:
        model = Person
        fields = ()

    def filter_letter(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Filed as an index files them: a person by surname, anything else by its name; "Élise"
        # under E (the letter and its accented forms).
        initials = Q()
        for form in LETTER_FORMS.get(value, value):
            initials |= Q(filing_key__startswith=form) | Q(filing_key__startswith=form.upper())
        return with_filing_key(queryset).filter(initials)


# Each letter and the accented capitals and small letters names start with in our languages.
LETTER_FORMS = {
    "a": "aàâä", "c": "cç", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "y": "yÿ",
}  # fmt: skip


def fold_initial(char: str) -> str:
    """The index letter of an initial ("É" → "e")."""
    char = char.lower()
    for letter, variants in LETTER_FORMS.items():
        if char in variants:
            return letter
    return char


def filing_key(prefix: str = ""):
    """Where the People index files someone: a person under the last word of their name
    ("Odile Ferrandou" under F, "Ingrid Valcourt-Semper" under V), an organisation or a group
    under its name ("FC Sorvane" under F). Portable SQL (SQLite and PostgreSQL)."""
    name = F(f"{prefix}name")
    last_space = StrIndex(Reverse(name), Value(" "))
    surname = Case(
        When(condition=Q(**{f"{prefix}name__contains": " "}), then=Right(name, last_space - 1)),
        default=name,
        output_field=CharField(),
    )
    return Case(
        When(**{f"{prefix}kind": Person.Kind.PERSON}, then=surname),
        default=name,
        output_field=CharField(),
    )


def with_filing_key(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(filing_key=filing_key())
