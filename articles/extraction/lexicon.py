"""Word lists of the engine, read from the data files beside this module (one entry a line)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .languages import Language

DATA_DIR = Path(__file__).parent / "data"


def base_language(language: str) -> str:
    """Map a BCP 47 tag ("fr-CA") to a supported lexicon language; raise ValueError otherwise."""
    from .languages import base_language as registered

    return registered(language)


def _lines(language: str, name: str) -> list[str]:
    path = DATA_DIR / language / name
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def word_list(language: str, name: str) -> frozenset[str]:
    """The words of data/<language>/<name>, lower-case; empty when the language has no such file
    (a list one language needs and another does not)."""
    if not (DATA_DIR / language / name).is_file():
        return frozenset()
    return frozenset(w.lower() for w in _lines(language, name))


@cache
def exact_list(language: str, name: str) -> frozenset[str]:
    """The entries of data/<language>/<name> exactly as written, or none (see `word_list`)."""
    if not (DATA_DIR / language / name).is_file():
        return frozenset()
    return frozenset(_lines(language, name))


@cache
def listed(name: str) -> frozenset[str]:
    """The entries of data/<name> exactly as written ("en/modals.txt", "abbreviations.txt")."""
    return frozenset(_lines(".", name))


@cache
def shared_words(name: str) -> frozenset[str]:
    """The words of data/<name>, a list shared by every language (name particles)."""
    return frozenset(w.lower() for w in _lines(".", name))


def _verb_table(language: str, name: str) -> dict[str, str]:
    """Map every recognised form (lower-case) of the verbs listed in `name` to its lemma."""
    from .languages import get_language

    inflect = get_language(language).verb_forms
    table: dict[str, str] = {}
    for line in _lines(language, name):
        lemma, _, irregular = line.partition(":")
        lemma = lemma.strip()
        forms = set(irregular.split()) | inflect(lemma, bool(irregular))
        for form in forms:
            table.setdefault(form, lemma)
    return table


# a reporting verb in several words: its lemma, the forms of its verb, the words after it
VerbPhrase = tuple[str, frozenset[str], tuple[str, ...]]


@dataclass(frozen=True)
class Lexicon:
    """All word lists of one language, lower-case, and its traits (`lang`)."""

    language: str
    lang: "Language"
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
    states: frozenset[str] = frozenset()  # name keys of states and capitals ("Paris a jugé")
    demonyms: frozenset[str] = frozenset()  # "le Français", "un jeune Libanais": no names
    # words news copy writes in lower case, capitalised where a sentence opens: no name alone
    # there ("Beaucoup estiment …"; derived by `derive_common_words`)
    common_words: frozenset[str] = frozenset()
    # classes of role phrases naming the same office ("premier ministre" | "chef du gouvernement"),
    # each phrase as (accent-free words, True when it must stand without a complement)
    role_classes: tuple[tuple[tuple[tuple[str, ...], bool], ...], ...] = ()
    # function words and word runs of the language's syntax (data/<code>/*.txt)
    determiners: frozenset[str] = frozenset()
    indefinites: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    agent_prepositions: frozenset[str] = frozenset()  # "réalisé par", "conducted by"
    relay_participles: frozenset[str] = frozenset()  # "cité par": who relays, not who wrote
    connectors: frozenset[str] = frozenset()
    inner_phrases: tuple[tuple[str, ...], ...] = ()  # "a pour sa part ajouté"
    causatives: frozenset[str] = frozenset()  # "a fait savoir"
    impersonal_verbs: frozenset[str] = frozenset()  # cues only with "on": "a-t-on appris"
    noun_like_verbs: frozenset[str] = frozenset()  # "the report", "state delegate"
    plural_noun_like_verbs: frozenset[str] = frozenset()  # "other states"
    clause_openers: frozenset[str] = frozenset()  # "… when Speaker X lamented"
    subordinators: frozenset[str] = frozenset()  # "Years after X claimed"
    modals: frozenset[str] = frozenset()
    plural_determiners: frozenset[str] = frozenset()  # "les syndicats"
    glued_openers: frozenset[str] = frozenset()  # "…pour TapieSur Franceinfo": "Sur" opens
    subject_determiners: frozenset[str] = frozenset()
    predicate_verbs: tuple[tuple[str, ...], ...] = ()  # "X est devenu maire"
    person_nouns: frozenset[str] = frozenset()  # "la couturière", "le jeune homme": a person
    places: frozenset[str] = frozenset()  # "Va.", "Ohio": a segment naming only a place
    # reporting verbs in several words, by their last word: (lemma, forms of the verb, the
    # words after it)
    verb_phrases: Mapping[str, tuple[VerbPhrase, ...]] = field(default_factory=dict)


def _verb_phrases(lang: str) -> dict[str, tuple[VerbPhrase, ...]]:
    """data/<lang>/verb_phrases.txt: "lemma: verb forms | the words after the verb", by the
    phrase's last word (a verb phrase is looked for at every word of a text)."""
    if not (DATA_DIR / lang / "verb_phrases.txt").is_file():
        return {}
    out: dict[str, tuple[VerbPhrase, ...]] = {}
    for line in _lines(lang, "verb_phrases.txt"):
        lemma, rest = line.split(":", 1)
        forms, after = rest.split("|")
        phrase = (lemma.strip(), frozenset(forms.split()), tuple(after.lower().split()))
        out[phrase[2][-1]] = (*out.get(phrase[2][-1], ()), phrase)
    return out


