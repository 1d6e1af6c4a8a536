"""The editors' side: the dispatch's quotations on its form, story mode for editors without the
review permission, the publication warning, the admin's own words."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article, Quote
from tests.factories import make_article, make_person, make_quote, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, settings):
    settings.LANGUAGE_CODE = "fr"
    client.force_login(make_user("redacteur", group="Editors"))
    return client


def suggested_draft() -> Article:
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    make_quote(article, speaker=make_person("Hélène Varenne"), status=Quote.Status.SUGGESTED)
    return article


def test_an_editor_sees_a_dispatchs_quotations_read_only_instead_of_a_403(editor_client):
    article = suggested_draft()
    response = editor_client.get(reverse("review:story", args=[article.pk]))
    assert response.status_code == 200
    assert "Lecture seule" in response.text
    assert 'name="selected"' not in response.text and "/confirm/" not in response.text
    assert "Hélène Varenne" in response.text


def test_the_form_lists_quotations_with_speaker_status_and_confidence(editor_client):
    article = suggested_draft()
    text = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    table = text.split('id="quote-table"')[1].split("</table>")[0]
    assert "Hélène Varenne" in table and "suggérée" in table and "1,00" in table
    assert "<textarea" not in table
    assert f"/review/story/{article.pk}/" in text


def test_publishing_with_unreviewed_suggestions_warns_what_readers_will_see(client):
    client.force_login(make_user("chef", is_superuser=True))
    article = suggested_draft()
    url = reverse("admin:articles_article_workflow", args=[article.pk, "publish"])
    text = client.get(url, headers={"Accept-Language": "en"}).text
    assert 'class="publish-warning"' in text
    assert "1 quotation of this dispatch has not been reviewed" in text.replace("\n", " ")


def test_publishing_says_so_in_natural_words(client, settings):
    settings.LANGUAGE_CODE = "fr"
    client.force_login(make_user("chef", is_superuser=True))
    article = suggested_draft()
    url = reverse("admin:articles_article_workflow", args=[article.pk, "publish"])
    response = client.post(url, {"_workflow": "1"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [f"« {article.headline} » est publiée."]


def test_bulk_embargo_reads_as_french(settings):
    settings.LANGUAGE_CODE = "fr"
    from django.utils import translation

    with translation.override("fr"):
        model_admin = admin.site._registry[Article]
        labels = [str(action.description) for action in model_admin._get_base_actions()]
    assert "Mettre sous embargo les dépêches choisies" in labels


def test_the_admin_header_is_the_sites_own_name(editor_client):
    text = editor_client.get("/admin/").text
    assert "Administration de Django" not in text and "Newsroom — rédaction" in text


def test_language_is_a_choice_of_the_supported_languages(editor_client):
    article = suggested_draft()
    text = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    select = text.split('name="language"')[1].split("</select>")[0]
    assert 'value="fr"' in select and 'value="en"' in select


def test_the_derived_headline_note_goes_once_an_editor_writes_the_headline(editor_client):
    article = make_article(headline_derived=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert "Tiré du chapeau" in editor_client.get(url).text
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "tags"}
    data |= {"headline": "Un titre écrit par la rédaction", "tags": [], "people": []}
    data["version_created_0"], data["version_created_1"] = "2026-01-01", "10:00:00"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.headline_derived is False
    assert "Tiré du chapeau" not in editor_client.get(url).text


def test_a_hand_written_dispatch_has_no_derived_headline_note(editor_client):
    article = make_article()
    text = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "Tiré du chapeau" not in text


def test_the_language_filter_shows_language_names(editor_client):
    text = editor_client.get(reverse("admin:articles_article_changelist")).text
    assert "?language=fr" in text and "Français" in text
