"""Background tasks: thin wrappers around services, passing ids, never model instances."""

from django.tasks import task

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
