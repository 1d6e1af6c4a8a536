"""Writes that span several rows or call the quote engine, each inside a transaction.

Views, admin actions, commands and tasks call these; nothing here renders or parses HTTP.
"""

import logging

from django.db import transaction
from django.tasks import TaskResultStatus

from articles.models import Article

logger = logging.getLogger(__name__)


def attribute_quotes(*, article: Article) -> int:
    """Run the quote engine on `article` and store its suggestions; return how many were added.

    The single entry point every write path calls after a dispatch is created or its body changes.
    """
    return 0


def schedule_attribution(*, article: Article) -> None:
    """Attribute `article`'s quotations in the background once the current transaction commits."""
    from articles.tasks import attribute_article

    article_id = article.pk

    def enqueue() -> None:
        result = attribute_article.enqueue(article_id)
        # The immediate backend records a failing task's exception instead of raising it: surface
        # it, or a broken attribution would go unseen in development.
        if result.status == TaskResultStatus.FAILED:
            logger.error(
                "Attribution of article %s failed:\n%s",
                article_id,
                "\n".join(error.traceback for error in result.errors),
            )

    transaction.on_commit(enqueue)
