"""Word lists of the engine, read from the data files beside this module (one entry a line)."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
SUPPORTED_LANGUAGES = ("fr", "en")


def base_language(language: str) -> str:
    """Map a BCP 47 tag ("fr-CA") to a supported lexicon language; raise ValueError otherwise."""
    primary = language.strip().replace("_", "-").split("-", 1)[0].lower()
    if primary not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language for quote extraction: {language!r}")
    return primary


def _lines(language: str, name: str) -> list[str]:
    path = DATA_DIR / language / name
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _french_er_forms(lemma: str) -> set[str]:
    """Third-person and participle forms of a regular French -er verb (spelling variants incl.)."""
    stem = lemma[:-2]
    stems = {stem}
    # annoncer → annonça, juger → jugea: the soft c/g keeps its sound before a/o
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    # répéter → répète, rappeler → rappelle, marteler → martèle: stem vowel changes when mute
    mute = {stem}
    m = re.search(r"([eé])([^aeiouyéèêàâîôû]+)$", stem)
    if m:
        mute.add(stem[: m.start(1)] + "è" + m.group(2))
        if m.group(2) in {"l", "t"}:
            mute.add(stem + m.group(2))
    forms = set()
    for s in mute:
        forms |= {s + "e", s + "ent", s + "era", s + "eront", s + "erait", s + "eraient"}
    for s in stems:
        forms |= {s + "é", s + "ée", s + "és", s + "ées", s + "er", s + "èrent", s + "aient"}
        forms |= {s + "ait", s + "ai"}
    forms |= {soft + "a", soft + "ait", soft + "aient", soft + "ant"}
    return forms


def _english_forms(lemma: str) -> set[str]:
    """Regular English inflections (doubling and y → ied variants included, harmlessly)."""
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    if re.search(r"(s|sh|ch|x|z)$", lemma):
        forms.add(lemma + "es")
    return forms


def _verb_table(language: str, name: str) -> dict[str, str]:
    """Map every recognised form (lower-case) of the verbs listed in `name` to its lemma."""
    table: dict[str, str] = {}
    for line in _lines(language, name):
        lemma, _, irregular = line.partition(":")
        lemma = lemma.strip()
        forms = set(irregular.split())
        if language == "fr":
            if lemma.endswith("er") and not irregular:
                forms |= _french_er_forms(lemma)
            forms.add(lemma)
        else:
            if not irregular:
                forms |= _english_forms(lemma)
            forms.add(lemma)
        for form in forms:
            table.setdefault(form, lemma)
    return table


@dataclass(frozen=True)
class Lexicon:
    """All word lists of one language, lower-case."""

    language: str
    verb_forms: dict[str, str]
    continuation_lemmas: frozenset[str]
    honorifics: frozenset[str]
    titles: frozenset[str]
    title_max_words: int
    organisations: frozenset[str]
    documents: frozenset[str]
    groups: frozenset[str]
    stopwords: frozenset[str]
    boundaries: frozenset[str]
    pronouns: dict[str, tuple[str, str]]
    adverbs: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]
    cue_first_words: frozenset[str]
    contrast_openers: tuple[str, ...]
    cataphora_markers: frozenset[str]
    title_markers: dict[str, bool]  # word → True when it always introduces a name or title
    media: frozenset[str] = frozenset()  # name keys of outlets and platforms (organisations)
    # classes of role phrases naming the same office ("premier ministre" | "chef du gouvernement"),
    # each phrase as (accent-free words, True when it must stand without a complement)
    role_classes: tuple[tuple[tuple[tuple[str, ...], bool], ...], ...] = ()


@cache
def get_lexicon(language: str) -> Lexicon:
    """The (cached) lexicon of `language` ("fr" or "en", tags like "fr-CA" accepted)."""
    from .names import name_key

    lang = base_language(language)
    titles = frozenset(t.lower() for t in _lines(lang, "titles.txt"))
    pronouns = {}
    for line in _lines(lang, "pronouns.txt"):
        *words, gender, number = line.split()
        pronouns[" ".join(words).lower()] = (gender, number)
    return Lexicon(
        language=lang,
        verb_forms=_verb_table(lang, "reporting_verbs.txt"),
        continuation_lemmas=frozenset(_lines(lang, "continuation_verbs.txt")),
        honorifics=frozenset(h.lower() for h in _lines(lang, "honorifics.txt")),
        titles=titles,
        title_max_words=max(len(t.split()) for t in titles),
        organisations=frozenset(o.lower() for o in _lines(lang, "organisations.txt")),
        documents=frozenset(d.lower() for d in _lines(lang, "documents.txt")),
        groups=frozenset(g.lower() for g in _lines(lang, "groups.txt")),
        stopwords=frozenset(s.lower() for s in _lines(lang, "stopwords.txt")),
        boundaries=frozenset(b.lower() for b in _lines(lang, "boundaries.txt")),
        pronouns=pronouns,
        adverbs=frozenset(a.lower() for a in _lines(lang, "adverbs.txt")),
        contrast_openers=tuple(_lines(lang, "contrast_openers.txt")),
        cataphora_markers=frozenset(_lines(lang, "cataphora_markers.txt")),
        cue_first_words=frozenset(
            {p.lower().replace("’", "'").split()[0] for p in _lines(lang, "cue_phrases.txt")}
            | {"d'"}
        ),
        title_markers={
            line.split()[0].lower(): line.endswith(" always")
            for line in _lines(lang, "title_markers.txt")
        },
        cue_phrases=tuple(
            tuple(p.lower().replace("’", "'").split()) for p in _lines(lang, "cue_phrases.txt")
        ),
        role_classes=tuple(
            tuple(_role_phrase(p) for p in line.split(" | "))
            for line in _lines(lang, "role_synonyms.txt")
        ),
        media=frozenset(name_key(m) for m in _lines(lang, "media.txt"))
        if (DATA_DIR / lang / "media.txt").is_file()
        else frozenset(),
    )


def _role_phrase(phrase: str) -> tuple[tuple[str, ...], bool]:
    from .names import name_key

    bare = phrase.strip().endswith("*")
    return tuple(name_key(phrase.strip().rstrip("*")).split()), bare


def _name_genders(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, gender = line.split()
            out[name] = gender
    return out


@cache
def first_name_genders() -> dict[str, str]:
    """Usual gender of common given names (language-independent list), lower-case."""
    return _name_genders(DATA_DIR / "first_names.txt")


@cache
def english_first_name_genders() -> dict[str, str]:
    """Usual gender of English given names the shared list lacks (data/en/first_names.txt),
    read for English only."""
    return _name_genders(DATA_DIR / "en" / "first_names.txt")


def first_name_gender(word: str) -> str | None:
    """Usual gender of a given name: the list, then the first part of a compound ("Jean-Luc",
    "Marie-Hélène"). No guess from endings: "Valentine" is also a Russian man's name."""
    low = word.lower().replace("’", "'")
    names = first_name_genders()
    if low in names:
        return names[low]
    if "-" in low:
        return names.get(low.split("-")[0])
    return None


