"""A failing attribution marks its dispatch for staff and never blocks an import or a save."""

import pytest
from django.urls import reverse

from articles.ingest import read_dispatch
from articles.models import Article
from articles.services import attribution, imports
from articles.tasks import attribute_article
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

BODY = "« Nous partirons demain », a déclaré Lina Ferrat devant la mairie de Bréval."


@pytest.fixture
def broken_engine(monkeypatch):
    def explode(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(attribution, "extract_quotes", explode)


def test_a_failing_attribution_marks_its_dispatch(broken_engine):
    article = make_article(body=BODY)
    with pytest.raises(IndexError):
        attribute_article.call(article.pk)
    article.refresh_from_db()
    assert article.attribution_error == "IndexError: list index out of range"
    assert article.attribution_failed_at is not None
    assert article.body == BODY  # nothing else changed


def test_the_next_successful_attribution_clears_the_mark(broken_engine, monkeypatch):
    article = make_article(body=BODY)
    with pytest.raises(IndexError):
        attribute_article.call(article.pk)
    monkeypatch.undo()
    assert attribute_article.call(article.pk) == 1
    article.refresh_from_db()
    assert (article.attribution_error, article.attribution_failed_at) == ("", None)


def test_an_import_goes_through_when_its_attribution_fails(
    broken_engine, django_capture_on_commit_callbacks
):
    data = read_dispatch(
        f"date 2026-03 Monde\n\n{BODY}\n".encode(), format="text", filename="a.txt"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = imports.import_dispatch(data=data)
    article = Article.objects.get(pk=result.article.pk)
    assert article.body == BODY
    assert article.attribution_failed_at is not None


def test_staff_see_the_failure_in_the_dispatch_list(client, broken_engine):
    failed = make_article(body=BODY, headline="Dépêche en panne")
    make_article(body=BODY, headline="Dépêche saine")
    with pytest.raises(IndexError):
        attribute_article.call(failed.pk)
    client.force_login(make_user("chief", is_superuser=True))
    url = reverse("admin:articles_article_changelist")
    page = client.get(url).content.decode()
    assert page.count('class="attribution-failed"') == 1  # the failed one only
    filtered = client.get(url, {"attribution": "failed"}).content.decode()
    assert "Dépêche en panne" in filtered and "Dépêche saine" not in filtered


def test_the_review_desk_lists_dispatches_whose_attribution_failed(client, broken_engine):
    from tests.review.factories import make_reviewer

    failed = make_article(body=BODY, headline="Dépêche en panne")
    with pytest.raises(IndexError):
        attribute_article.call(failed.pk)
    client.force_login(make_reviewer())
    page = client.get(reverse("review:queue")).content.decode()
    assert "Dépêche en panne" in page
    assert reverse("admin:articles_article_change", args=[failed.pk]) in page