@cache
def get_lexicon(language: str) -> Lexicon:
    """The (cached) lexicon of `language` ("fr" or "en", tags like "fr-CA" accepted)."""
    from .languages import get_language
    from .names import name_key

    lang = base_language(language)
    titles = frozenset(t.lower() for t in _lines(lang, "titles.txt"))
    pronouns = {}
    for line in _lines(lang, "pronouns.txt"):
        *words, gender, number = line.split()
        pronouns[" ".join(words).lower()] = (gender, number)
    return Lexicon(
        language=lang,
        lang=get_language(lang),
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
        states=frozenset(name_key(m) for m in _lines(lang, "countries.txt"))
        if (DATA_DIR / lang / "countries.txt").is_file()
        else frozenset(),
        determiners=word_list(lang, "determiners.txt"),
        person_nouns=word_list(lang, "person_nouns.txt") | word_list(lang, "demonyms.txt"),
        demonyms=word_list(lang, "demonyms.txt"),
        common_words=word_list(lang, "common_words.txt"),
        places=word_list(lang, "states.txt"),
        verb_phrases=_verb_phrases(lang),
        indefinites=word_list(lang, "indefinites.txt"),
        auxiliaries=word_list(lang, "auxiliaries.txt"),
        prepositions=word_list(lang, "prepositions.txt"),
        agent_prepositions=word_list(lang, "agent_prepositions.txt"),
        relay_participles=word_list(lang, "relay_participles.txt"),
        connectors=word_list(lang, "connectors.txt"),
        inner_phrases=tuple(tuple(p.split()) for p in _lines(lang, "inner_phrases.txt")),
        causatives=word_list(lang, "causatives.txt"),
        impersonal_verbs=word_list(lang, "impersonal_verbs.txt"),
        noun_like_verbs=word_list(lang, "noun_like_verbs.txt"),
        plural_noun_like_verbs=word_list(lang, "plural_noun_like_verbs.txt"),
        clause_openers=word_list(lang, "clause_openers.txt"),
        subordinators=word_list(lang, "subordinators.txt"),
        modals=word_list(lang, "modals.txt"),
        plural_determiners=word_list(lang, "plural_determiners.txt"),
        glued_openers=exact_list(lang, "glued_openers.txt"),
        subject_determiners=word_list(lang, "subject_determiners.txt"),
        predicate_verbs=tuple(tuple(p.split()) for p in _lines(lang, "predicate_verbs.txt")),
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
    """Usual gender of given names (language-independent lists), lower-case: the hand-kept
    list, then the names news copy showed the gender of (`manage.py derive_given_names`)."""
    derived = DATA_DIR / "first_names_corpus.txt"
    return {**(_name_genders(derived) if derived.exists() else {}), **hand_kept_first_names()}


@cache
def role_holders(language: str) -> dict[str, dict[str, int]]:
    """Role words → {name key of a person news copy binds the role to: articles binding them}
    (data/<language>/role_holders.txt, `manage.py derive_role_holders`); empty without a file."""
    holders: dict[str, dict[str, int]] = {}
    if not (DATA_DIR / language / "role_holders.txt").is_file():
        return holders
    for line in _lines(language, "role_holders.txt"):
        role, key, count = line.split("\t")
        holders.setdefault(role, {})[key] = int(count)
    return holders


@cache
def name_types(language: str) -> dict[str, str]:
    """Name key → "organization" or "person", as news copy writes the name ("l'ONG Foodwatch",
    "M. Piolle": data/<language>/name_types.txt, `manage.py derive_name_types`); empty without
    a file."""
    if not (DATA_DIR / language / "name_types.txt").is_file():
        return {}
    return dict(line.split("\t")[:2] for line in _lines(language, "name_types.txt"))


def hand_kept_first_names() -> dict[str, str]:
    """The hand-kept list of common given names and their gender."""
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
        return first_name_gender(low.split("-")[0])
    # "Elodie", "Helene": feeds often drop the accents of the list's "Élodie", "Hélène"
    return _unaccented_first_names().get(low)


@cache
def _unaccented_first_names() -> dict[str, str]:
    """Given names written without their accents, where all the accented names that fold to
    one form share a gender."""
    from .names import strip_accents  # (names reads the honorifics from here)

    folded: dict[str, set[str]] = {}
    for name, gender in first_name_genders().items():
        plain = strip_accents(name)
        if plain != name:
            folded.setdefault(plain, set()).add(gender)
    names = first_name_genders()
    return {k: next(iter(v)) for k, v in folded.items() if len(v) == 1 and k not in names}


def title_gender(word: str, lex: "Lexicon") -> str | None:
    """Gender a role noun shows by its form ("présidente", "directrice" → f; "président",
    "directeur" → m); None for epicene nouns ("ministre", "juge") and where the language's
    nouns show none (English)."""
    if word not in lex.titles:
        return None
    return lex.lang.title_gender(word, lex.titles)


@cache
def all_honorifics() -> frozenset[str]:
    """Honorifics of every supported language: `name_key` is language-independent."""
    out: set[str] = set()
    from .languages import REGISTRY

    for lang in REGISTRY:
        out |= {h.lower() for h in _lines(lang, "honorifics.txt")}
    return frozenset(out)
