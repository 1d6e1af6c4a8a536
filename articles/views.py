"""Public pages. Views are thin: they read through QuerySet methods, filter with django-filter,
and render one template — or, for HTMX, one partial of it (`#results` when the filters change,
`#more` when "load more" appends a page). Those views vary on `HX-Request`."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Substr
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles import fts, jsonld, summaries
from articles.filters import (
    LETTERS,
    ArticleFilter,
    PersonFilter,
    QuoteFilter,
    SpeakerQuoteFilter,
    fold_initial,
    with_filing_key,
)
from articles.highlight import body_segments
from articles.http import clean_params, fragment_name
from articles.models import (
    Article,
    Person,
    PersonAlias,
    Quotation,
    Quote,
    Role,
    Section,
    Tag,
)
from articles.prepared import prepared
from articles.search import clean_query, highlight_articles, query_terms

PAGE_SIZE = 20
RELATED_COUNT = 5
RELATED_CANDIDATES = 50
RELATED_KEYS = 5
MAX_PAGE = 10_000
OCCURRENCES_SHOWN = 200


@dataclass
class Page:
    """One page of a list, found by fetching one row more than it shows: no COUNT(*) of the
    whole result (costly at scale, docs/performance.md), "older" links only when there are more."""

    number: int
    object_list: list = field(default_factory=list)
    has_next: bool = False

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def page_number(number: object) -> int:
    """The page asked for: 1 when missing or not a number, at most MAX_PAGE."""
    try:
        return min(max(int(str(number)), 1), MAX_PAGE)
    except ValueError:
        return 1


def page_of(rows: list, number: int, *, size: int = PAGE_SIZE) -> Page:
    """Page `number` from its rows and one row more (which tells whether there is a next)."""
    return Page(number=number, object_list=rows[:size], has_next=len(rows) > size)


def get_page(queryset: QuerySet, number: object, *, size: int = PAGE_SIZE) -> Page:
    """Page `number` (1 when missing or not a number; pages past the end are empty)."""
    number = page_number(number)
    offset = (number - 1) * size
    return page_of(list(queryset[offset : offset + size + 1]), number, size=size)


def render_listing(
    request: HttpRequest, template: str, context: dict, *, items_id: str
) -> HttpResponse:
    name = fragment_name(request, items_id=items_id)
    context["fragment"] = name
    return render(request, f"{template}#{name}" if name else template, context)


@prepared
def _listed_page(offset: int, *, at) -> QuerySet:
    """One page of the published dispatches, newest first (and one row more)."""
    return Article.objects.listed(at=at)[offset : offset + PAGE_SIZE + 1]


@prepared
def _searched_page(offset: int, *, expression: str, at) -> QuerySet:
    """One page of a search on SQLite and nothing else, newest first (and one row more): the
    page's ids from the capped matches (the covering index article_listed_cover, never the
    rows), then those rows — the filter set's rows, compiled once (building and compiling them
    was a tenth of the search page, bench_site at 100k)."""
    matches = fts.sqlite_match(Article.objects.listed(at=at), expression)
    ids = matches.values("pk")[offset : offset + PAGE_SIZE + 1]
    return Article.objects.listed(at=at).filter(pk__in=ids)


@prepared(on_server=False)
def _searched_page_pg(offset: int, count: int, *, at, **terms) -> QuerySet:
    """The same on PostgreSQL: the filter set's rows (the date index walked newest first, each
    row's tsvector checked), compiled once per number of words (building and compiling them
    was ≈ 1.4 ms of each search). Never prepared on the server: how common the words are
    decides the plan (`fts.PG_ROW_CHECK`)."""
    words = [terms[f"term{n}"] for n in range(count)]
    return fts.match(Article.objects.listed(at=at), words)[offset : offset + PAGE_SIZE + 1]


def filter_form_key(choices: list[tuple[str, str]], *, bound: bool) -> str:
    """All that the form of an unfiltered list shows, as a key for its HTML: the language, the
    choices of its one list (the sections, or a speaker's tags: slug and label) and whether a
    page number was given (which opens the home page's filters). The same key is the same HTML,
    whoever asks and whenever (each template keeps its form under its own fragment name); a new
    or renamed choice, or another language, is another key. Drawing a form through the widget
    templates cost about half of the home page and a third of a speaker's
    (docs/performance.md)."""
    return repr((get_language(), bound, choices))


class UnfilteredFilterSet:
    """The filter set of an unfiltered list, made only when its form is drawn. The template
    keeps the form's HTML under `form_key`, so most requests never need it, and making a
    django-filter FilterSet deep-copies its filters and its form's fields (a tenth of the home
    page's time). The choices of its one list (`field`) are read once, for the key, and the form
    draws those. An unfiltered list has no search and filters by nothing."""

    query = ""
    is_active = False

    def __init__(self, make: Callable[[], object], *, field: str, rows: QuerySet, bound: bool):
        self._make, self._field, self._rows = make, field, rows
        self.is_bound = bound

    @cached_property
    def choices(self) -> list[tuple[str, str]]:
        return [(row.slug, str(row)) for row in self._rows]

    def form_key(self) -> str:
        return filter_form_key(self.choices, bound=self.is_bound)

    @cached_property
    def filterset(self):
        filterset = self._make()
        field = filterset.form.fields[self._field]
        # the widget draws the rows read for the key (its form is never validated: no filter)
        field.widget.choices = [("", field.empty_label), *self.choices]
        return filterset

    @property
    def form(self):
        return self.filterset.form


def _article_filter(params: dict) -> ArticleFilter:
    """The dispatches' filter set over the listed ones: the list never shows bodies; left out,
    a search sorts small rows (4× faster at 100k)."""
    return ArticleFilter(params, queryset=Article.objects.listed())


class SearchedFilterSet:
    """The filter set of a search and nothing else (`q`, perhaps a page), made only when its
    form is drawn or its rows are needed: most such searches read their rows from a query
    compiled once (`_filtered_page`) and show a kept form (`_search_form`), and making a
    django-filter FilterSet deep-copies its filters and its form's fields (a twentieth of a
    search, bench_site at 100k). What the page shows of it without the form — the search as
    understood, whether it filters — reads the parameters as the form would clean them."""

    is_bound = True

    def __init__(self, params: dict):
        self._params = params

    @property
    def query(self) -> str:
        return clean_query(self._params.get("q", ""))

    @property
    def is_active(self) -> bool:
        return bool(self._params.get("q", "").strip())  # the form's CharField strips it

    @cached_property
    def filterset(self) -> ArticleFilter:
        return _article_filter(self._params)

    @property
    def form(self):
        return self.filterset.form

    @property
    def qs(self) -> QuerySet:
        return self.filterset.qs


def _filtered_page(filterset: ArticleFilter | SearchedFilterSet, params: dict) -> Page:
    """The page of a filtered list. On SQLite a search, newest first, takes the page's ids from
    the capped matches (the covering index article_listed_cover, never the rows), then those
    rows: still one query. A search and nothing else, most of them, is read from a query
    compiled once (`_searched_page`, `_searched_page_pg`)."""
    number = page_number(params.get("page"))
    offset = (number - 1) * PAGE_SIZE
    sqlite = connections[Article.objects.db].vendor == "sqlite"
    terms = fts.usable_terms(query_terms(params.get("q")))
    if terms and set(params) <= {"q", "page"}:
        if sqlite:
            rows = _searched_page(offset, expression=fts.fts5_query(terms), at=timezone.now())
        else:
            words = {f"term{n}": term for n, term in enumerate(terms)}
            rows = _searched_page_pg(offset, len(terms), at=timezone.now(), **words)
        return page_of(list(rows), number)
    results = filterset.qs
    newest_first = results.query.order_by == Article.objects.listed().query.order_by
    if sqlite and filterset.query and newest_first:
        ids = results.values("pk")[offset : offset + PAGE_SIZE + 1]
        return page_of(list(Article.objects.listed().filter(pk__in=ids)), number)
    return get_page(results, params.get("page"))


# The search box's value in the kept form of a search: a private-use character, escaped as itself.
_SEARCHED = "\ue000"
FORM_KEPT_SECONDS = 3600


def listed_sections(request: HttpRequest) -> list[Section]:
    """The sections the dispatch filters offer. On a page the page cache will keep, read once
    per generation (`request.page_cache_generation`; a write bumps it, so a new or renamed
    section shows at once) and kept in this process: the long tail's searches, each asked once,
    then pay no statement for them (≈ 0.3 ms on PostgreSQL at 100k); on any other, read anew."""
    generation = getattr(request, "page_cache_generation", None)
    read = ArticleFilter.base_filters["section"].queryset.all
    if generation is None:
        return list(read())
    kept = caches["template_fragments"]  # local to the process, as the forms it serves
    key = f"listed-sections:{generation}"
    sections = kept.get(key)
    if sections is None:
        sections = list(read())
        kept.set(key, sections, FORM_KEPT_SECONDS)
    return sections


def _search_form(request: HttpRequest, query: str) -> SafeString | None:
    """The filter form of a search and nothing else: the same HTML for every such search but the
    search box's value. Kept per language and sections (`filter_form_key`) with a stand-in
    value, which the reader's own, escaped as the widget escapes it, replaces (drawing the form
    was a fifth of a search page, bench_site at 100k). None when the stand-in is not found
    once, or the query holds it: the form is then drawn as usual."""
    if not query or _SEARCHED in query:
        return None
    sections = [(s.slug, str(s)) for s in listed_sections(request)]
    key = make_template_fragment_key("search-form", [filter_form_key(sections, bound=True)])
    kept = caches["template_fragments"]  # where `{% cache %}` keeps the home page's form
    html = kept.get(key)
    if html is None:
        stand_in = ArticleFilter({"q": _SEARCHED}, queryset=Article.objects.none())
        field = stand_in.form.fields["section"]
        field.widget.choices = [("", field.empty_label), *sections]  # the rows read for the key
        template = "articles/article_list.html#filter_form"
        html = render_to_string(template, {"filter": stand_in}, request)
        kept.set(key, html, FORM_KEPT_SECONDS)
    searched = f'value="{_SEARCHED}"'
    if html.count(searched) != 1:
        return None
    # Django's HTML and the reader's query escaped as its widget escapes it
    return mark_safe(html.replace(searched, f'value="{escape(query)}"'))  # noqa: S308


# A choice's value and label in the kept form of a speaker: private-use characters, escaped as
# themselves; two stand-in choices show what Django writes between two options.
_CHOICE = ("\ue002", "\ue003")
_OTHER_CHOICE = ("\ue004", "\ue005")


def _speaker_form(tags: Iterable[Tag], *, bound: bool) -> SafeString | None:
    """The filter form of a speaker's unfiltered timeline: the same HTML for every speaker but
    the options of its tag list. Kept per language with two stand-in options, which the
    speaker's tags replace, each in the stand-ins' own markup, its slug and name escaped as the
    widget escapes them (drawing the form through the widgets cost a speaker's page asked for
    the first time ≈ 1 ms, bench_site at 100k). None when the stand-ins are not found as
    expected: the form is then drawn as usual."""
    key = make_template_fragment_key("speaker-form", [filter_form_key([], bound=bound)])
    kept = caches["template_fragments"]  # where `{% cache %}` keeps the other forms
    html = kept.get(key)
    if html is None:
        stand_in = SpeakerQuoteFilter(
            {"page": "1"} if bound else None, queryset=Quote.objects.none(), tags=Tag.objects.none()
        )
        field = stand_in.form.fields["tag"]
        field.widget.choices = [("", field.empty_label), _CHOICE, _OTHER_CHOICE]
        template = "articles/person_detail.html#filter_fields"
        html = render_to_string(template, {"filter": stand_in})
        kept.set(key, html, FORM_KEPT_SECONDS)
    if any(html.count(mark) != 1 for mark in (*_CHOICE, *_OTHER_CHOICE)):
        return None
    start = html.rfind("<option", 0, html.index(_CHOICE[0]))
    end = html.index("</option>", start) + len("</option>")
    other = html.rfind("<option", 0, html.index(_OTHER_CHOICE[0]))
    option, separator = html[start:end], html[end:other]
    second = option.replace(_CHOICE[0], _OTHER_CHOICE[0]).replace(_CHOICE[1], _OTHER_CHOICE[1])
    stand_ins = separator + option + separator + second  # the same markup for both
    if not separator.isspace() or html.count(stand_ins) != 1:
        return None

    def drawn(tag: Tag) -> str:
        return option.replace(_CHOICE[0], escape(tag.slug)).replace(_CHOICE[1], escape(str(tag)))

    options = "".join(separator + drawn(tag) for tag in tags)
    return mark_safe(html.replace(stand_ins, options))  # noqa: S308 (Django's HTML, values escaped)


@require_GET
@vary_on_headers("HX-Request")
def article_list(request: HttpRequest) -> HttpResponse:
    params = clean_params(request.GET)
    if set(params) <= {"page"}:
        # Unfiltered (the home page and its pages): the rows the filter set would give, compiled
        # once; the filter set only draws the form.
        filterset = UnfilteredFilterSet(
            partial(ArticleFilter, params or None, queryset=Article.objects.none()),
            field="section",
            rows=SimpleLazyObject(lambda: listed_sections(request)),  # read when drawn
            bound=bool(params),
        )
        number = page_number(params.get("page"))
        rows = _listed_page((number - 1) * PAGE_SIZE, at=timezone.now())
        page = page_of(rows, number)
        # Called by the template when it draws the form (an HTMX fragment has none).
        form_key = filterset.form_key
    else:
        # A search and nothing else makes its filter set only if its form is drawn; otherwise
        # the reader's own values and errors are drawn for them.
        searched = set(params) <= {"q", "page"}
        filterset = SearchedFilterSet(params) if searched else _article_filter(params)
        form_key = None
        page = _filtered_page(filterset, params)
    if filterset.query:
        highlight_articles(page.object_list, filterset.query)
    context = {"filter": filterset, "page": page, "filter_form_key": form_key}
    if set(params) <= {"q", "page"} and not fragment_name(request, items_id="dispatch-items"):
        context["search_form"] = lambda: _search_form(request, params.get("q", ""))
    return render_listing(request, "articles/article_list.html", context, items_id="dispatch-items")


@dataclass
class Paragraph:
    """One paragraph of a dispatch: its segments with their anchors, and who speaks in it
    (one label per run of consecutive quotations by the same source, in reading order)."""

    segments: list[tuple] = field(default_factory=list)
    sources: list[Quote] = field(default_factory=list)


def _source_key(quote: Quote) -> tuple:
    return ("person", quote.speaker_id) if quote.speaker_id else ("mention", quote.mention)


def _anchored(paragraphs: list) -> list[Paragraph]:
    """Paragraphs of (segment, anchor id) pairs: a quotation cut over two paragraphs gets one
    anchor, on its first segment, so ids stay unique and feeds can link to `#q<id>`. Each
    paragraph names its sources, so readers on touch screens see who speaks without hovering."""
    seen: set[int] = set()
    result = []
    for segments in paragraphs:
        paragraph = Paragraph()
        for segment in segments:
            anchor = None
            quote = segment.quote
            if quote is not None and quote.pk not in seen:
                seen.add(quote.pk)
                anchor = f"q{quote.pk}"
            if quote is not None and (
                not paragraph.sources or _source_key(paragraph.sources[-1]) != _source_key(quote)
            ):
                paragraph.sources.append(quote)
            paragraph.segments.append((segment, anchor))
        result.append(paragraph)
    return result


# The dispatch page's queries, compiled once per process (articles.prepared): building and
# compiling them cost the page more than running them (bench_site at 100k). `at` is the moment
# that decides what is published; `article` a primary key.


@prepared
def _dispatch(*, slug: str, at) -> QuerySet:
    return Article.objects.published(at=at).select_related("section").filter(slug=slug)


@prepared
def _dispatch_tags(*, article: int) -> QuerySet:
    return Tag.objects.filter(articles=article)


@prepared
def _dispatch_quotes(*, article: int) -> QuerySet:
    """The dispatch's public quotations with their speakers, in reading order. Called for a
    published dispatch, whose shown quotations are the public ones: no join back to the dispatch
    (compiling it was a tenth of the page's time, bench_site at 100k)."""
    return Quote.objects.shown().select_related("speaker").filter(article=article).order_by("start")


def _published_article(slug: str, *, at=None) -> tuple[Article, list[Tag]]:
    """A published dispatch with its section, its tags and its public quotations (and their
    speakers, as `public_quotes`, each quotation's `article` set): four of the page's queries."""
    found = _dispatch(slug=slug, at=at or timezone.now())
    if not found:
        raise Http404
    article = found[0]
    article.public_quotes = _dispatch_quotes(article=article.pk)
    for quote in article.public_quotes:
        quote.article = article
    return article, _dispatch_tags(article=article.pk)


def _speakers(article: Article, *, indirect: bool | None = None) -> list[Person]:
    """The people quoted in `article`, once each, in reading order (needs `public_quotes`);
    `indirect=False` keeps those with a direct or partial quotation, `True` those only reported."""
    people = {q.speaker_id: q.speaker for q in article.public_quotes if q.speaker}
    if indirect is None:
        return list(people.values())
    quoted = {q.speaker_id for q in article.public_quotes if q.speaker and q.kind != "indirect"}
    return [p for pk, p in people.items() if (pk in quoted) != indirect]


def description(article: Article, *, limit: int = 300) -> str:
    """The page's meta description: the summary, else the lede (first paragraph)."""
    text = article.summary or (article.paragraphs[0] if article.body else "")
    return Truncator(" ".join(text.split())).chars(limit)


def article_context(
    request: HttpRequest, article: Article, *, tags: list[Tag] | None = None, related: bool = True
) -> dict:
    """The dispatch page's context for `article` (with `public_quotes`, as `_published_article`
    gives it, and its `tags`, else those prefetched); the staff preview of a draft uses it too,
    without related dispatches."""
    tags = list(article.tags.all()) if tags is None else tags
    speakers = _speakers(article)
    return {
        "article": article,
        "tags": tags,
        "paragraphs": _anchored(body_segments(article.body, article.public_quotes)),
        "speakers": speakers,
        "quoted_speakers": _speakers(article, indirect=False),
        "reported_speakers": _speakers(article, indirect=True),
        "description": description(article),
        "related": _related(article, tags, speakers) if related else [],
        "jsonld": jsonld.article_data(article, request, tags=tags, speakers=speakers),
    }


def _related(article: Article, tags: list[Tag], speakers: list[Person]) -> list[Article]:
    """The newest published dispatches sharing a tag or quoting one of the speakers (see
    `_related_query`)."""
    keys = {f"tag{n}": tag.pk for n, tag in enumerate(tags[:RELATED_KEYS])}
    keys |= {f"speaker{n}": person.pk for n, person in enumerate(speakers[:RELATED_KEYS])}
    if not keys:
        return []
    shape = (min(len(tags), RELATED_KEYS), min(len(speakers), RELATED_KEYS))
    return _related_query(*shape, article=article.pk, at=timezone.now(), **keys)


@prepared
def _related_query(tag_count: int, speaker_count: int, *, article: int, at, **keys) -> QuerySet:
    """In one query bounded by indexes whatever the archive's size: a candidate list per tag (the
    newest dispatches with it, index (tag, article)) and per speaker (their latest shown
    quotations, index (speaker, -id)), at most RELATED_KEYS of each, then those few rows by
    primary key. A tag can cover a third of the archive: one list for several tags, or an OR of
    two lists, sorted every dispatch with those tags or walked the date index until it met enough
    of them (bench_site: 1.2 s, then 11 ms at 5,000 dispatches, growing with the archive)."""
    tagged = Article.tags.through.objects.order_by("-article_id").values("article_id")
    shown = Quote.objects.shown().newest_first().values("article_id")
    branches = [tagged.filter(tag=keys[f"tag{n}"]) for n in range(tag_count)]
    branches += [shown.filter(speaker=keys[f"speaker{n}"]) for n in range(speaker_count)]
    candidates = union_all(branch[:RELATED_CANDIDATES] for branch in branches)
    related = Article.objects.listed(at=at)
    return related.filter(pk__in=candidates).exclude(pk=article)[:RELATED_COUNT]


def union_all(querysets) -> RawSQL:
    """One-column querysets, each sorted and sliced, as ``SELECT … UNION ALL SELECT …`` for an
    ``__in`` lookup. Django refuses sliced members in a compound statement on SQLite; each
    member wrapped as a derived table is valid SQL on SQLite and PostgreSQL alike."""
    parts, params = [], []
    for n, queryset in enumerate(querysets):
        sql, member_params = queryset.query.get_compiler(queryset.db).as_sql()
        # The SQL is Django's own, compiled from querysets; every value stays a bound parameter.
        parts.append(f"SELECT * FROM ({sql}) AS candidates_{n}")  # noqa: S608
        params.extend(member_params)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article, tags = _published_article(slug)
    context = article_context(request, article, tags=tags)
    return render(request, "articles/article_detail.html", context)


@require_GET
def article_jsonld(request: HttpRequest, slug: str) -> HttpResponse:
    """The dispatch's JSON-LD on its own, advertised from the page with rel="alternate"."""
    article, tags = _published_article(slug)
    speakers = _speakers(article)
    data = jsonld.article_data(article, request, tags=tags, speakers=speakers)
    # The same escaping as the inline block: "<" as \u003c, whatever the client does with it.
    return HttpResponse(jsonld.dumps(data), content_type="application/ld+json")


def _public_person(slug: str) -> Person:
    return get_object_or_404(Person.objects.public().prefetch_related("aliases"), slug=slug)


# The speaker page's queries, compiled once per process (articles.prepared): building and
# compiling them cost the page more than running them (bench_site at 100k). `at` is the moment
# that decides what is published; `person` a primary key.


@prepared
def _speaker(*, slug: str, at) -> QuerySet:
    # With their sidebars' summary (articles.summaries), when there is one.
    return Person.objects.public(at=at).select_related("summary").filter(slug=slug)


@prepared
def _speaker_aliases(*, person: int) -> QuerySet:
    return PersonAlias.objects.filter(person=person)


@prepared
def _speaker_roles(*, person: int) -> QuerySet:
    # Open starts first on both databases (PostgreSQL sorts NULL last by default).
    start = F("start").asc(nulls_first=True)
    return Role.objects.confirmed().filter(person=person).order_by(start, "id")


def _timeline(person: int, *, at):
    # Pages list quotations and dispatches, never bodies: left out, rows are a fraction of the size.
    return Quote.objects.public_by(person, at=at).select_related("article").defer("article__body")


@prepared
def _timeline_page(offset: int, *, person: int, at) -> QuerySet:
    """One page of the unfiltered timeline (and one row more): what `SpeakerQuoteFilter` gives
    without filters."""
    return _timeline(person, at=at).once_per_quotation(at=at)[offset : offset + PAGE_SIZE + 1]


def held_role(roles: list[Role], moment) -> Role | None:
    """The role (of a speaker's confirmed `roles`) held on the day of `moment`, the latest
    started first."""
    if moment is None:
        return None
    day = timezone.localtime(moment).date()
    held = [role for role in roles if role.held_on(day)]
    return max(held, key=lambda r: (r.start or datetime.date.min, r.pk)) if held else None


def _confirmed_roles(person: Person | None) -> list[Role]:
    if person is None:
        return []
    return _speaker_roles(person=person.pk)


@require_GET
@vary_on_headers("HX-Request")
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    now = timezone.now()
    found = _speaker(slug=slug, at=now)
    if not found:
        raise Http404
    person = found[0]
    params = clean_params(request.GET)
    sidebars = summaries.sidebars(person, at=now)
    tags = Tag.objects.filter(pk__in=sidebars.tag_ids)
    number = page_number(params.get("page"))
    speaker_form = None
    if set(params) <= {"page"}:
        # Unfiltered (most readers): the rows the filter set would give, compiled once; the
        # filter set only draws the form, if ever: the form is kept for every speaker but its
        # tags' options (`_speaker_form`), which the template asks for (a fragment has none).
        # The tags are read then, from the summary's ids by a query compiled once.
        ids = sidebars.tag_ids
        drawn = SimpleLazyObject(
            lambda: summaries.tags_among(ids) if isinstance(ids, list) else list(tags)
        )
        filterset = UnfilteredFilterSet(
            partial(SpeakerQuoteFilter, params or None, queryset=Quote.objects.none(), tags=tags),
            field="tag",
            rows=drawn,
            bound=bool(params),
        )
        form_key = filterset.form_key

        def speaker_form() -> SafeString | None:
            return _speaker_form(drawn, bound=bool(params))

        if number == 1 and sidebars.first_page is not None:
            rows = sidebars.first_page()  # from the summary: the page's rows by primary key
        else:
            rows = _timeline_page((number - 1) * PAGE_SIZE, person=person.pk, at=now)
        page = page_of(rows, number)
    else:
        timeline = _timeline(person.pk, at=now)
        filterset = SpeakerQuoteFilter(params, queryset=timeline, tags=tags)
        form_key = None  # the reader's own values and errors: drawn for them
        # Each quotation once, with its number of public occurrences.
        page = get_page(filterset.qs.once_per_quotation(at=now), number)
    roles = _confirmed_roles(person)
    for quote in page:
        # Every quotation of the timeline is theirs: reported speech names them without a query.
        quote.speaker = person
        quote.held_role = held_role(roles, quote.article.published_at)
    context = {
        "person": person,
        "roles": roles,
        "filter": filterset,
        "filter_form_key": form_key,
        "speaker_form": speaker_form,
        "page": page,
        # Called by the full page only, never by a fragment.
        "quoted_in": sidebars.quoted_in,
        "mentioned_in": sidebars.mentioned_in,
        "alongside": sidebars.alongside,
    }
    if not fragment_name(request, items_id="quote-items"):
        # The page's header and its JSON-LD; the fragments show neither.
        aliases = _speaker_aliases(person=person.pk)
        # Names only: a role or description a reviewer tied to them is not another name.
        context["aliases"] = PersonAlias.other_names(aliases, person)
        context["jsonld"] = jsonld.person_data(
            person, request, aliases=aliases, quotes=page.object_list
        )
    return render_listing(request, "articles/person_detail.html", context, items_id="quote-items")


@require_GET
def person_jsonld(request: HttpRequest, slug: str) -> HttpResponse:
    """The speaker's JSON-LD (Person and latest Quotation items), advertised from the page."""
    person = _public_person(slug)
    quotes = list(Quote.objects.public_by(person).select_related("article")[:PAGE_SIZE])
    data = jsonld.person_data(person, request, aliases=list(person.aliases.all()), quotes=quotes)
    # The same escaping as the inline block: "<" as \u003c, whatever the client does with it.
    return HttpResponse(jsonld.dumps(data), content_type="application/ld+json")


@require_GET
@vary_on_headers("HX-Request")
def person_list(request: HttpRequest) -> HttpResponse:
    """The People index: public speakers A–Z, or found by name."""
    params = clean_params(request.GET)
    people = with_filing_key(Person.objects.public()).order_by(Lower("filing_key"), "slug")
    filterset = PersonFilter(params or None, queryset=people)

    def letters() -> list[str]:
        """Only the letters that hold someone: one query, run by the full page only (the
        letters are not part of the fragments)."""
        initials = (
            people.annotate(initial=Substr("filing_key", 1, 1))
            .order_by()
            .values_list("initial", flat=True)
            .distinct()
        )
        held = {fold_initial(initial) for initial in initials}
        return [letter for letter in LETTERS if letter in held]

    context = {
        "filter": filterset,
        "page": get_page(filterset.qs, params.get("page")),
        "letters": letters,
        "letter": params.get("letter") if params.get("letter") in LETTERS else "",
    }
    return render_listing(request, "articles/person_list.html", context, items_id="person-items")


@require_GET
@vary_on_headers("HX-Request")
def quote_search(request: HttpRequest) -> HttpResponse:
    """ "Who said …": search over the text of public quotations, newest first."""
    params = clean_params(request.GET)
    quotes = Quote.objects.public().select_related("speaker", "article").newest_first()
    filterset = QuoteFilter(params or None, queryset=quotes)
    page = get_page(filterset.qs.once_per_quotation(), params.get("page"))
    context = {"filter": filterset, "page": page}
    return render_listing(request, "articles/quote_search.html", context, items_id="quote-items")


@require_GET
def quotation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One quotation (or reported statement) across its repeats: where it was first reported,
    every later occurrence, its speaker and the role they held that day."""
    quotation = get_object_or_404(Quotation.objects.select_related("speaker"), pk=pk)
    # The first reports, oldest first, bounded: a quotation repeated daily for years must not
    # make its page grow without end. One row more tells whether there are others.
    occurrences = list(
        Quote.objects.public()
        .filter(quotation=quotation)
        .select_related("article__section")
        .defer("article__body")
        .order_by("article__published_at", "id")[: OCCURRENCES_SHOWN + 1]
    )
    if not occurrences:
        raise Http404
    more = len(occurrences) > OCCURRENCES_SHOWN
    occurrences = occurrences[:OCCURRENCES_SHOWN]
    first = occurrences[0]
    speaker = quotation.speaker
    context = {
        "quotation": quotation,
        "first": first,
        "later": occurrences[1:],
        "occurrences": occurrences,
        "more": more,
        "speaker": speaker,
        "role": held_role(_confirmed_roles(speaker), first.article.published_at),
    }
    if not quotation.indirect:
        context["jsonld"] = jsonld.quotation_page_data(quotation, occurrences, request)
    return render(request, "articles/quotation_detail.html", context)
