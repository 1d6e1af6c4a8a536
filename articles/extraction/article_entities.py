"""Who is who in one article: the names it writes (their fullest form, kind and gender), the
roles it binds to them, the groups and descriptions a pronoun may stand for. Built once per body,
before any quotation is attributed (speakers.py resolves each quotation's mention against it)."""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

from .cues import (
    GENERIC_BODIES,
    NAME_PREFIXES,
    PARTICLES,
    Mention,
    _name_run,
    body_name_after_title,
    demonym,
    demonym_opens,
    generic_acronym,
    is_capitalised,
    is_outlet,
    is_word,
    parse_np,
)
from .lexicon import (
    Lexicon,
    english_first_name_genders,
    first_name_gender,
    listed,
    name_types,
    title_gender,
    word_list,
)
from .names import KnownName, name_key
from .text import Token

_ROLE_SKIP = listed("role_skip.txt")

_ROLE_ADJECTIVES = listed("role_adjectives.txt")

# nouns that stand for the outlet the article named ("précise le quotidien")
_MEDIA_NOUNS = listed("media_nouns.txt")

_FORMER = listed("former.txt")
_NOT_NAMES = frozenset(name_key(w) for w in listed("not_names.txt"))
_OTHER_PARTICIPLES = ("u", "ue", "us", "ues", "i", "is", "ie", "ies", "it", "ite", "int", "inte")
# roles that name whoever holds an office of their kind ("l'élu" for "le député X")
_ANY_OFFICE = listed("any_office.txt")


@dataclass(slots=True)
class Binding:
    """A role the article binds to a name ("le président russe Vladimir Poutine")."""

    role_words: tuple[str, ...]
    name: str
    position: int
    owner: bool = False
    role: str = ""


def _one_letter_apart(a: str, b: str) -> bool:
    """Do `a` and `b` differ by one letter changed, added or dropped?"""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


_ASIDE = re.compile(r"\([^()]*\)")


_DEFINITE_ARTICLES = frozenset(["le", "la", "les", "the"])
_ELIDED = ("l'", "l’")
# "le ministre de la Justice Nicole Belloubet": a noun in a role's complement is no body's name
_COMPLEMENT = frozenset(["de", "d'", "d’", "du", "des", "à", "au", "aux", "of"])
_WRITTEN_WORD = re.compile(r"[\w'’.-]+")


def body_nouns(lex: Lexicon) -> frozenset[str]:
    """Nouns of a body a name may follow: "l'association", "le groupe", "le quotidien"."""
    return frozenset(lex.organisations) | GENERIC_BODIES | _MEDIA_NOUNS


def written_as(before: list[str], bodies: frozenset[str], lex: Lexicon) -> str | None:
    """What the (lower-case) words right before a name make of it: "organization" after a
    definite body noun ("l'ONG", "le groupe"), "person" after an honorific, else None."""
    if not before:
        return None
    last = before[-1]
    if last.rstrip(".") in lex.honorifics:
        return "person"
    if last.startswith(_ELIDED) and last[2:] in bodies:
        opened = -2
    elif last in bodies and len(before) >= 2 and before[-2] in _DEFINITE_ARTICLES:
        opened = -3
    else:
        return None
    if len(before) >= -opened and before[opened] in _COMPLEMENT:
        return None
    return "organization"


# English adjectives of nationality end so ("Italian", "Korean", "Chinese"); capitalised, they
# qualify the noun after them (`_one_word_names`)
_NATIONALITY_ENDINGS = ("ian", "ean", "ese")


def _plain_word(tok: Token, lex: Lexicon) -> bool:
    """A lower-case word that is no verb, auxiliary or adverb ("league", not "said")."""
    return (
        tok.text.isalpha()
        and tok.text.islower()
        and tok.low not in lex.verb_forms
        and tok.low not in lex.auxiliaries
        and tok.low not in lex.adverbs
        and not tok.low.endswith(("ed", "ly"))
    )


def _role_words(role: str) -> tuple[str, ...]:
    """The words of a role that tell it apart: no article, no particle, no party aside ("l'élue
    Les Républicains (LR)" is the role "élue Les Républicains")."""
    return tuple(
        w
        for w in name_key(_ASIDE.sub(" ", role)).split()
        if w not in {"de", "d", "du", "des", "l", "la", "le", "les", "of", "the"}
    )


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _initial_compatible(short: list[str], full: list[str]) -> bool:
    """Do the words of `short` fit the end of `full`, initials allowed ("v sapounov"), a
    generational suffix left out ("biden" in "joseph r biden jr")?"""
    if len(full) > len(short) and full[-1] in _GENERATIONS and short[-1] != full[-1]:
        full = full[:-1]
    if len(short) > len(full):
        return False
    tail = full[len(full) - len(short) :]
    for a, b in zip(short, tail, strict=True):
        if a != b and not (len(a) == 1 and b.startswith(a)):
            return False
    return True


def _honorific_gender(low: str) -> str:
    """ "f", "m", or "x" (either: "Me", "Dr", "Pr") for an honorific in lower case."""
    if low.startswith(("mme", "mlle", "madame", "mademoiselle", "mrs", "ms")):
        return "f"
    return "x" if low in ("me", "dr", "pr") else "m"


