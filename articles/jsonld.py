"""Structured data (schema.org JSON-LD) for dispatches and speakers, and the one safe way to
write it into a page: `<`, `>` and `&` as \\u escapes, so no text can close the script element."""

import json

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from articles import quotations
from articles.languages import primary_language
from articles.models import Article, Person, PersonAlias, Quotation, Quote

SITE_NAME = "Newsroom"


def dumps(data: object) -> SafeString:
    """JSON text safe inside `<script type="application/ld+json">`. Three `replace` calls, not
    one `str.translate`: on a dispatch's 1.4 KB with accents the table walk took 180 µs, a
    twentieth of the page (the replacements, 1 µs)."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(text)  # noqa: S308


def _iso(value) -> str | None:
    return value.replace(microsecond=0).isoformat() if value else None


def _publisher(request: HttpRequest) -> dict:
    return {"@type": "Organization", "name": SITE_NAME, "url": request.build_absolute_uri("/")}


def person_ref(person: Person, request: HttpRequest) -> dict:
    url = request.build_absolute_uri(person.get_absolute_url())
    return {
        "@type": "Person" if person.kind == Person.Kind.PERSON else "Organization",
        "@id": f"{url}#id",
        "name": person.name,
        "url": url,
    }


def article_data(
    article: Article, request: HttpRequest, *, tags: list, speakers: list[Person]
) -> dict:
    """A NewsArticle; the people it quotes as `mentions`."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.headline[:110],
        "datePublished": _iso(article.published_at),
        "dateModified": _iso(article.updated_at or article.published_at),
        "inLanguage": article.language,
        "publisher": _publisher(request),
        "isAccessibleForFree": True,
    }
    if article.summary or article.body:
        data["description"] = article.summary or article.paragraphs[0]
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    else:
        data["author"] = _publisher(request)
    if article.dateline:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    if article.section:
        data["articleSection"] = article.section.name
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    correction = getattr(article, "correction_note", "")
    if correction:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": correction,
            "datePublished": _iso(article.updated_at),
        }
    if speakers:
        data["mentions"] = [person_ref(person, request) for person in speakers]
    return data


def quotation_data(quote: Quote, person: Person, request: HttpRequest) -> dict:
    """A direct or partial quotation as a schema.org Quotation (its words as displayed, without
    the sentence's punctuation). Indirect speech is not a Quotation: `person_data` leaves it out."""
    article_url = request.build_absolute_uri(quote.article.get_absolute_url())
    return {
        "@type": "Quotation",
        "@id": f"{article_url}#q{quote.pk}",
        "text": quotations.display_text(quote.text),
        "inLanguage": primary_language(quote.article.language),
        "creator": {"@id": person_ref(person, request)["@id"]},
        "spokenByCharacter": {"@id": person_ref(person, request)["@id"]},
        "datePublished": _iso(quote.article.published_at),
        "isPartOf": {
            "@type": "NewsArticle",
            "headline": quote.article.headline,
            "url": article_url,
        },
    }


def person_data(
    person: Person, request: HttpRequest, *, aliases: list, quotes: list[Quote]
) -> dict:
    """A Person (or Organization) and their latest quotations as Quotation items."""
    entity = person_ref(person, request)
    if person.role:
        entity["jobTitle" if person.kind == Person.Kind.PERSON else "description"] = person.role
    if person.description:
        entity["description"] = person.description
    names = [alias.name for alias in PersonAlias.other_names(aliases, person)]
    if names:
        entity["alternateName"] = names
    if person.wikidata_url:
        entity["sameAs"] = [person.wikidata_url]
    return {
        "@context": "https://schema.org",
        "@graph": [
            entity,
            *(
                quotation_data(quote, person, request)
                for quote in quotes
                if quote.kind != Quote.Kind.INDIRECT
            ),
        ],
    }


def quotation_page_data(
    quotation: Quotation, occurrences: list[Quote], request: HttpRequest
) -> dict:
    """A Quotation with every dispatch that carried it (first reported first). Never called for
    reported (indirect) speech: that is not a quotation."""
    first = occurrences[0]
    url = request.build_absolute_uri(quotation.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": f"{url}#quotation",
        "url": url,
        "text": first.text,
        "inLanguage": primary_language(first.article.language),
        "datePublished": _iso(first.article.published_at),
        "isPartOf": [
            {
                "@type": "NewsArticle",
                "headline": quote.article.headline,
                "url": request.build_absolute_uri(quote.article.get_absolute_url()),
                "datePublished": _iso(quote.article.published_at),
            }
            for quote in occurrences
        ],
    }
    if quotation.speaker:
        ref = person_ref(quotation.speaker, request)
        data["creator"] = ref
        data["spokenByCharacter"] = {"@id": ref["@id"]}
    return data
