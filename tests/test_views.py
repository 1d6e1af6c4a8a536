import pytest
from django.urls import reverse

from articles.models import Article, Quote
from tests.factories import make_article, make_person, make_quote

pytestmark = pytest.mark.django_db


def test_home_lists_published_dispatches_only(client):
    shown = make_article(headline="Crue à Castelmont")
    make_article(headline="Brouillon secret", status=Article.Status.DRAFT, published_at=None)
    response = client.get("/")
    assert response.status_code == 200
    assert shown.headline in response.text
    assert "Brouillon secret" not in response.text
    assert f'href="{shown.get_absolute_url()}"' in response.text


def test_home_runs_constant_queries(client, django_assert_num_queries):
    for _ in range(3):
        make_article()
    # One count for the paginator, one page of dispatches joined to their section.
    with django_assert_num_queries(2):
        client.get("/")


def test_dispatch_page_links_each_public_quote_to_its_speaker(client, django_assert_num_queries):
    article = make_article()
    person = make_person("Hélène Varenne")
    quote = make_quote(article, speaker=person)
    # The dispatch with its section, its tags, its public quotes with their speakers, and the
    # related dispatches (tests/test_public_pages.py covers the page in full).
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url())
    assert (
        f'<a class="quote" id="q{quote.pk}" href="/people/helene-varenne/" '
        'title="Hélène Varenne">Nous protégerons chaque berge</a>'
    ) in response.text


def test_dispatch_page_escapes_wire_text(client):
    body = "Le slogan <script>alert(1)</script> circule.\n\n« <b>Osez</b> », a lancé Mme Varenne."
    article = make_article(headline="<img src=x onerror=alert(1)>", body=body)
    make_quote(article, "<b>Osez</b>", speaker=make_person("<i>Varenne</i>"))
    text = client.get(article.get_absolute_url()).text
    assert "<script>alert" not in text and "<b>Osez" not in text and "<img src=x" not in text
    assert "&lt;script&gt;" in text and "&lt;b&gt;Osez&lt;/b&gt;" in text


def test_draft_dispatch_answers_404_in_site_style(client):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Newsroom" in response.text


def test_suggested_quotes_are_not_shown(client):
    article = make_article()
    make_quote(article, status=Quote.Status.SUGGESTED, speaker=make_person("Hélène Varenne"))
    assert 'class="quote"' not in client.get(article.get_absolute_url()).text


def test_speaker_page_lists_public_quotations(client):
    person = make_person("Hélène Varenne", role="ministre de l'Eau")
    make_quote(make_article(), speaker=person)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert "Nous protégerons chaque berge" in response.text


def test_speaker_without_public_quote_is_not_public(client):
    assert client.get(make_person("Personne Discrète").get_absolute_url()).status_code == 404


def test_login_page_for_staff(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_post_to_a_public_page_is_refused(client):
    assert client.post("/").status_code == 405
