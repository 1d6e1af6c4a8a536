"""The shared normalisation and the checks that refuse what is not prose."""

import unicodedata

import pytest

from articles.ingest import IngestError, derive_headline, detect_language, normalise_text
from articles.ingest.text import check_controls, check_prose, decode_bytes, normalise_language


def test_crlf_and_lone_cr_become_lf():
    assert normalise_text("Un.\r\n\r\nDeux.\r\rTrois.") == "Un.\n\nDeux.\n\nTrois."


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "Été à Noël")
    assert normalise_text(decomposed) == "Été à Noël"


def test_trailing_spaces_are_stripped():
    assert normalise_text("Un paragraphe.   \t\n\nDeux.  ") == "Un paragraphe.\n\nDeux."


def test_paragraphs_are_separated_by_exactly_one_blank_line():
    assert normalise_text("\n\nUn.\n\n\n\n  \nDeux.\n\n\n") == "Un.\n\nDeux."


def test_single_lines_are_paragraphs_when_there_is_no_blank_line():
    assert normalise_text("Un.\nDeux.\nTrois.") == "Un.\n\nDeux.\n\nTrois."


def test_line_breaks_inside_a_paragraph_are_kept():
    assert normalise_text("Ligne un\nligne deux.\n\nAutre.") == "Ligne un\nligne deux.\n\nAutre."


def test_normalisation_is_idempotent():
    text = " \ufeffUn\r\n  deux  \r\n\r\n\r\n trois\u2029quatre\n"
    once = normalise_text(text)
    assert normalise_text(once) == once


def test_format_characters_are_kept():
    text = "anti\u00adconstitutionnel et zero\u200bwidth"
    assert normalise_text(text) == text


def test_utf8_bom_is_accepted():
    assert decode_bytes("\ufeffÉté".encode()) == ("Été", "utf-8")


def test_cp1252_is_detected_and_reported():
    assert decode_bytes("L’été à Noël".encode("cp1252")) == ("L’été à Noël", "cp1252")


def test_mixed_encodings_are_refused_with_the_line():
    data = "Première ligne é\n".encode() + "seconde ligne é, suite".encode("latin-1")
    with pytest.raises(IngestError, match="mixes encodings") as error:
        decode_bytes(data)
    assert error.value.line == 2


def test_nul_is_refused_with_its_line():
    with pytest.raises(IngestError, match="U\\+0000") as error:
        check_controls("Un.\nDeux\0.")
    assert error.value.line == 2


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x7f", "\x85", "\x0c"])
def test_other_control_characters_are_refused(char):
    with pytest.raises(IngestError, match="control character"):
        check_controls(f"Un texte{char} normal.")


def test_tab_and_newline_are_allowed():
    check_controls("Un\ttexte\nnormal.")


def test_text_without_letters_has_no_words():
    with pytest.raises(IngestError, match="no words"):
        check_prose("12 345 678 — 9 10 11 ; 12/13/14 = 15 %")


def test_mostly_digits_is_not_prose():
    with pytest.raises(IngestError, match="not prose"):
        check_prose("Score 12-345 678 9 10 11 ; 12/13/14 = 15 % 16 17 18 19 20")


def test_letters_without_word_breaks_are_not_prose():
    with pytest.raises(IngestError, match="no word breaks"):
        check_prose("abcdefghijklmnopqrstuvwxyzàéèçabcdefghijklmnopqrstuvwxyzàéèç" * 3)


def test_headline_is_the_short_first_sentence():
    body = "Le président a démissionné. Il l'a annoncé lundi."
    assert derive_headline(body) == "Le président a démissionné"


def test_headline_skips_abbreviations():
    body = "M. Dupont a démissionné lundi. Il part."
    assert derive_headline(body) == "M. Dupont a démissionné lundi"


def test_long_headline_is_cut_on_a_word_boundary_within_110_characters():
    body = " ".join(["mot"] * 60) + "."
    headline = derive_headline(body)
    assert len(headline) <= 110
    assert headline.endswith("mot…")


def test_headline_drops_the_dateline():
    body = "PARIS, 5 sept (AFP) - Le gouvernement a démissionné. Suite."
    assert derive_headline(body) == "Le gouvernement a démissionné"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("FR", "fr"), ("en-gb", "en-GB"), ("nb_no", "nb-NO"), ("zh-hant-tw", "zh-Hant-TW")],
)
def test_language_tags_are_normalised(tag, expected):
    assert normalise_language(tag) == expected


def test_malformed_language_tag_is_refused():
    with pytest.raises(IngestError, match="BCP 47"):
        normalise_language("fr FR!")


def test_language_is_detected_for_french():
    assert (
        detect_language("Le président russe a estimé lundi qu'il y avait un rapprochement.") == "fr"
    )


def test_language_is_detected_for_english():
    assert (
        detect_language("The captain of the wrecked cruise ship went on trial on Tuesday.") == "en"
    )
