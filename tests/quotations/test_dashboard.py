import csv
import io
from datetime import date

import pytest

from articles.desk.figures import Scope, sourcing_figures
from articles.models import Person, Quote
from tests.factories import make_article, make_person, make_section, make_tag, make_user
from tests.quotations.helpers import dated_article

pytestmark = pytest.mark.django_db

BODY = "« Un » dit A. « Deux » dit B. « Trois » dit C. « Quatre » dit D. Selon E, cinq et six."


def quote(article, text, speaker=None, **fields):
    start = article.body.index(text)
    values = {"status": "confirmed", "speaker_type": speaker.kind if speaker else "anonymous"}
    values.update(fields)
    return Quote.objects.create(
        article=article, text=text, start=start, end=start + len(text), speaker=speaker, **values
    )


@pytest.fixture
def fixture():
    """A hand-counted month of October and one of November (see each test's comments)."""
    woman = make_person("Odile Ferrandou", gender=Person.Gender.WOMAN)
    man = make_person("Karim Lestrade", gender=Person.Gender.MAN)
    unknown = make_person("Jarl Vennemark")
    union = make_person("Union syndicale", kind=Person.Kind.ORGANIZATION)
    politics, sport = make_section("Politique"), make_section("Sport")
    tag = make_tag("rivières")
    october = dated_article(date(2026, 10, 5), BODY, section=politics)
    october.tags.add(tag)
    quote(october, "Un", woman)
    quote(october, "Deux", woman, kind="partial")
    quote(october, "Trois", man)
    quote(october, "Quatre")  # unnamed source
    quote(october, "cinq et six", union, kind="indirect")
    november = dated_article(date(2026, 11, 5), BODY, section=sport, language="en")
    quote(november, "Un", unknown)
    quote(november, "Deux", man, status="corrected")
    quote(november, "Trois", woman, status="suggested")  # unreviewed: not counted
    quote(november, "Quatre", man, status="rejected")  # rejected: not counted
    make_article(status="draft", body=BODY)  # a draft's quotations never count
    return {"woman": woman, "man": man, "politics": politics, "tag": tag}


def test_figures_equal_a_hand_count(fixture):
    figures = sourcing_figures(Scope())
    # October: Un, Deux (woman), Trois (man), Quatre (unnamed), cinq (union); November: Un
    # (unknown), Deux (man, corrected). Trois is still suggested, Quatre rejected.
    assert figures.reviewed == 7
    assert figures.unreviewed == 1
    assert [(r.key, r.people, r.quotations) for r in figures.gender] == [
        ("women", 1, 2),
        ("men", 1, 2),
        ("unknown", 1, 1),
    ]
    assert {r.key: r.quotations for r in figures.type} == {
        "person": 5,
        "organization": 1,
        "group": 0,
        "anonymous": 1,
        "unknown": 0,
    }
    assert {r.key: r.quotations for r in figures.kind} == {"direct": 5, "partial": 1, "indirect": 1}
    assert [(m["speaker__name"], m["quotations"]) for m in figures.most_quoted][:2] == [
        ("Karim Lestrade", 2),
        ("Odile Ferrandou", 2),
    ]
    assert [(m["month"].month, m["total"], m["gender_women"]) for m in figures.months] == [
        (10, 5, 2),
        (11, 2, 0),
    ]


@pytest.mark.parametrize(
    ("scope", "reviewed"),
    [
        ({"date_from": date(2026, 11, 1)}, 2),
        ({"date_to": date(2026, 10, 31)}, 5),
        ({"language": "en"}, 2),
    ],
)
def test_figures_follow_period_and_language(fixture, scope, reviewed):
    assert sourcing_figures(Scope(**scope)).reviewed == reviewed


def test_figures_follow_section_and_tag(fixture):
    assert sourcing_figures(Scope(section=fixture["politics"])).reviewed == 5
    assert sourcing_figures(Scope(tag=fixture["tag"])).reviewed == 5


def test_dashboard_finds_a_tag_by_its_name(editor, fixture):
    page = editor.get("/desk/sources/", {"tag": "Rivières"}).text
    assert "<strong>5</strong>" in page


@pytest.fixture
def editor(client):
    client.force_login(make_user("editrice", group="Editors"))
    return client


def test_dashboard_page_shows_the_hand_count_and_the_unreviewed(
    editor, fixture, django_assert_num_queries, settings
):
    settings.LANGUAGE_CODE = "en"
    # Session and user; the user's permissions (user, then groups); the unreviewed count; one
    # row per month; people by gender; the most quoted; the section choices. The tag is a
    # text field (thousands of tags make too long a list): its query runs only when one is given.
    with django_assert_num_queries(9):
        response = editor.get("/desk/sources/", headers={"Accept-Language": "en"})
    text = response.text
    assert "<strong>7</strong> reviewed quotations" in text
    assert "<strong>1</strong> still unreviewed" in text
    assert text.count("<svg") == 7
    assert text.count('<table class="figures') == 5
    assert "<script" not in text.split("<svg", 1)[1].rsplit("</svg>", 1)[0]


def test_dashboard_csv_holds_the_same_figures(editor, fixture):
    response = editor.get("/desk/sources/figures.csv", {"section": "politique"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    figures = {(r["figure"], r["category"], r["month"]): r for r in rows}
    assert figures[("reviewed", "all", "")]["quotations"] == "5"
    assert figures[("gender", "women", "")]["people"] == "1"
    assert figures[("gender", "women", "")]["quotations"] == "2"
    assert figures[("kind", "indirect", "2026-10")]["quotations"] == "1"
    page = editor.get("/desk/sources/", {"section": "politique"}).text
    assert "<strong>5</strong>" in page


def test_dashboard_needs_its_own_permission(client):
    assert client.get("/desk/sources/").status_code == 302
    client.force_login(make_user("relecteur", group="Reviewers"))
    assert client.get("/desk/sources/").status_code == 403
    assert client.get("/desk/sources/figures.csv").status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-13-45"},
        {"date_from": "2026-12-01", "date_to": "2026-01-01"},
        {"section": "nope\x00"},
        {"tag": "'; DROP TABLE"},
        {"language": "xx"},
    ],
)
def test_dashboard_reports_bad_filters_without_an_error(editor, fixture, params):
    response = editor.get("/desk/sources/", params)
    assert response.status_code == 200
    assert 'class="error"' in response.text


def test_csv_never_starts_a_cell_with_a_formula(editor):
    speaker = make_person("=HYPERLINK(1)")
    article = make_article(body=BODY)
    quote(article, "Un", speaker)
    text = editor.get("/desk/sources/figures.csv").content.decode()
    assert "'=HYPERLINK(1)" in text
