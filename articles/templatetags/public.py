"""Template helpers for the public site."""

import functools

from django import template
from django.template.base import render_value_in_context
from django.utils import formats, timezone
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext

from articles import jsonld as jsonld_module
from articles import quotations
from articles.languages import primary_language as _primary_language
from articles.models import quotation_url

register = template.Library()


@register.filter
def jsonld(data: object) -> SafeString:
    """`data` as JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&`
    are written as \\u escapes, so no text inside can close the element."""
    return jsonld_module.dumps(data)


@register.filter
def primary_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag ("fr-CA" → "fr")."""
    return _primary_language(tag or "")


@register.filter
def iso(value) -> str:
    """An aware datetime as ISO 8601 in the newsroom's time zone, to the second: what
    `<time datetime>` accepts (the Nu checker refuses more than three fraction digits)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def quotation(quote) -> str:
    """A direct or partial quotation in the marks of its dispatch's language."""
    return quotations.quoted(quote.text, quote.article.language)


@register.filter
def quote_words(quote) -> str:
    """The quotation's words as shown (trimmed, inner marks balanced), without outer marks."""
    return quotations.inner_marks(quotations.display_text(quote.text), quote.article.language)


@register.filter
def source_name(quote) -> str:
    """Who speaks: the speaker's name, else the description the dispatch gives."""
    return quotations.source_name(quote)


@register.filter
def reported(quote) -> str:
    """Indirect speech as reported speech, in its dispatch's language: "Selon X, …"."""
    return quotations.reported(quote)


@register.filter
def translated_role(role: str) -> str:
    """A role in the interface's language when the catalogue has it (the roles of our sample
    content); any other role as written."""
    return gettext(role) if role else ""


_ACTIVE = "articles.dispatch_item.active"


@functools.lru_cache(maxsize=4096)
def _shown_time(moment, language: str, zone: str, shape: str = "DATETIME_FORMAT") -> str:
    """`moment|date:shape` in `language` and time zone `zone` (the active ones): formatting a
    date is a fifth of a list item's cost, and lists show the same ones again."""
    return formats.date_format(timezone.localtime(moment), shape) if moment else ""


def _active(context) -> tuple[str, str]:
    """The active language and time zone, looked up once per template rendered (each lookup goes
    through asgiref's context-local storage: a tenth of a list item's cost)."""
    active = context.render_context.get(_ACTIVE)
    if active is None:
        active = context.render_context[_ACTIVE] = (
            get_language(),
            timezone.get_current_timezone_name(),
        )
    return active


@register.simple_tag(takes_context=True)
def dispatch_item(context, article, *, level: int = 2, compact: bool = False) -> SafeString:
    """One dispatch of a list (`<li class="dispatch">`: headline, dateline, section, time, search
    snippet, summary unless `compact`), as the template engine wrote it from an included
    template. Built here: lists show dozens of them, and the include cost ≈ 200 µs each (a fifth
    of the home page at 100k dispatches, bench_site); every value is escaped as there."""
    level, url, language = int(level), article.get_absolute_url(), escape(article.language)
    meta = ""
    if article.dateline:
        meta += f'<span class="dateline">{escape(article.dateline)}</span> · '
    if article.section_id and article.section:
        meta += f'<span class="section">{escape(article.section.name)}</span> · '
    published = article.published_at
    shown = _shown_time(published, *_active(context))
    snippet = getattr(article, "snippet", "")
    if snippet:
        snippet = f'<p class="snippet" lang="{language}">{escape(snippet)}</p>'
    summary = ""
    if article.summary and not compact:
        summary = f'<p class="summary" lang="{language}">{escape(article.summary)}</p>'
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'<li class="dispatch">\n  <h{level} class="dispatch-headline">'
        f'<a href="{escape(url)}">{escape(article.headline)}</a></h{level}>\n'
        f'  <p class="meta">{meta}<time datetime="{escape(iso(published))}">{escape(shown)}</time>'
        f"</p>\n  {snippet}\n  {summary}\n</li>\n"
    )


@register.simple_tag(takes_context=True)
def quote_item(context, quote, *, show_speaker: bool = False) -> SafeString:
    """One quotation of a list (`<li class="quotation">`: the words or the reported speech, then
    who — with `show_speaker` —, the role they held, the dispatch, its date, the review badge and
    the link to the quotation's repeats), as the included template `includes/_quote.html` wrote
    it: a speaker's timeline shows twenty of them, and the include was a tenth of that page's
    cost (bench_site at 100k). Every value is escaped as there."""
    article = quote.article
    url, language, pk = article.get_absolute_url(), escape(article.language), quote.pk
    anchor = f"{escape(url)}#q{render_value_in_context(pk, context)}"
    if quote.kind == "indirect":
        label = escape(gettext("Reported speech"))
        interface = escape(context.get("LANGUAGE_CODE", ""))
        reported_words = escape(quotations.reported(quote))
        words = (
            f'<div class="reported-speech" lang="{language}"><p><span class="kind-label" '
            f'lang="{interface}">{label}</span> {reported_words}</p></div>\n    '
        )
    else:
        words = (
            f'<blockquote cite="{anchor}" lang="{language}"><p>'
            f"{escape(quotation(quote))}</p></blockquote>"
        )
    caption = ""
    if show_speaker:
        if quote.speaker:
            speaker = quote.speaker
            caption += (
                f'<a class="speaker" href="{escape(speaker.get_absolute_url())}">'
                f"{escape(speaker.name)}</a>, "
            )
        else:
            caption += f'<span class="speaker">{escape(quotations.source_name(quote))}</span>, '
    held = getattr(quote, "held_role", None)
    if held:
        caption += f'<span class="held-role">{escape(held.office)}</span>, '
    published = article.published_at
    shown = _shown_time(published, *_active(context), "DATE_FORMAT")
    caption += (
        f'<a href="{anchor}">{escape(article.headline)}</a>, '
        f'<time datetime="{escape(iso(published))}">{escape(shown)}</time>'
    )
    if quote.status == "suggested":
        caption += f' <span class="badge">{escape(gettext("unreviewed attribution"))}</span>'
    if quote.quotation_id:
        repeats = getattr(quote, "repeats", None)
        if repeats and repeats > 1:
            counter = render_value_in_context(repeats, context)
            text = ngettext("reported %(counter)s time", "reported %(counter)s times", repeats)
            text %= {"counter": counter}
        else:
            text = escape(gettext("permanent link"))
        href = escape(quotation_url(quote.quotation_id))
        caption += f' · <a class="repeats" href="{href}">{text}</a>'
    kind = " is-reported" if quote.kind == "indirect" else ""
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'<li class="quotation{kind}">\n  <figure>\n    {words}\n    <figcaption>{caption}'
        "</figcaption>\n  </figure>\n</li>\n"
    )
