"""The public interface in French (the default) and English: committed translations, a language
switch, localised dates."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import make_article

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_translation_files_are_committed_compiled(language):
    folder = LOCALE / language / "LC_MESSAGES"
    assert (folder / "django.po").is_file() and (folder / "django.mo").is_file()
    assert (folder / "django.mo").stat().st_size > 0


def test_french_catalogue_is_loaded():
    with translation.override("fr"):
        assert translation.gettext("Latest dispatches") == "Dernières dépêches"
        assert translation.gettext("Who is quoted") == "Qui est cité"


def test_french_is_the_default_with_french_dates(client):
    make_article(published_at=datetime(2026, 3, 5, 14, 30, tzinfo=ZoneInfo("Europe/Paris")))
    text = client.get("/").text
    assert '<html lang="fr">' in text
    assert "Dernières dépêches" in text and "Aller au contenu" in text
    assert "5 mars 2026 14:30" in text


def test_english_follows_the_browser_with_english_dates(client):
    make_article(published_at=datetime(2026, 3, 5, 14, 30, tzinfo=ZoneInfo("Europe/Paris")))
    text = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).text
    assert '<html lang="en">' in text
    assert "Latest dispatches" in text and "Skip to content" in text
    assert "March 5, 2026" in text


def test_language_switch_changes_the_interface_and_returns_to_the_page(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).text
    assert 'action="/i18n/setlang/"' in page and 'name="language" value="en"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": article.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    english = client.get(article.get_absolute_url()).text
    assert '<html lang="en">' in english and 'name="language" value="fr"' in english


def test_feeds_are_titled_in_the_readers_language(client):
    make_article()
    assert (
        b"Newsroom : derni\xc3\xa8res d\xc3\xa9p\xc3\xaaches"
        in client.get("/feeds/latest.rss").content
    )
    english = client.get("/feeds/latest.rss", headers={"Accept-Language": "en"}).content
    assert b"Newsroom: latest dispatches" in english
