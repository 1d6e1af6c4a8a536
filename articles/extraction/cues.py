"""Reporting cues: verb groups ("a-t-il ajouté"), source phrases ("selon X") and the noun
phrases that name their speaker, found by rules over the tokens of one sentence."""

import re
from dataclasses import dataclass

from .lexicon import Lexicon, first_name_genders, listed, shared_words
from .names import name_key
from .text import Token, opens_sentence

NAME_PREFIXES = shared_words("name_prefixes.txt")  # "De Pavant", "Van Rompuy"
PARTICLES = shared_words("particles.txt")
_CLITIC = re.compile(r"^(.+?)-(?:t-)?(il|elle|ils|elles|on)$")
_INITIAL = re.compile(r"^[A-ZÉ](?:-[A-ZÉ])?$")


@dataclass(frozen=True, slots=True)
class VerbGroup:
    """A reporting verb with its auxiliaries: tokens[first:last + 1]."""

    first: int
    last: int
    lemma: str
    clitic: str | None  # inverted subject pronoun ("il" in "a-t-il ajouté")
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """Words naming a speaker, as analysed by `parse_np`."""

    text: str
    start: int
    end: int
    kind: str  # "name" | "names" | "pronoun" | "description"
    name: str | None = None  # the proper-name part ("Vladimir Poutine", "NASA")
    names: tuple[str, ...] = ()  # several people ("MM. Lavrov et Kerry")
    role: str | None = None  # the role words ("président russe")
    determiner: str | None = None
    honorific: bool = False
    owner: bool = False  # name is the owner of a document ("le documentaire d'Al Jazeera")


@dataclass(frozen=True, slots=True)
class Cue:
    """How a quotation is attributed: the cue words, where they are, and the speaker mention."""

    text: str | None
    lemma: str | None
    position: str  # "incise" | "after" | "before" | "colon" | "source" | "later"
    mention: Mention | None