@dataclass
class ArticleEntities:
    """What the article says about who is who; built once per article body."""

    text: str
    tokens: list[Token]
    lex: Lexicon
    known_names: Mapping[str, KnownName]  # the registry's names the article writes, by key
    entity_labels: dict[str, str] = field(default_factory=dict)  # name_key → NER label
    entity_starts: frozenset[int] = frozenset()  # offsets where the NER opens an entity
    runs: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name)
    subject_runs: list[tuple[int, str]] = field(default_factory=list)  # names opening a clause
    plural_groups: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # "MM. X et Y"
    plural_descriptions: list[tuple[int, str]] = field(default_factory=list)  # "les syndicats"
    # person descriptions opening a clause ("La sœur du suspect s'interroge"), which a
    # pronoun after them may stand for
    subject_descriptions: list[Mention] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # surname key → "m" | "f" (honorific)
    role_genders: dict[str, str] = field(default_factory=dict)  # surname key → gender of its role
    # the registry's people under a surname the article writes alone ("emmanuel macron" for
    # "Macron"): they name the speaker at the end (`registry_bearer`), never weigh in before
    surname_bearers: Mapping[str, KnownName] = field(default_factory=dict)
    bindings: list[Binding] = field(default_factory=list)
    honorific_names: dict[str, str] = field(default_factory=dict)  # surname key → gender

    def __post_init__(self) -> None:
        self._full_names: dict[str, str] = {}
        self._counts: dict[str, int] | None = None
        self._credits: dict[str, str] = {}
        self._keyed_runs: dict[str, tuple[str, tuple[str, ...], str]] = {}
        self._types: dict[str, str] = {}
        self._written: set[tuple[str, str]] | None = None
        self._acting: dict[str, bool] = {}
        self._inner_capitalised: set[str] | None = None
        self.apposed_people: set[str] = set()  # one-word names a person's description follows
        self._acronyms = _acronyms(self.text)
        self._headline_end = (
            _title_case_headline(self.text) if self.lex.lang.title_case_headlines else 0
        )
        self._find_names()
        self._find_plural_descriptions()
        self._find_subject_descriptions()
        self._types.clear()  # kinds read while the names were still being found
        self._written = None
        self._acting.clear()

    def _find_plural_descriptions(self) -> None:
        """Plural noun phrases naming people or bodies ("les syndicats", "des habitants"), the
        antecedents a plural pronoun ("ils", "selon eux") can take."""
        lex = self.lex
        toks = self.tokens
        for k in range(len(toks) - 1):
            det, noun = toks[k], toks[k + 1]
            if det.quote >= 0 or not (det.low in lex.plural_determiners or det.text.isdigit()):
                continue  # "les députés", "110 députés"
            head = noun.low
            if head in lex.groups or (
                head.endswith(("s", "x"))
                and (
                    head in lex.titles
                    or head in lex.organisations
                    or head[:-1] in lex.person_nouns  # "les parlementaires", "des salariés"
                )
            ):
                self.plural_descriptions.append((det.start, head))

    def _find_subject_descriptions(self) -> None:
        """Singular person descriptions opening a clause ("Un cadre de la chaîne assure",
        "Le magicien décide"), in a language with a list of person nouns."""
        lex, toks = self.lex, self.tokens
        if not lex.person_nouns:
            return
        for k in range(len(toks) - 1):
            det = toks[k]
            if det.quote >= 0 or det.low not in _SUBJECT_DESCRIPTION_DETERMINERS:
                continue
            if k > 0 and not _is_clause_boundary(toks[k - 1]):
                continue
            noun = toks[k + 1].low
            if k + 2 < len(toks) and noun in _ROLE_ADJECTIVES:
                noun = toks[k + 2].low  # "le jeune homme", "l'ancien ministre"
            if noun not in lex.person_nouns and noun not in lex.titles:
                continue
            mention = parse_np(toks, k, min(len(toks), k + 14), lex, self.text)
            if mention is not None and mention.kind == "description":
                self.subject_descriptions.append(mention)

    # -- names -----------------------------------------------------------------------------
    def _find_names(self) -> None:
        toks = self.tokens
        lex = self.lex
        dets = lex.determiners
        i = 0
        n = len(toks)
        while i < n:
            tok = toks[i]
            if tok.quote >= 0:
                i += 1
                continue
            if tok.start < self._headline_end:
                i = self._headline_name(i)
                continue
            if tok.low.rstrip(".") in lex.honorifics and i + 1 < n:
                i = self._honorific_name(i)
                continue
            e = _name_run(toks, i, n, lex) if is_capitalised(tok, lex) or tok.is_upper else i
            if e - 1 > i and toks[e - 1].low.rstrip(".") in lex.honorifics:
                i = e - 1  # "What Mr. Tate has seen", "Both Mr. Tate and …": the name follows
                continue
            if (
                e > i
                and lex.lang.capitalised_participle_names_nobody
                and i + 1 < n
                and (
                    toks[i].low.endswith(("é", "ée", "és", "ées"))
                    and (
                        toks[i + 1].low in ("de", "du", "des", "d'")
                        and e > i + 2
                        or toks[i + 1].text == ","
                        or toks[i + 1].low == "par"  # "Contactée par l'AFP, la mairie …"
                    )
                    # "Issu de Villeurbanne, il …", "Élu de Paris, …" (never "Louis de Funès")
                    or toks[i].low.endswith(_OTHER_PARTICIPLES)
                    and toks[i + 1].low in ("de", "du", "des", "d'")
                    and e > i + 2
                    and first_name_gender(toks[i].text) is None
                )
                and self._sentence_initial(i)
            ):
                # "Invité de RTL, X a …", "Conspué, le directeur …": a participle opens the
                # sentence, it is no name
                i += 1 if toks[i + 1].text == "," else 2
                continue
            i, e = self._name_span(tok, i, e)
            if e > i and lex.lang.town_and_state and self._english_town_and_state(i, e):
                # "a rally in Birmingham, Alabama, on Saturday": a town and its state name
                # nobody who speaks
                self.runs.pop()
                i = e
                continue
            if e == i + 1 and name_key(toks[i].text) in _NOT_NAMES:
                e = i  # "18H41 GMT", "le Covid-19": no one who speaks
            if e > i:
                name = self.text[toks[i].start : toks[e - 1].end]
                self.runs.append((toks[i].start, toks[e - 1].end, name))
                self._bind(i, e, name, dets)
                if lex.lang.apposed_title_bindings:
                    self._english_title_binding(i, name)
                if self._in_subject_position(i):
                    self.subject_runs.append((toks[i].start, name))
                self._coordinated(i, name)
                i = e
            else:
                i += 1

    def _headline_name(self, i: int) -> int:
        """In a headline in Title Case, where every word is capitalised, a name is a given name
        and the word after it ("Elizabeth Warren Hammers Wells Fargo CEO" names "Elizabeth
        Warren"); the index to read on from."""
        toks = self.tokens
        if (
            i + 1 < len(toks)
            and toks[i + 1].is_upper
            and toks[i + 1].quote < 0
            and is_word(toks[i + 1])
            and self._given_gender(toks[i].text) is not None
        ):
            name = self.text[toks[i].start : toks[i + 1].end]
            self.runs.append((toks[i].start, toks[i + 1].end, name))
            return i + 2
        return i + 1

    def _honorific_name(self, i: int) -> int:
        """Record the gender an honorific at tokens[i] gives the name after it ("Mme X"), and
        a plural group ("MM. X et Y"); the index of the token after the honorific."""
        toks = self.tokens
        n = len(toks)
        tok = toks[i]
        j = i + 2 if i + 1 < n and toks[i + 1].text == "." else i + 1
        e = _name_run(toks, j, n, self.lex)
        if e > j:
            low = tok.low
            gender = _honorific_gender(low)
            surname = name_key(self.text[toks[e - 1].start : toks[e - 1].end])
            self.honorific_names.setdefault(surname, gender)
            if gender != "x":
                self.genders.setdefault(surname, gender)
            if low in ("mm", "mmes", "messieurs"):
                self._plural_group(i, j)
        return j

    def _name_span(self, tok: Token, i: int, e: int) -> tuple[int, int]:
        """The name inside the capitalised run tokens[i:e] that opens with `tok`: titles before
        it, a governing ministry and dangling particles left out; an empty span when the run
        names nobody."""
        toks = self.tokens
        i = self._past_titles(i, e)
        if e == i + 1 and generic_acronym(toks[i]):
            return i, i  # "l'ONG": the kind of body, named elsewhere
        if self.lex.lang.titles_stack_before_name:
            start = self._english_name_start(i, e)
            if start is None:
                return i, i
            i = start
        e, whole_outlet = self._name_end(i, e)
        governed = i > 0 and (
            toks[i - 1].low in ("de", "d'", "l'", "du", "des", "aux", "au")
            or (toks[i - 1].low == "la" and i > 1 and toks[i - 2].low == "de")
        )
        if (
            governed
            and e - i >= 3
            and not whole_outlet
            and not any(t.low in PARTICLES for t in toks[i:e])
        ):
            # "ministre de l'Agriculture Camille Ardouin": the ministry, then the person
            e = i + 1
        while e - i > 1 and toks[e - 1].low in PARTICLES:
            e -= 1  # "Développement de" cut before "Porsche": drop the dangling particle
        if e == i + 1 and self._apposed_person(e):
            self.apposed_people.add(name_key(toks[i].text))
        if e == i + 1 and not self._one_word_names(tok, i):
            e = i
        return i, e

    def _past_titles(self, i: int, e: int) -> int:
        """Where the name of the run tokens[i:e] starts: after an article read as an initial,
        titles, honorifics, demonyms and a generic acronym ("President Barack Obama", "le Belge
        X", "l'ONG Foodwatch")."""
        toks, lex = self.tokens, self.lex
        if e - i > 1 and toks[i].text == "A" and toks[i + 1].text != ".":
            i += 1  # "A Tripoli, …" is "À Tripoli", "A Senate panel" an article: no initial
        while e - i > 1 and (
            toks[i].low in lex.titles
            or toks[i].low in lex.honorifics
            or demonym_opens(toks, i, e, lex)
            or generic_acronym(toks[i])
        ):
            i += 1
            if toks[i].text == ".":
                i += 1
            while e - i > 1 and toks[i].low in PARTICLES | {"la", "l'"}:
                i += 1  # "le Ministre des Solidarités": the title's complement, governed
        return i

    def _english_name_start(self, i: int, e: int) -> int | None:
        """Where an English name starts in tokens[i:e] once stacked titles and a verb opening the
        sentence are left out; None when the run is a department before a name."""
        toks, lex = self.tokens, self.lex
        if e - i > 1 and i > 1 and toks[i - 1].low == "of" and toks[i - 2].low in lex.titles:
            i += 1  # "Secretary of State Ann Lee": the department opens the run
        elif (
            e - i == 1
            and i > 1
            and toks[i - 1].low == "of"
            and toks[i - 2].low in lex.titles
            and e < len(toks)
            and self._given_gender(toks[e].text) is not None
        ):
            return None  # "Secretary of State John Kerry": the department, then the name
        while e - i > 1 and toks[i].low in lex.verb_forms and self._sentence_initial(i):
            i += 1  # "Continued Pryce: …", "Added Tate": a verb opening the sentence
        # "House Speaker Paul Ryan", "Vice President Joe Biden": after the last title
        for t in range(e - 2, i - 1, -1):
            if toks[t].low in lex.titles:
                return t + 1
        return i

    def _name_end(self, i: int, e: int) -> tuple[int, bool]:
        """Where the name opening at tokens[i] ends before an outlet or a second name the NER
        found, and whether the whole run is an outlet's name."""
        toks, lex = self.tokens, self.lex
        # "told the Washington Post Trump said", "au Parisien Paul": an outlet, then a name
        # the article writes without it elsewhere, or that opens with a given name
        for size in (3, 2, 1):
            if i + size < e and is_outlet(name_key(_joined(toks[i : i + size])), lex):
                rest = self.text[toks[i + size].start : toks[e - 1].end]
                whole = self.text[toks[i].start : toks[e - 1].end]
                if self.text.count(rest) > self.text.count(whole) or (
                    self._given_gender(toks[i + size].text) is not None
                ):
                    e = i + size
                break
        # "l'agence RIA Novosti Valentine Sapounov": the NER tells where a new name starts
        # (never inside an outlet's name: "Wall Street Journal", "New York Times")
        whole_outlet = e - i > 1 and is_outlet(name_key(_joined(toks[i:e])), lex)
        for k in range(i + 1, e if not whole_outlet else i + 1):
            if toks[k].start in self.entity_starts and not (
                k == i + 1 and self._given_gender(toks[i].text) is not None
            ):  # "Eric Dupond-Moretti" read as two entities: a given name opens the name
                e = k
                break
        return e, whole_outlet

    def _one_word_names(self, tok: Token, i: int) -> bool:
        """Does the one capitalised word tokens[i] name someone? Not a first word that is
        nothing else ("Estimant que …"), a capitalised title ("le Premier ministre"), or a
        person described by a demonym ("le Français", "un jeune Libanais")."""
        toks, lex = self.tokens, self.lex
        if (
            self._sentence_initial(i)
            and not self._name_elsewhere(toks[i])
            and not self._subject_of_a_verb(i)
            and name_key(toks[i].text) not in self.apposed_people
        ):
            return False
        if i + 1 < len(toks) and f"{tok.low} {toks[i + 1].low}" in lex.titles:
            return False
        if (
            lex.lang.capitalised_adjectives
            and 0 < i < len(toks) - 1
            and tok.low.endswith(_NATIONALITY_ENDINGS)
            and self._given_gender(tok.text) is None
            and toks[i - 1].low in lex.determiners
            and _plain_word(toks[i + 1], lex)
        ):
            return False  # "the Valmerian league", "the Italian government": an adjective
        if i > 0 and demonym(toks[i], lex):
            before = toks[i - 1].low
            if before in lex.determiners or (
                before in _ROLE_ADJECTIVES and i > 1 and toks[i - 2].low in lex.determiners
            ):
                return False
        return True

    def _apposed_person(self, e: int) -> bool:
        """Does a person's description follow, after a comma, the name ending before tokens[e]
        ("Elisa, étudiante de 27 ans", "Marie-Noëlle, sa mère", "Salem, 45 ans")?"""
        toks = self.tokens
        if e + 2 >= len(toks) or toks[e].text != "," or toks[e + 1].quote >= 0:
            return False
        k = e + 1
        if toks[k].text.isdigit():
            return toks[k + 1].low in ("ans", "years")
        if toks[k].low in ("son", "sa", "un", "une"):
            k += 1  # (not "le": "Furieux, le président …" fronts an adjective)
        words = [t.low for t in toks[k : k + 3] if t.quote < 0]
        return bool(words) and person_noun(" ".join(words), self.lex)

    def _english_town_and_state(self, i: int, e: int) -> bool:
        """Is the run tokens[i:e] the state of the town run before it, both inside a clause:
        "in Roanoke, Virginia, the mayor", "at a popular Manchester, New Hampshire, diner"?"""
        toks = self.tokens
        if i < 3 or e >= len(toks) or e - i > 2 or not self.runs:
            return False
        town_start, town_end, town = self.runs[-1]
        k = _index_of(toks, town_start)
        return (
            toks[i - 1].text == ","
            and toks[e].text == ","
            # ("between Tate, Pryce, and Lee": a list of names goes on after the comma)
            and e + 1 < len(toks)
            and toks[e + 1].text.islower()
            and toks[e + 1].low not in ("and", "or")
            and town_end == toks[i - 2].end
            and len(town.split()) <= 2
            and k > 0
            and toks[k - 1].text.isalpha()
            and toks[k - 1].text.islower()
            and first_name_gender(toks[i].text) is None
            and first_name_gender(toks[k].text) is None
        )

    def _sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        prev = self.tokens[i - 1]
        gap = self.text[prev.end : self.tokens[i].start]
        if prev.text == "." and i >= 2 and self.tokens[i - 2].low in self.lex.honorifics:
            return False  # "M. Mirand": the dot closes the honorific, not a sentence
        return prev.text in (".", "!", "?", "…", "»", "”", '"', "''", ":") or "\n" in gap

    def _subject_of_a_verb(self, i: int) -> bool:
        """Is the capitalised word opening a sentence followed by an auxiliary or a reporting
        verb ("Tate was blunt.", "Dumas a déclaré"): a surname, not a capitalised word?"""
        toks = self.tokens
        if i + 1 >= len(toks) or toks[i].low in self.lex.titles or not toks[i].text.isalpha():
            return False
        nxt = toks[i + 1].low
        return not toks[i + 1].is_upper and (
            nxt in self.lex.auxiliaries or nxt in self.lex.verb_forms
        )

    def _name_elsewhere(self, tok: Token) -> bool:
        """Is this word also capitalised inside a sentence, or known to the NER or registry?"""
        if tok.text.isupper() and len(tok.text) > 1:
            return True
        key = name_key(tok.text)
        if key in self.entity_labels or key in self.known_names:
            return True
        if self._inner_capitalised is None:
            self._inner_capitalised = {
                t.text
                for k, t in enumerate(self.tokens)
                if k > 0 and t.is_upper and not self._sentence_initial(k)
            }
        return tok.text in self._inner_capitalised

    def _coordinated(self, i: int, name: str) -> None:
        """Record "X, libraire, et Y" / "X et Y" as a plural group (for "ils", "ont-ils")."""
        if not self.runs or len(self.runs) < 2:
            return
        prev_start, prev_end, prev_name = self.runs[-2]
        if self.tokens[i].start - prev_end > 80:
            return
        k = i - 1
        words = []
        while k >= 0 and self.tokens[k].start >= prev_end:
            words.append(self.tokens[k].low)
            k -= 1
        coordinated = "et" in words or "and" in words
        if coordinated and len(words) <= 6 and not any(w in (".", ";", ":") for w in words):
            self.plural_groups.append((prev_start, (prev_name, name)))

    def _plural_group(self, i: int, j: int) -> None:
        """Record "MM. Lavrov et Kerry" (honorific at tokens[i], first name at tokens[j])."""
        toks = self.tokens
        names = []
        k = j
        while k < len(toks):
            e = _name_run(toks, k, len(toks), self.lex)
            if e == k:
                break
            names.append(self.text[toks[k].start : toks[e - 1].end])
            k = e
            if k < len(toks) and toks[k].low in ("et", "and", ","):
                k += 1
                continue
            break
        if names:
            self.plural_groups.append((toks[i].start, tuple(names)))

    def _in_subject_position(self, i: int) -> bool:
        """Does the name at tokens[i] open a clause, maybe after "[det] role" ("Le président
        russe Vladimir Poutine", "son adversaire Paul Morel")? "du président X" does not."""
        toks = self.tokens
        k = i - 1
        if k >= 1 and toks[k].text == "." and toks[k - 1].low in self.lex.honorifics:
            k -= 1
        if k >= 0 and toks[k].low.rstrip(".") in self.lex.honorifics:
            k -= 1  # "Aujourd'hui, Mme Abbo déplore": the honorific belongs to the name
        if k >= 1 and toks[k].low in ("à", "a") and toks[k - 1].low == "quant":
            return True  # "Quant à Lina Moret, elle …": the topic the clause's pronoun takes up
        if k >= 0 and toks[k].low in self.lex.prepositions:
            return False  # "député-maire de Manacor", "du président X"
        if k >= 0 and toks[k].text == "(" and any(t.text == ")" for t in toks[i + 1 : i + 5]):
            return False  # "l'élue Les Républicains (LR) explique": an aside, not a subject
        skipped = False
        while k >= 0 and k > i - 10:
            tok = toks[k]
            if _is_clause_boundary(tok):
                return not skipped  # role words need their determiner ("le président X")
            if tok.low in self.lex.subject_determiners:
                return k == 0 or _is_clause_boundary(toks[k - 1])
            governed = k > 0 and toks[k - 1].low in ("de", "d'", "du", "des", "of")
            title_word = (
                tok.low in self.lex.titles
                or tok.low in _ROLE_ADJECTIVES
                or (tok.low in ("premier", "première"))
            )
            if (tok.is_upper and not governed and not title_word) or not tok.text[:1].isalpha():
                return False  # capitals are allowed in a role complement ("patron de LREM")
            skipped = True
            k -= 1
        return k < 0

    def _bind(self, i: int, e: int, name: str, dets: frozenset[str]) -> None:
        """Record the role written just before or just after the name at tokens[i:e]."""
        toks = self.tokens
        self._bind_before(i, name, dets)
        start = toks[i].start
        # "X (ministre de l'Intérieur)", "X, qui est ministre de …", "X est le nouveau maire
        # de …", "X a été élu secrétaire général …", "Nommé entraîneur en mai, X …"
        for a, b in (self._predicate_role(e), self._participle_role(i)):
            if b > a:
                role = self.text[toks[a].start : toks[b - 1].end]
                self.bindings.append(Binding(_role_words(role), name, start, False, role))
                det = toks[a - 1].low if a > 0 else ""
                self._role_gender(name, det, [t.low for t in toks[a:b]])
        self._bind_after(i, e, name, dets)

    def _bind_before(self, i: int, name: str, dets: frozenset[str]) -> None:
        """Record the role written just before the name at tokens[i]: "<det> <title …> [,] NAME"."""
        toks = self.tokens
        lex = self.lex
        j = i - 1
        if (
            j >= 1
            and toks[j].is_upper
            and toks[j].low in _ARTICLES
            and toks[j - 1].low in lex.titles
        ):
            return  # "l'ancien maire Les Républicains de Tourcoing": a party qualifies the role
        if j >= 1 and toks[j].text == "." and toks[j - 1].low in lex.honorifics:
            j -= 1  # "le chef du gouvernement, M. X": the role is before the honorific
        if j >= 0 and toks[j].low.rstrip(".") in lex.honorifics:
            j -= 1
        if j >= 0 and toks[j].text == ",":
            j -= 1
        # "la présidente du Centre X": a name governed by a preposition is the complement of
        # the role, not its holder (a document's owner excepted, "le rapport de l'ONU")
        governed_name = (
            j == i - 1
            and j >= 0
            and (
                toks[j].low in lex.prepositions
                or (toks[j].low in _ROLE_SKIP and j > 0 and toks[j - 1].low in ("de", "à", "of"))
            )
        )  # "du Centre X", "de la Russie"
        best = self._role_ending_at(j, dets)
        if best is not None and body_name_after_title(toks, i, best[0], lex):
            return  # "le président du parti Les Républicains": the party, not the president
        if best is not None:
            a, b = best
            role_tokens = toks[a:b]
            owner = role_tokens[0].low in lex.documents or role_tokens[0].low in lex.organisations
            if governed_name and (not owner or any(t.text == "," for t in role_tokens)):
                best = None  # "Pour le tribunal, les contrats de X": X owns no tribunal
        if best is not None:
            a, b = best
            role_tokens = toks[a:b]
            while role_tokens and (
                role_tokens[-1].low in _ROLE_SKIP
                or role_tokens[-1].low.rstrip(".") in lex.honorifics
                or role_tokens[-1].text in (",", ".")
            ):
                role_tokens = role_tokens[:-1]
            det = toks[a - 1].low if a > 0 else ""
            if not owner:
                self._role_gender(name, det, [t.low for t in role_tokens])
            if role_tokens:
                role = self.text[role_tokens[0].start : role_tokens[-1].end]
                self.bindings.append(Binding(_role_words(role), name, toks[i].start, owner, role))

    def _role_ending_at(self, j: int, dets: frozenset[str]) -> tuple[int, int] | None:
        """The longest "<det> <title …>" ending at tokens[j], as a token span after the
        determiner, within 12 tokens and not reaching back over the previous name."""
        toks = self.tokens
        lex = self.lex
        best = None
        k = j
        # a role does not reach back over the previous name ("Le président X s'est rendu à Lyon")
        # (a name in the role's complement, "la ministre de la Culture, X", does not stop it)
        prev_end = -1
        for run_start, run_end, _ in reversed(self.runs[-4:-1]):
            p = _index_of(toks, run_start)
            governed = p > 0 and toks[p - 1].low in lex.prepositions | _ROLE_SKIP
            if not governed:
                prev_end = run_end
                break
        while k >= 0 and j - k < 12:
            t = toks[k]
            if (
                t.quote >= 0
                or t.text in (".", ";", ":", "(", ")", "!", "?")
                or t.start < prev_end
                or t.low in _FINITE_AUXILIARIES  # "l'assemblée a voté la confiance au …"
                or _is_verb(t, lex)  # "sa mère, résume X": a clause, not a role
                or (t.low in lex.boundaries and t.low not in ("en", "et", "ou"))
            ):
                break  # "le propriétaire dans Le Parisien": the role stops at "dans"
            if t.low in dets or t.low in ("son", "sa"):
                words = [w.low for w in toks[k + 1 : j + 1]]
                if words and self._starts_with_title(words):
                    best = (k + 1, j + 1)
            k -= 1
        return best

    def _bind_after(self, i: int, e: int, name: str, dets: frozenset[str]) -> None:
        """Record the role written just after the name at tokens[i:e]: "NAME, <det> <title …>,"."""
        toks = self.tokens
        lex = self.lex
        if e + 1 < len(toks) and toks[e].text == "(":
            # "X (PS), maire de …": a short parenthesis (party, age) sits between
            close = next((x for x in range(e + 1, min(e + 6, len(toks))) if toks[x].text == ")"), 0)
            if close and close + 1 < len(toks) and toks[close + 1].text == ",":
                e = close + 1
        if (
            e + 4 < len(toks)
            and toks[e].text == ","
            and toks[e + 1].text.isdigit()
            and toks[e + 2].low in ("ans", "years")
            and toks[e + 3].text == ","
        ):
            e += 3  # "X, 45 ans, directrice de …": the age sits between
        if e + 1 < len(toks) and toks[e].text == ",":
            k = e + 1
            if toks[k].low in dets or toks[k].low in ("son", "sa"):
                k += 1
            m = k
            while (
                m < len(toks)
                and toks[m].text not in (",", ".", ";", ")", ":")
                and (toks[m].quote < 0)
                and m - k < 10
            ):
                m += 1
            words = [w.low for w in toks[k:m]]
            if (
                k > e + 1
                and m + 1 < len(toks)
                and toks[m].text == ","
                and is_capitalised(toks[m + 1], lex)
            ):
                return  # "Manuel Valls, la ministre du Travail, Myriam El Khomri": hers
            if (
                words
                and self._starts_with_title(words)
                and m < len(toks)
                and (toks[m].text in (",", ".", ")", ":"))
            ):
                cut = next(
                    (x for x in range(k + 1, m) if toks[x].low in lex.boundaries), m
                )  # "maire de Vauclair depuis 2014": the role ends before "depuis"
                role = self.text[toks[k].start : toks[cut - 1].end]
                self.bindings.append(Binding(_role_words(role), name, toks[i].start, False, role))
                det = toks[k - 1].low if k > e + 1 else ""
                self._role_gender(name, det, words)

    def _english_title_binding(self, i: int, name: str) -> None:
        """Record the role English writes before a name without an article ("Governor X",
        "Republican nominee X", "billionaire businessman X", "Vermont Sen. X"): the words back
        to a determiner, a preposition, a verb or punctuation, ending on a role noun."""
        toks = self.tokens
        lex = self.lex
        words: list[str] = []
        prev_end = -1  # a role does not reach back over another name
        for _, run_end, run in reversed(self.runs[:-1]):
            if not any(
                w.lower().rstrip(".") in lex.titles or w.lower().rstrip(".") in lex.honorifics
                for w in run.split()
            ):
                prev_end = run_end
                break
        j = i - 1
        while j >= 0 and i - j <= 10:
            t = toks[j]
            if t.text == "." and j > 0 and toks[j - 1].low in _EN_TITLE_ABBREVIATIONS:
                j -= 1
                continue
            modifier = (
                t.is_upper
                or t.low in lex.titles
                or t.low in _ROLE_ADJECTIVES
                or _EN_ADJECTIVE.fullmatch(t.low) is not None
                or (j + 1 < i and toks[j + 1].low in lex.titles)  # "campaign manager"
                or t.low == "of"
            )
            if (
                not modifier
                or t.quote >= 0
                or t.start < prev_end
                or not t.text[:1].isalpha()
                or t.low in _EN_DETERMINERS
                or t.low in lex.pronouns
                or (t.low in lex.boundaries and t.low != "of")
                or t.low in _FINITE_AUXILIARIES
                or _is_verb(t, lex)
            ):
                break
            words.insert(0, _EN_TITLE_ABBREVIATIONS.get(t.low, t.text))
            j -= 1
        while words and words[0].lower() == "of":
            words = words[1:]
        if not words or _head(" ".join(words), lex) not in lex.titles:
            return
        role = " ".join(words)
        self.bindings.append(Binding(_role_words(role), name, toks[i].start, False, role))

    def _role_span(self, k: int) -> tuple[int, int]:
        """The role opening at tokens[k] ([det] [adjective] title …) up to punctuation or a
        boundary word ("maire de Sablon depuis 2014"); (k, k) when no title opens there."""
        toks = self.tokens
        if k < len(toks) and toks[k].low in ("le", "la", "l'", "un", "une", "son", "sa"):
            k += 1
        m = k
        while (
            m < len(toks)
            and m - k < 10
            and toks[m].quote < 0
            and toks[m].text not in (",", ".", ";", ")", ":", "(", "!", "?")
            and not (m > k and toks[m].low in self.lex.boundaries)
            and not (m > k and _is_verb(toks[m], self.lex))
        ):
            m += 1
        if m > k and self._starts_with_title([t.low for t in toks[k:m]]):
            return k, m
        return k, k

    def _predicate_role(self, e: int) -> tuple[int, int]:
        """A role said of the name ending before tokens[e]: in parentheses, or after a
        copula or an appointment verb ("est", "qui est", "devient", "a été élu")."""
        toks = self.tokens
        if e < len(toks) and toks[e].text == "(":
            a, b = self._role_span(e + 1)
            return (a, b) if b < len(toks) and toks[b].text == ")" else (a, a)
        k = e
        if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].low in ("qui", "who"):
            k += 2
        words = [t.low for t in toks[k : k + 4]]
        for pattern in self.lex.predicate_verbs:
            if tuple(words[: len(pattern)]) == pattern:
                return self._role_span(k + len(pattern))
        return e, e

    def _participle_role(self, i: int) -> tuple[int, int]:
        """ "Nommé entraîneur en mai, X …": the role of a sentence-initial appointment."""
        toks = self.tokens
        if i < 3 or toks[i - 1].text != ",":
            return i, i
        k = i - 2
        while k > 0 and i - k < 12 and not _is_clause_boundary(toks[k - 1]):
            k -= 1
        if toks[k].low in _APPOINTMENT_PARTICIPLES and (k == 0 or _is_clause_boundary(toks[k - 1])):
            a, b = self._role_span(k + 1)
            if b > a and b <= i - 1:
                return a, b
        return i, i

    def _role_gender(self, name: str, det: str, role: list[str]) -> None:
        """Record the gender a role shows for `name`: its determiner ("la ministre X") or
        the feminine or masculine form of its head noun ("X, directrice de l'école")."""
        surname = name_key(name).split()[-1:]
        if not surname:
            return
        words = [w for w in role if w not in _ROLE_ADJECTIVES]
        form = title_gender(words[0], self.lex) if words else None
        # a feminine determiner or noun is sure; a masculine noun is also used of women
        # ("l'expert"), so a masculine needs both ("le directeur")
        if det in ("la", "une", "sa") or form == "f":
            gender = "f"
        elif words and self.lex.lang.kin_gender(words[0]) == "m":
            gender = "m"  # "son mari X", "son fils X": a man whatever the determiner
        elif det in ("le", "un") and form == "m":
            gender = "m"
        else:
            gender = None
        if gender is not None:
            self.role_genders.setdefault(surname[0], gender)

    def _starts_with_title(self, words: list[str]) -> bool:
        lex = self.lex
        while words and (words[0] in _ROLE_ADJECTIVES or words[0].startswith("ex-")):
            if words[0].startswith("ex-") and len(words[0]) > 3:
                words = [words[0][3:], *words[1:]]
                continue
            words = words[1:]
        for size in range(min(lex.title_max_words, len(words)), 0, -1):
            head = " ".join(words[:size])
            if head in lex.titles or head in lex.documents or head in lex.organisations:
                return True
        return False

    def full_name(self, name: str) -> str:
        """The fullest form of `name` the article or the registry gives ("Poutine" → "Vladimir
        Poutine", "V. Sapounov" → "Valentine Sapounov")."""
        cached = self._full_names.get(name)
        if cached is not None:
            return cached
        full = self._full_name(self._without_credit(name))
        self._full_names[name] = full
        return full

    def _given_gender(self, given: str) -> str | None:
        """Usual gender of a given name (the shared list, then the language's own)."""
        known = first_name_gender(given)
        if known is None and self.lex.lang.own_first_names:
            known = english_first_name_genders().get(given.lower())
        return known

    def _run_counts(self) -> dict[str, int]:
        """How many times the article writes each name (by key)."""
        if self._counts is None:
            self._counts = {}
            for _, _, run in self.runs:
                key = name_key(self._without_credit(run))
                self._counts[key] = self._counts.get(key, 0) + 1
        return self._counts

    def _opens_with_given_name(self, run: str, start: int) -> bool:
        """Can the words before a surname in `run` be a given name ("Vladimir Poutine", "J.
        Tate", "… said Jarl Vennemark"), not a headline's word glued to it ("Injecting Clinton"
        opening a line)? A capital inside a sentence names; one opening it may not."""
        first = run.split()[0].split("-")[0]
        return (
            not self._sentence_initial(min(_index_of(self.tokens, start), len(self.tokens) - 1))
            or len(first.rstrip(".")) == 1
            or first_name_gender(first) is not None
            or first.lower() in english_first_name_genders()
            or self.entity_labels.get(name_key(run)) == "PER"
        )

    def _without_credit(self, name: str) -> str:
        """The name without an outlet glued in front: "a déclaré à l'AFP Marc Dupré" gives the
        run "AFP Marc Dupré", whose speaker is "Marc Dupré" (an outlet alone stays itself)."""
        cached = self._credits.get(name)
        if cached is None:
            cached = self._credits[name] = self._strip_credit(name)
        return cached

    def _strip_credit(self, name: str) -> str:
        words = name.split()
        for n in range(min(len(words) - 1, 3), 0, -1):
            rest = words[n:]
            if not self._is_medium(name_key(" ".join(words[:n]))):
                continue
            first = rest[0].lower().rstrip(".")
            if (
                first in self.lex.honorifics
                or first in PARTICLES  # "AFP le CMN"
                or first_name_gender(rest[0].split("-")[0]) is not None
                or self.entity_labels.get(name_key(" ".join(rest))) == "PER"
                or (n == 1 and words[0].isupper() and rest[0][:1].isupper())  # "AFP Mustafa"
            ):
                return " ".join(rest)  # (but "France Bleu Poitou" is an outlet)
        return name

    def _run_words(self, run: str) -> tuple[str, tuple[str, ...], str]:
        """A run without its credit, its key's words and its key (read once per run: every
        name's fullest form is sought among all the runs)."""
        cached = self._keyed_runs.get(run)
        if cached is None:
            bare = self._without_credit(run)
            key = name_key(bare)
            cached = self._keyed_runs[run] = (bare, tuple(key.split()), key)
        return cached

    def _full_name(self, name: str) -> str:
        words = tuple(name_key(name).split())
        if not words:
            return name
        if len(words) == 1 and words[0] in self._acronyms:
            return self._acronyms[words[0]]  # "le Pnat": "parquet national antiterroriste"
        if len(words) == 1 and words[0] not in self.lex.organisations:
            # "le Front" after "le Front national (FN)": the one name an acronym spells that it
            # opens (not "la Commission": the article may name two)
            spelled = {
                gloss
                for acronym, gloss in self._acronyms.items()
                if (keys := name_key(gloss).split())[:1] == [words[0]]
                and _spells(acronym.replace(" ", ""), keys)
                and f"{gloss} (" in self.text  # spelt out before its brackets, not guessed
            }
            if len(spelled) == 1 and " " in (gloss := spelled.pop()):
                return gloss
        if len(name.split()) == 1 and self.lex.lang.single_names_expand_in_article:
            n = len(words)
            longer = {
                _clean_name(self._without_credit(run))
                for _, _, run in self.runs
                if (run_key := tuple(name_key(run).split()))[:n] == words and len(run_key) > n
            }
            institution = name.lower() in self.lex.organisations
            given = first_name_gender(name.split("-")[0]) is not None or (
                len(longer) == 1 and self.entity_labels.get(name_key(next(iter(longer)))) == "PER"
            )  # "Zully" after "Zully Rodiz", a person to the NER
            if len(longer) == 1 and (institution or given):
                # "la Fondation" after "la Fondation du patrimoine", "Christine" after
                # "Christine Pavot": the one fuller name the article gave
                return longer.pop()
        best = name
        best_len = len(words)
        best_count = 0
        best_rank = False
        counts = self._run_counts()
        initialled = len(words) > 1 and len(words[0]) == 1
        for start, _, credited in self.runs:
            run, run_words, run_key = self._run_words(credited)
            if initialled and len(run_words) > len(words):
                # "V. Sapounov": the initial stands for the first name, nothing comes before it
                if not _initial_compatible(words, run_words):
                    continue
                run = " ".join(run.split()[-len(words) :])
                run_words = run_words[-len(words) :]
                run_key = name_key(run)
            if run_words == words or not _initial_compatible(words, run_words):
                continue  # not a fuller form of the name (most runs: tested first, it is cheap)
            count = max(counts.get(run_key, 0), 1)
            # "Ivanka Trump", later "Ivanka": a relative the article calls by her given name,
            # so the surname alone is the other Trump it names
            called = len(words) == 1 and len(run_words) > 1 and run_words[0] in counts
            if len(words) == 1 and self._given_gender(run.split()[0]) in _other_gender(
                self.honorific_names.get(words[0])
            ):
                continue  # "Mr. Tate" elsewhere: the surname alone is no "Ellen Tate"
            if (not called, len(run_words), count) > (best_rank, best_len, best_count) and (
                len(run_words) == len(words) or self._opens_with_given_name(run, start)
            ):
                # two people share the surname ("Ted Cruz", "Heidi Cruz"): the one the article
                # names more often, else the first named
                best, best_len, best_count = run, len(run_words), count
                best_rank = not called
        if best == name and len(words) == 1:
            best = self._misspelt_surname(words[0]) or name
        key = name_key(best)
        if key in self.known_names:
            return self.known_names[key].name
        registry = [
            known.name
            for alias, known in self.known_names.items()
            if _initial_compatible(key.split(), alias.split())
        ]
        if len(set(registry)) == 1:
            return registry[0]
        return _clean_name(best)

    def registry_bearer(self, word: str, mention: str | None) -> str | None:
        """The one person of the registry a surname the article writes alone stands for ("M.
        Macron" → Emmanuel Macron, filed from another dispatch): among the registry's people
        of that surname (`surname_bearers`, and those the article writes elsewhere) whose name
        opens with a given name, the one of the gender the speaker's `mention` shows ("M.",
        "elle", "la ministre"); with none shown, the only one, unless the article gives the
        surname another gender. Never for a word that names a place, a state, a body or an
        outlet, nor for a given name ("Marie" is no "Béatrice Marie")."""
        lex = self.lex
        if not self.surname_bearers:
            return None  # no registry, or no one in it of a surname the article writes alone
        if (
            word in lex.states
            or word in lex.organisations
            or self.entity_labels.get(word) in ("LOC", "GPE", "ORG")
            or self._given_gender(word) is not None
            or self._is_medium(word)
            # the article writes a fuller name of that surname and kept the surname alone: its
            # own reading ("Emmanuel Macron" and "Brigitte Macron", "Ivanka Trump" and "Trump")
            or any(key.endswith(" " + word) for key in self._run_counts())
        ):
            return None
        eligible = {}  # the people of that surname who open with a given name → its gender
        # the registry's people of that surname, the article writing their name or not (inside
        # a quotation, say: "« Emmanuel Macron est irresponsable »")
        registry = (*self.surname_bearers.items(), *self.known_names.items())
        for alias, known in registry:
            written = known.name.split()
            if alias.rpartition(" ")[2] != word or name_key(written[-1]) != word:
                continue
            # a given name and capitalised names, no more than four ("Jean-Marc Ayrault", not
            # "Patrice Clos de FO Transports"; "de Gaulle" is written with its particle)
            if len(written) > 4 or not all(w[:1].isupper() for w in written):
                continue
            given = self._given_gender(written[0].split("-")[0])
            if given is not None:
                eligible[known.name] = given
        shown = self._mention_gender(mention or "")
        if len(eligible) > 1 and shown is None:
            return None  # "Macron" alone, for Emmanuel or Brigitte Macron: the desk decides
        gender = shown or self.genders.get(word) or self.role_genders.get(word)
        bearers = [name for name, given in eligible.items() if gender in (None, given)]
        return bearers[0] if len(bearers) == 1 else None

    def _mention_gender(self, mention: str) -> str | None:
        """The gender a mention shows by itself: an honorific ("M.", "Mme"), a pronoun ("il",
        "she"), or a determiner or role noun of its own ("la ministre", "le président")."""
        words = mention.lower().replace("’", "'").split()
        if not words:
            return None
        if " ".join(words) in ("il", "he", "celui-ci", "ce dernier", "lui"):
            return "m"
        if " ".join(words) in ("elle", "she", "celle-ci", "cette dernière"):
            return "f"
        first = words[0].rstrip(".")
        if first in self.lex.honorifics:
            gender = _honorific_gender(first)
            return None if gender == "x" or first in ("maître", "docteur") else gender
        if first in ("le", "la") and len(words) > 1:
            return title_gender(words[1], self.lex) or ("f" if first == "la" else "m")
        return None

    def _misspelt_surname(self, word: str) -> str | None:
        """The one person whose surname `word` misspells by a letter ("Wines" for "Leslie
        Wimes", "McLenney" for "Tyresha McClenney"), when the article names no one else so."""
        if len(word) < 5 or not (
            word in self.honorific_names or any(name_key(n) == word for _, n in self.subject_runs)
        ):
            return None  # "Wines believes", "Mme Darasse": written as a person's, not "en Amazonie"
        found = {
            _clean_name(self._without_credit(run))
            for _, _, run in self.runs
            if len(run_key := name_key(run).split()) >= 2
            and run_key[-1] != word
            and run_key[-1][:1] == word[:1]
            and run_key[-1].rstrip("s") != word.rstrip("s")  # "Democrats", "Democrat"
            and _one_letter_apart(run_key[-1], word)
        }
        found = {
            full
            for full in found
            if self.name_type(full) == "person" and not self._always_with_article(word)
        }
        return found.pop() if len(found) == 1 else None

    def name_type(self, name: str, mention: Mention | None = None) -> str:
        """person | organization | group for a proper name."""
        if mention is not None:
            return self._name_type(name, mention)
        cached = self._types.get(name)
        if cached is None:
            cached = self._types[name] = self._name_type(name, None)
        return cached

    def _name_type(self, name: str, mention: Mention | None) -> str:
        lex = self.lex
        key = name_key(name)
        words = key.split()
        if mention is not None and mention.owner and not mention.honorific:
            return "organization"  # "le documentaire d'Al Jazeera", not "les calculs de Mme X"
        if self._is_outlet(name):
            return "organization"  # "France Bleu Poitou", "Le Parisien": outlets, not people
        if key in lex.states:
            return "organization"  # "Paris a jugé", "la France a dévoilé": a state speaks
        label = self.entity_labels.get(key)
        if any(w in lex.organisations for w in words) or key in lex.organisations:
            return "organization"
        if len(words) == 1 and words[0] in lex.groups:
            return "group"
        if re.fullmatch(r"[A-Z0-9&\-]{2,}", name.replace(" ", "")):
            return "organization"
        caps = [w.isupper() and len(w) >= 3 for w in name.split()]
        if lex.lang.organisation_name_shapes and any(caps) and not all(caps):
            return "organization"  # "Junior SNCF", "GE Power": a name holding an acronym
        if re.fullmatch(r"[A-Z]{2,}(?: (?:de|du|des|d'|of)\b.*)", name):
            return "organization"  # "la CGT du Nord", "l'UMP de Paris": an acronym's branch
        if lex.lang.organisation_name_shapes and any(
            w.islower() and w not in PARTICLES and w not in NAME_PREFIXES for w in name.split()[1:]
        ):
            return "organization"  # "Conseil scientifique", "Santé publique France"
        if key in self.apposed_people:
            return "person"  # "Elisa, étudiante de 27 ans": the NER may call her a place
        here = self.written_kinds()
        if (key, "person") in here:
            written = "person"
        elif (key, "organization") in here:
            written = "organization"  # "l'association Vertaine" earlier in the article
        elif key in self.known_names and self.known_names[key].kind:
            written = self.known_names[key].kind  # as staff filed it in the registry
        else:
            written = name_types(lex.language).get(key)  # as other articles write it
        if written == "organization" and not self._written_as_person(name, mention):
            return "organization"  # "Foodwatch", "Météo France": a body, as news copy writes it
        if written in ("person", "group"):
            return written  # "Mme Avia": the NER's label was a misreading
        if label in ("ORG",):
            return "organization"
        if label in ("PER", "PERSON"):
            return "person"
        if mention is not None and mention.honorific:
            return "person"
        if words and words[-1] in self.honorific_names:
            return "person"
        if any(b.name == name and not b.owner for b in self.bindings):
            return "person"
        if label in ("LOC", "GPE", "MISC"):
            return "organization"
        if self._always_with_article(key):
            return "organization"  # "selon Le Parisien", "a indiqué l'Elysée": not a person
        return "person"

    def _is_outlet(self, name: str) -> bool:
        """A known outlet, or a name the article introduced as one ("le quotidien X")?"""
        return self._is_medium(name_key(name)) or any(
            b.name == name and _head(b.role or "", self.lex) in _MEDIA_NOUNS for b in self.bindings
        )

    def _is_medium(self, key: str) -> bool:
        """Does the name begin with an outlet's or a platform's name?"""
        words = key.split()
        if words[:1] in (["le"], ["la"], ["les"], ["l"]):
            words = words[1:]
        media = self.lex.media
        return any(
            " ".join([*article, *words[:n]]) in media
            for n in range(1, min(len(words), 4) + 1)
            for article in ((), ("le",), ("la",), ("l",), ("les",))
        )

    def titled_name(self, name: str) -> str:
        """An organisation's `name` with the article that is part of its title: written with a
        capital inside a sentence ("selon Le Parisien", "a indiqué L'Express", "l'élue Les
        Républicains"), the article is the title's, and the registry keeps the whole title;
        `name` as it is otherwise, or when the article also writes it after a lower-case
        article ("la SNCF", "l'ANSM": the article is the sentence's). An outlet whose title the
        language's media list gives with its article keeps it however the text writes it
        ("un article du Monde", "jointe par le Monde": Le Monde)."""
        key = name_key(name)
        for article in _TITLE_ARTICLES:
            elided = article.endswith("'")
            if name_key(f"{article}{'' if elided else ' '}{name}") in self.lex.media:
                return f"{article.capitalize()}{'' if elided else ' '}{name}"
        titled = None
        for start, _, run in self.runs:
            if name_key(run) != key:
                continue
            k = _index_of(self.tokens, start)
            before = self.tokens[k - 1] if k > 0 else None
            if before is not None and before.text.isdigit():
                numbered = f"{before.text} {name}"  # "20 Minutes"
                if name_key(numbered) in self.lex.media:
                    return numbered
            if before is None or before.low not in _TITLE_ARTICLES:
                continue
            if not before.is_upper:
                return name
            glued = k >= 2 and self.tokens[k - 2].end == before.start  # a heading's end
            if titled is None and not glued and not self._sentence_initial(k - 1):
                elided = before.text.endswith(("'", "’"))
                titled = f"{before.text}{'' if elided else ' '}{name}"
        return titled or name

    def _always_with_article(self, key: str) -> bool:
        """Is the name `key` written after an article ("le", "la", "du") every time the
        article names it, and never with a given name? People take no article in French."""
        words = key.split()
        if not self.lex.lang.people_take_no_article or not words:
            return False
        if first_name_gender(words[0]) is not None:
            return False
        seen, capitalised = False, True
        for start, _, run in self.runs:
            if name_key(run) != key:
                continue
            k = _index_of(self.tokens, start)
            if k == 0 or self.tokens[k - 1].low not in _ARTICLES:
                return False
            seen = True
            # "l'ancien maire Les Républicains de Tourcoing": a capital inside the sentence
            # makes the article part of the name, an institution's of any length
            capitalised = (
                capitalised and self.tokens[k - 1].is_upper and not self._sentence_initial(k - 1)
            )
        return seen and (len(words) <= 2 or capitalised)

    def gender_of(self, name: str) -> str | None:
        """Gender of a person: an honorific (M. / Mme) first, then the first name, then the
        role the article gave them ("la ministre X", "X, directrice de …")."""
        words = name_key(name).split()
        if not words:
            return None
        known = self.genders.get(words[-1])
        if known is None and len(name.split()) >= 2:
            known = self._given_gender(name.split()[0])
        if known is None:
            known = self.role_genders.get(words[-1])
        if (
            known is None
            and len(name.split()) == 1
            and (self.lex.lang.own_first_names or name_key(name) in self.apposed_people)
            and self.full_name(name) == name
        ):
            # "Melanie", a given name the article uses alone (no "X Melanie" it would stand for)
            known = self._given_gender(name)
        return known

    # -- roles -----------------------------------------------------------------------------
    def bound_name(self, role: str, position: int) -> Binding | None:
        """The name the article bound to `role` ("président russe"), preferring the latest
        binding before `position`."""
        words = _role_words(role)
        if not words:
            return None
        found = []
        english = self.lex.lang.same_head_roles
        for b in self.bindings:
            if (
                b.role_words[: len(words)] == words
                or (words[0] == b.role_words[0] and set(words) <= set(b.role_words))
                or _same_role_stems(words, b.role_words)
                # English heads come last: "the nominee" for "Republican nominee X"
                or (english and _english_same_head(words, b.role_words))
            ):
                found.append(b)
        if not found:
            found = self._same_office(role)
        if not found:
            return None
        names = {b.name for b in found}
        before = [b for b in found if b.position < position]
        if len(names) > 1 and not before:
            return None
        return max(before, key=lambda b: b.position) if before else found[0]

    def _same_office(self, role: str) -> list[Binding]:
        """Bindings whose role names the same office as `role` in other words ("le chef du
        gouvernement" for "le Premier ministre X"), their qualifiers not contradicting."""
        office = _office(role, self.lex)
        if office is None:
            return []
        cls, qualifiers = office
        found = []
        for b in self.bindings:
            if b.owner or not b.role:
                continue
            other = _office(b.role, self.lex, complement=qualifiers)
            if other is None or other[0] != cls:
                continue
            if qualifiers and other[1] and not (qualifiers & other[1]):
                continue  # "le président russe" is not "le chef de l'Etat américain"
            found.append(b)
        return found

    def latest_person_before(
        self,
        position: int,
        accept: Callable[[str], bool] = lambda name: True,
        reach: int | None = None,
    ) -> str | None:
        """The last person-like name (two words or with honorific) before `position`, at most
        `reach` characters away, that `accept` takes (a gender check)."""
        runs = [r for r in reversed(self.runs) if r[0] < position]
        return self._first_person(runs, position, accept, reach)

    def first_person_after(
        self,
        position: int,
        accept: Callable[[str], bool] = lambda name: True,
        reach: int | None = None,
    ) -> str | None:
        """The first person-like name after `position`, at most `reach` characters away,
        that `accept` takes."""
        runs = [r for r in self.runs if r[0] >= position]
        return self._first_person(runs, position, accept, reach)

    def _first_person(
        self,
        runs: list[tuple[int, int, str]],
        position: int,
        accept: Callable[[str], bool],
        reach: int | None,
    ) -> str | None:
        for start, _, name in runs:
            full = self.full_name(name)
            if (
                (reach is None or abs(position - start) <= reach)
                and self._surely_person(full)
                and self.name_type(full) == "person"
                and self._acts(full)
                and accept(full)
            ):
                return full
        return None

    def _acts(self, name: str) -> bool:
        """Does the article give `name` a person's part — a given name, an honorific, a role,
        a party, the NER's word, a clause it opens — rather than only a complement's place
        ("le quartier d'Ain Zara", "la cour Saint Émilion")?"""
        acting = self._acting.get(name)
        if acting is None:
            acting = self._acting[name] = self._plays_a_person(name)
        return acting

    def _known_person(self, key: str) -> bool:
        """Does the registry know `key` as a person? As staff filed it; else its name there
        opens with a given name (the registry holds bodies too: "Port-Ivrel", "Human Rights
        Watch")."""
        known = self.known_names.get(key)
        if known is None or known.kind is not None:
            return known is not None and known.kind == "person"
        return self._given_gender(known.name.split()[0].split("-")[0]) is not None

    def _plays_a_person(self, name: str) -> bool:
        key = name_key(name)
        words = key.split()
        return bool(words) and (
            self._given_gender(name.split()[0].split("-")[0]) is not None
            or self.entity_labels.get(key) in ("PER", "PERSON")
            or key in self.apposed_people
            or self._known_person(key)
            or words[-1] in self.honorific_names
            or any(not b.owner and name_key(self.full_name(b.name)) == key for b in self.bindings)
            or any(name_key(self.full_name(n)) == key for _, n in self.subject_runs)
            # "Meyer Habib (UDI-Agir)": a party in parentheses after the name
            or re.search(re.escape(name.split()[-1]) + r"\s*\([A-Z][\w-]*\)", self.text) is not None
        )

    def latest_organisation_before(self, position: int) -> str | None:
        """The organisation (not a place) named before `position` that the article names most
        often, the latest of them on a tie: "le groupe" is the article's subject ("Facebook"),
        not a body it mentioned in passing just before ("Instagram")."""
        return self._most_named_before(
            position,
            lambda full, key: (
                self.name_type(full) == "organization"
                and self.entity_labels.get(key) not in ("LOC", "GPE")
                and key not in self.lex.states
            ),  # "le groupe" is no country
        )

    def latest_unknown_body_before(self, position: int) -> str | None:
        """When the article named no organisation before `position`: the name it gives most
        often (the latest on a tie) that shows nothing of a person — no given name, honorific,
        person's role or NER person — nor of a place ("l'ONG" after "Foodwatch a lancé …")."""
        return self._most_named_before(
            position,
            lambda full, key: (
                not self._shows_a_person(full)
                and self.entity_labels.get(key) not in ("LOC", "GPE")
                and key not in self.lex.states
                and self.name_type(full) != "group"
            ),
        )

    def _most_named_before(self, position: int, accept: Callable[[str, str], bool]) -> str | None:
        """Among the names before `position` that `accept` takes (full name, its key), the one
        the article names most often, the latest on a tie."""
        counts = self._run_counts()
        best, best_count = None, 0
        for start, _, name in self.runs:
            if start >= position:
                break
            full = self.full_name(name)
            if accept(full, name_key(full)):
                count = counts.get(name_key(self._without_credit(name)), 1)
                if count >= best_count:
                    best, best_count = full, count
        return _clean_name(best) if best is not None else None

    def _shows_a_person(self, full: str) -> bool:
        labelled = self.entity_labels.get(name_key(full)) in ("PER", "PERSON")
        return labelled or self._written_as_person(full)

    def _written_as_person(self, name: str, mention: Mention | None = None) -> bool:
        """Does the article write the name as a person's: a given name, an honorific, an
        apposition or a role of a person bound to it?"""
        key = name_key(name)
        return bool(key) and (
            (mention is not None and mention.honorific)
            or self._given_gender(name.split()[0]) is not None
            or key.split()[-1] in self.honorific_names
            or key in self.apposed_people
            or any(b.name == name and not b.owner for b in self.bindings)
        )

    def written_kinds(self) -> set[tuple[str, str]]:
        """(name key, "organization" | "person") for each name the article writes right after
        a body's noun ("l'association Vertaine", "le quotidien X") or an honorific ("M. Dorval")."""
        if self._written is None:
            bodies = body_nouns(self.lex)
            self._written = set()
            polls = word_list(self.lex.language, "poll_nouns.txt")
            for start, end, name in self.runs:
                window = self.text[max(0, start - 60) : start]
                words = _WRITTEN_WORD.findall(window)
                before = [w.lower() for w in words[-3:]]
                kind = written_as(before, bodies, self.lex) or self._article_before(before, end)
                if (
                    before
                    and before[-1] in polls
                    and window.lower().endswith(before[-1] + " ")
                    and self._given_gender(name.split()[0].split("-")[0]) is None
                ):
                    kind = "organization"  # "un sondage Odoxa", not "un sondage Macron-Le Pen"
                key = name_key(self.full_name(name))
                if kind and key:
                    self._written.add((key, kind))
        return self._written

    def _article_before(self, before: list[str], end: int) -> str | None:
        """English names no person after "the": "the United Nations said", "the Internal
        Revenue Service." — a body, when the name ends its phrase (not "the Obama
        administration", nor "the Charles Koch Foundation": a longer name)."""
        if not self.lex.lang.article_marks_a_body or not before or before[-1] != "the":
            return None
        after = self.text[end : end + 30]
        following = _WRITTEN_WORD.match(after.lstrip())
        if following is None or not after[:1].isspace():
            return "organization"  # punctuation: "the Internal Revenue Service."
        word = following.group(0)
        return (
            "organization" if word in self.lex.verb_forms or word in self.lex.auxiliaries else None
        )

    def _fuller_description(self, head: str, position: int) -> str | None:
        """The fuller form the article gave a body before `position` ("la préfecture de
        police", "la région Auvergne-Rhône-Alpes", "le ministère burundais des Affaires
        étrangères") for a bare "la préfecture"."""
        pattern = re.compile(
            rf"\b(?:[Ll]a|[Ll]e|[Ll]')\s*({re.escape(head)}\s+(?:[a-zà-ÿ-]{{3,}}\s+(?=de|du|d'))?(?:"
            r"(?:de la |de l'|du |des |de |d')[\w-]+(?: [A-Z][\w-]+)*"
            r"(?: [a-zà-ÿ]+(?:ères?|iques?|ales?|aux|elles?|els?|iennes?|aires?|ées?|és?)\b)?"
            r"|[A-Z][\w-]+(?: [A-Z][\w-]+)*))",
            re.IGNORECASE if head[:1].isupper() else 0,
        )
        found = None
        for m in pattern.finditer(self.text, 0, position):
            found = m.group(1)
        return found

    def candidate_names(self) -> list[str]:
        """Distinct canonical names of people and organisations the article mentions."""
        seen: dict[str, str] = {}
        for _, _, name in self.runs:
            full = self.full_name(name)
            key = name_key(full)
            if len(key.split()) >= 2 or key in self.honorific_names:
                seen.setdefault(key, full)
        return list(seen.values())

    def names_someone(self, mention: Mention | None) -> bool:
        """Does a one-word name before a colon name someone — written again in the article,
        known to the NER or the registry — rather than a capitalised word opening a sentence
        ("Conclusion : « … »", "Réponse : « … »")?"""
        if mention is None or mention.kind != "name" or len(mention.text.split()) > 1:
            return True
        key = name_key(mention.text)
        return (
            self._run_counts().get(key, 0) >= 2
            or key in self.entity_labels
            or key in self.known_names
            or key in self.honorific_names
            or mention.text.isupper()
        )

    def speaking_body(self, name: str) -> bool:
        """Is the name `name` (as written) an organisation that may speak — not a place, and
        more than a capitalised word: two words, the NER's ORG, or named again?"""
        full = self.full_name(name)
        key = name_key(full)
        label = self.entity_labels.get(key)
        if self.name_type(full) != "organization" or label in ("LOC", "GPE"):
            return False
        return len(full.split()) >= 2 or label == "ORG" or self._run_counts().get(key, 0) >= 2

    def surely_person(self, name: str) -> bool:
        """Evidence beyond capitals that the name `name` (as written) is a person."""
        return self.name_type(self.full_name(name)) == "person" and self._surely_person(
            self.full_name(name)
        )

    def _surely_person(self, name: str) -> bool:
        """Evidence beyond capitals that `name` is a person: two words, an honorific, the NER."""
        key = name_key(name)
        words = key.split()
        label = self.entity_labels.get(key)
        if key in self.apposed_people:
            return True  # "Lilian, jeune graphiste de l'entreprise", whatever the NER says
        if label in ("LOC", "GPE", "ORG") or key in self.lex.states:
            return False
        return (
            len(name.split()) >= 2  # "Mirepoix-sur-Tarn" is one word, a place
            or label in ("PER", "PERSON")
            or (bool(words) and words[-1] in self.honorific_names)
            or (key in self.known_names and self.known_names[key].kind in (None, "person"))
        )

    def _may_hold(self, name: str, role: str) -> bool:
        """Could `name` hold `role`: the article gave them no other role?"""
        key = name_key(name)
        words = _role_words(role)
        if self.lex.lang.may_hold_by_office:
            return self._english_may_hold(key, words)
        former = bool(set(words) & _FORMER)  # "l'ex-ministre" may be "le maire" today
        if words and words[0] in _ANY_OFFICE:
            return True  # "l'élu" may be "le député X", "le maire Y"
        for b in self.bindings:
            if b.owner or name_key(self.full_name(b.name)) != key:
                continue
            if self._head_words(b.role_words) == self._head_words(words) or (
                former and not set(b.role_words) & _FORMER
            ):
                continue
            office, other = _office(role, self.lex), _office(b.role, self.lex)
            if office is None or other is None:
                # "le numéro un de la CGT" may be "le secrétaire général de la CGT": the
                # same body named in both
                if self._qualifiers(words) & self._qualifiers(b.role_words):
                    continue
                return False
            if office[0] != other[0]:
                return False
            if office[1] and other[1] and not office[1] & other[1]:
                return False  # "le chef de l'Etat bélorien" is not "le président valdorien"
        return True

    def _qualifiers(self, words: tuple[str, ...]) -> set[str]:
        """The words of a role after its title and adjectives: the body or place it is of."""
        words = tuple(w for w in words if w not in _ROLE_ADJECTIVES and w not in _FORMER)
        return set(words[len(self._head_words(words)) :])

    def _head_words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The title a role opens with: two words when they make one ("premier ministre" is not
        "premier secrétaire"), else the first."""
        return words[:2] if " ".join(words[:2]) in self.lex.titles else words[:1]

    def _english_employer(self, end: int) -> str:
        """The body a described person speaks for, written right after the description ("a
        spokesman for Dover Mills", "an official at the Treasury"): " for Dover Mills", or ""."""
        m = _EN_EMPLOYER.match(self.text, end)
        return f" {m.group(1)} {m.group(2)}" if m else ""

    def _english_may_hold(self, key: str, words: tuple[str, ...]) -> bool:
        """English piles epithets on one person ("the billionaire", "the Republican nominee"):
        only two different offices ("senator", "governor") tell two people apart."""
        head = words[-1] if words else ""
        if head not in _EN_OFFICES:
            return True
        for b in self.bindings:
            if b.owner or name_key(self.full_name(b.name)) != key or not b.role_words:
                continue
            other = b.role_words[-1]
            if other in _EN_OFFICES and other != head:
                return False
        return True

    def _role_of(self, name: str) -> str | None:
        key = name_key(name)
        for b in self.bindings:
            if name_key(self.full_name(b.name)) == key and not b.owner:
                return b.role or " ".join(b.role_words)
        return None


# "for Dover Mills", "at the Treasury", "with the Tate campaign": a capitalised body
_EN_EMPLOYER = re.compile(
    r"[ \u00a0]+(for|at|with|of)[ \u00a0]+((?:the[ \u00a0]+)?[A-Z][\w.&’'-]*"
    r"(?:[ \u00a0]+(?:[A-Z][\w.&’'-]*|of|for|and|campaign))*)"
)

_EN_OFFICES = listed("en/offices.txt")


def _english_same_head(words: tuple[str, ...], bound: tuple[str, ...]) -> bool:
    """Same head noun, and the qualifiers of `words` among those of `bound` ("nominee" and
    "republican nominee", "presidential candidate" and "democratic presidential candidate"), or
    none bound ("Vermont senator" and "Sen. X")."""
    mine = tuple(w for w in words if w not in _ROLE_ADJECTIVES)
    theirs = tuple(w for w in bound if w not in _ROLE_ADJECTIVES)
    if not mine or not theirs or mine[-1] != theirs[-1]:
        return False
    # "the Vermont senator" for "Sen. X": a bare title takes any qualifier
    return set(mine) <= set(theirs) or len(theirs) == 1


_EN_ADJECTIVE = re.compile(r"[a-z-]+(?:al|ial|ic|ive|an|ian|ent|ant|ary|ese|ish)")

# English abbreviated titles before a name ("Sen. X") and the role they stand for
_EN_TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
}

