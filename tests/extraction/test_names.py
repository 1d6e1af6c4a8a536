"""name_key: the alias key shared by the engine and the Person registry."""

from articles.extraction import name_key


def test_name_key_drops_case_accents_and_honorifics():
    assert name_key("M. Jean-François Copé") == "jean francois cope"


def test_name_key_collapses_spaces_and_hyphens_alike():
    assert name_key("Jean  François\u00a0Copé") == name_key("jean-francois cope")


def test_name_key_drops_english_honorifics():
    assert name_key("Mrs. Jane Doe") == "jane doe"


def test_name_key_of_a_bare_honorific_is_empty():
    assert name_key("Mme") == ""
