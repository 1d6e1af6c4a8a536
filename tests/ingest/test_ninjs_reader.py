"""IPTC ninjs 1.x, 2.x and 3.x."""

import datetime as dt
import json

import pytest

from articles.ingest import IngestError, PersonHint, read_dispatch

from .helpers import NINJS, PROSE_EN, PROSE_FR, needs_shared


def ninjs(**fields) -> bytes:
    item = {"uri": "urn:test:1", "bodies": [{"role": "main", "value": PROSE_FR}]} | fields
    return json.dumps({k: v for k, v in item.items() if v is not None}).encode()


@needs_shared
@pytest.mark.parametrize(
    "name",
    ["001_simple_example.json", "004_simple_text_article.json", "005_complex_text_article.json"],
)
def test_official_examples_read(name):
    data = read_dispatch((NINJS / "examples" / name).read_bytes(), filename=name)
    assert data.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert data.body.startswith("GROSSETO, Italy (AP) -- The trial")
    assert (data.language, data.format, data.headline_derived) == ("en", "ninjs", False)


@needs_shared
def test_complex_example_metadata():
    data = read_dispatch((NINJS / "examples" / "005_complex_text_article.json").read_bytes())
    assert data.guid == "http://ninjs.example.com/newsitems/20130709med123"
    assert data.dateline == "Grossetto, Italy"
    assert data.byline == "Paulo Santalucia and Frances d'Emilio"
    assert data.version_created == dt.datetime(2013, 7, 9, 10, 37, tzinfo=dt.UTC)
    assert data.people == [
        PersonHint("Francesco Schettino", "about", "http://www.wikidata.org/entity/Q4421821")
    ]


def test_ninjs_2_fields_are_mapped():
    data = read_dispatch(
        ninjs(
            version=2,
            language="fr",
            subjects=[{"name": "Agriculture"}, {"name": "Climat"}, {"name": "Agriculture"}],
            urgency=2,
            embargoed="2030-01-01T08:00:00+01:00",
            pubstatus="withheld",
            headlines=[{"role": "sub", "value": "Sous-titre"}, {"role": "main", "value": "Titre"}],
        )
    )
    assert (data.version, data.headline, data.urgency, data.status) == (
        "2",
        "Titre",
        2,
        "withdrawn",
    )
    assert data.tags == ["Agriculture", "Climat"]
    assert data.embargo_until == dt.datetime(2030, 1, 1, 7, tzinfo=dt.UTC)


def test_ninjs_3_camel_case_fields_are_mapped():
    item = {
        "uri": "urn:test:3",
        "versionCreated": "2024-05-01T12:00:00Z",
        "embargoedUntil": "2024-05-02T00:00:00Z",
        "pubStatus": "usable",
        "bodies": [{"role": "main", "contentType": "text/html", "value": f"<p>{PROSE_FR}</p>"}],
    }
    data = read_dispatch(json.dumps(item).encode())
    assert data.version_created == dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    assert data.embargo_until == dt.datetime(2024, 5, 2, tzinfo=dt.UTC)
    assert (data.status, data.body) == ("published", PROSE_FR)


def test_ninjs_1_body_text_is_read():
    item = {"uri": "urn:test:1", "headline": "Titre", "body_text": PROSE_FR}
    assert read_dispatch(json.dumps(item).encode()).body == PROSE_FR


def test_plain_body_is_preferred_to_html():
    bodies = [
        {"role": "richtext", "contenttype": "text/html", "value": f"<p>{PROSE_EN}</p>"},
        {"role": "main", "contenttype": "text/plain", "value": PROSE_FR},
    ]
    assert read_dispatch(ninjs(bodies=bodies)).body == PROSE_FR


def test_html_body_becomes_plain_text_without_markup():
    html = (
        f"<p>{PROSE_FR} <b>Gras</b> &amp; <a href='x' onclick='evil()'>lien</a>.</p>"
        "<script>alert('x')</script><style>p{}</style><p>Second<br>paragraphe.</p>"
        "<img src=x onerror=alert(1)><!-- commentaire -->"
    )
    data = read_dispatch(ninjs(bodies=[{"contenttype": "text/html", "value": html}]))
    assert data.body == f"{PROSE_FR} Gras & lien.\n\nSecond\nparagraphe."
    assert "<" not in data.body and "alert" not in data.body


def test_longest_description_is_the_body_when_there_is_none():
    item = {
        "uri": "urn:test:d",
        "descriptions": [{"role": "summary", "value": "Court."}, {"value": PROSE_FR}],
    }
    data = read_dispatch(json.dumps(item).encode())
    assert (data.body, data.summary, data.headline_derived) == (PROSE_FR, None, True)


def test_description_is_the_summary_beside_a_body():
    data = read_dispatch(ninjs(descriptions=[{"role": "summary", "value": "Le résumé court."}]))
    assert data.summary == "Le résumé court."


def test_item_without_body_or_description_is_refused():
    with pytest.raises(IngestError, match="no body and no description"):
        read_dispatch(ninjs(bodies=None, headlines=[{"value": "Titre seul"}]), filename="a.json")


