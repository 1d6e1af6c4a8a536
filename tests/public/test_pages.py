"""The public reader site: each page in full and as its HTMX fragments, with a fixed number of
queries however many rows it shows."""

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Person, PersonAlias, Quote
from articles.views import PAGE_SIZE
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}

BODY_3 = (
    "La ministre fictive Hélène Varenne a défendu mardi son projet de loi sur les rivières.\n\n"
    "« Nous protégerons chaque berge », a déclaré Mme Varenne devant les députés.\n\n"
    "« Ce texte est trop timide », a répondu Paul Ostrander, du syndicat des pêcheurs.\n\n"
    "« Nous attendrons le vote », a conclu Lise Marnier, maire de Castelmont."
)


def more_headers(items_id: str) -> dict:
    return {**HTMX, "HX-Target": items_id}


def jsonld_blocks(html: str) -> list:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def quoted_dispatch(**fields) -> Article:
    """A dispatch with three public quotations by three speakers, three tags and a section."""
    article = make_article(body=BODY_3, section=make_section(), **fields)
    article.tags.add(make_tag(), make_tag(), make_tag())
    for text, name in (
        ("Nous protégerons chaque berge", "Hélène Varenne"),
        ("Ce texte est trop timide", "Paul Ostrander"),
        ("Nous attendrons le vote", "Lise Marnier"),
    ):
        person = make_person(name) if not _person(name) else _person(name)
        make_quote(article, text, speaker=person)
    return article


def _person(name):
    from articles.models import Person

    return Person.objects.filter(name=name).first()


# --- Home: the dispatch list ------------------------------------------------------------------


def test_home_lists_published_dispatches_newest_first(client):
    older = make_article(headline="Ancienne crue", published_at=timezone.now() - timedelta(days=2))
    newer = make_article(headline="Nouvelle crue", published_at=timezone.now() - timedelta(hours=1))
    make_article(headline="Brouillon secret", status=Article.Status.DRAFT, published_at=None)
    make_article(headline="Sous embargo", embargo_until=timezone.now() + timedelta(hours=3))
    response = client.get("/")
    assert response.status_code == 200
    text = response.text
    assert text.index(newer.headline) < text.index(older.headline)
    assert "Brouillon secret" not in text and "Sous embargo" not in text
    assert f'href="{newer.get_absolute_url()}"' in text


def test_home_has_a_search_form_and_varies_on_htmx(client):
    response = client.get("/")
    assert '<input type="search" name="q"' in response.text
    assert 'hx-push-url="true"' in response.text
    assert "HX-Request" in response["Vary"]


