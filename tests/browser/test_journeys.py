"""Three journeys in a real Chromium, in French and English, at 1,280 and 390 px wide: a reader
(home → dispatch → speaker → quotation search), an editor (enter a dispatch with quotations,
see its suggestions, upload files, publish with the warning) and a reviewer (story mode: five
decisions by keyboard, one undone). Every page: axe-core finds no violation on the public site
and the review desk (nothing serious or critical in the admin), and the console stays clean."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.ingest import read_dispatch
from articles.models import Article, Quote, QuoteDecision
from articles.services import import_dispatch
from tests.browser.test_public_site import axe_violations
from tests.factories import make_article, make_person, make_quote, make_user
from tests.review.factories import make_review_article, make_reviewer, review_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = {"fr": "fr-FR,fr;q=0.9", "en": "en-GB,en;q=0.9"}
WIDTHS = [1280, 390]
REPORTED = "le texte reste trop timide"
ARCHIVE = (
    "date 2016-09 Monde\n\n"
    "Le conseil fictif de Castelmont a voté la rénovation de la médiathèque municipale.\n\n"
    "« Les travaux commenceront au printemps », a précisé l'adjointe à la culture.\n"
).encode()


@pytest.fixture(params=[(lang, width) for lang in LANGUAGES for width in WIDTHS],
                ids=lambda p: f"{p[0]}-{p[1]}")  # fmt: skip
def browser_page(request, page):
    language, width = request.param
    page.set_viewport_size({"width": width, "height": 900})
    page.context.set_extra_http_headers({"Accept-Language": LANGUAGES[language]})
    page.language, page.width = language, width
    return page


def assert_clean(page, *, admin: bool = False) -> None:
    """No axe violation (in the admin: none serious or critical), no console error."""
    violations = axe_violations(page)
    if admin:
        violations = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert violations == [], (page.url, violations)
    assert page.console_errors == [], (page.url, page.console_errors)


def log_in(page, username: str, path: str) -> None:
    page.goto(f"/login/?next={path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == path)


# --- reader -------------------------------------------------------------------------------


@pytest.fixture
def news(db, no_attribution):
    varenne = make_person("Hélène Varenne", role="ministre de l'Environnement")
    union = make_person("Syndicat des pêcheurs", kind="organization")
    article = make_article(headline="La loi sur les rivières devant les députés", summary="")
    make_quote(article, speaker=varenne, status=Quote.Status.CONFIRMED)
    make_quote(
        article, text=REPORTED, kind=Quote.Kind.INDIRECT, speaker=union,
        status=Quote.Status.CONFIRMED,
    )  # fmt: skip
    archive = import_dispatch(
        data=read_dispatch(ARCHIVE, format="text", filename="archive.txt"),
        status="published",
        attribute=False,
    ).article
    return {"article": article, "speaker": varenne, "union": union, "archive": archive}


def test_reader_journey(browser_page, news, live_server):
    page = browser_page
    page.goto("/")
    header = page.locator(".site-header").bounding_box()
    if page.width == 390:
        assert header["height"] <= 90, header  # one line on a phone
    nav = page.locator(".site-nav").inner_text()
    assert (
        "Staff" not in nav
        and "Rédaction" not in nav
        and "/login/" not in page.locator(".site-nav").inner_html()
    )
    assert page.locator(".site-footer a[href='/login/']").count() == 1
    assert_clean(page)

    # The archive dispatch carries its own date (2016), not the day it was imported.
    archive_time = page.locator(
        f"a[href='{news['archive'].get_absolute_url()}'] >> xpath=../../p/time"
    )
    assert archive_time.get_attribute("datetime").startswith("2016-09-01T")

    page.click(f"a[href='{news['article'].get_absolute_url()}']")
    page.wait_for_url(f"**{news['article'].get_absolute_url()}")
    # Who speaks is visible without hovering, next to the quotations.
    source = page.locator(".sources .source a", has_text="Hélène Varenne").first
    assert source.is_visible()
    reported = page.locator("span.reported")
    assert reported.inner_text() == REPORTED
    paragraph = reported.locator("xpath=..").inner_text()
    assert not re.search(rf"[«“]\s?{re.escape(REPORTED)}", paragraph)
    assert (
        page.locator("meta[name=description]")
        .get_attribute("content")
        .startswith("La ministre fictive")
    )
    assert_clean(page)

    source.click()
    page.wait_for_url(f"**{news['speaker'].get_absolute_url()}")
    if page.width == 390:  # the first statement comes before the filters on a phone
        first = page.locator("#quote-items > li").first.bounding_box()
        filters = page.locator("#quote-filters").bounding_box()
        assert first["y"] < filters["y"]
    assert_clean(page)

    page.goto("/quotes/")
    item = page.locator("li.quotation.is-reported").first
    text = item.locator(".reported-speech").inner_text()
    assert REPORTED in text and not re.search(rf"[«“]\s?{re.escape(REPORTED)}", text)
    assert "Syndicat des pêcheurs" in text
    direct = page.locator("li.quotation:not(.is-reported) blockquote").first.inner_text()
    assert direct.startswith("«\u00a0" if page.language == "fr" else "«")  # a French quotation
    # Filters changed quickly: requests queue, none is aborted, the console stays clean.
    for letters in ("b", "be", "ber", "berg"):
        page.fill("#id_q", letters)
    page.wait_for_timeout(900)
    assert_clean(page)


# --- editor -------------------------------------------------------------------------------


@pytest.fixture
def senior_editor(db):
    # Transactional tests flush the groups the data migration created: recreate Editors.
    from importlib import import_module

    from django.contrib.auth.models import Group

    migration = import_module("articles.migrations.0002_editor_reviewer_groups")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(*migration.permissions_for(Permission, migration.EDITORS))
    user = make_user("redactrice", group="Editors")
    user.user_permissions.add(Permission.objects.get(codename="publish_article"))
    return user


BODY = (
    "La ministre fictive Hélène Varenne a présenté mardi son projet de loi sur les rivières.\n\n"
    "« Nous protégerons chaque berge », a déclaré Mme Varenne devant les députés de Castelmont."
)


def test_editor_journey(browser_page, senior_editor, live_server, tmp_path):
    page = browser_page
    log_in(page, "redactrice", "/admin/articles/article/add/")
    page.fill("#id_headline", "Les rivières devant les députés")
    page.fill("#id_body", BODY)
    page.select_option("#id_language", "fr")
    page.locator("input[name=_continue]").click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))
    article = Article.objects.get(headline="Les rivières devant les députés")
    # The dispatch's suggestions, as a compact list (quotation, speaker, status, confidence).
    table = page.locator("#quote-table")
    assert table.is_visible()
    assert page.locator("#quote-table tbody tr").count() >= 1
    assert table.bounding_box()["width"] <= page.viewport_size["width"]
    assert page.locator(".field-headline_flag").count() == 0  # written by hand
    assert_clean(page, admin=True)

    # Without the review permission: the quotations in the story, read only (no 403).
    page.locator(".quote-tools a").first.click()
    page.wait_for_url(f"**/review/story/{article.pk}/")
    assert page.locator(".read-only-note").is_visible()
    assert page.locator("[data-shortcut=confirm]").count() == 0
    assert_clean(page)

    # Upload: each file accepted or refused on its own, named, with the reason.
    page.goto(reverse("admin:articles_article_import"))
    files = {
        "a.txt": "date 2026-11-02 Monde\n\nLe conseil de Castelmont a voté le budget annuel.",
        "vide.txt": "",
        "ok.txt": "ok",
    }
    paths = []
    for name, content in files.items():
        (tmp_path / name).write_text(content)
        paths.append(str(tmp_path / name))
    page.set_input_files("#id_files", paths)
    page.locator("input[type=submit]").click()
    page.wait_for_selector("#import-results")
    rows = {
        row.locator("td").nth(0).inner_text(): row.inner_text()
        for row in page.locator("#import-results tbody tr").all()
    }
    assert set(rows) == set(files)
    assert "vide" in rows["vide.txt"].lower() or "empty" in rows["vide.txt"].lower()
    assert "court" in rows["ok.txt"] or "short" in rows["ok.txt"]
    assert Article.objects.filter(headline__startswith="Le conseil de Castelmont").count() == 1
    assert_clean(page, admin=True)

    # Publish: the warning says what readers will see.
    page.goto(reverse("admin:articles_article_workflow", args=[article.pk, "publish"]))
    warning = page.locator(".publish-warning")
    assert warning.is_visible()
    assert_clean(page, admin=True)
    page.locator("input[name=_workflow]").click()
    page.wait_for_url(f"**/admin/articles/article/{article.pk}/change/")
    message = page.locator(".messagelist li").first.inner_text()
    assert message in (
        f"« {article.headline} » est publiée.",
        f"“{article.headline}” is published.",
    )
    assert "fait" not in message and "done" not in message


# --- reviewer -----------------------------------------------------------------------------


@pytest.fixture
def desk(settings):
    review_settings(settings)
    make_reviewer("relecteur")
    article, quotes = make_review_article()
    make_review_article()  # a second dispatch: the queue holds ten quotations
    return {"article": article, "quotes": quotes}


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_reviewer_journey(browser_page, desk, live_server):
    page = browser_page
    log_in(page, "relecteur", reverse("review:queue"))
    page.wait_for_selector(".review-desk")
    items = page.locator("[data-review-item]")
    assert items.count() >= 6
    assert page.locator("[data-review-item] input[name=selected]").count() == items.count()
    if page.width == 1280:  # a compact queue: six quotations within one 900 px screen
        top = items.nth(0).bounding_box()["y"]
        bottom = items.nth(5).bounding_box()
        assert bottom["y"] + bottom["height"] - top <= 900
    assert_clean(page)

    # Story mode: the dispatch's full text, its five quotations decided by keyboard.
    article, quotes = desk["article"], desk["quotes"]
    page.goto(reverse("review:story", args=[article.pk]))
    page.wait_for_selector(".story-text")
    assert page.locator("[data-quote-link]").count() == len(quotes)
    assert_clean(page)
    page.keyboard.press("j")
    keys = ["c", "c", "r", "c", "c"]
    for index, key in enumerate(keys):
        quote = quotes[index]
        assert focused_id(page) == f"quote-{quote.pk}"
        page.keyboard.press(key)
        status = "confirmed" if key == "c" else "rejected"
        page.wait_for_selector(f'#quote-{quote.pk}[data-status="{status}"]')
        following = quotes[index + 1] if index + 1 < len(quotes) else quote
        page.wait_for_function(
            "id => document.activeElement && document.activeElement.id === id",
            arg=f"quote-{following.pk}",
        )
    # Undo the last decision: "u".
    page.keyboard.press("u")
    page.wait_for_selector(f'#quote-{quotes[-1].pk}[data-status="suggested"]')
    statuses = [Quote.objects.get(pk=q.pk).status for q in quotes]
    assert statuses == ["confirmed", "confirmed", "rejected", "confirmed", "suggested"]
    assert QuoteDecision.objects.filter(action="undo").count() == 1
    # The decided items show the decision, not the engine's confidence.
    facts = page.locator(f"#quote-{quotes[0].pk} .item-facts").inner_text()
    assert "0," not in facts and "0." not in facts
    assert_clean(page)
