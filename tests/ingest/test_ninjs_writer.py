"""write_ninjs / dumps_ninjs: plain data to ninjs 2.2, and back through the reader."""

import datetime as dt
import json

import jsonschema
import pytest

from articles.ingest import DispatchData, PersonHint, read_dispatch
from articles.ingest.ninjs import dumps_ninjs, write_ninjs

from .helpers import NINJS, PROSE_FR, needs_shared

DATA = DispatchData(
    guid="urn:test:1",
    version="2",
    headline="Titre <b>gras</b> & co",
    body=f"{PROSE_FR}\n\n{PROSE_FR}",
    language="fr",
    section="Économie",
    tags=["Agriculture"],
    people=[PersonHint("Jean Dufour", "mentioned")],
    dateline="Castelmont",
    byline="Service économie",
    urgency=3,
    version_created=dt.datetime(2024, 5, 1, 12, 30, 15, 123456, tzinfo=dt.UTC),
)


@needs_shared
def test_written_item_validates_against_the_2_2_schema():
    schema = json.loads((NINJS / "ninjs-schema_2.2.json").read_text())
    item = write_ninjs(
        DATA, quoted=[PersonHint("Hélène Varenne", uri="http://www.wikidata.org/entity/Q1")]
    )
    jsonschema.Draft202012Validator(schema).validate(item)


def test_quoted_speakers_have_rel_quoted():
    item = write_ninjs(DATA, quoted=[PersonHint("Hélène Varenne")])
    assert item["people"][-1] == {"name": "Hélène Varenne", "rel": "quoted"}


def test_datetime_is_utc_with_z_and_microseconds():
    assert write_ninjs(DATA)["versioncreated"] == "2024-05-01T12:30:15.123456Z"


def test_dumps_escapes_html_characters_on_one_line():
    text = dumps_ninjs(write_ninjs(DATA))
    assert "\n" not in text and "<" not in text and "&" not in text
    assert "\\u003cb\\u003e" in text and "\\u0026" in text


@pytest.mark.parametrize(
    "field",
    [
        "guid",
        "version",
        "headline",
        "body",
        "language",
        "section",
        "tags",
        "dateline",
        "byline",
        "urgency",
    ],
)
def test_written_item_reads_back_the_same(field):
    back = read_dispatch(dumps_ninjs(write_ninjs(DATA)).encode())
    assert getattr(back, field) == getattr(DATA, field)


def test_written_item_reads_back_the_same_time():
    back = read_dispatch(dumps_ninjs(write_ninjs(DATA)).encode())
    assert back.version_created == DATA.version_created
