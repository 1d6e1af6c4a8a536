"""The entry point: format detection, errors, options."""

import json

import pytest

from articles.ingest import IngestError, detect_format, read_dispatch

from .helpers import NEWSML, PROSE_FR


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b'\xef\xbb\xbf {"uri": 1}', None, "ninjs"),
        (b"\n<newsItem/>", None, "newsml"),
        (b"date 2016-09 International", "x.json", "text"),
        (b"garbage", "x.json", "ninjs"),
        (b"garbage", "x.XML", "newsml"),
        (b"Texte", None, "text"),
    ],
)
def test_format_is_detected_from_content_then_extension(data, filename, expected):
    assert detect_format(data, filename) == expected


def test_unknown_format_is_refused():
    with pytest.raises(IngestError, match="unknown format"):
        read_dispatch(PROSE_FR.encode(), format="nitf")


def test_explicit_format_wins_over_detection():
    item = json.dumps({"uri": "x", "body_text": PROSE_FR})
    with pytest.raises(IngestError, match="not well-formed XML"):
        read_dispatch(item.encode(), format="newsml")


def test_error_is_a_value_error_with_path_line_and_reason():
    with pytest.raises(ValueError, match="not valid JSON") as error:
        read_dispatch(b'{"uri": "x",\n', filename="dir/a.json")
    assert (error.value.filename, error.value.line) == ("dir/a.json", 2)
    assert str(error.value) == f"dir/a.json:2: {error.value.reason}"


def test_error_without_line_names_the_file():
    with pytest.raises(IngestError) as error:
        read_dispatch(b"", filename="a.txt")
    assert str(error.value) == "a.txt: empty file"


def test_given_language_overrides_the_dispatch():
    item = json.dumps({"uri": "x", "language": "en", "body_text": PROSE_FR})
    assert read_dispatch(item.encode(), language="FR").language == "fr"


def test_newsml_language_is_normalised():
    assert read_dispatch(NEWSML.replace('tag="fr"', 'tag="FR-ca"').encode()).language == "fr-CA"
