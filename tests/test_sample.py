import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article, Person, Quote

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return Article.objects.count(), Person.objects.count(), Quote.objects.count()


def test_load_sample_creates_published_dispatches_with_confirmed_quotes():
    call_command("load_sample", "--no-attribution")
    assert Article.objects.count() >= 12
    assert Article.objects.published().count() >= 8
    assert set(Article.objects.values_list("language", flat=True)) == {"fr", "en"}
    assert Quote.objects.public().count() >= 30
    assert set(Quote.objects.values_list("kind", flat=True)) == {"direct", "partial", "indirect"}
    assert Quote.objects.filter(speaker_type="anonymous", speaker__isnull=True).exists()
    assert Quote.objects.filter(speaker__kind="organization").exists()
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text


def test_load_sample_twice_changes_nothing():
    call_command("load_sample", "--no-attribution")
    before = counts()
    call_command("load_sample", "--no-attribution")
    assert counts() == before


def test_load_sample_leaves_drafts_to_the_engine_for_review():
    call_command("load_sample")
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    assert drafts.exists()
    assert not Quote.objects.filter(article__in=drafts, status=Quote.Status.CONFIRMED).exists()
    assert Quote.objects.pending_review().filter(article__in=drafts).exists()


def test_load_sample_if_empty_leaves_existing_content_alone():
    Article.objects.create(headline="Une dépêche", body="Un texte.")
    call_command("load_sample", "--if-empty")
    assert Article.objects.count() == 1


def test_demo_accounts_only_in_debug(settings):
    settings.DEBUG = False
    call_command("load_sample", "--no-attribution")
    assert not get_user_model().objects.exists()
    settings.DEBUG = True
    call_command("load_sample", "--no-attribution")
    reviewer = get_user_model().objects.get(username="reviewer")
    assert reviewer.has_perm("articles.review_quote")
