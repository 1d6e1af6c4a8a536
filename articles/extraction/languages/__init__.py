"""The languages the engine reads, one module each, behind a registry.

A language is a data folder (`data/<code>/`: reporting verbs, titles, pronouns, …), one module
here defining `LANGUAGE` (its traits and hooks, see `base.Language`) and one line in `REGISTRY`.
"""

from functools import cache
from importlib import import_module

from .base import Language

# language code → module of this package defining `LANGUAGE`
REGISTRY = {
    "fr": "fr",
    "en": "en",
}


def base_language(language: str) -> str:
    """Map a BCP 47 tag ("fr-CA") to a registered language code; raise ValueError otherwise."""
    primary = language.strip().replace("_", "-").split("-", 1)[0].lower()
    if primary not in REGISTRY:
        raise ValueError(f"unsupported language for quote extraction: {language!r}")
    return primary


@cache
def get_language(language: str) -> Language:
    """The traits and hooks of `language` (tags like "fr-CA" accepted)."""
    code = base_language(language)
    return import_module(f"{__name__}.{REGISTRY[code]}").LANGUAGE


__all__ = ["REGISTRY", "Language", "base_language", "get_language"]