def test_home_fragment_is_the_results_region_only(client):
    make_article(headline="Crue à Castelmont")
    response = client.get("/?q=crue", headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text and "<form" not in response.text
    assert response.text.strip().startswith('<section id="results"')
    assert "Crue à Castelmont" in response.text
    assert "HX-Request" in response["Vary"]


def test_home_history_restore_gets_the_full_page(client):
    response = client.get("/", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.text


def test_home_pages_through_real_links_without_counting(client, django_assert_num_queries):
    for _ in range(PAGE_SIZE + 3):
        make_article()
    # The sections for the filter form, and one page of dispatches (one row more than shown,
    # to know whether an older page exists): never a COUNT of all rows.
    with django_assert_num_queries(2):
        first = client.get("/")
    assert first.text.count('class="dispatch"') == PAGE_SIZE
    assert 'href="/?page=2"' in first.text and 'hx-target="#dispatch-items"' in first.text
    second = client.get("/?page=2")
    assert second.text.count('class="dispatch"') == 3
    assert 'rel="prev" href="/?page=1"' in second.text and 'rel="next"' not in second.text


def test_home_load_more_fragment_appends_items_and_replaces_the_pager(
    client, django_assert_num_queries
):
    for _ in range(PAGE_SIZE + 3):
        make_article()
    # One page of dispatches with their sections; no form, so no sections query.
    with django_assert_num_queries(1):
        response = client.get("/?page=2", headers=more_headers("dispatch-items"))
    text = response.text
    assert "<html" not in text and 'id="results"' not in text
    assert text.lstrip().startswith('<li class="dispatch">') and text.count('class="dispatch"') == 3
    assert 'id="dispatch-items-pager"' in text and 'hx-swap-oob="true"' in text


def test_home_fragment_runs_one_query(client, django_assert_num_queries):
    for _ in range(3):
        make_article()
    with django_assert_num_queries(1):
        client.get("/", headers=HTMX)


def test_home_search_matches_headline_summary_and_body(client):
    make_article(headline="Le barrage de Sorvane", body="Texte.")
    make_article(headline="Autre", summary="Le barrage cède", body="Texte.")
    make_article(headline="Encore", body="Un barrage neuf.")
    make_article(headline="Sans rapport", body="Rien.")
    text = client.get("/?q=BARRAGE").text
    assert text.count('class="dispatch"') == 3 and "Sans rapport" not in text


def test_home_filters_by_section_tag_and_language(client):
    section, tag = make_section("Monde"), make_tag("inondations")
    in_section = make_article(headline="Dans la section", section=section)
    tagged = make_article(headline="Étiquetée")
    tagged.tags.add(tag)
    make_article(headline="In English", language="en-GB")
    assert client.get(f"/?section={section.slug}").text.count('class="dispatch"') == 1
    assert in_section.headline in client.get(f"/?section={section.slug}").text
    assert tagged.headline in client.get("/?tag=inondations").text
    assert client.get("/?tag=inondations").text.count('class="dispatch"') == 1
    english = client.get("/?language=en").text
    assert "In English" in english and "Étiquetée" not in english


def test_home_filters_by_date_range(client):
    make_article(headline="Vieille", published_at=timezone.now() - timedelta(days=30))
    make_article(headline="Récente", published_at=timezone.now() - timedelta(hours=1))
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    text = client.get(f"/?date_from={since}").text
    assert "Récente" in text and "Vieille" not in text
    until = (timezone.localdate() - timedelta(days=7)).isoformat()
    text = client.get(f"/?date_to={until}").text
    assert "Vieille" in text and "Récente" not in text


def test_home_filters_by_speaker_quoted_and_by_having_quotations(client):
    quoted = make_article(headline="Avec citation")
    person = make_person("Hélène Varenne")
    make_quote(quoted, speaker=person)
    suggested = make_article(headline="Citation non revue")
    make_quote(suggested, speaker=person, status=Quote.Status.SUGGESTED)
    make_article(headline="Sans citation")
    for url in ("/?speaker=helene-varenne", "/?speaker=varenne", "/?quoted=on"):
        text = client.get(url).text
        assert "Avec citation" in text, url
        assert "Sans citation" not in text and "Citation non revue" not in text, url


def test_home_invalid_filter_values_are_ignored_not_errors(client):
    make_article(headline="Toujours là")
    response = client.get("/?section=nope&date_from=2026-02-31&language=xx&page=-4")
    assert response.status_code == 200
    assert "Toujours là" in response.text


# --- A dispatch ---------------------------------------------------------------------------------


def test_dispatch_page_shows_dateline_byline_section_tags_and_speakers(
    client, django_assert_num_queries
):
    article = quoted_dispatch(dateline="Castelmont", byline="Claire Vasseron")
    related = make_article(headline="Dépêche liée par une étiquette")
    related.tags.add(article.tags.first())
    # The dispatch with its section; its tags; its public quotes with their speakers; the
    # related dispatches (shared tags or speakers) with their sections. Three of each.
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url())
    text = response.text
    assert "Castelmont" in text and "Claire Vasseron" in text
    assert f'href="/?section={article.section.slug}"' in text
    for tag in article.tags.all():
        assert f'href="/?tag={tag.slug}"' in text
    for quote in article.quotes.all():
        assert f'id="q{quote.pk}" href="{quote.speaker.get_absolute_url()}"' in text
    assert text.count('id="quoted-heading"') == 1
    assert "Dépêche liée par une étiquette" in text


def test_related_dispatches_share_a_tag_or_a_speaker(client):
    article = quoted_dispatch()
    same_speaker = make_article(headline="Même oratrice")
    make_quote(same_speaker, speaker=_person("Hélène Varenne"))
    make_article(headline="Sans lien aucun")
    text = client.get(article.get_absolute_url()).text
    assert "Même oratrice" in text and "Sans lien aucun" not in text


def test_dispatch_quote_spanning_paragraphs_has_one_anchor(client):
    body = "« Premier paragraphe cité.\n\nSecond paragraphe cité », a dit Mme Varenne."
    article = make_article(body=body)
    quote = make_quote(
        article, "Premier paragraphe cité.\n\nSecond paragraphe cité", speaker=make_person()
    )
    text = client.get(article.get_absolute_url()).text
    assert text.count(f'id="q{quote.pk}"') == 1
    assert text.count('class="quote"') == 2


def test_dispatch_quote_without_speaker_is_highlighted_not_linked(client):
    article = make_article()
    make_quote(article, speaker=None, speaker_type=Quote.SpeakerType.ANONYMOUS)
    assert '<mark class="quote"' in client.get(article.get_absolute_url()).text


def test_corrected_dispatch_shows_a_correction_note(client):
    article = make_article(status=Article.Status.CORRECTED)
    assert 'class="correction"' in client.get(article.get_absolute_url()).text


def test_correction_note_is_shown_on_the_page_and_in_jsonld(client):
    if "correction_note" not in {f.name for f in Article._meta.get_fields()}:
        pytest.skip("Article has no correction_note field yet (corrections, issue 7)")
    article = make_article(
        status=Article.Status.CORRECTED, correction_note="Le nom du maire était mal écrit."
    )
    text = client.get(article.get_absolute_url()).text
    assert "Le nom du maire était mal écrit." in text
    [data] = jsonld_blocks(text)
    assert data["correction"]["text"] == "Le nom du maire était mal écrit."


def test_dispatch_head_has_opengraph_feeds_and_jsonld(client):
    article = quoted_dispatch(summary="Un résumé.")
    text = client.get(article.get_absolute_url()).text
    assert '<meta property="og:type" content="article">' in text
    assert f'<meta property="og:title" content="{article.headline}">' in text
    assert f'href="/feeds/sections/{article.section.slug}.rss"' in text
    assert f'href="/dispatches/{article.slug}.jsonld"' in text
    assert 'rel="alternate" type="application/rss+xml"' in text
    [data] = jsonld_blocks(text)
    assert data["@type"] == "NewsArticle" and data["headline"] == article.headline
    assert data["articleSection"] == article.section.name
    assert {m["name"] for m in data["mentions"]} == {
        "Hélène Varenne",
        "Paul Ostrander",
        "Lise Marnier",
    }


def test_dispatch_jsonld_cannot_close_its_script(client):
    article = make_article(headline="</script><script>alert(1)</script> & co")
    text = client.get(article.get_absolute_url()).text
    assert "</script><script>alert" not in text
    assert "\\u003c/script\\u003e" in text
    [data] = jsonld_blocks(text)
    assert data["headline"] == article.headline


def test_dispatch_jsonld_endpoint_parses(client):
    article = quoted_dispatch()
    response = client.get(f"/dispatches/{article.slug}.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    assert json.loads(response.content)["@type"] == "NewsArticle"


def test_dispatch_page_for_htmx_is_still_the_whole_page(client):
    article = make_article()
    assert "<html" in client.get(article.get_absolute_url(), headers=HTMX).text


def test_withdrawn_dispatch_is_not_found(client):
    article = make_article(status=Article.Status.WITHDRAWN)
    assert client.get(article.get_absolute_url()).status_code == 404


# --- A speaker ----------------------------------------------------------------------------------


def speaker_with_history():
    """Hélène Varenne quoted in three dispatches alongside Paul Ostrander, and mentioned in a
    fourth where she is not quoted."""
    articles = [quoted_dispatch() for _ in range(3)]
    person = _person("Hélène Varenne")
    person.role = "ministre de l'Eau"
    person.description = "Ministre fictive de Valmérie."
    person.wikidata_qid = "Q42"
    person.save()
    person.aliases.create(name="Mme Varenne")
    mentioned = make_article(headline="Elle est citée ailleurs sans parler")
    mentioned.people.add(person)
    return person, articles


def test_speaker_page_shows_identity_timeline_and_context(client, django_assert_num_queries):
    person, articles = speaker_with_history()
    # The person (public check as a subquery); aliases; the tags for the filter form; one page
    # of quotes with their dispatches (each quotation once, its count a subquery); the person's
    # confirmed roles; dispatches quoted in; mentioned in; quoted alongside.
    with django_assert_num_queries(8):
        response = client.get(person.get_absolute_url())
    text = response.text
    assert "ministre de l&#x27;Eau" in text and "Ministre fictive de Valmérie." in text
    assert "Mme Varenne" in text
    assert 'href="https://www.wikidata.org/wiki/Q42"' in text
    assert text.count('class="quotation"') == 3
    quote_ids = [q.pk for q in Quote.objects.filter(speaker=person).order_by("-id")]
    positions = [text.index(f'#q{pk}"') for pk in quote_ids]
    assert positions == sorted(positions)  # newest first
    assert "Elle est citée ailleurs sans parler" in text
    assert 'href="/people/paul-ostrander/"' in text and "(3 " in text
    assert f'href="/?speaker={person.slug}"' in text
    assert "HX-Request" in response["Vary"]


def test_speaker_fragment_is_the_timeline_only(client, django_assert_num_queries):
    person, _ = speaker_with_history()
    # The person; one page of quotes; its confirmed roles (the aliases are the header's only).
    with django_assert_num_queries(3):
        response = client.get(person.get_absolute_url(), headers=HTMX)
    text = response.text
    assert "<html" not in text and text.strip().startswith('<div id="results"')
    assert text.count('class="quotation"') == 3
    assert "Elle est citée ailleurs" not in text


def test_speaker_page_names_them_in_reported_speech_without_a_query_each(
    client, django_assert_num_queries
):
    person, _ = speaker_with_history()
    for _ in range(3):
        make_quote(make_article(), speaker=person, kind=Quote.Kind.INDIRECT)
    # As many as with quotations only (above): every quotation of the timeline is theirs, so
    # "Selon Hélène Varenne, …" does not fetch its speaker again for each reported statement.
    with django_assert_num_queries(8):
        response = client.get(person.get_absolute_url())
    assert response.text.count("Selon Hélène Varenne, ") == 3


def test_speaker_timeline_pages_and_loads_more(client):
    person = make_person("Hélène Varenne")
    for _ in range(PAGE_SIZE + 2):
        make_quote(make_article(), speaker=person)
    first = client.get(person.get_absolute_url()).text
    assert first.count('class="quotation"') == PAGE_SIZE
    assert f'href="{person.get_absolute_url()}?page=2"' in first
    more = client.get(f"{person.get_absolute_url()}?page=2", headers=more_headers("quote-items"))
    assert more.text.count('class="quotation"') == 2 and 'hx-swap-oob="true"' in more.text


def test_speaker_timeline_filters_by_tag_and_date(client):
    person = make_person("Hélène Varenne")
    tag = make_tag("eau")
    tagged = make_article(headline="Avec étiquette", published_at=timezone.now())
    tagged.tags.add(tag)
    make_quote(tagged, speaker=person)
    old = make_article(headline="Ancienne", published_at=timezone.now() - timedelta(days=40))
    make_quote(old, speaker=person)
    by_tag = client.get(f"{person.get_absolute_url()}?tag=eau", headers=HTMX).text
    assert "Avec étiquette" in by_tag and "Ancienne" not in by_tag
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    by_date = client.get(f"{person.get_absolute_url()}?date_from={since}", headers=HTMX).text
    assert "Avec étiquette" in by_date and "Ancienne" not in by_date


def test_speaker_jsonld_is_a_person_with_quotations(client):
    person, _ = speaker_with_history()
    [data] = jsonld_blocks(client.get(person.get_absolute_url()).text)
    entity, *quotations = data["@graph"]
    assert entity["@type"] == "Person" and entity["sameAs"] == ["https://www.wikidata.org/wiki/Q42"]
    assert entity["alternateName"] == ["Mme Varenne"]
    assert len(quotations) == 3 and {q["@type"] for q in quotations} == {"Quotation"}
    assert all(q["creator"]["@id"] == entity["@id"] for q in quotations)
    response = client.get(f"/people/{person.slug}.jsonld")
    assert json.loads(response.content)["@graph"][0]["name"] == "Hélène Varenne"


def test_a_role_a_reviewer_tied_to_a_speaker_is_never_shown_as_another_name(client):
    person, _ = speaker_with_history()
    for role in ("la ministre", "La ministre de l'Eau", "l'ancienne élue de Valmont"):
        person.aliases.create(name=role)  # the review desk's "add the mention as an alias"
    text = client.get(person.get_absolute_url()).text
    assert "Mme Varenne" in text
    assert "la ministre" not in text.lower().replace("la ministre fictive", "")
    assert "ancienne élue" not in text
    [data] = jsonld_blocks(text)
    assert data["@graph"][0]["alternateName"] == ["Mme Varenne"]
    response = client.get(f"/people/{person.slug}.jsonld")
    assert json.loads(response.content)["@graph"][0]["alternateName"] == ["Mme Varenne"]


@pytest.mark.parametrize(
    ("alias", "names"),
    [
        ("Poutine", True),
        ("M. Poutine", True),
        ("Le Parisien", True),
        ("L'Express", True),
        ("la ministre", False),
        ("La ministre de l'Eau", False),
        ("l'ancien maire de Valmont", False),
        ("his spokesman", False),
        ("porte-parole du gouvernement", False),
    ],
)
def test_an_alias_names_someone_or_describes_them(alias, names):
    assert PersonAlias(name=alias).is_name is names


def test_organisation_is_public_once_quoted(client):
    org = make_person("Syndicat des pêcheurs", kind="organization")
    make_quote(make_article(), speaker=org)
    response = client.get(org.get_absolute_url())
    assert response.status_code == 200
    [data] = jsonld_blocks(response.text)
    assert data["@graph"][0]["@type"] == "Organization"


def test_suggested_quotes_are_hidden_unless_the_setting_shows_them(client, settings):
    person = make_person("Hélène Varenne")
    make_quote(make_article(), speaker=person, status=Quote.Status.SUGGESTED)
    assert client.get(person.get_absolute_url()).status_code == 404
    settings.NEWSROOM_SHOW_SUGGESTED_QUOTES = True
    text = client.get(person.get_absolute_url()).text
    assert 'class="badge"' in text  # clearly marked as unreviewed


# --- People index and quotation search ------------------------------------------------------------


def test_people_index_lists_public_speakers_a_to_z(client, django_assert_num_queries):
    for name in ("Zoé Arnaud", "Élise Bernard", "Anne Colin"):
        make_quote(make_article(), speaker=make_person(name))
    make_person("Jamais Citée")
    # One page of people (the public check is a subquery) and the initials that hold someone:
    # no form field needs the database.
    with django_assert_num_queries(2):
        text = client.get("/people/").text
    assert "Jamais Citée" not in text
    # Filed by surname: Arnaud, Bernard, Colin.
    assert text.index("Zoé Arnaud") < text.index("Élise Bernard") < text.index("Anne Colin")
    by_letter = client.get("/people/?letter=b").text
    assert "Élise Bernard" in by_letter and "Anne Colin" not in by_letter


def test_people_index_files_persons_by_surname_and_organisations_by_name(client):
    make_quote(make_article(), speaker=make_person("Odile Ferrandou"))
    make_quote(make_article(), speaker=make_person("FC Sorvane", kind="organization"))
    make_quote(make_article(), speaker=make_person("Ingrid Valcourt-Semper"))
    under_f = client.get("/people/?letter=f").text
    assert "Odile Ferrandou" in under_f and "FC Sorvane" in under_f
    assert "Valcourt-Semper" in client.get("/people/?letter=v").text
    assert "Odile Ferrandou" not in client.get("/people/?letter=o").text


def test_people_index_shows_only_letters_that_hold_someone(client):
    make_quote(make_article(), speaker=make_person("Odile Ferrandou"))
    text = client.get("/people/").text
    assert "?letter=f" in text and "?letter=o" not in text and "?letter=z" not in text


def test_people_index_search_and_fragment(client, django_assert_num_queries):
    for name in ("Zoé Arnaud", "Élise Bernard", "Anne Colin"):
        make_quote(make_article(), speaker=make_person(name))
    _person("Anne Colin").aliases.create(name="la maire de Castelmont")
    with django_assert_num_queries(1):
        response = client.get("/people/?q=castelmont", headers=HTMX)
    assert "<html" not in response.text and "Anne Colin" in response.text
    assert "Zoé Arnaud" not in response.text


def test_quote_search_finds_who_said_it(client, django_assert_num_queries):
    for _ in range(3):
        quoted_dispatch()
    # One page of quotations with their speakers and dispatches.
    with django_assert_num_queries(1):
        response = client.get("/quotes/?q=berge")
    text = response.text
    assert text.count('class="quotation"') == 3
    assert 'href="/people/helene-varenne/"' in text and "Paul Ostrander" not in text
    assert "<time" in text


def test_quote_search_fragment_and_load_more(client, django_assert_num_queries):
    person = make_person("Hélène Varenne")
    for _ in range(PAGE_SIZE + 3):
        make_quote(make_article(), speaker=person)
    with django_assert_num_queries(1):
        fragment = client.get("/quotes/?q=berge", headers=HTMX)
    assert "<html" not in fragment.text and fragment.text.count('class="quotation"') == PAGE_SIZE
    more = client.get("/quotes/?q=berge&page=2", headers=more_headers("quote-items"))
    assert more.text.count('class="quotation"') == 3 and 'id="results"' not in more.text
    assert "HX-Request" in more["Vary"]


@pytest.mark.parametrize("where", ["home", "dispatch", "people", "quotes", "speaker"])
def test_every_page_has_landmarks_and_a_skip_link(client, where):
    article = quoted_dispatch()
    url = {
        "home": "/",
        "dispatch": article.get_absolute_url(),
        "people": "/people/",
        "quotes": "/quotes/",
        "speaker": _person("Hélène Varenne").get_absolute_url(),
    }[where]
    text = client.get(url).text
    assert 'href="#main"' in text and '<main id="main"' in text, url
    assert "<header" in text and "<footer" in text and 'role="search"' in text, url
    assert 'aria-live="polite"' in text, url


# --- Basics (formerly test_views.py) ----------------------------------------------------------


def test_dispatch_page_links_each_public_quote_to_its_speaker(client, django_assert_num_queries):
    article = make_article()
    person = make_person("Hélène Varenne")
    quote = make_quote(article, speaker=person)
    # The dispatch with its section, its tags, its public quotes with their speakers, and the
    # related dispatches.
    with django_assert_num_queries(4):
        response = client.get(article.get_absolute_url())
    assert (
        f'<a class="quote" id="q{quote.pk}" href="/people/helene-varenne/">'
        "Nous protégerons chaque berge</a>"
    ) in response.text
    # Who speaks is visible without hovering (touch screens have no tooltip).
    assert '<a href="/people/helene-varenne/">Hélène Varenne</a></span></span></p>' in response.text


def test_dispatch_page_escapes_wire_text(client):
    body = "Le slogan <script>alert(1)</script> circule.\n\n« <b>Osez</b> », a lancé Mme Varenne."
    article = make_article(headline="<img src=x onerror=alert(1)>", body=body)
    make_quote(article, "<b>Osez</b>", speaker=make_person("<i>Varenne</i>"))
    text = client.get(article.get_absolute_url()).text
    assert "<script>alert" not in text and "<b>Osez" not in text and "<img src=x" not in text
    assert "&lt;script&gt;" in text and "&lt;b&gt;Osez&lt;/b&gt;" in text


def test_draft_dispatch_answers_404_in_site_style(client):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Newsroom" in response.text


def test_suggested_quotes_are_not_shown(client):
    article = make_article()
    make_quote(article, status=Quote.Status.SUGGESTED, speaker=make_person("Hélène Varenne"))
    assert 'class="quote"' not in client.get(article.get_absolute_url()).text


def test_speaker_without_public_quote_is_not_public(client):
    assert client.get(make_person("Personne Discrète").get_absolute_url()).status_code == 404


def test_login_page_for_staff(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_post_to_a_public_page_is_refused(client):
    assert client.post("/").status_code == 405


def test_related_dispatches_come_from_every_tag_of_the_dispatch(client):
    first, second = make_tag("crues"), make_tag("barrages")
    article = make_article(headline="Dépêche aux deux étiquettes")
    article.tags.add(first, second)
    only_second = make_article(headline="Seulement la seconde étiquette")
    only_second.tags.add(second)
    for n in range(3):
        make_article(headline=f"Autre crue {n}").tags.add(first)
    text = client.get(article.get_absolute_url()).text
    assert "Seulement la seconde étiquette" in text


def test_a_speaker_page_lists_the_dispatches_that_mention_them(client):
    person = make_person("Irène Vasseur")
    quoted = make_article(headline="Dépêche où elle parle")
    make_quote(quoted, speaker=person)
    mentioning = make_article(headline="Dépêche qui la cite seulement")
    mentioning.people.add(person)
    text = client.get(person.get_absolute_url()).text
    assert "Dépêche qui la cite seulement" in text


@pytest.mark.parametrize("slug", ["crue-de-la-varenne", "Mixed_Case-2"])
def test_dispatch_and_person_urls_are_what_reverse_gives(slug):
    article = Article(slug=slug)
    person = Person(slug=slug)
    assert article.get_absolute_url() == reverse("articles:article-detail", kwargs={"slug": slug})
    assert person.get_absolute_url() == reverse("articles:person-detail", kwargs={"slug": slug})


def test_urls_follow_the_script_prefix():
    from django.urls import set_script_prefix

    set_script_prefix("/newsroom/")
    try:
        assert Article(slug="crue").get_absolute_url() == "/newsroom/dispatches/crue/"
    finally:
        set_script_prefix("/")


def test_home_section_choices_are_read_without_a_server_side_cursor(client):
    # `.iterator()` (Django's choice iterator) is a cursor WITH HOLD on PostgreSQL: three round
    # trips for a few sections (articles.filters.ReadOnceChoiceIterator).
    make_article(section=make_section("Monde"))
    with mock.patch.object(connection, "chunked_cursor", side_effect=AssertionError):
        text = client.get("/").text
    assert '<option value="monde">Monde</option>' in text
