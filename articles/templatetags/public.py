"""Template helpers for the public site."""

from django import template
from django.utils.safestring import SafeString

from articles import jsonld as jsonld_module
from articles.languages import primary_language as _primary_language

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
