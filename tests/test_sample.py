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


def test_sample_shows_roles_repeats_and_the_dashboard():
    from articles.desk.figures import Scope, sourcing_figures
    from articles.models import Quotation, Role

    call_command("load_sample")
    orsenne = Person.objects.get(name="Mathilde Orsenne")
    assert orsenne.roles.confirmed().count() == 2 and orsenne.gender == "woman"
    assert Role.objects.suggested().filter(person__name="Bastien Koller").exists()
    resolved = Quote.objects.get(resolved_role__isnull=False)
    assert resolved.speaker == orsenne and resolved.status == Quote.Status.SUGGESTED
    promise = Quotation.objects.get(text__startswith="Je serai la présidente")
    assert promise.occurrences.filter(status=Quote.Status.CONFIRMED).count() == 3
    assert promise.occurrences.filter(status=Quote.Status.SUGGESTED).count() == 1
    figures = sourcing_figures(Scope())
    assert len(figures.months) >= 4
    assert all(row.quotations for row in figures.gender)
