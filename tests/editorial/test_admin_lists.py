import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Person, Quote, Section, Tag
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw-chief-123")
    client.force_login(user)
    return client


def add_rows(count: int) -> None:
    for _ in range(count):
        section, tag, person = make_section(), make_tag(), make_person()
        article = make_article(section=section)
        article.tags.add(tag)
        article.people.add(person)
        make_quote(article, speaker=person)


def changelist_queries(client, model) -> int:
    url = reverse(f"admin:articles_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", [Article, Person, Quote, Section, Tag])
def test_admin_changelist_runs_constant_queries(superuser_client, model):
    add_rows(3)
    with_three = changelist_queries(superuser_client, model)
    add_rows(3)
    assert changelist_queries(superuser_client, model) == with_three


def test_admin_refuses_quote_outside_body(superuser_client):
    article = make_article()
    response = superuser_client.post(
        reverse("admin:articles_quote_add"),
        {
            "article": article.pk,
            "text": "Nous protégerons chaque berge",
            "start": 5000,
            "end": 5029,
            "kind": "direct",
            "speaker_type": "person",
            "status": "confirmed",
            "confidence": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Quote.objects.exists()


def test_admin_enters_a_dispatch_with_tags(superuser_client):
    tag = make_tag("Climat")
    response = superuser_client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "La rivière déborde à Castelmont",
            "slug": "la-riviere-deborde",
            "body": "La rivière a débordé jeudi.\n\nLes pompiers sont sur place.",
            "language": "fr",
            "urgency": 4,
            "status": "published",
            "tags": [tag.pk],
            "guid": "",
            "first_created_0": "2026-11-20",
            "first_created_1": "10:00:00",
            "version_created_0": "2026-11-20",
            "version_created_1": "10:00:00",
            "quotes-TOTAL_FORMS": 0,
            "quotes-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert list(article.tags.all()) == [tag]
    assert article.guid.startswith("urn:uuid:")
    assert article.published_at is not None


def test_tag_autocomplete_answers(superuser_client):
    make_tag("Climat")
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"term": "cli", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    )
    assert response.json()["results"][0]["text"] == "Climat"
