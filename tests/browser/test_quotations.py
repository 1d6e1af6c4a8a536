"""In a browser: a speaker's role timeline, a quotation with its repeats and the sourcing
dashboard, walked through real links, with axe-core's accessibility rules (0 violations) and no
console error (the charts are inline SVG under the strict CSP)."""

import os

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from articles.models import Person, Quotation
from tests.browser.test_public_site import axe_violations
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(settings):
    settings.DEBUG = False
    call_command("load_sample", "--no-attribution", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # A transactional test empties the tables the migrations filled: the permission, directly.
    editor = make_user("editrice")
    editor.user_permissions.add(Permission.objects.get(codename="view_sources"))
    return Person.objects.get(name="Mathilde Orsenne")


@pytest.mark.parametrize("language", ["fr-FR", "en-GB"])
def test_walk_speaker_timeline_quotation_page_and_dashboard(page, sample, language):
    page.context.set_extra_http_headers({"Accept-Language": language})
    page.goto(sample.get_absolute_url())
    roles = page.locator(".role-list li")
    assert roles.count() == 2
    assert "maire (Sorvane)" in roles.nth(0).inner_text()
    assert "présidente (Valmérie)" in roles.nth(1).inner_text()
    assert axe_violations(page) == []
    # The repeated promise is listed once, with its count, and leads to its page.
    repeated = page.locator("a.repeats", has_text="3")
    assert repeated.count() == 1
    repeated.click()
    page.wait_for_url("**/quotes/*/")
    assert page.locator(".occurrence-list li").count() == 3
    assert "URGENT" in page.locator(".occurrence-list li").first.inner_text()
    assert axe_violations(page) == []
    page.locator(".quotation-main a.speaker").click()
    page.wait_for_url(sample.get_absolute_url())
    # The dashboard, for an editor.
    page.goto("/login/?next=/desk/sources/")
    page.fill("#id_username", "editrice")
    page.fill("#id_password", "correct horse battery")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/desk/sources/")
    assert page.locator(".chart svg").count() == 7
    assert page.locator("table.figures").count() == 5
    assert axe_violations(page) == []
    page.select_option("#id_section", label="Politique")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**section=politique**")
    assert axe_violations(page) == []
    assert page.console_errors == []
    assert Quotation.objects.exists()