def test_item_without_uri_is_refused():
    with pytest.raises(IngestError, match="no 'uri'"):
        read_dispatch(ninjs(uri=None))


def test_truncated_json_is_refused_with_its_line():
    data = ninjs(headlines=[{"value": "Titre"}]).replace(b", ", b",\n")[:-20]
    with pytest.raises(IngestError, match="not valid JSON") as error:
        read_dispatch(data, filename="cut.json")
    assert error.value.line is not None and error.value.line > 1
    assert str(error.value).startswith(f"cut.json:{error.value.line}: not valid JSON")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"uri": 42}, "'uri' must be a string"),
        ({"headlines": "Titre"}, "'headlines' must be an array"),
        ({"headlines": ["Titre"]}, "entries must be objects"),
        ({"bodies": [{"value": 12}]}, "must be a string"),
        ({"versioncreated": "hier"}, "not an ISO 8601"),
        ({"urgency": "haute"}, "'urgency' must be a whole number"),
        ({"urgency": True}, "'urgency' must be a whole number"),
        ({"version": [1]}, "'version' must be a string"),
        ({"pubstatus": "live"}, "'pubstatus'"),
        ({"people": [{"name": ["X"]}]}, "'people\\[\\].name' must be a string"),
        ({"language": "fr FR!"}, "BCP 47"),
    ],
)
def test_wrong_types_are_refused(fields, message):
    with pytest.raises(IngestError, match=message):
        read_dispatch(ninjs(**fields))


def test_json_array_is_refused():
    with pytest.raises(IngestError, match="JSON object, not an array"):
        read_dispatch(b"[1, 2, 3]", format="ninjs")


def test_nan_is_refused():
    with pytest.raises(IngestError, match="NaN"):
        read_dispatch(b'{"uri": "x", "urgency": NaN}')


def test_deeply_nested_json_is_refused():
    with pytest.raises(IngestError, match="JSON"):
        read_dispatch(b'{"uri": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def test_escaped_nul_in_body_is_refused():
    with pytest.raises(IngestError, match="U\\+0000"):
        read_dispatch(ninjs(bodies=[{"value": PROSE_FR + "\u0000"}]))


def test_raw_control_characters_in_json_are_refused_with_their_line():
    with pytest.raises(IngestError, match="U\\+0007") as error:
        read_dispatch(b'{\n"uri": "x",\n"headline": "a\x07\x07\x07\x07\x07"}')
    assert error.value.line == 3


def test_body_of_random_letters_without_spaces_is_refused():
    with pytest.raises(IngestError, match="not prose"):
        read_dispatch(ninjs(bodies=[{"value": "x" * 5000}]))


def test_ten_megabyte_body_is_refused():
    data = ninjs(bodies=[{"value": (PROSE_FR + " ") * (10_000_000 // len(PROSE_FR))}])
    with pytest.raises(IngestError, match="over the"):
        read_dispatch(data, filename="huge.json")


def test_three_megabyte_body_is_refused_by_the_text_limit():
    data = ninjs(bodies=[{"value": (PROSE_FR + " ") * (3_000_000 // len(PROSE_FR))}])
    with pytest.raises(IngestError, match="over the limit"):
        read_dispatch(data)


def test_empty_file_is_refused_as_ninjs():
    with pytest.raises(IngestError, match="empty file"):
        read_dispatch(b"", format="ninjs")


def test_binary_data_is_refused_as_ninjs():
    with pytest.raises(IngestError, match="control character|not valid JSON"):
        read_dispatch(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), format="ninjs")


def test_section_subject_becomes_the_section_not_a_tag():
    data = read_dispatch(ninjs(subjects=[{"name": "Monde", "rel": "section"}, {"name": "Climat"}]))
    assert (data.section, data.tags) == ("Monde", ["Climat"])


def test_ninjs_3_urgency_and_people_are_read():
    people = [
        {"name": "Hélène Varenne", "rel": "quoted", "uri": "http://www.wikidata.org/entity/Q1"}
    ]
    data = read_dispatch(ninjs(urgency=4, people=people))
    assert data.urgency == 4
    assert data.people == [
        PersonHint("Hélène Varenne", "quoted", "http://www.wikidata.org/entity/Q1")
    ]


def test_html_headline_is_converted_to_text():
    headlines = [{"contenttype": "text/html", "value": "<b>Titre</b> &amp; suite"}]
    assert read_dispatch(ninjs(headlines=headlines)).headline == "Titre & suite"


def test_infinite_urgency_is_refused():
    data = ninjs().replace(b'"uri"', b'"urgency": 1e400, "uri"')
    with pytest.raises(IngestError, match="'urgency' must be a whole number"):
        read_dispatch(data)


def test_a_stray_control_escaped_in_a_ninjs_body_is_removed_and_noted():
    dispatch = read_dispatch(ninjs(bodies=[{"value": PROSE_FR + "\u0083"}]))
    assert "\u0083" not in dispatch.body
    assert dispatch.notes == ["body: removed 1 stray control character(s) (U+0083)"]
