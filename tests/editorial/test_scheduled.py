"""Scheduled publishing: readers see a dispatch when its time comes, with no manual step;
`manage.py publish_scheduled` records it once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from articles.services import editorial
from tests.factories import make_article, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def scheduled_then_due() -> tuple[Article, object]:
    """A dispatch scheduled an hour ahead, and the moment just after that hour."""
    editor = make_user("editor", group="Editors")
    at = timezone.now() + timedelta(hours=1)
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    article = editorial.schedule(article=article, user=editor, at=at)
    return article, at + timedelta(seconds=1)


def reasons(article: Article) -> list[str]:
    return list(
        article.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )


def test_scheduled_dispatch_is_public_once_its_time_has_come_without_the_command():
    article, due = scheduled_then_due()
    assert Article.objects.published(at=due).filter(pk=article.pk).exists()


def test_go_live_is_recorded_once():
    article, due = scheduled_then_due()
    editorial.record_go_live(now=due)
    editorial.record_go_live(now=due)
    assert reasons(article).count("Published as scheduled") == 1


def test_nothing_is_recorded_before_its_time():
    article, _due = scheduled_then_due()
    assert editorial.record_go_live() == []


def test_an_embargo_that_ended_dates_the_dispatch_at_its_end():
    article = make_article(embargo_until=timezone.now() - timedelta(minutes=5))
    [done] = editorial.record_go_live()
    article.refresh_from_db()
    assert done.embargo_lifted
    assert article.published_at == article.embargo_until


def test_command_reports_how_many_went_live():
    make_article(embargo_until=timezone.now() - timedelta(minutes=5))
    out = StringIO()
    call_command("publish_scheduled", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "1 dispatch(es) went live."
