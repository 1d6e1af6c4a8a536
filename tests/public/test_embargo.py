"""An embargoed dispatch never appears on any public URL, feed, sitemap, search or ninjs export
before its time, and appears on every one of them once its time has passed.

The walk covers every public route (articles/urls.py and the sitemaps in newsroom/urls.py); a test
fails when a new public route is added without being walked here.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from articles.models import Article, Quote
from articles.services.quotations import group_all_quotes
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = pytest.mark.django_db

SLUG = "zanzibar-embargo-test"
GUID = "urn:newsroom:test:zanzibar-embargo"
QUOTE = "Zanzibar restera souverain"
BODY = (
    "Le ministre fictif Paul Ondine a parlé mardi devant la presse.\n\n"
    f"« {QUOTE} », a déclaré Hélène Varenne à Castelmont.\n\n"
    "La conférence reprendra jeudi."
)
# Routes that are not the public site, or that hold no dispatch.
NOT_PUBLIC = {"admin", "review", "desk", "login", "logout", "healthz", "set_language"}


@pytest.fixture
def world():
    """A public speaker (quoted in a live dispatch) and an embargoed dispatch that quotes her,
    in a section and with a tag of its own."""
    section, tag = make_section("Monde"), make_tag("Climat")
    speaker = make_person("Hélène Varenne")
    live = make_article(section=section)
    make_quote(live, speaker=speaker)
    embargoed = make_article(
        headline="Zanzibar sous embargo",
        slug=SLUG,
        guid=GUID,
        body=BODY,
        section=section,
        published_at=timezone.now() - timedelta(minutes=10),
        embargo_until=timezone.now() + timedelta(hours=1),
    )
    embargoed.tags.add(tag)
    embargoed.people.add(speaker)
    quote = make_quote(embargoed, text=QUOTE, speaker=speaker, status=Quote.Status.CONFIRMED)
    group_all_quotes()
    quote.refresh_from_db()
    return {
        "section": section,
        "tag": tag,
        "speaker": speaker,
        "article": embargoed,
        "quotation": quote.quotation_id,
    }


def surfaces(world) -> dict[str, str]:
    """Every public URL that lists, shows or exports a dispatch or its quotations."""
    section, tag, speaker = world["section"].slug, world["tag"].slug, world["speaker"].slug
    # the dispatch's own day, not today's: ten minutes after local midnight they differ
    today = timezone.localdate(world["article"].published_at).isoformat()
    return {
        "article-list": reverse("articles:article-list"),
        "article-list?q": reverse("articles:article-list") + "?q=Zanzibar",
        "article-list?section": reverse("articles:article-list") + f"?section={section}",
        "article-list?tag": reverse("articles:article-list") + f"?tag={tag}",
        "article-list?speaker": reverse("articles:article-list") + f"?speaker={speaker}",
        "article-list?language": reverse("articles:article-list") + "?language=fr",
        "article-list?dates": reverse("articles:article-list")
        + f"?date_from={today}&date_to={today}",
        "article-list?quoted": reverse("articles:article-list") + "?quoted=on",
        "article-detail": reverse("articles:article-detail", args=[SLUG]),
        "article-ninjs": reverse("articles:article-ninjs", args=[SLUG]),
        "article-jsonld": reverse("articles:article-jsonld", args=[SLUG]),
        "person-list": reverse("articles:person-list"),
        "person-detail": reverse("articles:person-detail", args=[speaker]),
        "person-jsonld": reverse("articles:person-jsonld", args=[speaker]),
        "quote-search": reverse("articles:quote-search"),
        "quote-search?q": reverse("articles:quote-search") + "?q=souverain",
        "quotation-detail": reverse("articles:quotation-detail", args=[world["quotation"]]),
        "feed-latest-rss": reverse("articles:feed-latest-rss"),
        "feed-latest-atom": reverse("articles:feed-latest-atom"),
        "feed-section-rss": reverse("articles:feed-section-rss", args=[section]),
        "feed-section-atom": reverse("articles:feed-section-atom", args=[section]),
        "feed-tag-rss": reverse("articles:feed-tag-rss", args=[tag]),
        "feed-tag-atom": reverse("articles:feed-tag-atom", args=[tag]),
        "feed-person-rss": reverse("articles:feed-person-rss", args=[speaker]),
        "feed-person-atom": reverse("articles:feed-person-atom", args=[speaker]),
        "sitemap": reverse("sitemap"),
        "sitemap-section": reverse("sitemap-section", args=["dispatches"]),
        "news-sitemap": reverse("news-sitemap"),
    }


def shows_it(text: str, *, status: int = 200) -> bool:
    # A 404 page may echo the address it was asked for (the slug), never the dispatch itself.
    markers = (GUID, QUOTE, "Zanzibar sous embargo") + ((SLUG,) if status == 200 else ())
    return any(marker in text for marker in markers)


def walk(client, world) -> dict[str, tuple[int, bool]]:
    """Each surface's status code and whether it shows the dispatch (or its quotation)."""
    seen = {}
    for name, url in surfaces(world).items():
        response = client.get(url)
        text = response.content.decode()
        seen[name] = (response.status_code, shows_it(text, status=response.status_code))
    out = StringIO()
    call_command("export_ninjs", "--all", stdout=out, stderr=StringIO())
    seen["export_ninjs --all"] = (0, shows_it(out.getvalue()))
    return seen


def public_route_names() -> set[str]:
    names = set()

    def collect(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in NOT_PUBLIC or pattern.app_name in NOT_PUBLIC:
                    continue
                prefix = f"{pattern.namespace}:" if pattern.namespace else namespace
                collect(pattern.url_patterns, prefix)
            elif isinstance(pattern, URLPattern) and pattern.name not in (None, *NOT_PUBLIC):
                names.add(f"{namespace}{pattern.name}")

    collect(get_resolver().url_patterns)
    return names


def test_the_walk_covers_every_public_route(world):
    walked = {name.split("?")[0] for name in surfaces(world)}
    covered = {f"articles:{name}" for name in walked} | walked
    assert public_route_names() - covered == set()


def test_embargoed_dispatch_appears_nowhere_before_its_time(client, world):
    seen = walk(client, world)
    assert {name for name, (_status, shown) in seen.items() if shown} == set()


def test_embargoed_dispatch_pages_answer_404_before_its_time(client, world):
    seen = walk(client, world)
    assert seen["article-detail"][0] == 404
    assert seen["article-ninjs"][0] == 404
    assert seen["article-jsonld"][0] == 404


def test_embargoed_dispatch_appears_everywhere_once_its_time_has_passed(client, world):
    Article.objects.filter(pk=world["article"].pk).update(
        embargo_until=timezone.now() - timedelta(seconds=1)
    )
    seen = walk(client, world)
    assert {name for name, (_status, shown) in seen.items() if not shown} == {
        # Index pages list other pages, not dispatches: they hold the sub-sitemap's address.
        "sitemap",
        # The People index lists speakers, not their quotations.
        "person-list",
    }


def test_sitemap_index_leads_to_the_dispatch_once_public(client, world):
    Article.objects.filter(pk=world["article"].pk).update(
        embargo_until=timezone.now() - timedelta(seconds=1)
    )
    index = client.get(reverse("sitemap")).content.decode()
    dispatches = client.get(reverse("sitemap-section", args=["dispatches"])).content.decode()
    assert "sitemap-dispatches.xml" in index
    assert SLUG in dispatches
