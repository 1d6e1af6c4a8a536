"""Hostile input on every surface: markup in every text field is shown escaped (site, review desk,
admin, feeds, JSON-LD, ninjs), and no query string a user can type makes a public page fail."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import PersonAlias, Quote
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

SCRIPT = '<script>alert("xss")</script>'
IMG = '"><img src=x onerror=alert(1)>'
RAW_MARKERS = ("<script>alert", "<img src=x", "onerror=alert(1)>")


@pytest.fixture
def hostile(db):
    """A published dispatch whose every text field carries markup, quoted by a hostile name."""
    body = (
        f"La maire {SCRIPT} de Castelmont a parlé mardi {IMG}.\n\n"
        f"« Nous dirons {SCRIPT} partout », a déclaré la maire."
    )
    article = make_article(
        headline=f"Titre {SCRIPT}",
        summary=f"Résumé {IMG}",
        body=body,
        dateline=f"Castelmont {IMG}",
        byline=f"Reporter {SCRIPT}",
        section=make_section(f"Rubrique {SCRIPT}"),
    )
    tag = make_tag(f"étiquette {SCRIPT}")
    article.tags.add(tag)
    person = make_person(f"Maire {SCRIPT}", role=f"maire {IMG}", description=f"Élue {SCRIPT}")
    PersonAlias.objects.create(person=person, name=f"Alias {IMG}")
    quoted = f"Nous dirons {SCRIPT} partout"
    make_quote(article, quoted, speaker=person, mention=f"la maire {IMG}", cue="a déclaré")
    suggested = make_quote(
        article,
        f"La maire {SCRIPT} de Castelmont",
        status=Quote.Status.SUGGESTED,
        speaker=person,
        mention=SCRIPT,
        kind=Quote.Kind.PARTIAL,
    )
    return article, person, tag, suggested


def assert_escaped(text: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in text, f"raw markup {marker!r} in {where}"


def public_urls(article, person, tag) -> list[str]:
    return [
        "/",
        f"/?q={SCRIPT}",
        article.get_absolute_url(),
        person.get_absolute_url(),
        "/people/",
        "/quotes/?q=dirons",
        reverse("articles:feed-latest-rss"),
        reverse("articles:feed-latest-atom"),
        reverse("articles:feed-section-rss", kwargs={"slug": article.section.slug}),
        reverse("articles:feed-tag-atom", kwargs={"slug": tag.slug}),
        reverse("articles:feed-person-rss", kwargs={"slug": person.slug}),
        reverse("articles:feed-person-atom", kwargs={"slug": person.slug}),
        "/sitemap.xml",
    ]


def test_public_surfaces_escape_every_field(client, hostile):
    article, person, tag, _ = hostile
    for url in public_urls(article, person, tag):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.text, url)
    page = client.get(article.get_absolute_url()).text
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in page


def test_json_ld_and_ninjs_write_angle_brackets_as_unicode_escapes(client, hostile):
    article, person, _, _ = hostile
    page = client.get(article.get_absolute_url()).text
    scripts = page.split('<script type="application/ld+json">')[1:]
    assert scripts, "the dispatch page carries JSON-LD"
    for block in scripts:
        payload = block.split("</script>", 1)[0]
        assert "<" not in payload and "\\u003c" in payload
        json.loads(payload)
    for url in (
        reverse("articles:article-jsonld", kwargs={"slug": article.slug}),
        reverse("articles:article-ninjs", kwargs={"slug": article.slug}),
        reverse("articles:person-jsonld", kwargs={"slug": person.slug}),
    ):
        raw = client.get(url).content.decode()
        assert "<" not in raw and "\\u003c" in raw, url
        json.loads(raw)


def test_review_desk_escapes_every_field(client, hostile, django_user_model):
    _, _, _, suggested = hostile
    reviewer = django_user_model.objects.create_user("rev", password="x", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    client.force_login(reviewer)
    for url in ("/review/", f"/review/quotes/{suggested.pk}/", f"/review/speakers/?q={SCRIPT}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.text, url)


def test_admin_escapes_every_field(admin_client, hostile):
    article, person, tag, suggested = hostile
    for url in (
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_person_changelist"),
        reverse("admin:articles_person_change", args=[person.pk]),
        reverse("admin:articles_tag_changelist"),
        reverse("admin:articles_quote_changelist"),
        reverse("admin:articles_quote_change", args=[suggested.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.text, url)


PARAMS = (
    "q",
    "page",
    "section",
    "tag",
    "speaker",
    "language",
    "date_from",
    "date_to",
    "quoted",
    "letter",
    "status",
    "band",
    "article",
    "order",
    "sort",
)
query_dicts = st.dictionaries(
    st.sampled_from(PARAMS) | st.text(max_size=8),
    st.text(max_size=40) | st.integers().map(str),
    max_size=5,
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(params=query_dicts, htmx=st.booleans())
def test_random_query_strings_never_fail_a_public_page(client, params, htmx):
    article = make_article(headline="Crue à Castelmont")
    person = make_person("Hélène Varenne")
    make_quote(article, speaker=person)
    headers = {"HX-Request": "true"} if htmx else {}
    for url in ("/", "/people/", "/quotes/", article.get_absolute_url(), person.get_absolute_url()):
        response = client.get(url, params, headers=headers)
        assert response.status_code in (200, 404), (url, params, response.status_code)
