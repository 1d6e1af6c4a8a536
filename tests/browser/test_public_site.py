"""The public site in a real Chromium (Debian's, driven by Playwright): live search, "load more",
the back button, console errors, and axe-core's accessibility rules.

The app runs in pytest-django's live server thread; rows are written before the browser acts.
Playwright's sync API keeps an event loop in this thread, which makes Django refuse ORM calls
here: DJANGO_ALLOW_ASYNC_UNSAFE lifts that for these tests only (no request is served here).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Person
from articles.views import PAGE_SIZE
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Le barrage de Sorvane inquiète les riverains depuis des mois.\n\n"
    "« Nous protégerons chaque berge », a déclaré Mme Varenne devant les députés.\n\n"
    "« Ce texte est trop timide », a répondu Paul Ostrander."
)


@pytest.fixture
def site(db):
    """Older dispatches than one page holds, three of them about a dam (barrage)."""
    section, tag = make_section("Politique"), make_tag("eau")
    varenne, ostrander = (
        make_person("Hélène Varenne", role="ministre"),
        make_person("Paul Ostrander"),
    )
    now = timezone.now()
    for n in range(PAGE_SIZE + 4):
        make_article(
            headline=f"Dépêche ordinaire {n}",
            body="Rien à signaler.",
            published_at=now - timedelta(hours=10 + n),
        )
    dams = []
    for n in range(3):
        article = make_article(
            headline=f"Le barrage de Sorvane, épisode {n}",
            summary="Les riverains s'inquiètent.",
            body=BODY,
            section=section,
            byline="Claire Vasseron",
            dateline="Sorvane",
            published_at=now - timedelta(hours=1 + n),
        )
        article.tags.add(tag)
        make_quote(article, "Nous protégerons chaque berge", speaker=varenne)
        make_quote(article, "Ce texte est trop timide", speaker=ostrander)
        dams.append(article)
    return {"dams": dams, "speaker": varenne}


def items(page):
    return page.locator("#dispatch-items > li")


def test_live_search_updates_results_and_url_and_back_restores(page, site):
    page.goto("/")
    assert items(page).count() == PAGE_SIZE
    page.locator("#id_q").press_sequentially("barrage", delay=40)
    page.wait_for_url("**/?q=barrage")
    expect(items(page)).to_have_count(3)
    assert page.locator("h1").count() == 1  # the fragment replaced the results, not the page
    expect(page.locator("#live-status")).to_contain_text("3")
    # Open a dispatch from the results, then come back: the results are there in full.
    page.get_by_role("link", name="Le barrage de Sorvane, épisode 0").click()
    page.wait_for_url("**/dispatches/**")
    page.go_back()
    page.wait_for_url("**/?q=barrage")
    assert items(page).count() == 3
    assert page.locator("#id_q").input_value() == "barrage"
    assert page.locator("header.site-header").count() == 1  # a whole page, not a bare fragment
    # Back once more: the unfiltered list, as it was before the search.
    page.go_back()
    page.wait_for_url(re.compile(r"/$"))
    expect(items(page)).to_have_count(PAGE_SIZE)
    assert page.locator("#id_q").input_value() == ""
    assert page.console_errors == []


def test_filters_apply_live_and_leave_empty_fields_out_of_the_url(page, site):
    page.goto("/")
    page.locator("details.filters-more summary").click()
    page.locator("#id_section").select_option(label="Politique")
    page.wait_for_url("**/?section=politique")
    expect(items(page)).to_have_count(3)
    assert page.console_errors == []


def test_load_more_appends_the_next_page_and_moves_focus(page, site):
    page.goto("/")
    assert items(page).count() == PAGE_SIZE
    page.locator("a.load-more").click()
    expect(items(page)).to_have_count(PAGE_SIZE + 7)
    assert page.url.endswith("/")  # appending does not change the address
    assert page.locator("a.load-more").count() == 0  # that was the last page
    new_item = f"document.querySelectorAll('#dispatch-items > li')[{PAGE_SIZE}]"
    # Focus moves when htmx settles the new items, a moment after they appear.
    page.wait_for_function(f"document.activeElement.closest('li') === {new_item}")
    assert page.evaluate(f"document.activeElement.closest('li') === {new_item}")
    assert page.console_errors == []


def test_load_more_works_without_javascript_as_a_real_link(page, site):
    page.goto("/?page=2")
    assert items(page).count() == 7
    assert page.locator("a[rel=prev]").count() == 1


def test_speaker_timeline_and_quote_links(page, site):
    speaker = site["speaker"]
    page.goto(site["dams"][0].get_absolute_url())
    page.locator("a.quote", has_text="Nous protégerons chaque berge").first.click()
    page.wait_for_url(f"**{speaker.get_absolute_url()}")
    assert page.locator("#quote-items > li").count() == 3
    assert page.console_errors == []


def test_layout_holds_at_360_pixels(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    for url in ("/", site["dams"][0].get_absolute_url(), site["speaker"].get_absolute_url()):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url


def test_axe_reports_violations(page):
    """The check below can fail: an image without text and an unlabelled field are caught."""
    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert {"image-alt", "label"} <= {v["id"] for v in axe_violations(page)}


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["fr-FR", "en-GB"])
def test_axe_finds_no_violation_on_the_public_pages(page, site, language):
    page.context.set_extra_http_headers({"Accept-Language": language})
    speaker = Person.objects.get(pk=site["speaker"].pk)
    urls = [
        "/",
        "/?q=barrage",
        site["dams"][0].get_absolute_url(),
        speaker.get_absolute_url(),
        "/quotes/?q=berge",
        "/people/",
    ]
    for url in urls:
        page.goto(url)
        assert axe_violations(page) == [], url
    assert page.console_errors == []
