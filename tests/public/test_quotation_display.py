"""Quotations as readers see them: indirect speech never in quotation marks on any surface,
quotation typography, visible speakers, a dispatch dated by its own date."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from articles import quotations
from articles.ingest import read_dispatch
from articles.models import Article, Quote
from articles.services import import_dispatch
from tests.factories import make_article, make_person, make_quote

REPORTED = "le texte reste trop timide"
MARKS = "«»“”"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Saint-Aulvin, ", "Saint-Aulvin"),  # the sentence's comma stays outside
        ("« Saint-Aulvin, »", "Saint-Aulvin"),  # marks the span took in
        ("No inch. “What we are negotiating", "No inch. “What we are negotiating”"),  # balanced
        ("Premier.\n\n« Second", "Premier. Second"),  # a new paragraph's opening mark
        ("a map ”, he said", "“a map ”, he said"),  # a closing mark opened
    ],
)
def test_displayed_text_is_trimmed_and_balanced(stored, shown):
    assert quotations.display_text(stored) == shown


def test_quotations_take_the_marks_of_their_language():
    assert quotations.quoted("Nous verrons", "fr") == "«\u00a0Nous verrons\u00a0»"
    assert quotations.quoted("We will see", "en") == "“We will see”"
    assert quotations.quoted("il a dit « non »", "fr") == "«\u00a0il a dit “non”\u00a0»"


@pytest.mark.parametrize(
    ("mention", "real"),
    [
        ("Karim Lestrade", True),
        ("il", True),
        ("le président de la Fédération paysanne des Hautes-Terres", True),
        ("une source proche de la direction", True),
        ("Le texte prévoit d'interdire les prélèvements agricoles", False),
        ("Il a dit. Puis", False),
    ],
)
def test_only_names_pronouns_and_roles_count_as_mentions(mention, real):
    assert quotations.is_real_mention(mention) is real


@pytest.fixture
def reported():
    """A dispatch with one direct quotation and one indirect (reported) one."""
    article = make_article()
    union = make_person("Syndicat des pêcheurs", kind="organization")
    minister = make_person("Hélène Varenne")
    direct = make_quote(article, speaker=minister, status=Quote.Status.CONFIRMED)
    indirect = make_quote(
        article, text=REPORTED, kind=Quote.Kind.INDIRECT, speaker=union,
        status=Quote.Status.CONFIRMED,
    )  # fmt: skip
    return article, direct, indirect, union


def _marked(text: str, words: str) -> bool:
    """Is `words` right inside a quotation mark somewhere in `text`?"""
    return bool(re.search(rf"[{MARKS}]\s?{re.escape(words)}", text))


@pytest.mark.django_db
def test_indirect_speech_is_never_in_marks_on_the_quotations_page(client, reported):
    text = client.get("/quotes/").text.replace("\u00a0", " ")
    assert "Selon Syndicat des pêcheurs, le texte reste trop timide" in text
    assert not _marked(text, REPORTED)
    assert "« Nous protégerons chaque berge »" in text


@pytest.mark.django_db
def test_indirect_speech_is_never_in_marks_on_the_speaker_page(client, reported):
    _, _, _, union = reported
    text = client.get(union.get_absolute_url()).text
    assert REPORTED in text and not _marked(text, REPORTED)
    assert "Reported speech" in text or "Propos rapportés" in text


@pytest.mark.django_db
def test_indirect_speech_is_shown_apart_on_the_dispatch(client, reported):
    article, _, indirect, _ = reported
    text = client.get(article.get_absolute_url()).text
    assert f'<span class="reported" id="q{indirect.pk}">{REPORTED}</span>' in text
    assert f'<mark class="quote" id="q{indirect.pk}"' not in text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_indirect_speech_is_never_in_marks_in_the_speaker_feed(client, reported, kind):
    _, _, _, union = reported
    text = client.get(f"/feeds/people/{union.slug}.{kind}").text
    assert REPORTED in text and not _marked(text, REPORTED)


@pytest.mark.django_db
def test_indirect_speech_is_not_a_quotation_in_json_ld(client, reported):
    _, _, _, union = reported
    data = json.loads(client.get(f"/people/{union.slug}.jsonld").text)
    assert [item for item in data["@graph"] if item["@type"] == "Quotation"] == []


@pytest.mark.django_db
def test_a_source_only_reported_is_not_quoted_in_ninjs(client, reported):
    article, _, _, union = reported
    people = json.loads(client.get(f"/dispatches/{article.slug}.json").text)["people"]
    rel = {person["name"]: person.get("rel") for person in people}
    assert rel["Syndicat des pêcheurs"] == "reported" and rel["Hélène Varenne"] == "quoted"


@pytest.mark.django_db
def test_indirect_speech_is_never_in_marks_in_the_admin(reported):
    _, direct, indirect, _ = reported
    assert str(indirect) == REPORTED
    assert str(direct) == "«\u00a0Nous protégerons chaque berge\u00a0»"


@pytest.mark.django_db
def test_dispatch_names_who_speaks_without_hovering(client, reported):
    article, _, _, _ = reported
    text = client.get(article.get_absolute_url()).text
    assert 'title="Hélène Varenne"' not in text
    assert '<span class="sources"' in text
    assert '<a href="/people/helene-varenne/">Hélène Varenne</a></span>' in text


@pytest.mark.django_db
def test_an_unnamed_source_is_shown_as_its_description(client):
    article = make_article()
    make_quote(
        article, speaker=None, mention="un proche du dossier", status=Quote.Status.CONFIRMED,
        speaker_type=Quote.SpeakerType.ANONYMOUS,
    )  # fmt: skip
    text = client.get(article.get_absolute_url()).text
    assert '<span class="source"><span class="visually-hidden">' in text
    assert "un proche du dossier</span></span></p>" in text


@pytest.mark.django_db
def test_staff_links_are_in_the_footer_not_the_navigation(client):
    article = make_article()
    text = client.get(article.get_absolute_url()).text
    nav = text.split('<nav class="site-nav"')[1].split("</nav>")[0]
    footer = text.split('<footer class="site-footer">')[1]
    assert "/login/" not in nav and "/login/" in footer


@pytest.mark.django_db
def test_dispatch_without_summary_has_a_description_from_its_lede(client):
    article = make_article(summary="")
    text = client.get(article.get_absolute_url()).text
    assert '<meta name="description" content="La ministre fictive Hélène Varenne' in text


@pytest.mark.django_db
def test_time_elements_carry_no_microseconds(client):
    article = make_article(published_at=timezone.now().replace(microsecond=123456))
    text = client.get(article.get_absolute_url()).text
    for value in re.findall(r'<time datetime="([^"]+)"', text):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")


ARCHIVE = (
    "date 2016-09 Monde\n\n"
    "Le conseil fictif de Castelmont a voté la rénovation de la médiathèque municipale.\n\n"
    "« Les travaux commenceront au printemps », a précisé l'adjointe à la culture.\n"
).encode()


@pytest.fixture
def archive(no_attribution):
    data = read_dispatch(ARCHIVE, format="text", filename="archive.txt")
    return import_dispatch(data=data, status="published", attribute=False).article


@pytest.mark.django_db
def test_an_archive_dispatch_is_dated_by_its_own_date(client, archive):
    assert archive.published_at.year == 2016 and archive.published_at.month == 9
    assert timezone.now() - archive.received_at < dt.timedelta(minutes=5)
    text = client.get(archive.get_absolute_url()).text
    assert '<time datetime="2016-09-01T' in text


@pytest.mark.django_db
def test_an_archive_dispatch_stays_out_of_the_news_sitemap_and_feed_top(client, archive):
    make_article()  # a fresh one
    assert archive.slug not in client.get("/news-sitemap.xml").text
    items = client.get("/feeds/latest.rss").text.split("<item>")[1:]
    [item] = [item for item in items if archive.slug in item]
    assert "Sep 2016" in item and item is items[-1]


@pytest.mark.django_db
def test_a_dispatch_dated_ahead_of_our_clock_is_published_now():
    article = make_article(published_at=None, first_created=timezone.now() + dt.timedelta(days=3))
    assert article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()
