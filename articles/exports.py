"""Export of published dispatches as IPTC ninjs 2.2 (the public JSON view and `export_ninjs`)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from articles.ingest import DispatchData, PersonHint
from articles.ingest.ninjs import dumps_ninjs, write_ninjs
from articles.models import Article, Quote

REPORTED_REL = "reported"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/{qid}"


def exportable_articles():
    """Dispatches that may leave the building: published and not under embargo."""
    return Article.objects.published().select_related("section").prefetch_related("tags", "people")


def article_ninjs(article: Article) -> dict:
    """`article` as a ninjs 2.2 item (a dict that validates against the closed 2.2 schema)."""
    data = DispatchData(
        guid=article.guid,
        version=article.version or None,
        headline=article.headline,
        body=article.body,
        language=article.language,
        section=article.section.name if article.section_id else None,
        tags=[tag.name for tag in article.tags.all()],
        people=[
            PersonHint(person.name, "mentioned", _person_uri(person))
            for person in article.people.all()
        ],
        dateline=article.dateline or None,
        byline=article.byline or None,
        urgency=article.urgency,
        version_created=article.version_created,
    )
    speakers, verbatim = {}, set()
    for quote in (
        Quote.objects.public()
        .filter(article=article, speaker__isnull=False)
        .select_related("speaker")
        .order_by("start")
    ):
        speakers.setdefault(quote.speaker_id, quote.speaker)
        if quote.kind != Quote.Kind.INDIRECT:
            verbatim.add(quote.speaker_id)
    # "quoted" only for people whose own words the dispatch quotes; a source whose words it
    # only reports (indirect speech) is "reported".
    quoted = [
        PersonHint(p.name, "quoted", _person_uri(p)) for p in speakers.values() if p.pk in verbatim
    ]
    data.people.extend(
        PersonHint(p.name, REPORTED_REL, _person_uri(p))
        for p in speakers.values()
        if p.pk not in verbatim
    )
    return write_ninjs(data, quoted=quoted)


def _person_uri(person) -> str | None:
    return WIKIDATA_ENTITY.format(qid=person.wikidata_qid) if person.wikidata_qid else None


@require_GET
def article_ninjs_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A published, non-embargoed dispatch as ninjs 2.2 JSON; 404 for any other."""
    article = exportable_articles().filter(slug=slug).first()
    if article is None:
        raise Http404("No published dispatch with this slug.")
    response = HttpResponse(
        dumps_ninjs(article_ninjs(article)), content_type="application/json; charset=utf-8"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
