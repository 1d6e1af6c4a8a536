"""spaCy pipelines, loaded lazily and once per process."""

import os
from functools import cache
from typing import TYPE_CHECKING

from .languages import base_language, get_language

if TYPE_CHECKING:
    from spacy.language import Language

# Only the named-entity recogniser is used (it has its own embedding layer): the parser and the
# tagger cost most of the time and their incise parses are unreliable (MEASURED.md).
EXCLUDED_COMPONENTS = ("parser", "morphologizer", "attribute_ruler", "lemmatizer", "tok2vec")


def model_name(language: str) -> str | None:
    """The spaCy package used for `language`: env NEWSROOM_SPACY_MODEL_<LANG> overrides."""
    lang = base_language(language)
    return os.environ.get(f"NEWSROOM_SPACY_MODEL_{lang.upper()}", get_language(lang).spacy_model)


@cache
def get_nlp(language: str, model: str | None = None) -> "Language":
    """The cached spaCy pipeline of `language` (a blank one when no model is configured)."""
    import spacy  # imported here: importing the engine must stay cheap

    lang = base_language(language)
    name = model or model_name(lang)
    if not name:
        return spacy.blank(lang)
    nlp = spacy.load(name, exclude=[c for c in EXCLUDED_COMPONENTS])
    return nlp


# The dependency parser, for the few sentences attribution asks it about (syntax.py): its own
# pipeline — the embedding layer, the part-of-speech tagger and the parser — loaded on the
# first question.
PARSER_EXCLUDED = ("ner", "attribute_ruler", "lemmatizer")


@cache
def get_parser(language: str) -> "Language | None":
    """The cached spaCy parsing pipeline of `language`; None when it has no model."""
    import spacy

    name = model_name(base_language(language))
    if not name:
        return None
    nlp = spacy.load(name, exclude=list(PARSER_EXCLUDED))
    return nlp if "parser" in nlp.pipe_names else None