_EN_DETERMINERS = word_list("en", "determiners.txt")

_FINITE_AUXILIARIES = listed("finite_auxiliaries.txt")

_ARTICLES = listed("fr/articles.txt")
_TITLE_ARTICLES = ("le", "la", "l'", "les", "the")  # that may open a title (`titled_name`)

# words that count the people a complement names ("l'un de ses conseillers", "une
# cinquantaine de médecins")
_COUNTING = frozenset(listed("fr/counting_words.txt"))

_SUBJECT_DESCRIPTION_DETERMINERS = frozenset({"le", "la", "l'", "un", "une", "ce", "cet", "cette"})


def person_noun(role: str, lex: Lexicon) -> bool:
    """Does a description name a person ("la couturière", "le jeune homme", "la co-présidente",
    "le numéro un")?"""
    nouns = lex.person_nouns
    words = [
        w
        for w in re.findall(r"[\w'-]+", role.lower())
        if w not in _ROLE_ADJECTIVES and w not in ("autre", "autres")
    ]
    if len(words) > 2 and words[0] in _COUNTING and words[1] in ("de", "des", "d'entre"):
        # "l'un de ses conseillers", "un ancien de ses collaborateurs": the people counted
        rest = [w for w in words[2:] if w not in ("ses", "ces", "leurs", "nos", "vos", "mes")]
        if rest and rest[0] in nouns:
            return True
    if not words:
        return False
    bare = re.sub(r"^(?:ex|co|vice|sous|pro)-", "", words[0])
    return any(
        phrase in nouns for phrase in (words[0], bare, " ".join(words[:2]), " ".join(words[:3]))
    )