_FEMININE_TITLE_ENDINGS = ("trice", "euse", "ère", "nne", "esse", "ffe", "ée")
_FEMININE_KIN = frozenset(["mère", "fille", "sœur", "épouse", "veuve", "reine", "femme", "tante"])
_MASCULINE_KIN = frozenset(
    ["père", "fils", "frère", "confrère", "mari", "roi", "veuf", "homme", "oncle"]
)


def title_gender(word: str, lex: "Lexicon") -> str | None:
    """Gender a French role noun shows by its form ("présidente", "directrice" → f; "président",
    "directeur" → m); None for epicene nouns ("ministre", "juge") and for English."""
    if lex.language != "fr" or word not in lex.titles:
        return None
    if word in _FEMININE_KIN:
        return "f"
    if word in _MASCULINE_KIN:
        return "m"
    feminine_forms = (
        word + "e",
        word + "fe",
        word + "ne",
        word[:-3] + "rice",
        word[:-1] + "se",
        word[:-2] + "ère",
    )
    if word.endswith(_FEMININE_TITLE_ENDINGS) or (word.endswith("e") and word[:-1] in lex.titles):
        return "f"
    if any(f in lex.titles for f in feminine_forms if f != word):
        return "m"
    return None


@cache
def all_honorifics() -> frozenset[str]:
    """Honorifics of every supported language: `name_key` is language-independent."""
    out: set[str] = set()
    for lang in SUPPORTED_LANGUAGES:
        out |= {h.lower() for h in _lines(lang, "honorifics.txt")}
    return frozenset(out)
