"""An editor enters a dispatch in the admin, tags it (autocomplete and a new tag), publishes it,
and readers find it on the public site."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_tag, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Les digues de Castelmont tiennent bon"
BODY = (
    "Les digues de Castelmont ont résisté à la crue de la nuit.\n\n"
    "Les pompiers restent mobilisés jusqu'à jeudi."
)


def test_editor_enters_tags_publishes_and_readers_find_the_dispatch(page):
    make_user("editor", group="Editors")
    make_tag("Inondations")

    page.goto("/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")

    page.fill("#id_headline", HEADLINE)
    page.fill("#id_body", BODY)
    # Tag through the autocomplete, and create one on the fly.
    page.click("#id_tags + .select2 .select2-selection")
    page.keyboard.type("Inond")
    page.locator(".select2-results__option", has_text="Inondations").click()
    page.fill("#id_new_tags", "Digues")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible()

    page.click("a.workflow-publish")
    page.click("input[name=_workflow]")
    expect(page.locator(".messagelist")).to_be_visible()

    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.PUBLISHED
    assert sorted(tag.name for tag in article.tags.all()) == ["Digues", "Inondations"]

    page.goto("/")
    page.get_by_role("link", name=HEADLINE).first.click()
    expect(page).to_have_url(re.compile(rf"/dispatches/{article.slug}/$"))
    expect(page.locator("main")).to_contain_text("Les pompiers restent mobilisés")
    expect(page.locator("main")).to_contain_text("Digues")