def _is_verb(tok: Token, lex: Lexicon) -> bool:
    """A reporting verb or a verb with an inverted clitic ("résume", "s'intéressent-ils")."""
    low = tok.low
    return not tok.is_upper and (
        low in lex.verb_forms or re.search(r"-(?:t-)?(?:il|elle|ils|elles|on)$", low) is not None
    )


def _index_of(tokens: list[Token], offset: int) -> int:
    """Index of the token starting at `offset` (binary search)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _is_clause_boundary(tok: Token) -> bool:
    return (
        tok.quote >= 0
        or tok.text in (".", ";", "!", "?", ":", "»", "”", ",", "(", "«", "“", "—")
        or tok.low in ("et", "mais", "and", "but", "puis")
    )


_APPOINTMENT_PARTICIPLES = listed("fr/appointment_participles.txt")

_NOT_QUALIFIERS = listed("not_qualifiers.txt")

_QUALIFIER_SKIP = listed("qualifier_skip.txt")


def _office(
    role: str, lex: Lexicon, complement: frozenset[str] = frozenset()
) -> tuple[int, frozenset[str]] | None:
    """The class of offices (lexicon `role_classes`) `role` names, with its qualifying words
    reduced to a stem ("chef du gouvernement français" → (class, {"franc"}))."""
    words = [w for w in name_key(role).split() if w not in _ROLE_ADJECTIVES]
    best: tuple[int, int, list[str]] | None = None
    for cls, phrases in enumerate(lex.role_classes):
        for phrase, bare in phrases:
            size = len(phrase)
            matched = _match_phrase(words, phrase)
            if matched is None:
                continue
            rest = matched
            if bare and rest and rest[0] in _QUALIFIER_SKIP:
                # "président du club" is not a head of state; "président de la Russie" is,
                # when the other role says "russe" (`complement`: its qualifier stems)
                named = [w[:4] for w in rest if w not in _QUALIFIER_SKIP][:1]
                if not named or named[0] not in complement:
                    continue
            if best is None or size > best[1]:
                best = (cls, size, rest)
    if best is None:
        return None
    qualifiers = frozenset(w[:4] for w in best[2] if w not in _QUALIFIER_SKIP)
    return best[0], qualifiers


def _match_phrase(words: list[str], phrase: tuple[str, ...]) -> list[str] | None:
    """The qualifying words left when `phrase` opens `words`, one qualifier (an adjective of
    nationality) allowed inside it ("ministre allemand des affaires étrangères" for "ministre
    des affaires étrangères" → ["allemand"]); None when it does not."""
    if not words or words[0] != phrase[0]:
        return None
    extra: list[str] = []
    k = 1
    for w in phrase[1:]:
        while (
            k < len(words)
            and words[k] != w
            and not extra
            and words[k] not in _QUALIFIER_SKIP
            and words[k] not in _NOT_QUALIFIERS
        ):
            extra.append(words[k])
            k += 1
        if k >= len(words) or words[k] != w:
            return None
        k += 1
    return extra + words[k:]


def _same_role_stems(words: tuple[str, ...], bound: tuple[str, ...]) -> bool:
    """The same head noun, and the qualifiers of `words` among those of `bound` up to their
    stem ("président russe" and "président de la Russie")."""
    words = tuple(w for w in words if w not in _ROLE_ADJECTIVES)
    bound = tuple(w for w in bound if w not in _ROLE_ADJECTIVES)
    if not words or not bound or words[0] != bound[0]:
        return False
    mine = {w[:4] for w in words[1:] if w not in _QUALIFIER_SKIP}
    theirs = {w[:4] for w in bound[1:] if w not in _QUALIFIER_SKIP}
    return bool(mine) and mine <= theirs


def _head(role: str, lex: Lexicon) -> str:
    """Head noun of a role description, lower-case with accents: the first noun in French
    ("haut diplomate américain" → diplomate), the last before "of" in English ("county council")."""
    words = [
        w.removeprefix("ex-")
        for w in re.findall(r"[\w-]+", role.lower())
        if w not in _ROLE_ADJECTIVES
    ]  # "l'ex-ministre": a minister's role
    if lex.lang.role_complement_cut:
        for i, w in enumerate(words):
            if w in ("of", "for", "at", "in", "from", "with"):
                words = words[:i]
                break
        return words[-1] if words else ""
    if len(words) >= 3 and words[0] in ("de", "des", "d") and words[1] in _PARTITIVE_DETERMINERS:
        return words[2]  # "(un ancien) de ses conseillers", "(l'un) des manifestants"
    if len(words) >= 2 and words[0] == "des":
        return words[1]
    return words[0] if words else ""


_PARTITIVE_DETERMINERS = listed("fr/partitive_determiners.txt")

_ACRONYM_GLOSS = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")

_GLOSS_SKIP = listed("gloss_skip.txt")

# capitalised words, small words between them: "Bureau de Recherches Géologiques et Minières"
_SMALL = "|".join(sorted(_GLOSS_SKIP))

_CAPITALISED_RUN = re.compile(rf"\b[A-Z][\w-]*(?:\s+(?:(?:{_SMALL})\s+)*[A-Z][\w-]*)+")

_BARE_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")


def _title_case_headline(text: str) -> int:
    """The end of the article's first paragraph when it is a headline in Title Case ("Elizabeth
    Warren Hammers Wells Fargo CEO"), else 0."""
    first = text.lstrip()
    end = first.find("\n")
    if end < 0:
        return 0
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", first[:end]) if len(w) >= 4]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return 0
    return len(text) - len(first) + end


def _acronyms(text: str) -> dict[str, str]:
    """Acronyms the article spells out: "parquet national antiterroriste (Pnat)" gives
    pnat → the shortest run of words before the brackets that spells the acronym (each word
    giving the first letters of its own, small words possibly none: "Organisation pour la
    sécurité et la coopération en Europe (OSCE)", "Institut français de recherche pour
    l'exploitation de la mer (Ifremer)"); else a capitalised name just before the brackets
    ("le Centre national des ouragans (NHC)": an acronym of another language)."""
    found: dict[str, str] = {}
    for m in _ACRONYM_GLOSS.finditer(text):
        letters = m.group(1).lower()
        before = re.findall(r"[\w'’-]+", text[max(0, m.start() - 160) : m.start()])[-12:]
        keys = [re.sub(r"^[ld] ", "", name_key(w)) for w in before]
        best = None
        for k in range(len(before) - 1, -1, -1):
            if (
                keys[k]
                and keys[k] not in _GLOSS_SKIP
                and keys[k][0] == letters[0]  # "élue Les Républicains (LR)": not from "élue"
                and _spells(letters, keys[k:])
            ):
                best = " ".join(before[k:])
                break
        if best is None:
            best = _capitalised_gloss(before)
        if best is not None:
            found.setdefault(name_key(m.group(1)), re.sub(r"^[LlDd]['’]", "", best))
    runs = [_without_small_opening(m.group(0)) for m in _CAPITALISED_RUN.finditer(text)]
    for acronym in {m.group(0) for m in _BARE_ACRONYM.finditer(text)}:
        key = name_key(acronym)
        if key in found:
            continue
        # "the IMF" in an article that writes "the International Monetary Fund" elsewhere
        spelled = [r for r in runs if _initials(r) == acronym.lower()]
        if spelled:
            found[key] = spelled[0]
    return found


def _without_small_opening(run: str) -> str:
    words = run.split()
    while words and words[0].lower() in _GLOSS_SKIP:
        words.pop(0)  # "The Northern Rail Authority" opening a sentence
    return " ".join(words)


def _initials(run: str) -> str:
    words = [w for w in run.split() if w.lower() not in _GLOSS_SKIP]
    return "".join(w[0].lower() for w in words) if len(words) >= 2 else ""


def _spells(letters: str, words: list[str]) -> bool:
    """Do `words` spell `letters`, each content word giving one or more of its first letters
    in order, each small word none or its first?"""

    @cache
    def fits(i: int, j: int) -> bool:  # letters[i:] from words[j:]
        if j == len(words):
            return i == len(letters)
        word = words[j]
        small = not word or word in _GLOSS_SKIP or len(word) <= 4
        if small and fits(i, j + 1):
            return True
        return any(
            _initial_subsequence(letters[i : i + n], word) and fits(i + n, j + 1)
            for n in range(1, min(len(word), len(letters) - i) + 1)
        )

    return len([w for w in words if w and w not in _GLOSS_SKIP]) >= 2 and fits(0, 0)


def _initial_subsequence(part: str, word: str) -> bool:
    """Does `part` start with the first letter of `word` and take its other letters from the
    rest of it, in order ("at" in "antiterroriste")?"""
    if not part or not word or part[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(c in rest for c in part[1:])


def _capitalised_gloss(before: list[str]) -> str | None:
    """ "le Centre national des ouragans": the words from the last determiner, when the first
    is capitalised and they are two or more."""
    for k in range(len(before) - 1, -1, -1):
        low = before[k].lower().replace("’", "'")
        if low in ("le", "la", "les", "the") or low.startswith(("l'", "d'")):
            words = before[k + 1 :]
            if low.startswith(("l'", "d'")) and len(low) > 2:
                words = [before[k][2:], *words]
            if len(words) >= 2 and words[0][:1].isupper():
                return " ".join(words)
            return None
    return None


def _other_gender(gender: str | None) -> tuple[str, ...]:
    return {"m": ("f",), "f": ("m",)}.get(gender or "", ())


def _joined(tokens: list[Token]) -> str:
    return " ".join(t.text for t in tokens)


def _clean_name(name: str) -> str:
    """Strip a leading honorific or determiner left on a name."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in PARTICLES | {"m", "mme", "mm"}:
        if words[0][:1].isupper() and words[0].lower() in ("de", "van", "von", "di", "da", "du"):
            break
        words = words[1:]
    return " ".join(words)
