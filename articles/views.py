"""Public pages. Views are thin: they read through QuerySet methods and render one template."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.highlight import body_segments
from articles.models import Article, Person, Quote

PAGE_SIZE = 20


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.published().select_related("section").order_by("-published_at", "-id")
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page})


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.published()
        .select_related("section")
        .prefetch_related("tags")
        .with_quotes(),
        slug=slug,
    )
    context = {
        "article": article,
        "paragraphs": body_segments(article.body, article.public_quotes),
        "speakers": list(
            {q.speaker_id: q.speaker for q in article.public_quotes if q.speaker}.values()
        ),
    }
    return render(request, "articles/article_detail.html", context)


@require_GET
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.public().prefetch_related("aliases"), slug=slug)
    quotes = (
        Quote.objects.public()
        .by_speaker(person)
        .select_related("article")
        .order_by("-id")[:PAGE_SIZE]
    )
    return render(request, "articles/person_detail.html", {"person": person, "quotes": quotes})
