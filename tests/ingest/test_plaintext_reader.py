"""The agency's plain-text wire format."""

import datetime as dt
import os

import pytest

from articles.ingest import MAX_INPUT_BYTES, IngestError, read_dispatch

from .helpers import PROSE_EN, PROSE_FR, SEED, needs_shared


@pytest.fixture(scope="module")
def seed():
    return read_dispatch(SEED.read_bytes(), filename=SEED.name)


@needs_shared
def test_seed_section_comes_from_the_indented_date_header(seed):
    assert seed.section == "International"


@needs_shared
def test_seed_month_date_is_the_first_of_the_month_utc(seed):
    assert seed.first_created == dt.datetime(2016, 9, 1, tzinfo=dt.UTC)


@needs_shared
def test_seed_language_is_detected_as_french(seed):
    assert seed.language == "fr"


@needs_shared
def test_seed_headline_is_derived_from_the_lede(seed):
    assert seed.headline_derived is True
    assert seed.headline.startswith("Le président russe Vladimir Poutine a estimé lundi")
    assert len(seed.headline) <= 110


@needs_shared
def test_seed_has_nine_paragraphs(seed):
    assert len(seed.body.split("\n\n")) == 9


@needs_shared
def test_seed_has_no_guid_and_plain_text_format(seed):
    assert (seed.guid, seed.format, seed.encoding) == (None, "text", "utf-8")


def test_guid_header_is_read():
    data = read_dispatch(f"date 2024-03-05 Sport\nguid afp-123\n\n{PROSE_FR}".encode())
    assert (data.guid, data.section) == ("afp-123", "Sport")
    assert data.first_created == dt.datetime(2024, 3, 5, tzinfo=dt.UTC)


def test_section_of_several_words_is_kept_whole():
    data = read_dispatch(f"date 2024-03 Économie et social\n\n{PROSE_FR}".encode())
    assert data.section == "Économie et social"


def test_text_without_header_has_no_date_and_no_section():
    data = read_dispatch(PROSE_FR.encode())
    assert (data.section, data.first_created, data.body) == (None, None, PROSE_FR)


def test_cp1252_file_is_read_and_its_encoding_reported():
    data = read_dispatch(
        f"date 2024-03 Société\n\n{PROSE_FR} « Oui », a-t-il dit.".encode("cp1252")
    )
    assert data.encoding == "cp1252"
    assert data.section == "Société"


def test_crlf_file_reads_like_lf():
    lf = read_dispatch(f"date 2024-03 Sport\n\n{PROSE_FR}\n\n{PROSE_FR}\n".encode())
    crlf = read_dispatch(f"date 2024-03 Sport\r\n\r\n{PROSE_FR}\r\n\r\n{PROSE_FR}\r\n".encode())
    assert crlf.body == lf.body


def test_given_language_overrides_detection():
    assert read_dispatch(PROSE_EN.encode(), language="en_GB").language == "en-GB"


def test_invalid_header_date_is_refused_with_its_line():
    with pytest.raises(IngestError, match="invalid date") as error:
        read_dispatch(f"\ndate 2016-13 International\n\n{PROSE_FR}".encode(), filename="a.txt")
    assert error.value.line == 2
    assert str(error.value).startswith("a.txt:2: ")


def test_malformed_header_line_is_refused():
    with pytest.raises(IngestError, match="malformed header") as error:
        read_dispatch(f"date 2016/09 International\n\n{PROSE_FR}".encode())
    assert error.value.line == 1


def test_header_without_text_is_refused():
    with pytest.raises(IngestError, match="no text after the header"):
        read_dispatch(b"date 2016-09 International\n\n\n")


def test_empty_file_is_refused():
    with pytest.raises(IngestError, match="empty file"):
        read_dispatch(b"", filename="empty.txt")


def test_blank_file_is_refused():
    with pytest.raises(IngestError, match="empty"):
        read_dispatch(b"\xef\xbb\xbf \r\n\t\n")


def test_nul_byte_is_refused_with_its_line():
    with pytest.raises(IngestError, match="U\\+0000") as error:
        read_dispatch(f"{PROSE_FR}\n\nSuite\0 du texte.".encode(), filename="nul.txt")
    assert error.value.line == 3


def test_random_bytes_are_refused():
    with pytest.raises(IngestError):
        read_dispatch(os.urandom(4096), filename="random.bin")


def test_printable_random_bytes_are_refused():
    # Decodable as cp1252 and free of controls: only the prose check stands in the way.
    rng = bytes(range(0x21, 0x7F)) + bytes(range(0xA1, 0x100))
    data = bytes(rng[(i * 7919) % len(rng)] for i in range(3000))
    with pytest.raises(IngestError, match="not prose"):
        read_dispatch(data, format="text")


def test_binary_file_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
    with pytest.raises(IngestError, match="control character"):
        read_dispatch(png, filename="photo.png")


def test_ten_megabyte_file_is_refused():
    data = (PROSE_FR + "\n\n").encode() * (10_000_000 // len(PROSE_FR))
    assert len(data) > MAX_INPUT_BYTES
    with pytest.raises(IngestError, match="over the"):
        read_dispatch(data, filename="huge.txt")


def test_body_over_the_text_limit_is_refused():
    data = (PROSE_FR + "\n\n").encode() * (2_100_000 // len(PROSE_FR))
    assert len(data) < MAX_INPUT_BYTES
    with pytest.raises(IngestError, match="over the limit"):
        read_dispatch(data)


def test_file_truncated_inside_a_character_is_refused():
    data = f"{PROSE_FR}\n\nUn texte coupé".encode()[:-1]
    with pytest.raises(IngestError, match="truncated") as error:
        read_dispatch(data, filename="cut.txt")
    assert error.value.line == 3


def test_a_stray_c1_control_in_an_english_article_is_removed_and_noted():
    # U+0083, a mojibake remnant, once in an ordinary article (issue 20).
    text = f"{PROSE_EN}\n\nThe minister said the plan\u0083 would start in May."
    dispatch = read_dispatch(text.encode(), format="text")
    assert "\u0083" not in dispatch.body
    assert "the plan would start in May" in dispatch.body
    assert dispatch.notes == ["text: removed 1 stray control character(s) (U+0083)"]


def test_a_clean_dispatch_has_no_notes():
    assert read_dispatch(PROSE_EN.encode(), format="text").notes == []


def test_text_with_many_control_characters_is_still_refused_as_binary():
    text = PROSE_EN + "".join(f" word\x01\x02{n}" for n in range(10))
    with pytest.raises(IngestError, match="binary data"):
        read_dispatch(text.encode(), format="text")


def test_a_single_nul_is_still_refused_as_binary():
    with pytest.raises(IngestError, match="NUL"):
        read_dispatch((PROSE_EN + "\0").encode(), format="text")


def test_an_oversized_file_is_reported_in_mib():
    data = (PROSE_FR + "\n\n").encode() * (20_000_000 // len(PROSE_FR))
    with pytest.raises(IngestError, match=r"file is \d+\.\d MiB, over the 8 MiB limit"):
        read_dispatch(data)
