"""Background tasks: thin wrappers around services, passing ids, never model instances."""

from django.tasks import task

from articles import summaries
from articles.models import Article
from articles.services import attribution


@task
def attribute_article(article_id: int) -> int:
    """Attribute the quotations of one dispatch (it may have been deleted since)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    try:
        return attribution.attribute_quotes(article=article)
    except Exception as exc:
        attribution.record_attribution_failure(article_id=article_id, error=exc)
        raise


@task
def attribute_articles(article_ids: list[int]) -> int:
    """Attribute the quotations of many dispatches (an import's batch), in the given order."""
    found = Article.objects.in_bulk(article_ids)
    articles = [found[pk] for pk in article_ids if pk in found]
    return attribution.attribute_articles(articles=articles)


@task
def refresh_speaker_summaries() -> int:
    """Rebuild the speaker summaries that writes marked stale (see articles.summaries)."""
    return summaries.refresh()
