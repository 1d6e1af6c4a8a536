"""ninjs 2.2 export: the public JSON view, `export_ninjs`, the schema, and the round trip."""

import io
import json
from datetime import timedelta

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.ingest import read_dispatch
from articles.models import Article
from articles.services import import_dispatch
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def validate(shared_dir):
    schema = json.loads((shared_dir / "standards" / "ninjs" / "ninjs-schema_2.2.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return validator.validate


def export_lines(*args) -> list[str]:
    out = io.StringIO()
    call_command("export_ninjs", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def full_article():
    """A published dispatch with every exported field, tags, and a quoted speaker."""
    article = make_article(
        section=make_section("Environnement"),
        dateline="Castelmont",
        byline="Service régions",
        urgency=3,
        version="4",
        guid="urn:test:varenne",
    )
    article.tags.add(make_tag("Rivières"))
    speaker = make_person("Hélène Varenne", wikidata_qid="Q123456")
    make_quote(article, speaker=speaker)
    return article


def test_published_dispatch_is_served_as_json(client, full_article):
    response = client.get(f"/dispatches/{full_article.slug}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["uri"] == "urn:test:varenne"


def test_served_json_validates_against_the_schema(client, full_article, validate):
    validate(json.loads(client.get(f"/dispatches/{full_article.slug}.json").content))


def test_draft_dispatch_is_not_found(client):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    assert client.get(f"/dispatches/{article.slug}.json").status_code == 404


def test_embargoed_dispatch_is_not_found(client):
    article = make_article(embargo_until=timezone.now() + timedelta(hours=2))
    assert client.get(f"/dispatches/{article.slug}.json").status_code == 404


def test_export_holds_only_the_listed_fields(full_article):
    (line,) = export_lines("urn:test:varenne")
    assert set(json.loads(line)) == {
        "uri",
        "version",
        "versioncreated",
        "language",
        "headlines",
        "bodies",
        "subjects",
        "located",
        "by",
        "urgency",
        "people",
    }


def test_quoted_speaker_is_a_person_with_rel_quoted_and_wikidata_uri(full_article):
    (line,) = export_lines("urn:test:varenne")
    assert json.loads(line)["people"] == [
        {"name": "Hélène Varenne", "rel": "quoted", "uri": "http://www.wikidata.org/entity/Q123456"}
    ]


def test_rejected_quote_speaker_is_not_exported(full_article):
    full_article.quotes.update(status="rejected")
    (line,) = export_lines("urn:test:varenne")
    assert "people" not in json.loads(line)


def test_version_is_a_string(full_article):
    (line,) = export_lines("urn:test:varenne")
    assert json.loads(line)["version"] == "4"


def test_html_characters_are_escaped(client, validate):
    article = make_article(headline="<script>alert('x')</script> & co")
    raw = client.get(f"/dispatches/{article.slug}.json").content.decode()
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003cscript\\u003e" in raw
    assert json.loads(raw)["headlines"][0]["value"] == "<script>alert('x')</script> & co"


def test_export_all_prints_one_object_per_published_dispatch(validate):
    for _ in range(3):
        make_article()
    make_article(status=Article.Status.DRAFT, published_at=None)
    lines = export_lines("--all")
    assert len(lines) == 3
    for line in lines:
        validate(json.loads(line))


def test_export_of_an_unpublished_guid_fails():
    make_article(guid="urn:test:draft", status=Article.Status.DRAFT, published_at=None)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("export_ninjs", "urn:test:draft", stdout=io.StringIO(), stderr=err)
    assert "urn:test:draft" in err.getvalue()


def test_export_needs_all_or_guids():
    with pytest.raises(CommandError, match="--all"):
        call_command("export_ninjs", stdout=io.StringIO())


def publish(article: Article) -> None:
    article.status = Article.Status.PUBLISHED
    article.save()


def test_every_import_exports_valid_ninjs(shared_dir, validate):
    paths = [shared_dir / "seeds" / "000_95765011fa2cb2aa.txt"]
    paths += sorted((shared_dir / "standards" / "ninjs" / "examples").glob("*.json"))
    for path in paths:
        import_dispatch(data=read_dispatch(path.read_bytes()), status="published")
    lines = export_lines("--all")
    assert len(lines) == 3
    for line in lines:
        validate(json.loads(line))


def test_seed_export_then_import_is_unchanged(shared_dir):
    seed = (shared_dir / "seeds" / "000_95765011fa2cb2aa.txt").read_bytes()
    article = import_dispatch(data=read_dispatch(seed)).article
    publish(article)
    (line,) = export_lines(article.guid)
    result = import_dispatch(data=read_dispatch(line.encode()))
    assert (result.outcome, result.article.pk) == ("unchanged", article.pk)
    assert Article.objects.count() == 1


def test_complex_example_export_then_import_is_unchanged(shared_dir):
    example = shared_dir / "standards" / "ninjs" / "examples" / "005_complex_text_article.json"
    article = import_dispatch(data=read_dispatch(example.read_bytes()), status="published").article
    (line,) = export_lines(article.guid)
    assert import_dispatch(data=read_dispatch(line.encode())).outcome == "unchanged"


def test_hand_written_article_export_then_import_is_unchanged(full_article):
    full_article.people.add(make_person("Jean Dufour"))
    (line,) = export_lines(full_article.guid)
    result = import_dispatch(data=read_dispatch(line.encode()), status="published")
    assert (result.outcome, Article.objects.count()) == ("unchanged", 1)


def test_json_view_queries_do_not_grow_with_related_rows(client, django_assert_num_queries):
    article = make_article()
    for n in range(3):
        article.tags.add(make_tag(f"Sujet {n}"))
        article.people.add(make_person(f"Personne Fictive {n}"))
    body_quotes = [
        "Nous protégerons chaque berge",
        "Selon le syndicat",
        "le texte reste trop timide",
    ]
    for n, text in enumerate(body_quotes):
        make_quote(article, text=text, speaker=make_person(f"Orateur {n}"))
    # 4 queries: the article with its section, its tags, its people, its public quotes + speakers.
    with django_assert_num_queries(4):
        response = client.get(f"/dispatches/{article.slug}.json")
    assert len(response.json()["people"]) == 6