def abbreviation_dot(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Is tokens[k] the dot of an honorific or an initial ("M.", "V.") rather than a full stop?"""
    if tokens[k].text != "." or k == 0:
        return False
    prev = tokens[k - 1]
    return prev.low in lex.honorifics or bool(_INITIAL.match(prev.text))


def clause_limit(tokens: list[Token], k: int, stops, lex: Lexicon) -> int:
    """The first token from `k` on that is one of `stops` — a full stop, never the dot of
    "M." or "V." (", selon M. Merckel.") — or len(tokens)."""
    while k < len(tokens) and (tokens[k].text not in stops or abbreviation_dot(tokens, k, lex)):
        k += 1
    return k


def _base_and_clitic(low: str) -> tuple[str, str | None]:
    m = _CLITIC.match(low)
    if m:
        return m.group(1), m.group(2)
    return low, None


def is_word(tok: Token) -> bool:
    """True for word tokens (not punctuation)."""
    return tok.text[:1].isalnum()


def is_capitalised(tok: Token, lex: Lexicon) -> bool:
    """A capitalised word that may belong to a name (not a capitalised function word)."""
    return tok.is_upper and is_word(tok) and tok.low.rstrip("'") not in lex.stopwords


def verb_groups(tokens: list[Token], lex: Lexicon, text: str) -> list[VerbGroup]:
    """Reporting verb groups among tokens outside quotations, in order."""
    traits = lex.lang
    groups = []
    for i, tok in enumerate(tokens):
        if tok.quote >= 0 or not is_word(tok):
            continue
        base, clitic = _base_and_clitic(tok.low)
        lemma, base, lead = _reporting_lemma(tokens, i, lex, base)
        if lemma is None:
            continue
        if lemma in lex.impersonal_verbs:
            # "a-t-on appris", "peut-on lire": cues only with the impersonal "on"
            k = i - 1
            while k > 0 and tokens[k].low in lex.adverbs:
                k -= 1  # "peut-on également lire"
            if lemma == "lire" and k >= 0 and tokens[k].low.endswith("-on") and tokens[k].quote < 0:
                groups.append(VerbGroup(k, i, lemma, "on", tokens[k].start, tok.end))
                continue
            before = tokens[i - 1].low if i > 0 else ""
            if clitic != "on" and not before.endswith("-on"):
                continue
        if _not_a_cue(tokens, i, lex, base, lemma, clitic):
            continue
        first, seen_aux, aux_clitic = _auxiliaries_before(tokens, i - lead, lex)
        clitic = clitic or aux_clitic
        if not seen_aux:
            if not clitic and traits.is_participle_adjective(base, lemma):
                continue  # "la voiture dévoilée en août": an adjective, not a cue
        elif traits.is_passive(tokens, first, i):
            continue  # "est estimée", "a été annoncé": a passive, its subject is not a speaker
        groups.append(VerbGroup(first, i, lemma, clitic, tokens[first].start, tok.end))
    return groups


_PARTICIPLE = re.compile(
    r"[a-zàâçéèêëîïôûùüÿœ-]{2,}(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|erte|int)$"
)
_INVERTED = frozenset(["il", "elle", "ils", "elles"])


def open_incise(tokens: list[Token], i: int, lex: Lexicon) -> VerbGroup | None:
    """A verb of any lemma in the incise right after a quotation, at tokens[i]: « … », a
    claironné X / « … », balance-t-elle. The place makes it a reporting verb whether or not the
    lexicon lists it: an auxiliary and a past participle, or a verb with an inverted pronoun."""
    k, seen_aux, reflexive, clitic = i, False, False, None
    while k < len(tokens) and k - i < 4 and tokens[k].quote < 0:
        low = tokens[k].low
        base, c = _base_and_clitic(low)
        if low in ("s'", "se"):
            reflexive = True
        elif base in lex.auxiliaries:
            seen_aux, clitic = True, clitic or c
        elif not (low in lex.adverbs or lex.lang.is_manner_adverb(low)):
            break
        k += 1
    if k >= len(tokens) or tokens[k].quote >= 0 or tokens[k].is_upper:
        return None
    base, c = _base_and_clitic(tokens[k].low)
    clitic = clitic or c
    if not base.replace("-", "").isalpha() or base in lex.stopwords:
        return None
    if clitic not in _INVERTED and not (seen_aux and _PARTICIPLE.match(base)):
        return None
    if seen_aux and not reflexive and lex.lang.is_passive(tokens, i, k):
        return None  # « … », est-il écrit: a passive
    inverted = clitic if clitic in _INVERTED else None
    return VerbGroup(i, k, base, inverted, tokens[i].start, tokens[k].end)


def _reporting_lemma(
    tokens: list[Token], i: int, lex: Lexicon, base: str
) -> tuple[str | None, str, int]:
    """The reporting verb ending at tokens[i] (whose form without its clitic is `base`): its
    lemma (None if there is none), the base form the later rules read, and how many words of
    the verb come before tokens[i]."""
    causative = lex.lang.causative_cue  # "a fait savoir que …": a cue in two verbs
    if (
        causative is not None
        and tokens[i].low == causative[0]
        and i > 0
        and tokens[i - 1].low in lex.causatives
    ):
        return causative[1], causative[2], 1
    lemma = lex.verb_forms.get(base)
    if lemma is None:
        lemma, lead = _verb_phrase(tokens, i, lex)
        return lemma, base, lead
    return lemma, base, 0


def as_clitic_at(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Do "comme" and an object clitic start at tokens[k] ("comme le souligne X", "comme l'a
    dit X"), so that the verb after them is an incise, not a noun?"""
    return (
        0 <= k < len(tokens) - 1
        and tokens[k].low in lex.lang.as_words
        and tokens[k + 1].low in ("le", "l'", "la")
    )


def _not_a_cue(
    tokens: list[Token], i: int, lex: Lexicon, base: str, lemma: str, clitic: str | None
) -> bool:
    """Is the reporting verb form tokens[i] something else here: a noun, a name, an infinitive
    or a gerund?"""
    traits = lex.lang
    if (
        i > 0
        and tokens[i - 1].low in lex.determiners
        and tokens[i - 1].quote < 0
        and not as_clitic_at(tokens, i - 2, lex)
    ):
        return True  # "la note", "l'annonce", "the report": a noun (not "comme le note X")
    if tokens[i].is_upper and i > 0 and tokens[i - 1].text not in ("«", "“", '"', "(", "—"):
        return True  # a capitalised word inside a sentence is a name ("Lance Sterling")
    if traits.infinitive_is_no_cue and base == lemma and not clitic:
        return True  # an infinitive ("s'ajouter", "a tenu à dire") is not the cue itself
    if base in lex.noun_like_verbs and not traits.is_base_verb(tokens, i):
        return True  # "state delegate", "the report": a base form is a noun but after a subject
    if base in lex.plural_noun_like_verbs and not traits.is_s_verb(tokens, i):
        return True  # "in five states", "comments he made": a plural noun, not a cue
    # gerund ("en recevant"): not the cue of a sentence
    return traits.is_gerund(tokens, i, base)


def _auxiliaries_before(
    tokens: list[Token], first: int, lex: Lexicon
) -> tuple[int, bool, str | None]:
    """Walk back from the verb's first word tokens[first] over its auxiliaries, negation,
    adverbs and inner phrases ("a, pour sa part, souligné"): the group's first word, whether
    an auxiliary was met, and the first inverted pronoun an auxiliary carries ("a-t-il")."""
    j = first - 1
    seen_aux = False
    clitic = None
    while j >= 0 and tokens[j].quote < 0:
        low = tokens[j].low
        b, c = _base_and_clitic(low)
        if b in lex.auxiliaries:
            seen_aux = True
            first = j
            clitic = clitic or c
            j -= 1
            continue
        if low in lex.adverbs or low in ("pas", "ne", "n'") or lex.lang.is_manner_adverb(low):
            j -= 1
            continue
        before_phrase = _before_inner_phrase(tokens, j, lex)
        if before_phrase is None:
            break
        j = before_phrase
    return first, seen_aux, clitic


def _before_inner_phrase(tokens: list[Token], j: int, lex: Lexicon) -> int | None:
    """The index before an inner phrase ("pour sa part") that ends at tokens[j], or at
    tokens[j - 1] when tokens[j] is its closing comma; None if no inner phrase ends there."""
    # "a, pour sa part, souligné": the phrase may stand between commas
    commas = 1 if tokens[j].low == "," else 0
    k = j - commas
    if k < 0:
        return None
    for phrase in _inner_phrase_ends(lex).get(tokens[k].low, ()):
        n = len(phrase)
        if k - n + 1 >= 0 and tuple(t.low for t in tokens[k - n + 1 : k + 1]) == phrase:
            if commas and (k - n < 0 or tokens[k - n].text != ","):
                continue
            return k - n - commas
    return None


def _verb_phrase(tokens: list[Token], i: int, lex: Lexicon) -> tuple[str | None, int]:
    """A reporting verb in several words ending at tokens[i] ("met en garde", "a rendu
    hommage", "fait valoir"): its lemma and how many words come before tokens[i]."""
    for lemma, forms, rest in lex.verb_phrases.get(tokens[i].low, ()):
        n = len(rest)
        if tuple(t.low for t in tokens[i - n + 1 : i + 1]) != rest:
            continue
        k = i - n
        while k >= 0 and (tokens[k].low in lex.adverbs or lex.lang.is_manner_adverb(tokens[k].low)):
            k -= 1  # "met néanmoins en garde"
        if k >= 0 and tokens[k].low in forms and all(t.quote < 0 for t in tokens[k : i + 1]):
            return lemma, i - k
    return None, 0


def _opens_person_name(tokens: list[Token], j: int, limit: int, particle: bool = False) -> bool:
    """Is tokens[j] a common first name followed by a capitalised surname (after a particle
    too, if `particle`: "François de Rugy")?"""
    tok = tokens[j]
    if not (tok.is_upper and tok.low in first_name_genders() and j + 1 < limit):
        return False
    k = j + 1
    if particle and tokens[k].low in ("de", "d'", "du", "von", "van", "da", "del", "di"):
        k += 1
        if k >= limit:
            return False
    return (
        tokens[k].is_upper
        and tokens[k].quote < 0
        and (
            tokens[k].low not in first_name_genders()
            # "David Quentin": a surname that is also a given name ends the run
            or k + 1 >= limit
            or not tokens[k + 1].is_upper
        )
    )


def _name_adjectives(
    tokens: list[Token], j: int, limit: int, lex: Lexicon, institution: bool = False
) -> int:
    """How many lower-case words of an institution's name start at tokens[j]: up to two
    adjectives, or (after an institution's noun) one complement ("Cour des comptes")."""

    def usable(k: int) -> bool:
        return (
            k < limit
            and tokens[k].quote < 0
            and tokens[k].text.isalpha()
            and tokens[k].text.islower()
            and _base_and_clitic(tokens[k].low)[0] not in lex.verb_forms
            and tokens[k].low not in lex.boundaries
        )

    pattern = lex.lang.name_adjective
    if pattern is None:
        return 0
    if institution and tokens[j].low in ("de", "des", "du", "d'") and usable(j + 1):
        return 2 if tokens[j + 1].low not in PARTICLES else 0
    count = 0
    while (
        count < 2
        and usable(j + count)
        and pattern.fullmatch(tokens[j + count].text)
        and (institution or tokens[j + count].low not in lex.titles)
    ):
        count += 1
    return count


_OF = listed("fr/of.txt")
_ARTICLES = listed("fr/articles.txt")
_ROLE_ADJECTIVES = listed("role_adjectives.txt") | {"autre", "other"}


def _glued(before: Token, tok: Token) -> bool:
    """Two words with no space between them: the tokenizer split a glued heading there."""
    return tok.start == before.end and tok.text[:1].isalpha() and before.text[-1:].isalpha()


def _name_run(tokens: list[Token], i: int, limit: int, lex: Lexicon) -> int:
    """End index (exclusive) of the proper name starting at tokens[i], or i if none."""
    j = i
    last_good = i
    while j < limit:
        tok = tokens[j]
        if tok.quote >= 0 or (j > i and _glued(tokens[j - 1], tok)):
            break  # "TapieSur Franceinfo": a heading glued to the sentence ends at "Tapie"
        if j > i and _another_name_opens(tokens, j, limit, lex):
            break
        institution = j == i + 1 and tokens[i].low in lex.organisations
        if (
            j > i
            and tok.text.islower()
            and (adjectives := _name_adjectives(tokens, j, limit, lex, institution))
        ):
            after = j + adjectives
            if institution:
                return after  # "le Conseil scientifique", "la Cour des comptes"
            if (
                last_good == j
                and after < limit
                and is_capitalised(tokens[after], lex)
                # "du Rassemblement national Marine Le Pen", "de la Transition écologique
                # François de Rugy": a person's name starts there
                and not _opens_person_name(tokens, after, limit, particle=True)
            ):
                j = after  # "Santé publique France": the adjective joins two capitalised words
                continue
            break
        if (
            j == i
            and tok.is_upper
            and tok.low in NAME_PREFIXES
            and j + 1 < limit
            and (is_capitalised(tokens[j + 1], lex))
        ):
            j += 1  # "De Pavant", "Van Rompuy": a capitalised particle opens the name
            continue
        if is_capitalised(tok, lex) or (j > i and tok.is_upper and is_word(tok)):
            # an initial ("V." / "J.-M.") keeps its dot
            if _INITIAL.match(tok.text) and j + 1 < limit and tokens[j + 1].text == ".":
                j += 2
            else:
                j += 1
            last_good = j
            continue
        if (
            j >= i + 2
            and j + 1 < limit
            and (
                tok.low in ("du", "des") or (tok.low == "de" and tokens[j + 1].low in ("la", "l'"))
            )
            and tokens[i].low in first_name_genders()
            and tokens[j - 1].low not in first_name_genders()
        ):
            break  # "Lauren Sarkesian du New America Foundation": a person, then where she works
        if (
            j > i
            and tok.low in PARTICLES
            and j + 1 < limit
            and tokens[j + 1].is_upper
            and tokens[j + 1].low.rstrip(".") not in lex.honorifics  # "à l'AFP le Dr X"
        ):
            if _opens_person_name(tokens, j + 1, limit) and tokens[j - 1].low not in (
                first_name_genders()
            ):
                break  # "ministre de la Culture de Nicolas Sarkozy": the office, then its holder
            j += 1
            continue
        break
    end = _outlet_end(tokens, i, last_good, limit, lex)
    if (
        end == i + 1
        and tokens[i].low in lex.common_words
        and opens_sentence(tokens, i)
        and tokens[i].low not in lex.media  # "Public révèle …": the magazine
    ):
        return i  # "Beaucoup estiment …", "Même son de cloche …": the sentence's capital
    return end


def _another_name_opens(tokens: list[Token], j: int, limit: int, lex: Lexicon) -> bool:
    """Does tokens[j], inside a capitalised run, open something else than the name before it:
    a pronoun opening a sentence ("Greensboro, N.C. She spoke", "Breivik Il"), a person's name
    after an acronym ("AFP Jean Dupré", but "SNCF Transilien") or after another name ("au
    Monde Paul Dupré", "de la Mer Lina Ferrat")?"""
    tok, before = tokens[j], tokens[j - 1]
    if len(tok.low) > 1 and tok.low in lex.pronouns and tok.text.istitle():
        return True
    if (
        tok.is_upper
        and not tok.text.isupper()
        and before.text.isupper()
        and (len(before.text) > 1 and not _INITIAL.match(before.text))
        and tok.low in first_name_genders()
    ):
        return True
    return (
        _opens_person_name(tokens, j, limit)
        and before.is_upper
        and (before.low not in first_name_genders() or tokens[j - 2].low in _OF)
        and not _INITIAL.match(before.text)
    )


def _outlet_end(tokens: list[Token], i: int, e: int, limit: int, lex: Lexicon) -> int:
    """The end of a name that lowercase words complete into an outlet the lexicon knows ("Le
    Canard enchaîné", "L'Est républicain"), else `e`."""
    if e == i or not lex.media:
        return e
    article = [tokens[i - 1].text] if i > 0 and tokens[i - 1].low in _ARTICLES else []
    for end in range(e + 1, min(e + 2, limit) + 1):
        # lowercase words or a channel's number ("Europe 1", "France 2")
        if not all(t.quote < 0 and (t.text.islower() or t.text.isdigit()) for t in tokens[e:end]):
            break
        if name_key(" ".join([*article, *(t.text for t in tokens[i:end])])) in lex.media:
            return end
    return e


def is_outlet(key: str, lex: Lexicon) -> bool:
    """Is the name key `key` an outlet's name, written with or without its article ("afp",
    "parisien" for "le parisien")?"""
    return key in lex.media or any(f"{article} {key}" in lex.media for article in _OUTLET_ARTICLES)


_OUTLET_ARTICLES = ("le", "la", "l", "les", "the")


def demonym(tok: Token, lex: Lexicon) -> bool:
    """A capitalised nationality noun ("Français", "Libanais"), not an outlet ("Le Parisien")."""
    return tok.low in lex.demonyms and not is_outlet(name_key(tok.text), lex)


def demonym_opens(tokens: list[Token], a: int, b: int, lex: Lexicon) -> bool:
    """Does a nationality open the name tokens[a:b] ("le Belge Gert Vandamme"), the run being
    no outlet ("Corse Matin")?"""
    return (
        b - a > 1
        and demonym(tokens[a], lex)
        and tokens[a + 1].is_upper
        and not is_outlet(name_key(" ".join(t.text for t in tokens[a:b])), lex)
    )


def _capitalised_title(tokens: list[Token], i: int, limit: int, lex: Lexicon) -> bool:
    low = tokens[i].low
    nxt = tokens[i + 1].low if i + 1 < limit else ""
    return low in lex.titles or f"{low} {nxt}" in lex.titles


def parse_np(tokens: list[Token], i: int, limit: int, lex: Lexicon, text: str) -> Mention | None:
    """Analyse the noun phrase starting at tokens[i] (not beyond `limit`) as a speaker mention."""
    traits = lex.lang
    n = min(limit, len(tokens))
    if not 0 <= i < n or tokens[i].quote >= 0:
        return None
    if i + 1 < n and (tokens[i].low in lex.subordinators or tokens[i].low in lex.clause_openers):
        i += 1  # "While his advisers said …", "As one Twitter user pointed out": not the noun's
    first = tokens[i]
    pronoun = _pronoun_mention(tokens, i, n, lex, text)
    if pronoun is not None:
        return pronoun
    j = i
    determiner = None
    if tokens[j].low in lex.determiners:
        determiner = tokens[j].low
        j += 1
    honorific = False
    if j < n and tokens[j].low.rstrip(".") in lex.honorifics:
        honorific = True
        plural = tokens[j].low in ("mm", "mmes", "messieurs")
        j += 2 if j + 1 < n and tokens[j + 1].text == "." else 1
        if plural:
            names = _plural_names(tokens, first, j, n, lex, text)
            if names is not None:
                return names
    k = _phrase_end(tokens, i, j, n, lex)
    if k == j:
        return None
    # drop trailing particles left by a cut ("le porte-parole de")
    while k > j and tokens[k - 1].low in PARTICLES | {"l'"}:
        k -= 1
    if k == j:
        return None
    end = tokens[k - 1].end
    phrase = tokens[j:k]
    runs = _name_runs(tokens, j, k, lex)
    if runs and traits.head_noun_last and _common_head_after(tokens, runs[-1][1], k, lex):
        # "Scott's family", "two Democratic speechwriters", "Obama administration officials":
        # the name qualifies a common noun, the head, that speaks
        return Mention(
            text[first.start : end],
            first.start,
            end,
            "description",
            role=text[phrase[0].start : end],
            determiner=determiner,
        )
    if runs:
        chosen, owner = _chosen_run(tokens, runs, j, k, determiner, lex)
        if chosen is not None:
            return _name_mention(
                tokens, first, j, end, chosen, owner, determiner, honorific, lex, text
            )
    # a bare common noun is not a speaker, except plural groups ("Manifestants et …", "Other
    # Asian leaders")
    heads = {phrase[0].low, phrase[-1].low} if traits.head_noun_last else {phrase[0].low}
    if (
        determiner is None
        and not honorific
        and not any(h in lex.groups or h in lex.organisations or h in lex.titles for h in heads)
    ):
        return None
    words = text[phrase[0].start : end]
    return Mention(
        text[first.start : end],
        first.start,
        end,
        "description",
        role=words,
        determiner=determiner,
    )


def _pronoun_mention(
    tokens: list[Token], i: int, n: int, lex: Lexicon, text: str
) -> Mention | None:
    """A pronoun ("il", "she") or demonstrative phrase ("ce dernier") at tokens[i], if any."""
    first = tokens[i]
    if (
        first.low in lex.pronouns
        and not first.is_upper
        or first.low in lex.pronouns
        and (i + 1 >= n or not tokens[i + 1].is_upper)
    ):
        return Mention(first.text, first.start, first.end, "pronoun")
    if i + 1 < n and f"{first.low} {tokens[i + 1].low}" in lex.pronouns:
        # "ce dernier", "cette dernière", "the latter": a demonstrative phrase
        end = tokens[i + 1].end
        return Mention(text[first.start : end], first.start, end, "pronoun")
    return None


def _plural_names(
    tokens: list[Token], first: Token, j: int, n: int, lex: Lexicon, text: str
) -> Mention | None:
    """The names after a plural honorific ("MM. Dupré et Ferrat"), from tokens[j], if any."""
    names = []
    k = j
    while k < n:
        e = _name_run(tokens, k, n, lex)
        if e == k:
            break
        names.append(text[tokens[k].start : tokens[e - 1].end])
        k = e
        if k < n and tokens[k].low in ("et", "and", ","):
            k += 1
            continue
        break
    if not names:
        return None
    end = tokens[k - 1].end
    return Mention(
        text[first.start : end],
        first.start,
        end,
        "names",
        names=tuple(names),
        honorific=True,
    )


def _common_head_after(tokens: list[Token], e: int, k: int, lex: Lexicon) -> bool:
    """Do tokens[e:k], after the last name of a phrase, hold its head: words in lower case
    (after a possessive's "'s") ending on a noun of people or of a body ("'s family",
    "speechwriters", "administration officials")?"""
    if e < k and tokens[e].text in ("'", "’"):
        e += 2 if e + 1 < k and tokens[e + 1].low == "s" else 1
    rest = tokens[e:k]
    head = rest[-1].low if rest else ""
    return (
        bool(rest)
        and all(t.text.isalpha() and t.text.islower() for t in rest)
        and (
            head in lex.person_nouns
            or head in lex.groups
            or head in lex.titles
            or head in lex.organisations
        )
    )


def _phrase_end(tokens: list[Token], i: int, j: int, n: int, lex: Lexicon) -> int:
    """Where the phrase whose words start at tokens[j] ends: at punctuation, a boundary word,
    a verb or an auxiliary (at most 13 tokens from tokens[i])."""
    traits = lex.lang
    k = j
    while k < n:
        tok = tokens[k]
        if tok.quote >= 0 or not is_word(tok) and tok.text not in ("-",):
            if abbreviation_dot(tokens, k, lex):
                k += 1
                continue
            if k > j and tok.text == "(" and (after := _party_aside(tokens, k, n, lex)):
                k = after  # "la maire (PS) de Paris Anne Hidalgo": a party aside, not the end
                continue
            if (
                traits.possessive_s
                and tok.text in ("'", "’")
                and k > j
                and k + 2 < n
                and tokens[k + 1].low == "s"
                and is_word(tokens[k + 2])
            ):
                k += 2  # "the prime minister’s spokesman": a possessive inside the phrase
                continue
            break
        if (
            k > j
            and tok.low in lex.boundaries
            and not tok.is_upper
            and not _office_domain(tokens, k, n)
        ):
            break
        if (
            k > j
            and _base_and_clitic(tok.low)[0] in lex.verb_forms
            and not tok.is_upper
            and not (tok.low in lex.noun_like_verbs and not traits.is_base_verb(tokens, k))
            and _outlet_end(tokens, j, k, n, lex) == k  # "le Canard enchaîné": an outlet
        ):
            break
        if k > j and tok.low in lex.auxiliaries and not tok.is_upper:
            break
        if k > j and _aside_at(tokens, k, lex):
            break  # "le gouvernement de son côté estime": the aside is no part of the phrase
        if k - i > 12:
            break
        k += 1
    return k


_ASIDE_WORDS = frozenset(
    ["son", "sa", "leur", "lui", "elle", "eux", "elles", "his", "her", "their"]
)


def _aside_at(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Does an inner phrase about its subject start at tokens[k] ("de son côté", "pour sa part",
    "quant à lui", "à son tour")?"""
    phrases = _asides(lex).get(tokens[k].low)
    return bool(phrases) and any(tuple(t.low for t in tokens[k : k + len(p)]) == p for p in phrases)


_ASIDES: dict[str, dict[str, list[tuple[str, ...]]]] = {}
_INNER_ENDS: dict[str, dict[str, list[tuple[str, ...]]]] = {}


def _inner_phrase_ends(lex: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    """The language's inner phrases by last word (read once): a verb group's words are walked
    back one at a time."""
    if lex.language not in _INNER_ENDS:
        found: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lex.inner_phrases:
            found.setdefault(phrase[-1], []).append(phrase)
        _INNER_ENDS[lex.language] = found
    return _INNER_ENDS[lex.language]


def _asides(lex: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    """The language's inner phrases about the subject, by first word (read once)."""
    if lex.language not in _ASIDES:
        found: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lex.inner_phrases:
            if len(phrase) > 1 and set(phrase) & _ASIDE_WORDS:
                found.setdefault(phrase[0], []).append(phrase)
        _ASIDES[lex.language] = found
    return _ASIDES[lex.language]


# words after which "au", "aux", "à la" name an office's domain, not a place or a medium
_OFFICE_DOMAIN_BEFORE = frozenset(["état", "etat", "délégué", "déléguée", "haut-commissaire"])


def _office_domain(tokens: list[Token], k: int, n: int) -> bool:
    """Does "au", "aux" or "à" at tokens[k] open the domain of an office its holder's name
    follows ("le secrétaire d'État au numérique Cédric O", "la ministre déléguée à la
    Citoyenneté Marlène Schiappa"), not a place or a medium ("au micro de RTL")?"""
    if tokens[k].low not in ("au", "aux", "à") or tokens[k - 1].low not in _OFFICE_DOMAIN_BEFORE:
        return False
    for m in range(k + 1, min(k + 6, n)):
        if not is_word(tokens[m]) or tokens[m].quote >= 0:
            return False
        if _opens_person_name(tokens, m, n):
            return True
    return False


def _party_aside(tokens: list[Token], k: int, n: int, lex: Lexicon) -> int:
    """The index after a short capitalised aside in parentheses at tokens[k] ("(PS)", "(ex-LR)",
    "(Les Républicains)") followed by more of the phrase, or 0 (where the language sets a party
    after a title: French)."""
    if not lex.lang.party_after_title:
        return 0
    close = next((m for m in range(k + 1, min(k + 5, n)) if tokens[m].text == ")"), 0)
    inside = tokens[k + 1 : close]
    if not close or close + 1 >= n or not inside or not inside[0].text[:1].isupper():
        return 0
    after = tokens[close + 1]
    if not all(is_word(t) for t in inside) or not (
        after.is_upper or after.low in ("de", "du", "des", "d'")
    ):
        return 0  # "Lise Bonal (LR) et Anne Roux (PS)": two people, not one phrase
    return close + 1


def _name_runs(tokens: list[Token], j: int, k: int, lex: Lexicon) -> list[tuple[int, int]]:
    """The proper names inside tokens[j:k], as (start, end) token spans; a lone capitalised
    title ("le Premier ministre", "Mayor") is no name."""
    runs = []
    m = j
    while m < k:
        if generic_acronym(tokens[m]):
            m += 1  # "l'ONG", "l'ONG Foodwatch": the kind of body, not its name
            continue
        e = _name_run(tokens, m, k, lex)
        if e == m + 1 and _capitalised_title(tokens, m, k, lex):
            e = m  # "le Premier ministre", "Mayor": a title, not a name
        elif e > m + 2 and tokens[m].low in lex.titles and tokens[m + 1].low in PARTICLES:
            e = m  # "le Ministre des Solidarités": a title, then its complement
        if e > m:
            runs.append((m, e))
            m = e
        else:
            m += 1
    return runs


# nouns that stand for a body the article named ("le groupe" for "Valtex", "the union"), unlike
# the institutions that are their own name ("la préfecture", "le gouvernement")
GENERIC_BODIES = listed("generic_bodies.txt")


def body_name_after_title(tokens: list[Token], a: int, start: int, lex: Lexicon) -> bool:
    """Is the name at tokens[a] the name of the body a title governs, written right after the
    body's noun ("le président du parti Les Républicains", "la patronne du syndicat Solidaires"):
    the body, not the title's holder? Never a given name and surname ("… du parti Jean Dupont")."""
    k = a - 1
    article = k > start and tokens[k].is_upper and tokens[k].low in ("les", "la", "le", "l'")
    if article:
        k -= 1
    return (
        k > start
        and (tokens[k].low in lex.organisations or tokens[k].low in GENERIC_BODIES)
        and any(t.low in lex.titles for t in tokens[start:k])
        # one word, or a name opening on its article: "PDG du groupe Harald Krüger" is him
        and (article or a + 1 >= len(tokens) or not tokens[a + 1].is_upper)
        and not _opens_person_name(tokens, a, len(tokens))
    )


def generic_acronym(tok: Token) -> bool:
    """Is this acronym a kind of body ("ONG", "NGO") rather than a body's name?"""
    return len(tok.text) > 1 and tok.text.isupper() and tok.low in GENERIC_BODIES


def _title_complement(tokens: list[Token], a: int, j: int, lex: Lexicon) -> bool:
    """Is the name at tokens[a] the complement of a title ("ministre de l'Éducation")?"""
    k = a - 1
    if k > j and tokens[k].low in ("l'", "la", "le", "les"):
        k -= 1
    return k > j and tokens[k].low in ("de", "d'", "du", "des") and tokens[k - 1].low in lex.titles


def _candidate_runs(
    tokens: list[Token], runs: list[tuple[int, int]], j: int, lex: Lexicon
) -> list[tuple[int, int]]:
    """The runs that may name the speaker: a nationality opening a run left out ("le Belge Gert
    Vandamme"; "La Française des Jeux" is a name), a medium qualifying a document dropped ("le
    compte Twitter de X", "sa page Facebook": the owner after it speaks)."""
    runs = [(a + 1, b) if demonym_opens(tokens, a, b, lex) else (a, b) for a, b in runs]
    return [
        (a, b)
        for a, b in runs
        if not (
            a > j
            and tokens[a - 1].low in lex.documents
            and is_outlet(name_key(" ".join(t.text for t in tokens[a:b])), lex)
        )
    ]


def _governed_run(
    tokens: list[Token], runs: list[tuple[int, int]], j: int, k: int, lex: Lexicon
) -> tuple[tuple[int, int] | None, bool]:
    """When every run is governed by "de": a document's owner ("le rapport de l'ONU"), or the
    person after a ministry ("le ministre de l'Économie Luc Armand"); and whether it owns."""
    a, b = runs[0]
    head = tokens[j].low
    if head in _ROLE_ADJECTIVES and j + 1 < k:
        head = tokens[j + 1].low  # "le grand rabbin de France Haïm Korsia"
    if head in lex.documents:
        if _title_complement(tokens, a, j, lex):
            return None, False  # "le compte Twitter de l'ancien ministre de l'Éducation"
        return (a, b), True
    if (
        head in lex.titles
        and runs[-1][1] - runs[-1][0] >= 3
        and not tokens[runs[-1][0] - 1].is_upper  # "le maire Les Républicains de Sablon"
    ):
        return (runs[-1][1] - 2, runs[-1][1]), False
    return None, False


def _chosen_run(
    tokens: list[Token],
    runs: list[tuple[int, int]],
    j: int,
    k: int,
    determiner: str | None,
    lex: Lexicon,
) -> tuple[tuple[int, int] | None, bool]:
    """The name run that names the speaker, and whether it is a document's owner.

    Prefer one not governed by "de" ("président de l'Assemblée Claude Bartolone" → Claude
    Bartolone), else the owner of a document ("documentaire d'X")."""
    traits = lex.lang
    a, b = runs[0]
    if (
        a == j
        and b - a >= 2
        and b < k
        and tokens[b].low in ("de", "d'", "du", "des")
        and tokens[a].low not in lex.organisations
        and tokens[a].low not in lex.titles
    ):
        return (a, b), False  # "Neema Guliani de l'association ACLU": the name that opens it
    chosen = None
    owner = False
    runs = _candidate_runs(tokens, runs, j, lex)
    if not runs:
        return None, False  # "le compte Twitter de la ligne 13": a described source
    for a, b in runs:
        if b - a == 1 and demonym(tokens[a], lex):
            continue  # "le Français", "un jeune Libanais": a person described, not named
        prev = tokens[a - 1].low if a > j else None
        complement = (
            traits.name_after_title_is_complement
            and b - a == 1
            and a > j + 1
            and prev is not None
            and tokens[a - 1].text.islower()
            and prev not in lex.titles
            and tokens[j].low in lex.titles
        )  # "le président de la région Normandie": the region, not the person
        affiliation = (
            traits.party_after_title
            and a > j
            and (
                (prev in lex.titles and b - a == 1 and tokens[a].text.isupper())
                or (
                    prev in ("les", "la", "le")
                    and tokens[a - 1].is_upper
                    and a - 1 > j
                    and tokens[a - 2].low in lex.titles
                )
                # "l'ancien maire Les Républicains de Tourcoing": the run opens on its article
                or (prev in lex.titles and tokens[a].low in ("les", "la", "le"))
            )
        )  # "le député LFI", "l'eurodéputée Les Républicains": the party qualifies the role
        if (
            prev not in ("de", "d'", "du", "des", "l'", "la", "le", "of")
            and not complement
            and not affiliation
            and not body_name_after_title(tokens, a, j, lex)
        ):
            chosen = (a, b)
    if chosen is None:
        chosen, owner = _governed_run(tokens, runs, j, k, lex)
    if (
        chosen is not None
        and traits.capitalised_adjectives
        and chosen[1] < k
        and tokens[chosen[1]].text.islower()
        and (
            determiner is not None
            or tokens[chosen[1]].low in lex.titles
            or tokens[chosen[1]].low in lex.groups
            or tokens[chosen[1]].low in lex.organisations
        )
    ):
        chosen = None  # "the Democratic nominee": a capitalised adjective, not a name
    return chosen, owner


def _name_mention(
    tokens: list[Token],
    first: Token,
    j: int,
    end: int,
    chosen: tuple[int, int],
    owner: bool,
    determiner: str | None,
    honorific: bool,
    lex: Lexicon,
    text: str,
) -> Mention:
    """The mention of the name tokens[chosen], the words before it from tokens[j] its role."""
    a, b = chosen
    while b - a > 1 and (tokens[a].low in lex.titles or tokens[a].low in lex.honorifics):
        # "les calculs de Mme X": an honorific says the owner of a document is a person
        honorific = honorific or (owner and tokens[a].low in lex.honorifics)
        a += 1  # "Mayor Ellen Tate", "Président Jean Dupré": the title is a role
        if tokens[a].text == "." and a + 1 < b:
            a += 1  # never past the run's last word ("… a dit le préfet M.")
    if lex.lang.titles_stack_before_name:
        # "House Speaker Ellen Tate", "Vice President Owen Pryce": the name follows
        # the last title of the run
        for t in range(b - 2, a - 1, -1):
            if tokens[t].low in lex.titles:
                a = t + 1
                break
    name = text[tokens[a].start : tokens[b - 1].end]
    role_tokens = [t for t in tokens[j:a] if t.text != ","]
    while role_tokens and role_tokens[-1].low in PARTICLES | {"l'"}:
        role_tokens.pop()
    role = " ".join(t.text for t in role_tokens) if role_tokens else None
    role = role.replace("' ", "'") if role else None
    if owner:
        role = tokens[j].text
        # "le communiqué du ministère de la Défense": the owner is the ministry
        o = a - 1
        while o > j and tokens[o].low in PARTICLES | {"l'"}:
            o -= 1
        if o > j and tokens[o].low in lex.organisations:
            name = text[tokens[o].start : tokens[b - 1].end]
    return Mention(
        text[first.start : tokens[b - 1].end] if not owner else text[first.start : end],
        first.start,
        tokens[b - 1].end if not owner else end,
        "name",
        name=name,
        role=role,
        determiner=determiner,
        honorific=honorific,
        owner=owner,
    )


_MARKS = frozenset(["«", "»", "“", "”", '"', "''"])
_CLOSING = frozenset(["»", "”", '"', "''"])


def _spaced(tokens: list[Token], j: int) -> bool:
    """Is tokens[j] set apart by spaces from the words on both sides?"""
    return (
        0 < j < len(tokens) - 1
        and tokens[j - 1].end < tokens[j].start
        and tokens[j + 1].start > tokens[j].end
    )


def clause_start(tokens: list[Token], i: int, lex: Lexicon) -> int:
    """Index of the first token of the clause that ends before tokens[i]."""
    traits = lex.lang
    j = i - 1
    while j >= 0:
        tok = tokens[j]
        if tok.text == ")" and tok.quote < 0:
            # "L'Association des maires (AMF), relayée par …, évoquait": a parenthesis is
            # transparent when it closes within a few words
            k = j - 1
            while k >= 0 and j - k <= 8 and tokens[k].text not in ("(", ")"):
                if tokens[k].quote >= 0:
                    break
                k -= 1
            if k >= 0 and tokens[k].text == "(" and j - k <= 8:
                j = k - 1
                continue
        if tok.text in ("—", "–") and tok.quote < 0:
            # "Jason Sims — a teacher from Lyon — says": a parenthesis between dashes
            k = j - 1
            while k >= 0 and j - k <= 12 and tokens[k].text not in ("—", "–", ".", ";"):
                k -= 1
            if k > 0 and j - k <= 12 and tokens[k].text == tok.text:
                j = k - 1
                continue
        if tok.quote >= 0 or tok.text in _CLOSING:
            # "La ministre, qui a rendu hommage au « Lider Maximo », a déclaré": a short
            # quoted name inside the clause does not end it
            k = j
            while k >= 0 and (tokens[k].quote >= 0 or tokens[k].text in _MARKS):
                k -= 1
            inside = sum(1 for t in tokens[k + 1 : j + 1] if t.quote >= 0)
            if (
                traits.short_quoted_names_in_clause
                and 0 < inside <= 4
                and k >= 0
                and is_word(tokens[k])
                and tok.text in _CLOSING
            ):
                j = k
                continue
            return j + 1
        if tok.text in (";", ":", "(", ")", "«", "“", "—"):
            return j + 1
        if tok.text == "–" and traits.dash_ends_dateline:
            return j + 1  # "MACAU (Reuters) – X said": a dateline
        if tok.low in lex.clause_openers and j + 1 < i:
            return j + 1  # "… was underscored when Speaker X lamented …": the when-clause
        if tok.text == "-" and traits.dash_ends_dateline and _spaced(tokens, j):
            return j + 1  # "LONDON (Reuters) - X said": a hyphen between spaces is a dash
        if tok.low in ("que", "qu'", "that"):
            return j + 1
        j -= 1
    return 0


def _is_adverbial_segment(seg: list[Token], lex: Lexicon) -> bool:
    """Is this comma-delimited segment an adverbial ("Lundi", "Selon toute vraisemblance",
    "Speaking on the radio") rather than the subject?"""
    first = seg[0].low
    if lex.lang.opening_adverbial(seg, lex):
        return True
    if " ".join(t.low for t in seg if t.text != ".") in lex.places:
        return True  # "Johnnie Wilson, of Springfield, Va., said": a place
    if first in lex.prepositions and first not in ("de",):
        return True
    if first in lex.adverbs or first in lex.connectors:
        return len(seg) == 1
    return lex.lang.participial_segment(seg, lex)


_RELATIVES = ("who", "whose", "which")


def subject_before(tokens: list[Token], first: int, lex: Lexicon, text: str) -> Mention | None:
    """The subject noun phrase to the left of the verb group starting at tokens[first]."""
    traits = lex.lang
    j = first
    if traits.coordinated_verb_shares_subject and j > 1 and tokens[j - 1].low in ("and", "but"):
        # "Tate thanked the crowd and said …": a coordinated verb shares the opening subject
        mention = sentence_subject(tokens, j - 1, lex, text)
        if mention is not None:
            return mention
    # "X, qui a déclaré": the relative pronoun stands for X
    if j > 0 and tokens[j - 1].low in ("qui", "who"):
        j -= 1
        if j > 0 and tokens[j - 1].text == ",":
            j -= 1
        antecedent = _relative_antecedent(tokens, j, lex, text)
        if antecedent is not None:
            return antecedent
    segments = _subject_segments(tokens, j, lex)
    for index in range(len(segments) - 1, -1, -1):
        seg = segments[index]
        if _is_adverbial_segment(seg, lex):
            continue
        if traits.loose_subject_segments and index > 0 and seg[0].low in _RELATIVES:
            continue  # "X, 58, who lives outside Leeds, says": the clause describes X
        if (
            traits.loose_subject_segments
            and index > 0
            and seg[0].low in ("and", "but")
            and len(seg) > 1
        ):
            seg = seg[1:]  # "Four in ten see A, and a third said B": the second clause's subject
        start_index = tokens.index(seg[0])
        end_index = tokens.index(seg[-1]) + 1
        # skip leading adverbs / time words ("Hier mardi, le chef …" handled as a segment)
        mention = parse_np(tokens, start_index, end_index, lex, text)
        if (
            traits.loose_subject_segments
            and mention is not None
            and _english_opener(tokens, mention, lex)
        ):
            # "Nearly half said", "Years after Bill Clinton claimed": a capitalised first word
            # before plain words is no name; a name further on in the segment speaks
            mention = _english_after_opener(tokens, start_index, end_index, lex, text) or mention
        if mention is None:
            continue
        chosen = mention
        # an apposition after the name: "Paul Morel, un pilote de 26 ans, a déclaré"
        if mention.kind == "description" and index > 0:
            named = _name_before_description(tokens, segments, index, mention, lex, text)
            if named is not None:
                return named
        # an apposition: "le ministre des finances, Pierre Moscovici, a ajouté"
        if mention.kind == "name" and mention.role is None and index > 0:
            prev = segments[index - 1]
            p_start = tokens.index(prev[0])
            p_mention = parse_np(tokens, p_start, tokens.index(prev[-1]) + 1, lex, text)
            if p_mention is not None and p_mention.kind == "description":
                chosen = Mention(
                    mention.text,
                    mention.start,
                    mention.end,
                    "name",
                    name=mention.name,
                    role=p_mention.role,
                    determiner=p_mention.determiner,
                    honorific=mention.honorific,
                )
        return chosen
    return None


def _relative_antecedent(tokens: list[Token], j: int, lex: Lexicon, text: str) -> Mention | None:
    """The name just before a relative pronoun (or its comma) at tokens[j], if it is one:
    "au lendemain du Premier ministre Jean Dupin qui a …"."""
    if (
        j > 2
        and tokens[j - 1].text == ")"
        and tokens[j - 3].text == "("
        and tokens[j - 2].text.isupper()
    ):
        j -= 3  # "par Marie-George Buffet (PCF) qui a tancé": a party's acronym comes between
    k = j
    while k > 0 and tokens[k - 1].is_upper and tokens[k - 1].quote < 0:
        k -= 1
    if k >= 2 and tokens[k - 1].low in _ARTICLES and tokens[k - 2].low in ("de", "d'"):
        # "souligne le chef de l'Etat qui pointe": the name completes a description
        described = _description_before(tokens, k - 2, j, lex, text)
        if described is not None:
            return described
    if k < j and (k == 0 or tokens[k - 1].text not in (".", "!", "?", "de", "du", "des", "d'")):
        mention = parse_np(tokens, k, j, lex, text)
        if mention is not None and mention.kind == "name":
            return mention
    return None


def _description_before(
    tokens: list[Token], k: int, j: int, lex: Lexicon, text: str
) -> Mention | None:
    """The description of a person or a body whose complement opens at tokens[k] and ends
    before tokens[j] ("le chef de l'Etat"), if one stands just before it."""
    for d in range(k - 2, max(k - 6, -1), -1):
        if tokens[d].quote >= 0 or tokens[d].text in (",", ".", ";", ":"):
            return None
        head = tokens[d + 1].low
        if tokens[d].low in lex.determiners and (
            head in lex.titles or head in lex.person_nouns or head in lex.organisations
        ):
            # "du ministre de l'Intérieur Gérald Darmanin qui": the name the role holds
            mention = parse_np(tokens, d, j, lex, text)
            return mention if mention is not None and mention.kind != "pronoun" else None
    return None


def _subject_segments(tokens: list[Token], j: int, lex: Lexicon) -> list[list[Token]]:
    """The comma-separated segments of the clause before tokens[j], connectors left out."""
    cs = clause_start(tokens, j, lex)
    span = tokens[cs:j]
    while span and (span[0].low in lex.connectors or span[0].text == ","):
        span = span[1:]
    segments: list[list[Token]] = [[]]
    for tok in span:
        if tok.text == ",":
            segments.append([])
        else:
            segments[-1].append(tok)
    last = segments[-1]
    while len(last) > 1 and lex.lang.adverb_before_verb(last[-1].low):
        last.pop()  # "The Democratic nominee aggressively attacked": the adverb is the verb's
    return [s for s in segments if s]


def _name_before_description(
    tokens: list[Token],
    segments: list[list[Token]],
    index: int,
    mention: Mention,
    lex: Lexicon,
    text: str,
) -> Mention | None:
    """The name in the segment before the description segments[index], which stands in
    apposition to it: "Paul Morel, un pilote de 26 ans, a déclaré"."""
    traits = lex.lang
    prev = segments[index - 1]
    if _is_adverbial_segment(prev, lex):
        return None
    p_start = tokens.index(prev[0])
    p_mention = parse_np(tokens, p_start, tokens.index(prev[-1]) + 1, lex, text)
    head = (mention.role or "").lower().split()[:1]
    if (
        p_mention is not None
        and p_mention.kind == "name"
        and (
            p_mention.end == prev[-1].end
            or (traits.place_after_name and english_place_after(prev, p_mention.end))
        )
        # "Rather, a spokesman said": one capitalised word may be an adverb; a surname before
        # an indefinite role ("Flynn, a top surrogate, said") is no word of the language's lists
        and (
            len((p_mention.name or "").split()) >= 2
            or p_mention.honorific
            or (
                traits.loose_subject_segments
                and mention.determiner in lex.indefinites
                and _surname_alone(prev, lex)
            )
        )
        and (
            mention.determiner in lex.indefinites
            or (head and head[0] in lex.titles)
            # "Steve Coll, the dean of the school, said": the name alone opening
            # the clause, after adverbials ("in Hudson, New Hampshire Monday, the
            # supporter": a town, then its state)
            or (
                traits.loose_subject_segments
                and p_mention.start == prev[0].start
                and prev[0].text[:1].isalpha()
                and all(_is_adverbial_segment(x, lex) for x in segments[: index - 1])
                and (index == 1 or not segments[index - 2][-1].is_upper)
            )
        )
    ):
        return Mention(
            p_mention.text,
            p_mention.start,
            p_mention.end,
            "name",
            name=p_mention.name,
            role=p_mention.role or mention.role,
            determiner=p_mention.determiner,
            honorific=p_mention.honorific,
        )
    return None


def _surname_alone(seg: list[Token], lex: Lexicon) -> bool:
    """Is the segment one capitalised word that no list of the language knows ("Flynn", not
    "Rather" or "Meanwhile")?"""
    if len(seg) != 1 or not seg[0].is_upper or not seg[0].text.isalpha():
        return False
    low = seg[0].low
    return not (
        low.endswith("ly")
        or low in lex.stopwords
        or low in lex.connectors
        or low in lex.adverbs
        or low in lex.prepositions
        or low in lex.verb_forms
    )


def _english_opener(tokens: list[Token], mention: Mention, lex: Lexicon) -> bool:
    """Is this one-word name the capitalised first word of the sentence, followed by a plain
    lower-case word that is neither a verb nor an adverb ("Nearly half", "Each faction")?"""
    if mention.kind != "name":
        return False
    i = next((k for k, t in enumerate(tokens) if t.start == mention.start), -1)
    if i < 0 or i + 1 >= len(tokens) or tokens[i + 1].start != mention.end + 1:
        return False
    nxt = tokens[i + 1]
    return (
        i == _dateline_end(tokens)
        and tokens[i].text.isalpha()
        and not tokens[i].text.isupper()
        and tokens[i].low not in lex.titles
        and tokens[i].low not in first_name_genders()
        and nxt.text.isalpha()
        and nxt.text.islower()
        and (nxt.low in lex.subordinators or _english_plain_word(tokens, i + 1, lex))
    )


def _english_plain_word(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Is tokens[i] a content word: no verb, adverb, preposition, modal or contraction?"""
    nxt = tokens[i]
    return (
        nxt.low not in lex.verb_forms
        and nxt.low not in lex.auxiliaries
        and nxt.low not in lex.adverbs
        and nxt.low not in lex.stopwords
        and nxt.low not in lex.prepositions
        and nxt.low not in lex.modals
        and not nxt.low.endswith("ly")
        and (i + 1 >= len(tokens) or tokens[i + 1].text[:1] not in ("'", "’"))
    )


def _english_after_opener(
    tokens: list[Token], i: int, end: int, lex: Lexicon, text: str
) -> Mention | None:
    """The subject of a segment whose first word is no name: the name of an opening
    subordinate clause ("Years after X claimed"), else the noun phrase after that word."""
    for k in range(i + 2, end):
        if tokens[k].is_upper and tokens[k - 1].low in lex.subordinators:
            mention = parse_np(tokens, k, end, lex, text)
            if mention is not None and mention.kind == "name":
                return mention
    if tokens[i + 1].low in lex.subordinators:
        return None
    return parse_np(tokens, i + 1, end, lex, text)


def english_place_after(seg: list[Token], end: int) -> bool:
    """Are the words of `seg` after offset `end` a place ("of Oklahoma", "from New York")?"""
    rest = [t for t in seg if t.start >= end]
    return (
        len(rest) >= 2
        and rest[0].low in ("of", "from")
        and all(t.is_upper or t.text == "." for t in rest[1:])
    )


def _dateline_end(tokens: list[Token]) -> int:
    """Index after a dateline opening the sentence ("WASHINGTON —", "MACAU (Reuters) –",
    "PHILADELPHIA, July 25 (UPI) —"), else 0."""
    for k, tok in enumerate(tokens[:12]):
        if tok.text in ("—", "–", "-"):
            before = [t for t in tokens[:k] if is_word(t)]
            if before and all(t.is_upper or t.text.isdigit() for t in before):
                return k + 1
            return 0
    return 0


def sentence_subject(tokens: list[Token], before: int, lex: Lexicon, text: str) -> Mention | None:
    """The English noun phrase that opens the sentence before tokens[before], after adverbial
    segments ("On Monday, Mayor Tate …"): the subject a participle or a second verb shares."""
    i = _dateline_end(tokens)
    while i < before:
        end = i
        while end < before and tokens[end].text != ",":
            end += 1
        segment = tokens[i:end]
        if segment and not _is_adverbial_segment(segment, lex):
            limit = i
            while limit < end and (
                tokens[limit].is_upper
                or tokens[limit].low in lex.determiners
                or tokens[limit].low in lex.titles
                or tokens[limit].low in lex.organisations
                or tokens[limit].low in lex.groups
                or abbreviation_dot(tokens, limit, lex)
            ):
                limit += 1
            return parse_np(tokens, i, limit, lex, text) if limit > i else None
        i = end + 1
    return None


def subject_after(tokens: list[Token], last: int, lex: Lexicon, text: str) -> Mention | None:
    """The inverted subject right after a verb group ending at tokens[last]."""
    j = last + 1
    n = len(tokens)
    limit = j
    while limit < n:
        if (
            limit > j
            and tokens[limit].text == "("
            and (after := _party_aside(tokens, limit, n, lex))
        ):
            limit = after  # "a déclaré le député (LR) Éric Ciotti"
            continue
        if tokens[limit].text in (",", ".", ";", ":", "(", ")", "!", "?") and not abbreviation_dot(
            tokens, limit, lex
        ):
            break
        if tokens[limit].quote >= 0:
            break
        limit += 1
    if j == limit and j < n and tokens[j].text == ",":
        # "soutenait, mercredi 24 juin, la Ligue …": skip a short inserted complement
        k = j + 1
        while k < n and k - j <= 7 and tokens[k].text not in (",", ".", ";", ":"):
            k += 1
        if k < n and tokens[k].text == "," and k - j <= 7:
            return subject_after(tokens, k, lex, text)
    while (
        j < limit
        and (tokens[j].low in lex.adverbs or tokens[j].low in lex.boundaries)
        and (tokens[j].low not in lex.prepositions)
        and not _demonstrative_person(tokens, j, limit, lex)
    ):
        if tokens[j].low in ("que", "qu'") and lex.lang.complementizer_ends_inversion:
            return None  # "a déclaré que Cuba …": the reported clause, not an inverted subject
        j += 1
    if j >= limit:
        return None
    partitive = (
        tokens[j].low in ("des", "du")
        and j + 1 < limit
        and (tokens[j + 1].low in lex.groups or tokens[j + 1].low in lex.titles)
    )  # "confient des habitants": an article, not a preposition
    outlet_end = None
    if tokens[j].low in lex.prepositions and not partitive:
        outlet_end = _named_outlet_end(tokens, j + 1, limit, lex)
        if outlet_end is not None and outlet_end < limit:
            # "a déclaré à l'AFP Alicia, 46 ans": whoever follows the outlet spoke to it
            mention = source_np(tokens, outlet_end, limit, lex, text)
            if mention is not None:
                return mention
        # "a déclaré à l'AFP le maire de Sablon, X": the subject follows the complement
        # (or a body: "a indiqué dans un communiqué le ministère de …", "à l'AFP la police")
        for k in range(j + 2, min(limit - 1, j + 8)):
            # "auprès de l'AFP un autre avocat du dossier": the head may follow an adjective
            heads = [tokens[k + 1].low]
            if heads[0] in _ROLE_ADJECTIVES and k + 2 < limit:
                heads.append(tokens[k + 2].low)
            if (
                tokens[k].low in ("le", "la", "l'", "les", "un", "une", "the", "a", "an")
                and tokens[k - 1].low not in lex.prepositions
                and any(
                    head in lex.titles
                    or head in lex.organisations
                    or head in lex.groups
                    or head in lex.person_nouns  # "analyse dans Le Parisien un ténor de …"
                    for head in heads
                )
            ):
                j = k
                break
    if tokens[j].low in lex.prepositions and not partitive:
        # inside a complement ("a annoncé à l'agence X Valentine Sapounov"): take the last name
        # — never the outlet the complement names ("sur France Inter")
        return _last_name_in(tokens, outlet_end or j + 1, limit, lex, text)
    return source_np(tokens, j, limit, lex, text)


def subject_past_complements(
    tokens: list[Token], last: int, lex: Lexicon, text: str
) -> Mention | None:
    """The inverted subject of a cue after the quotation, past the adverbials and complements
    that come first: « … », a réagi jeudi soir, auprès du Parisien, le secrétaire d'Etat / a
    renchéri sur BFMTV, le patron du PS / dit en écho Ellie Komaiti depuis Athènes. The first
    noun phrase outside a complement that names someone: a name, or a determiner before a
    title, a person, a body or a group."""
    n = len(tokens)
    k = last + 1
    while k < n and k - last <= _PAST_COMPLEMENTS:
        tok = tokens[k]
        if tok.quote >= 0 or (
            tok.text in (".", ";", ":", "!", "?", "«", "“") and not abbreviation_dot(tokens, k, lex)
        ):
            return None
        if tok.low in _RELATIVE_STARTS:
            return None  # "ajoute celle qui préside le Haut Conseil": not the body she heads
        before = tokens[k - 1]
        # not inside a complement ("auprès du Parisien") nor a name ("le Daily Mail")
        free = (
            before.low not in lex.prepositions
            and before.low not in _ARTICLES
            and before.low != "d'"
            and not (is_capitalised(before, lex) and is_capitalised(tok, lex))
        )
        if free and _opens_subject(tokens, k, lex):
            limit = clause_limit(tokens, k, (",", ".", ";", ":", "(", "!", "?", "«", "“"), lex)
            return source_np(tokens, k, limit, lex, text)
        k += 1
    return None


_RELATIVE_STARTS = listed("fr/relative_starts.txt")
_CONTRACTED = listed("fr/contracted_articles.txt")
_PAST_COMPLEMENTS = 12  # tokens: "a déclaré mardi soir, auprès du Parisien, le …"


def _opens_subject(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    tok = tokens[k]
    if is_capitalised(tok, lex):
        return _named_outlet_end(tokens, k, len(tokens), lex) is None  # "sur France Info"
    if tok.low not in lex.determiners or tok.low in _CONTRACTED or k + 1 >= len(tokens):
        return False  # "au", "du": a complement ("dans les colonnes du Journal du Dimanche")
    heads = [tokens[k + 1].low]
    if heads[0] in _ROLE_ADJECTIVES and k + 2 < len(tokens):
        heads.append(tokens[k + 2].low)
    return any(
        h in lex.titles or h in lex.person_nouns or h in lex.organisations or h in lex.groups
        for h in heads
    )


def _named_outlet_end(tokens: list[Token], k: int, limit: int, lex: Lexicon) -> int | None:
    """Where a news outlet named from tokens[k] ("l'AFP", "au Parisien", "France Info") ends,
    when one is named there before `limit`."""
    if k >= len(tokens):
        return None
    start = k + 1 if tokens[k].low in _ARTICLES else k
    for size in (3, 2, 1):
        end = start + size
        if end <= limit and is_outlet(name_key(" ".join(t.text for t in tokens[start:end])), lex):
            return end
    return None


def source_np(tokens: list[Token], j: int, limit: int, lex: Lexicon, text: str) -> Mention | None:
    """The noun phrase tokens[j:limit] naming a source, or the name set in apposition after it
    when it describes someone: "a déclaré un porte-parole, Jean Dupré, …", "selon l'un de ses
    proches, Paul Morand, …" name Jean Dupré and Paul Morand."""
    mention = parse_np(tokens, j, limit, lex, text)
    n = len(tokens)
    author = _document_agent(tokens, mention, limit, lex, text)
    if author is not None:
        return author
    if (
        mention is not None
        and (mention.kind == "description" or _named_complement(mention))
        and limit + 1 < n
        and (tokens[limit].text == ",")
    ):
        k = _after_apposition(tokens, limit + 1, lex)
        e = _name_run(tokens, k, n, lex)
        if e - k >= 2 and (e == n or tokens[e].text in (",", ".", ";", ")")):
            name = text[tokens[k].start : tokens[e - 1].end]
            return Mention(
                name,
                tokens[k].start,
                tokens[e - 1].end,
                "name",
                name=name,
                role=mention.role,
                determiner=mention.determiner,
            )
    return mention


def _document_agent(
    tokens: list[Token], mention: Mention | None, limit: int, lex: Lexicon, text: str
) -> Mention | None:
    """The author a document's participle names ("selon une étude publiée par l'Insee", "un
    sondage réalisé par Ifop pour …"): the source is the body after "par", not the document —
    unless the participle says who relays it ("le rapport cité par Le Parisien")."""
    if mention is None or mention.kind != "description" or not mention.role:
        return None
    words = mention.role.lower().split()
    if words[0] not in lex.documents or set(words) & lex.relay_participles:
        return None
    k = next((i for i, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
    # the participle, in the description or after it, perhaps with an adverb ("publiée mardi")
    participle = len(words) >= 2
    for m in range(k, min(k + 3, limit - 1)):
        if tokens[m].low in lex.relay_participles:
            return None
        if tokens[m].low in lex.agent_prepositions and (participle or m > k):
            return source_np(tokens, m + 1, limit, lex, text)
        if not tokens[m].text[:1].islower():
            return None
    return None


def _named_complement(mention: Mention) -> bool:
    """Is the name of `mention` the complement of its role, naming a place or a body rather
    than the speaker ("la directrice de l'école Carl Orff")?"""
    if mention.kind != "name" or not mention.role or mention.honorific:
        return False
    words = mention.role.split()
    return len(words) >= 2 and any(w in _OF or w.startswith(("d'", "d’")) for w in words[1:])


def _after_apposition(tokens: list[Token], k: int, lex: Lexicon) -> int:
    """Where a name may stand after tokens[k:], past one apposition describing a body named
    before it ("la directrice de la Fébéa, le syndicat de la cosmétique, Anne Dux"): k when
    tokens[k] opens no such apposition."""
    if tokens[k].low not in lex.determiners:
        return k
    for m in range(k + 2, min(k + 10, len(tokens) - 1)):
        if tokens[m].quote >= 0 or tokens[m].text in (".", ";", ":", "(", ")"):
            return k
        if tokens[m].text == ",":
            return m + 1
    return k


def _demonstrative_person(tokens: list[Token], j: int, limit: int, lex: Lexicon) -> bool:
    """ "cette habitante", "ce médecin": a demonstrative opening a person, not a time ("cette
    semaine", "ce mercredi")."""
    if j + 1 >= limit or tokens[j].low not in ("ce", "cet", "cette"):
        return False
    noun = tokens[j + 1].low
    return noun in lex.person_nouns or noun in lex.titles


def _last_name_in(
    tokens: list[Token], k: int, limit: int, lex: Lexicon, text: str
) -> Mention | None:
    """The mention after the first honorific in tokens[k:limit], else the last name of two
    words or more there."""
    best = None
    while k < limit:
        if tokens[k].low.rstrip(".") in lex.honorifics:
            return parse_np(tokens, k, limit, lex, text)
        e = _name_run(tokens, k, limit, lex)
        if e > k:
            best = (k, e)
            k = e
        else:
            k += 1
    if best is None:
        return None
    a, b = best
    if b - a < 2:
        return None
    return parse_np(tokens, a, b, lex, text)


def source_phrase(tokens: list[Token], i: int, lex: Lexicon) -> int:
    """Length of the source cue ("selon", "d'après", "according to") at tokens[i], or 0."""
    if tokens[i].low not in lex.cue_first_words:
        return 0
    for phrase in lex.cue_phrases:
        words = tuple(t.low for t in tokens[i : i + len(phrase)])
        if words == phrase or (
            phrase == ("d'après",)
            and words[:1] == ("d'",)
            and i + 1 < len(tokens)
            and tokens[i + 1].low == "après"
        ):
            return 2 if phrase == ("d'après",) and words[:1] == ("d'",) else len(phrase)
        if (
            phrase == ("d'après",)
            and tokens[i].low == "d'"
            and i + 1 < len(tokens)
            and (tokens[i + 1].low == "après")
        ):
            return 2
    return 0
