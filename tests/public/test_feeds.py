"""Feeds (RSS and Atom) parse with feedparser; sitemap.xml and the Google News sitemap are
well-formed and list what is public."""

from datetime import timedelta

import feedparser
import pytest
from defusedxml import ElementTree
from django.utils import timezone

from articles.models import Article, Quote
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def content():
    section, tag = make_section("Monde"), make_tag("inondations")
    person = make_person("Hélène Varenne")
    articles = []
    for n in range(3):
        article = make_article(
            headline=f"Crue n° {n} <b>& « guillemets »</b>",
            summary="Le résumé <script>alert(1)</script>",
            section=section,
            byline="Claire Vasseron",
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
        article.tags.add(tag)
        make_quote(article, speaker=person)
        articles.append(article)
    make_article(headline="Brouillon", status=Article.Status.DRAFT, published_at=None)
    hidden = make_article(headline="Citation en attente", published_at=timezone.now())
    make_quote(hidden, speaker=person, status=Quote.Status.SUGGESTED)
    return {"section": section, "tag": tag, "person": person, "articles": articles}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_latest_feed_parses_and_lists_published_dispatches(client, content, kind):
    feed = parse(client, f"/feeds/latest.{kind}")
    titles = [entry.title for entry in feed.entries]
    assert "Brouillon" not in titles
    assert "Crue n° 0 <b>& « guillemets »</b>" in titles
    entry = next(e for e in feed.entries if e.title.startswith("Crue n° 0"))
    assert entry.link.endswith(content["articles"][0].get_absolute_url())
    # Plain wire text, escaped for readers that read descriptions as HTML.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entry.summary
    assert {t.term for t in entry.tags} >= {"Monde", "inondations"}


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("feed_of", ["section", "tag"])
def test_section_and_tag_feeds_parse(client, content, kind, feed_of):
    url = f"/feeds/{feed_of}s/{content[feed_of].slug}.{kind}"
    feed = parse(client, url)
    assert len(feed.entries) == 3, url
    assert "Monde" in feed.feed.title or "inondations" in feed.feed.title


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_speaker_feed_lists_public_quotations_with_anchors(client, content, kind):
    feed = parse(client, f"/feeds/people/{content['person'].slug}.{kind}")
    assert len(feed.entries) == 3  # the suggested attribution is not public
    for entry in feed.entries:
        assert entry.title == "«\u00a0Nous protégerons chaque berge\u00a0»"
        assert "#q" in entry.link
    assert len({entry.link for entry in feed.entries}) == 3


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/nope.rss",
        "/feeds/tags/nope.atom",
        "/feeds/people/nope.rss",
        "/feeds/people/{unquoted}.rss",
    ],
)
def test_feeds_of_unknown_objects_are_not_found(client, content, url):
    url = url.format(unquoted=make_person("Jamais Citée").slug) if "{" in url else url
    assert client.get(url).status_code == 404, url


def test_pages_advertise_their_feeds(client, content):
    person = content["person"]
    home = client.get("/").text
    assert 'type="application/rss+xml"' in home and 'href="/feeds/latest.atom"' in home
    speaker = client.get(person.get_absolute_url()).text
    assert f'href="/feeds/people/{person.slug}.rss"' in speaker
    assert f'href="/people/{person.slug}.jsonld"' in speaker


def test_sitemap_index_and_sections_list_public_urls(client, content):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert any(loc.endswith("/sitemap-dispatches.xml") for loc in locations)
    dispatches = ElementTree.fromstring(client.get("/sitemap-dispatches.xml").content)
    urls = [loc.text for loc in dispatches.iter(f"{SITEMAP}loc")]
    assert len(urls) == 4  # three dispatches and the one with a pending quotation
    assert all("brouillon" not in url for url in urls)
    people = ElementTree.fromstring(client.get("/sitemap-people.xml").content)
    assert [loc.text.rsplit("/", 2)[-2] for loc in people.iter(f"{SITEMAP}loc")] == [
        "helene-varenne"
    ]
    pages = ElementTree.fromstring(client.get("/sitemap-pages.xml").content)
    assert len(list(pages.iter(f"{SITEMAP}loc"))) == 3


def test_news_sitemap_holds_the_last_two_days_only(client, content):
    make_article(headline="Trop ancienne", published_at=timezone.now() - timedelta(days=3))
    english = make_article(
        headline="English <news> & views", language="en-GB", published_at=timezone.now()
    )
    response = client.get("/news-sitemap.xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    tree = ElementTree.fromstring(response.content)
    titles = [title.text for title in tree.iter(f"{NEWS}title")]
    assert "Trop ancienne" not in titles and "English <news> & views" in titles
    assert len(titles) == 5
    entry = next(
        url
        for url in tree.iter(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text.endswith(english.get_absolute_url())
    )
    assert entry.find(f"{NEWS}news/{NEWS}publication/{NEWS}language").text == "en"
    assert entry.find(f"{NEWS}news/{NEWS}publication/{NEWS}name").text == "Newsroom"
    assert entry.find(f"{NEWS}news/{NEWS}publication_date").text
