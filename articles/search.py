"""Search behind one interface: `search_articles`, `search_quotes` and `search_people` take a
queryset and the reader's raw query and return that queryset filtered, its order kept.

Dispatches and quotations go through the full-text index (articles.fts: SQLite FTS5 with accents
and case folded, PostgreSQL french stemming + unaccent): every term must match (AND); a phrase
in double quotes (or « ») is one term. People (a small table, names not prose) match every term
case-insensitively with `icontains`. Any input is accepted: NUL and control characters are
dropped, length and term count are capped, and no character has a meaning to the database.
"""

import re

from django.db.models import Q, QuerySet

from articles import fts
from articles.models import Article, PersonAlias

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

# Control characters (NUL included: PostgreSQL refuses it) become spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHRASE_OR_WORD = re.compile(r"[\"«“„]([^\"»”“]*)[\"»”“]?|(\S+)")
# Punctuation readers put around words, which would stop a term from matching.
_EDGE_PUNCTUATION = "\"'«»“”„‘’.,;:!?()[]{}<>*+-–—…/\\|"


def clean_query(query: object) -> str:
    """The reader's query as plain text: a str, control characters turned into spaces,
    whitespace collapsed, at most MAX_QUERY_LENGTH characters."""
    text = query if isinstance(query, str) else ""
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def query_terms(query: object) -> list[str]:
    """The terms of a query: words, or "phrases in quotes", outer punctuation stripped,
    duplicates dropped, at most MAX_TERMS."""
    terms: list[str] = []
    for match in _PHRASE_OR_WORD.finditer(clean_query(query)):
        phrase, word = match.groups()
        term = " ".join((phrase if phrase is not None else word).split())
        term = term.strip(_EDGE_PUNCTUATION).strip()
        if term and term.casefold() not in {t.casefold() for t in terms}:
            terms.append(term)
    return terms[:MAX_TERMS]


def _match_all(queryset: QuerySet, query: object) -> QuerySet:
    terms = query_terms(query)
    return fts.match(queryset, terms) if terms else queryset


def search_articles(queryset: QuerySet, query: object) -> QuerySet:
    """Dispatches whose headline, summary or body hold every term of `query`."""
    return _match_all(queryset, query)


def search_quotes(queryset: QuerySet, query: object) -> QuerySet:
    """Occurrences whose text holds every term of `query`, and so does their quotation's first
    wording (an occurrence not grouped yet stands for itself).

    The quotation's condition is what keeps the quotation search bounded on PostgreSQL: the
    words' quotations are few (a statement is repeated across dispatches), so the planner
    starts from the matches instead of walking every occurrence newest first looking for a
    page of distinct quotations (34,000 rows at 100k dispatches, docs/performance.md)."""
    terms = query_terms(query)
    if not terms:
        return queryset
    matched = fts.match(queryset, terms)
    return matched.filter(Q(quotation__isnull=True) | Q(quotation__text__matches=terms))


def search_people(queryset: QuerySet, query: object) -> QuerySet:
    """People whose name, role or one alias holds every term of `query`."""
    terms = query_terms(query)
    if not terms:
        return queryset

    for term in terms:
        aliased = PersonAlias.objects.filter(name__icontains=term).values("person_id")
        queryset = queryset.filter(
            Q(name__icontains=term) | Q(role__icontains=term) | Q(pk__in=aliased)
        )
    return queryset


def highlight_articles(articles: list, query: object) -> None:
    """Give each dispatch of a page of results a `snippet`: an extract of its body around the
    words of `query`, HTML-escaped with those words in <mark> ("" when only its headline or
    summary matched). One query for the page."""
    terms = query_terms(query)
    found = {}
    if terms and articles:
        # Same database as the page (a replica, when reads go to replicas).
        using = articles[0]._state.db or "default"
        found = fts.snippets(Article, [a.pk for a in articles], terms, using=using)
    for article in articles:
        article.snippet = found.get(article.pk, "")
