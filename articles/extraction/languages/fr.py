"""French: inverted clitics ("a-t-il ajouté"), elided articles, -er verbs, gendered roles."""

import re

from ..lexicon import word_list
from .base import Language

_PASSIVE_AUXILIARIES = word_list("fr", "passive_auxiliaries.txt")
_PLURAL_AUXILIARIES = word_list("fr", "plural_auxiliaries.txt")
_FEMININE_KIN = word_list("fr", "feminine_kin.txt")
_MASCULINE_KIN = word_list("fr", "masculine_kin.txt")
_FEMININE_TITLE_ENDINGS = ("trice", "euse", "ère", "nne", "esse", "ffe", "ée")
_CLITIC = re.compile(r"^(.+?)-(?:t-)?(il|elle|ils|elles|on)$")


def verb_forms(lemma: str, irregular: bool) -> set[str]:
    """The lemma, and for a regular -er verb its third-person and participle forms (spelling
    variants included)."""
    forms = {lemma}
    if lemma.endswith("er") and not irregular:
        forms |= _er_forms(lemma)
    return forms


def _er_forms(lemma: str) -> set[str]:
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


def title_gender(word: str, titles: frozenset[str]) -> str | None:
    """Gender a role noun shows by its form ("présidente", "directrice" → f; "président",
    "directeur" → m); None for epicene nouns ("ministre", "juge")."""
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
    if word.endswith(_FEMININE_TITLE_ENDINGS) or (word.endswith("e") and word[:-1] in titles):
        return "f"
    if any(f in titles for f in feminine_forms if f != word):
        return "m"
    return None


def kin_gender(word: str) -> str | None:
    """The gender a kinship noun gives whoever it names, whatever the determiner ("son mari")."""
    return "f" if word in _FEMININE_KIN else "m" if word in _MASCULINE_KIN else None


def is_gerund(tokens, i: int, base: str) -> bool:
    """ "en recevant": a gerund is not the cue of a sentence."""
    return base.endswith("ant") and i > 0 and tokens[i - 1].low == "en"


def is_manner_adverb(low: str) -> bool:
    """An adverb in -ment between an auxiliary and its participle ("a finalement lâché")."""
    return len(low) > 6 and low.endswith("ment") and low.isalpha()


def is_participle_adjective(base: str, lemma: str) -> bool:
    """ "la voiture dévoilée en août": a past participle without auxiliary is an adjective."""
    return re.search(r"(é|ée|és|ées)$", base) is not None and lemma.endswith("er")


def is_passive(tokens, first: int, verb: int) -> bool:
    """An être + participle group that is not reflexive ("s'est exclamé" is active)."""
    words = [t.low for t in tokens[first:verb]]
    if any(w in ("s'", "se", "m'", "t'") for w in words):
        return False
    if first > 0 and tokens[first - 1].low in ("s'", "se"):
        return False
    return any(_base(w) in _PASSIVE_AUXILIARIES for w in words)


def participial_segment(seg, lex) -> bool:
    """A participial clause opening the sentence ("Submergée par l'émotion", "Surpris par …")."""
    return bool(
        re.search(r"(é|ée|és|ées|i|ie|is|ant)$", seg[0].low)
        and len(seg) > 1
        and seg[1].low in lex.prepositions
    )


def plural_verb(tokens, group) -> bool:
    """A verb group in the third person plural ("ont déclaré", "écrivent")."""
    words = [t.low for t in tokens[group.first : group.last + 1]]
    return any(w in _PLURAL_AUXILIARIES for w in words) or (
        words[-1].endswith("ent") and not words[-1].endswith("ment")
    )


def _base(low: str) -> str:
    m = _CLITIC.match(low)
    return m.group(1) if m else low


LANGUAGE = Language(
    code="fr",
    spacy_model="fr_core_news_sm",
    conjunction="et",
    verb_forms=verb_forms,
    title_gender=title_gender,
    kin_gender=kin_gender,
    causative_cue=("savoir", "faire savoir", "fait savoir"),
    infinitive_is_no_cue=True,
    is_gerund=is_gerund,
    is_manner_adverb=is_manner_adverb,
    is_participle_adjective=is_participle_adjective,
    is_passive=is_passive,
    participial_segment=participial_segment,
    name_after_title_is_complement=True,
    party_after_title=True,
    short_quoted_names_in_clause=True,
    name_adjective=re.compile(
        r"\w+(?:ique|ale?|aux|el|elle|ien|ienne|aire|aise?|aine?|if|ive|ée?)s?"
    ),
    complementizer_ends_inversion=True,
    infinitive_reports=True,
    plural_verb=plural_verb,
    object_clitics_before_verb=True,
    participle_clause_after_quote=True,
    open_incise_after_quote=True,
    as_words=frozenset(["comme"]),
    inverted_subject_past_complements=True,
    pour_introduces_source=True,
    parsed_subject=True,
    capitalised_participle_names_nobody=True,
    single_names_expand_in_article=True,
    organisation_name_shapes=True,
    people_take_no_article=True,
)
