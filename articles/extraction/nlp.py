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
