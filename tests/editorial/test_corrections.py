"""A correction made at the editors' desk reaches readers: on the dispatch, in its feeds and in
its JSON-LD."""

import pytest
from django.urls import reverse

from articles.services import editorial
from tests.factories import make_article, make_tag, make_user

pytestmark = pytest.mark.django_db

NOTE = "Une version précédente situait la crue à Valbonne."


@pytest.fixture
def corrected():
    article = make_article()
    article.tags.add(make_tag("Crues"))
    return editorial.correct(article=article, user=make_user("editor", group="Editors"), note=NOTE)


def test_correction_note_is_on_the_dispatch_page(client, corrected):
    assert NOTE in client.get(corrected.get_absolute_url()).content.decode()


def test_correction_note_is_in_the_latest_feed(client, corrected):
    assert NOTE in client.get(reverse("articles:feed-latest-rss")).content.decode()


def test_correction_note_is_in_the_tag_feed(client, corrected):
    url = reverse("articles:feed-tag-atom", args=["crues"])
    assert NOTE in client.get(url).content.decode()


def test_correction_note_is_in_the_json_ld(client, corrected):
    data = client.get(reverse("articles:article-jsonld", args=[corrected.slug])).json()
    assert data["correction"]["text"] == NOTE
