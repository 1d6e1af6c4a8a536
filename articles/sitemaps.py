"""sitemap.xml (an index of dispatches, people and list pages) and the Google News sitemap
(dispatches of the last two days, at most 1,000, as Google asks)."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Person

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Article.objects.published().newest_first().only("slug", "updated_at", "published_at")

    def lastmod(self, item: Article):
        return item.updated_at


class PersonSitemap(Sitemap):
    limit = 5000

    def items(self):
        return Person.objects.public().order_by("name", "id").only("slug")


class PageSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["articles:article-list", "articles:person-list", "articles:quote-search"]

    def location(self, item: str) -> str:
        return reverse(item)


class NewsSitemap(Sitemap):
    """Rendered with templates/articles/news_sitemap.xml, which adds the news: elements."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .newest_first()
            .only("slug", "headline", "language", "published_at", "updated_at")[:NEWS_LIMIT]
        )

    def lastmod(self, item: Article):
        return item.updated_at


SITEMAPS = {"dispatches": ArticleSitemap, "people": PersonSitemap, "pages": PageSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}
