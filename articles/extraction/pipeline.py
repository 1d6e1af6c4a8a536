"""The engine's entry point: find quotations in a body and attribute them to speakers."""

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .confidence import cued_quote, heuristic_confidence
from .cues import (
    Cue,
    Mention,
    VerbGroup,
    abbreviation_dot,
    as_clitic_at,
    clause_limit,
    english_place_after,
    is_word,
    open_incise,
    parse_np,
    sentence_subject,
    source_np,
    source_phrase,
    subject_after,
    subject_before,
    subject_past_complements,
    verb_groups,
)
from .entities import Entities, entity_pieces, label_entities
from .lexicon import Lexicon, get_lexicon, listed, word_list
from .marks import QuoteSpan, find_quotations
from .names import KnownName, name_key, name_keys
from .quotations import (
    FIRST_PERSON,
    Found,
    SpanReading,
    continues_after_incise,
    is_address,
    is_speech,
    quotation_kind,
    speech_features,
)
from .results import ExtractedQuote
from .scoring import Model, get_model, get_speech_model, rerank
from .speakers import ArticleContext, Speaker, role_may_speak
from .syntax import governing_subject
from .text import Sentence, Token, glued_cuts, split_sentences, tokenize

_EN_PREPOSITIONS = word_list("en", "prepositions.txt")
_EN_DETERMINERS = word_list("en", "determiners.txt")
_EN_AUXILIARIES = word_list("en", "auxiliaries.txt")

SPEECH_THRESHOLD = 0.5  # the speech classifier's probability from which a quoted span is speech


def _sentence_tokens(tokens: list[Token], starts: list[int], sent: Sentence) -> list[Token]:
    a = bisect_left(starts, sent.start)
    b = bisect_left(starts, sent.end)
    return tokens[a:b]


def _index_at(tokens: list[Token], offset: int) -> int:
    for i, t in enumerate(tokens):
        if t.start == offset:
            return i
    return -1


def _group_mention(
    group: VerbGroup, tokens: list[Token], lex: Lexicon, text: str, prefer_after: bool
) -> Mention | None:
    """The speaker mention of a verb group: inverted clitic, inverted subject or subject."""
    if group.clitic == "on":
        # "a-t-on appris auprès de l'armée", "estime-t-on au Kremlin", "peut-on lire dans un
        # communiqué de la police": the impersonal "on" names its source in a complement
        k = group.last + 1
        while k < len(tokens) and tokens[k].text not in (",", ".", ";", ":", "!", "?"):
            if tokens[k].low in _ON_SOURCE_PREPOSITIONS and tokens[k].quote < 0:
                j = k + 1
                while j < len(tokens) and tokens[j].low in ("de", "du", "des", "d'"):
                    j += 1
                limit = clause_limit(tokens, j, (",", ".", ";", ":"), lex)
                mention = parse_np(tokens, j, limit, lex, text)
                if mention is not None and mention.kind != "pronoun":
                    return mention
                break
            k += 1
    if group.clitic:
        suffix = "-" + group.clitic
        clitic_tok = next(
            (t for t in tokens[group.first : group.last + 1] if t.low.endswith(suffix)),
            tokens[group.last],
        )
        end = clitic_tok.end
        return Mention(text[end - len(group.clitic) : end], end - len(group.clitic), end, "pronoun")
    if prefer_after:
        m = subject_after(tokens, group.last, lex, text)
        if m is None:
            m = subject_before(tokens, group.first, lex, text)
        if m is None and lex.lang.inverted_subject_past_complements:
            m = subject_past_complements(tokens, group.last, lex, text)
    else:
        m = subject_before(tokens, group.first, lex, text)
        if m is None:
            m = subject_after(tokens, group.last, lex, text)
    if m is not None and m.kind == "name" and lex.lang.plural_verb(tokens, group):
        return _coordinated(tokens, m, lex, text)
    return m


def _coordinated(tokens: list[Token], m: Mention, lex: Lexicon, text: str) -> Mention:
    """The subject of a plural verb: "X et Y ont déclaré", "écrivent les rapporteurs X (LR)
    et Y (PS)", "X et l'ancienne ministre Y interpellent"."""
    k = next((i for i, t in enumerate(tokens) if t.start >= m.end), len(tokens))
    if k < len(tokens) and tokens[k].text == "(":
        close = next((x for x in range(k, min(k + 6, len(tokens))) if tokens[x].text == ")"), k)
        k = close + 1
    if k >= len(tokens) or tokens[k].low not in ("et", "and"):
        return m
    limit = clause_limit(tokens, k + 1, (",", ".", ";", ":", "(", "«", "“"), lex)
    other = parse_np(tokens, k + 1, limit, lex, text)
    if other is None or other.kind != "name" or other.name is None or m.name is None:
        return m
    name = other.name
    first = next(
        (t for t in tokens[k + 1 : limit] if text[t.start : t.end] == name.split()[0]), None
    )
    before = tokens[tokens.index(first) - 1].low if first is not None else ""
    if len(name.split()) > 2 and before in ("l'", "la", "le", "du", "des"):
        # "les ministres des Affaires étrangères X et de l'Intérieur Y": after the ministry
        name = " ".join(name.split()[1:])
    return Mention(text[m.start : other.end], m.start, other.end, "names", names=(m.name, name))


def _is_inverted_position(tokens: list[Token], group: VerbGroup, lex: Lexicon) -> bool:
    """A verb group right after a comma, a closing mark or the sentence start (an incise)."""
    if group.clitic:
        return True
    j = group.first - 1
    if j >= 1 and tokens[j].low in ("qu'", "que") and tokens[j - 1].low in ("ce", "comme"):
        return True  # "c'est ce qu'a déclaré X": the relative clause inverts its subject
    if as_clitic_at(tokens, j - 1, lex):
        return True  # "comme l'a souligné X", "comme le note X"
    return j < 0 or tokens[j].text in (",", "»", "”", '"', "''", "(") or tokens[j].quote >= 0


_OBJECT_CLITICS = listed("fr/object_clitics.txt")
_INCISE_END = (",", ".", ";", "!", "?")
_ON_SOURCE_PREPOSITIONS = listed("fr/on_source_prepositions.txt")


def _find_cue(
    tokens: list[Token],
    qi: int,
    open_i: int,
    close_i: int,
    groups: list[VerbGroup],
    lex: Lexicon,
    text: str,
) -> tuple[Cue | None, VerbGroup | None]:
    """Attribution cue of the quotation `qi` whose marks are tokens[open_i] and tokens[close_i]."""
    # 1. an incise inside the marks: « part one, a-t-il ajouté, part two »
    incise = (
        _incise_cue(tokens, qi, open_i, close_i, lex, text)
        if lex.lang.incise_inside_marks
        else None
    )
    if incise is not None:
        return incise
    # 2. right after the closing mark: « … », a déclaré M. X / « … » a-t-il ajouté
    after = _cue_after(tokens, close_i, groups, lex, text)
    if after is not None:
        return after
    # 3. before the opening mark, nearest first
    best = _nearest_cue_before(tokens, open_i, close_i, groups, lex, text)
    if open_i > 0 and tokens[open_i - 1].text == ":" and best is None:
        mention = subject_before(tokens, open_i - 1, lex, text)
        if mention is not None:
            return Cue(":", None, "colon", mention), None
    if best is not None:
        return best[1], best[2]
    # 4. later in the sentence: « … » qui …, a indiqué un porte-parole
    for g in groups:
        if g.first > close_i and _is_inverted_position(tokens, g, lex):
            mention = _group_mention(g, tokens, lex, text, prefer_after=True)
            if mention is not None:
                return Cue(text[g.start : g.end], g.lemma, "later", mention), g
    # 5. a source closing the sentence: « … » dans le jardin, selon le parquet.
    return _closing_source(tokens, close_i, lex, text), None


def _closing_source(tokens: list[Token], close_i: int, lex: Lexicon, text: str) -> Cue | None:
    """A source phrase after a comma that ends the sentence after tokens[close_i] (", selon
    le parquet."): the source of the quotations before it."""
    for k in range(close_i + 2, len(tokens)):
        if tokens[k - 1].text != "," or tokens[k].quote >= 0:
            continue
        size = source_phrase(tokens, k, lex)
        if not size:
            continue
        limit = clause_limit(tokens, k + size, _CLAUSE_ENDS, lex)
        if any(is_word(t) for t in tokens[limit:]):
            return None  # the sentence goes on: the source may be another clause's
        mention = source_np(tokens, k + size, limit, lex, text)
        if mention is None:
            return None
        return Cue(text[tokens[k].start : tokens[k + size - 1].end], None, "later", mention)
    return None


_CLAUSE_ENDS = frozenset([",", ".", ";", ":", "«", "“", "!", "?"])


def _incise_cue(
    tokens: list[Token], qi: int, open_i: int, close_i: int, lex: Lexicon, text: str
) -> tuple[Cue, VerbGroup] | None:
    """A cue inside the marks of quotation `qi`: « part one, a-t-il ajouté, part two »."""
    inner = [Token(t.text, t.start, t.end, -1) if t.quote == qi else t for t in tokens]
    for g in verb_groups(inner[open_i + 1 : close_i], lex, text):
        first, last = g.first + open_i + 1, g.last + open_i + 1
        if first == 0 or inner[first - 1].text != ",":
            continue
        shifted = VerbGroup(first, last, g.lemma, g.clitic, g.start, g.end)
        mention = _group_mention(shifted, inner, lex, text, prefer_after=True)
        after = last + 1
        if mention is not None and mention.kind != "pronoun":
            after = next((k for k, t in enumerate(inner) if t.start >= mention.end), after)
        if (
            mention is not None
            and after < close_i
            and inner[after].low in lex.prepositions | {"au", "aux"}
        ):
            # « …, a déploré un agriculteur dans un post. … »: a short complement may follow
            end = after + 1
            while end < close_i and end - after <= 6 and inner[end].text not in _INCISE_END:
                end += 1
            if end >= close_i or inner[end].text in _INCISE_END:
                after = end
        if mention is not None and (
            after >= close_i or inner[after].text in (",", ".", ";", "!", "?")
        ):
            return Cue(text[g.start : g.end], g.lemma, "incise", mention), shifted
    return None


def _cue_after(
    tokens: list[Token], close_i: int, groups: list[VerbGroup], lex: Lexicon, text: str
) -> tuple[Cue, VerbGroup | None] | None:
    """A cue right after the closing mark tokens[close_i]: « … », a déclaré M. X /
    « … » a-t-il ajouté / « … », selon X / "…," Trump said."""
    j = close_i + 1
    if j < len(tokens) and tokens[j].text == ",":
        j += 1
    verb_at = j
    while (
        lex.lang.object_clitics_before_verb
        and verb_at < len(tokens)
        and verb_at - j < 2
        and tokens[verb_at].low in _OBJECT_CLITICS
    ):
        verb_at += 1  # « … », lui répond X / leur a lancé X: the person spoken to comes first
    if verb_at + 2 < len(tokens) and as_clitic_at(tokens, verb_at, lex):
        verb_at += 2  # « … », comme le souligne X / comme l'a dit X
    for g in groups:
        if (
            g.first == verb_at
            and lex.lang.participle_clause_after_quote
            and tokens[g.last].low.endswith("ant")
            and not g.clitic
            and g.first == g.last
        ):
            break  # « … », arguant que …: a participle clause, its subject comes before
        if g.first == verb_at:
            participle = tokens[g.last].low.endswith("ing") and g.first == g.last
            if lex.lang.participle_after_quote_speaks and participle:
                # "X told Y that Z “…,” adding, “…”": the participle speaks for the subject of
                # the clause it hangs on
                mention = _participle_subject(tokens, g, groups, close_i, lex, text)
                return Cue(text[g.start : g.end], g.lemma, "after", mention), g
            mention = _group_mention(g, tokens, lex, text, prefer_after=True)
            return Cue(text[g.start : g.end], g.lemma, "after", mention), g
    if lex.lang.open_incise_after_quote and j > close_i + 1 and verb_at < len(tokens):
        found = _open_incise_cue(tokens, close_i, verb_at, lex, text)
        if found is not None:
            return found
    size = source_phrase(tokens, j, lex) if j < len(tokens) else 0
    if size:
        limit = clause_limit(tokens, j + size, (",", ".", ";", ":", "«", "“"), lex)
        mention = source_np(tokens, j + size, limit, lex, text)
        if mention is not None:
            cue_text = text[tokens[j].start : tokens[j + size - 1].end]
            return Cue(cue_text, None, "after", mention), None
    if j < len(tokens) and tokens[j].low == "pour" and lex.lang.pour_introduces_source:
        # « Des méthodes de barbouzes » pour Me Dupond-Moretti: a person's name, never "pour
        # les soignants", whom the words may be addressed to
        limit = clause_limit(tokens, j + 1, _CLAUSE_ENDS, lex)
        mention = parse_np(tokens, j + 1, limit, lex, text)
        if mention is not None and mention.kind == "name" and mention.honorific:
            return Cue(tokens[j].text, None, "later", mention), None
    return _english_cue_after(tokens, close_i, j, groups, lex, text)


def _open_incise_cue(
    tokens: list[Token], close_i: int, verb_at: int, lex: Lexicon, text: str
) -> tuple[Cue, VerbGroup] | None:
    """« … », a claironné X: a verb the lexicon does not list, in the incise of a quotation
    that opens its sentence (a quotation inside a clause may be its object: "vêtu d'un
    « … », a attiré sa victime")."""
    group = open_incise(tokens, verb_at, lex)
    if group is None:
        return None
    qi = tokens[close_i - 1].quote
    opening = next((k for k, t in enumerate(tokens) if t.quote == qi), close_i)
    if any(is_word(t) for t in tokens[: max(0, opening - 1)]) and not group.clitic:
        return None
    if group.clitic:
        mention = _group_mention(group, tokens, lex, text, prefer_after=True)
    else:
        mention = subject_after(tokens, group.last, lex, text)
    if mention is None:
        return None
    return Cue(text[group.start : group.end], group.lemma, "after", mention), group


def _english_cue_after(
    tokens: list[Token], close_i: int, j: int, groups: list[VerbGroup], lex: Lexicon, text: str
) -> tuple[Cue, VerbGroup] | None:
    """English order, the subject before its verb after the closing mark: "…," Trump said.

    Punctuation closes the quoted words: a bare title, "told ABC’s “Morning Valley” that
    she …", is no quotation of hers."""
    punctuated = j > close_i + 1 or tokens[close_i - 1].text in (",", ".", "!", "?", "…", "—")
    for g in groups if lex.lang.verb_after_quoted_subject and punctuated else ():
        if close_i < g.first <= j + 16 and all(
            (
                is_word(t)
                or abbreviation_dot(tokens, k, lex)
                or t.text in (",", "(", ")")
                or _party_and_state_dot(tokens, k)
            )
            and t.quote < 0
            for k, t in enumerate(tokens[j : g.first], start=j)
        ):
            mention = subject_before(tokens, g.first, lex, text)
            # a long subject must open right after the mark: "…,” Senate minority leader X
            # told", "…,” X, the convention chair, told"
            if mention is not None and (
                (g.first <= j + 4 and is_word(tokens[g.first - 1]))
                or mention.start == tokens[j].start
            ):
                return Cue(text[g.start : g.end], g.lemma, "after", mention), g
    return None


def _party_and_state_dot(tokens: list[Token], k: int) -> bool:
    """Is tokens[k] the dot of a party and state ("(D-Mo.)", "R-Ky.,") after a name?"""
    return (
        tokens[k].text == "." and k > 0 and re.match(r"[A-Z]-[A-Z]", tokens[k - 1].text) is not None
    )


def _nearest_cue_before(
    tokens: list[Token],
    open_i: int,
    close_i: int,
    groups: list[VerbGroup],
    lex: Lexicon,
    text: str,
) -> tuple[int, Cue, VerbGroup | None] | None:
    """The cue nearest before the opening mark tokens[open_i] (a verb group or a source
    phrase, "selon X", "pour X,"), with the token where it ends or starts."""
    best: tuple[int, Cue, VerbGroup | None] | None = None
    for g in groups:
        if g.last < open_i:
            if tokens[g.last].low.endswith(("ant", "ing")) and not g.clitic:
                # a participial clause has the subject of its main clause
                mention = _participle_subject(tokens, g, groups, close_i, lex, text)
            else:
                mention = _group_mention(g, tokens, lex, text, prefer_after=False)
            cue = Cue(text[g.start : g.end], g.lemma, "before", mention)
            if best is None or g.last > best[0]:
                best = (g.last, cue, g)
    if best is not None and best[2] is not None:
        best = _governing_cue(tokens, groups, best, lex, text)
    for k in range(open_i):
        if tokens[k].quote >= 0:
            continue
        size = source_phrase(tokens, k, lex)
        is_pour = (
            tokens[k].low in ("pour", "for")
            and (
                k == 0
                or tokens[k - 1].text in (",", ";", ":")
                # "Mais pour X, …": a connector may open the sentence before it
                or all(t.low in _SOURCE_OPENERS or t.low in lex.connectors for t in tokens[:k])
            )
            and lex.lang.pour_introduces_source
        )
        if size or is_pour:
            size = size or 1
            limit = k + size
            while limit < open_i and tokens[limit].text not in (",", ":", ";"):
                limit += 1
            mention = source_np(tokens, k + size, limit, lex, text)
            if mention is None or (is_pour and not _can_speak(mention, lex)):
                continue  # "pour un prix …" is not "pour X, …"
            cue_text = text[tokens[k].start : tokens[k + size - 1].end]
            cue = Cue(cue_text, None, "source", mention)
            if best is None or k >= best[0]:
                best = (k, cue, None)
    return best


def _governing_cue(
    tokens: list[Token],
    groups: list[VerbGroup],
    best: tuple[int, Cue, VerbGroup | None],
    lex: Lexicon,
    text: str,
) -> tuple[int, Cue, VerbGroup | None]:
    """The reporting verb whose "que" clause holds the cue `best` when that cue names nobody:
    "X a estimé que le rapport relevait du « fantasme »", "Un autre fidèle explique
    qu'ensemble ils évoquaient « le passé »": X and the other faithful speak."""
    _, cue, g = best
    if cue.mention is not None and cue.mention.kind == "name" and not cue.mention.owner:
        return best  # "X a dit que Y a déclaré « … »": Y speaks
    for outer in groups:
        if outer.last >= g.first:
            break
        k = outer.last + 1
        if k >= g.first or tokens[k].low not in ("que", "qu'"):
            continue
        if any(t.quote >= 0 or t.text in (";", ":") for t in tokens[k : g.first]):
            continue
        mention = _group_mention(outer, tokens, lex, text, prefer_after=False)
        if (
            mention is not None
            and mention.kind != "pronoun"
            or (mention is not None and cue.mention is None)
        ):
            return (
                best[0],
                Cue(text[outer.start : outer.end], outer.lemma, "before", mention),
                outer,
            )
    return best


def _english_next_cue(
    tokens: list[Token], groups: list[VerbGroup], lex: Lexicon, text: str
) -> tuple[Cue | None, VerbGroup | None]:
    """A cue opening the sentence after a quotation that ends one ("“… now!” Senator Tate said
    as she left.", "“…?” asked Tate."): a subject and a verb, or a verb and its subject."""
    if not groups or groups[0].first > 8 or any(t.quote >= 0 for t in tokens):
        return None, None
    g = groups[0]
    rest = tokens[g.last + 1 :]
    # "“…?” Trump said, looking out on the crowd", "…, adding that …": a participle's clause
    # after a comma reports nothing of the cue's own
    clause = next(
        (
            k
            for k in range(len(rest) - 1)
            if rest[k].text == "," and rest[k + 1].low.endswith("ing")
        ),
        len(rest),
    )
    if any(t.low == "that" for t in rest[:clause]):
        return None, None  # "Tate said that …": reported speech of its own
    if g.first == 0:
        mention = subject_after(tokens, g.last, lex, text)
    else:
        mention = subject_before(tokens, g.first, lex, text)
        if mention is not None and mention.start != tokens[0].start:
            return None, None
    if mention is None or (g.first == 0 and mention.kind == "pronoun"):
        return None, None
    after = max(g.last, next((k for k, t in enumerate(tokens) if t.end >= mention.end), 0)) + 1
    tail = [t for t in tokens[after : g.last + 1 + clause] if is_word(t)]
    if tail and (
        len(tail) > 8
        or (tail[0].low not in _EN_PREPOSITIONS and tail[0].low not in _EN_TAIL_OPENERS)
    ):
        return None, None  # "Tate said the plan works": reported words of its own
    return Cue(text[g.start : g.end], g.lemma, "after", mention), g


_EN_TAIL_OPENERS = listed("en/tail_openers.txt")


def _cataphoric_cue(
    tokens: list[Token], groups: list[VerbGroup], lex: Lexicon, text: str
) -> tuple[Cue | None, VerbGroup | None]:
    """A cue in the next sentence that points back at a quotation ("C'est ainsi que X a
    justifié …", "a ainsi résumé X", "That is how X put it")."""
    words = {t.low for t in tokens[:12]}
    opening = " ".join(t.low for t in tokens[:6])
    pointing = " ce qu'" in f" {opening}" or opening.startswith(("voilà", "tel est", "telle est"))
    if (not words & lex.cataphora_markers and not pointing) or any(t.quote >= 0 for t in tokens):
        return None, None
    for g in groups[:1]:
        inverted = _is_inverted_position(tokens, g, lex)
        mention = _group_mention(g, tokens, lex, text, prefer_after=inverted)
        if mention is not None and mention.kind != "pronoun":
            return Cue(text[g.start : g.end], g.lemma, "later", mention), g
    # "Ces mots sont ceux de X", "Tel est le message de X": the words belong to X
    for k, t in enumerate(tokens[:12]):
        if t.low not in lex.cataphora_markers | {"message", "paroles"}:
            continue
        # "… de X", "… sont ceux de X"
        of = next(
            (m for m in range(k + 1, min(k + 5, len(tokens))) if tokens[m].low in _OF),
            None,
        )
        if of is not None and all(x.low in _OF_GAP for x in tokens[k + 1 : of]):
            mention = parse_np(tokens, of + 1, len(tokens), lex, text)
            if mention is not None and mention.kind in ("name", "description"):
                return Cue(text[t.start : t.end], None, "later", mention), None
    return None, None


_OF = listed("of.txt")
_OF_GAP = listed("of_gap.txt")


def _contrast(tokens: list[Token], lex: Lexicon) -> bool:
    """Does the sentence open by announcing another speaker ("De son côté", "Pour sa part")?"""
    opening = " ".join(t.low for t in tokens[:4])
    return opening.startswith(lex.contrast_openers)


def _can_speak(mention: Mention, lex: Lexicon) -> bool:
    """A name, a pronoun, or a description whose head noun can speak (a role, a body, a group)."""
    if mention.kind != "description":
        return True
    words = (mention.role or "").lower().replace("’", "'").split()
    head = next((w for w in words if w not in ("haut", "haute", "ancien", "ancienne")), "")
    return (
        head in lex.titles
        or head in lex.organisations
        or head in lex.groups
        or (head in lex.documents)
    )


def _may_report(mention: Mention, lex: Lexicon) -> bool:
    """Can the subject of a reporting verb report words: a name, a pronoun, or a description
    of a person ("le jeune homme"), a body, a group or an outlet ("plusieurs médias")? Wider
    than `_names_a_source`: a verb's subject that reports is a source ("la région a annoncé
    que"), a noun after a bare "selon" may be a circumstance ("selon les régions")."""
    if _can_speak(mention, lex):
        return True
    return role_may_speak(mention.role or mention.text, lex)


_MAIN_AUXILIARIES = listed("fr/main_auxiliaries.txt")
PARSE_AFTER = 60  # characters after a quotation the parser reads for its governing subject


def _participle_subject(
    tokens: list[Token],
    group: VerbGroup,
    groups: list[VerbGroup],
    close_i: int,
    lex: Lexicon,
    text: str,
) -> Mention | None:
    earlier = [g for g in groups if g.last < group.first]
    if earlier:
        g = earlier[-1]
        return _group_mention(
            g, tokens, lex, text, prefer_after=_is_inverted_position(tokens, g, lex)
        )
    if group.first < close_i and lex.lang.participle_clause_after_quote:
        # "Le ministre a rejeté l'idée, estimant que ce serait « un mauvais signal »": the
        # subject of the main clause, before its auxiliary
        main = next(
            (
                k
                for k in range(1, group.first)
                if tokens[k].quote < 0 and tokens[k].low in _MAIN_AUXILIARIES
            ),
            None,
        )
        subject = subject_before(tokens, main, lex, text) if main is not None else None
        if subject is not None:
            return subject
    j = close_i + 1
    while j < len(tokens) and tokens[j].text == ",":
        j += 1
    return parse_np(tokens, j, len(tokens), lex, text)


def extract_quotes(
    text: str, *, language: str, known_names: Mapping[str, KnownName] | None = None
) -> list[ExtractedQuote]:
    """Quotations of `text` (direct, partial and indirect), attributed to speakers, in order.

    `known_names` maps `name_key` aliases to the registry's names (canonical form and kind);
    it expands and links names ("Poutine" → "Vladimir Poutine") when the article itself gives
    no fuller form, and the kind staff filed a name as types it. The
    rules find the quotations and propose speakers; the language's trained scorer, when one is
    committed, chooses among the candidates and gives the calibrated confidence.
    """
    return extract_quotes_batch([(text, known_names)], language=language)[0]


def extract_quotes_batch(
    articles: Sequence[tuple[str, Mapping[str, KnownName] | None]], *, language: str
) -> list[list[ExtractedQuote]]:
    """`extract_quotes` of each `(text, known_names)` of `articles`: the same quotations, for
    less, since the NER reads the words around every text's quotations in one pass."""
    found = []
    for quotes, ctx, sentences in _rule_quotes_batch(articles, language):
        model = get_model(ctx.lex.language)
        quotes = rerank(quotes, ctx, sentences, model) if model else quotes
        found.append([_titled(q, ctx) for q in quotes])
    return found


def _titled(quote: ExtractedQuote, ctx: ArticleContext) -> ExtractedQuote:
    """An organisation speaking under its whole title ("Le Parisien", not "Parisien"); a person
    the article names by a surname alone under the name the registry gives them ("Macron" →
    Emmanuel Macron: `ArticleEntities.registry_bearer`)."""
    if not quote.speaker:
        return quote
    if quote.speaker_type == "person" and " " not in (key := name_key(quote.speaker)):
        bearer = ctx.registry_bearer(key, quote.mention)
        return quote if bearer is None else replace(quote, speaker=bearer)
    if quote.speaker_type != "organization":
        return quote
    titled = ctx.titled_name(quote.speaker)
    return quote if titled == quote.speaker else replace(quote, speaker=titled)


def _registry_split(
    text: str, known: Mapping[str, KnownName]
) -> tuple[dict[str, KnownName], dict[str, KnownName]]:
    """The registry's names the article writes (under `name_keys` of its text), and the rest:
    the people under a surname it writes alone, which only name a speaker at the end."""
    written_keys = name_keys(text) if known else set()
    written = {key: name for key, name in known.items() if key in written_keys}
    return written, {key: name for key, name in known.items() if key not in written_keys}


COMMITTED = "committed"  # the speech classifier committed for the language


def rule_quotes(
    text: str,
    *,
    language: str,
    known_names: Mapping[str, KnownName] | None = None,
    speech_model: Model | str | None = COMMITTED,
) -> tuple[list[ExtractedQuote], ArticleContext, list[tuple[int, int]]]:
    """The rules' quotations and speakers, with the article context and the sentence spans the
    scorer reads. `speech_model`: the classifier telling speech from scare quotes (the
    committed one, another, or None for the rules alone)."""
    return _rule_quotes_batch([(text, known_names)], language, speech_model)[0]


def marked_spans(text: str, *, language: str) -> list[tuple[int, int, tuple[float, ...]]]:
    """Every quoted span the walk weighs as possible speech, with the speech classifier's
    features (`start`, `end`, features): what the classifier is trained on."""
    lex = get_lexicon(language)
    reading = _Reading(text, lex)
    (labelled,) = label_entities(lex, [(reading.text, reading.pieces)])
    walk = _ArticleWalk(reading, None, labelled, speech_model=None)
    walk.speech_log = []
    walk.every_sentence()
    return walk.speech_log


def article_context(text: str, *, language: str) -> ArticleContext:
    """The article's entities, names and the roles it binds to them, without its quotations
    (what `derive_role_holders` reads of each article)."""
    reading = _Reading(text, get_lexicon(language))
    (labelled,) = label_entities(reading.lex, [(reading.text, reading.pieces)])
    return _ArticleWalk(reading, None, labelled, speech_model=None).ctx


def _rule_quotes_batch(
    articles: Sequence[tuple[str, Mapping[str, KnownName] | None]],
    language: str,
    speech_model: Model | str | None = COMMITTED,
) -> list[tuple[list[ExtractedQuote], ArticleContext, list[tuple[int, int]]]]:
    lex = get_lexicon(language)
    if speech_model == COMMITTED:
        speech_model = get_speech_model(language)
    readings = [_Reading(text, lex) for text, _ in articles]
    entities = label_entities(lex, [(r.text, r.pieces) for r in readings])
    found = []
    for reading, (_, names), labelled in zip(readings, articles, entities, strict=True):
        walk = _ArticleWalk(reading, names, labelled, speech_model=speech_model)
        walk.every_sentence()
        found.append((walk.quotations(), walk.ctx, [(s.start, s.end) for s in walk.sentences]))
    return found


class _Reading:
    """What the engine reads of a text before any name is known: its quotation marks, tokens,
    sentences, verb groups and the pieces the NER is to label."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.quotes = find_quotations(text)
        glued = glued_cuts(text, lex.glued_openers)
        self.tokens = tokenize(text, 0, len(text), self.quotes, glued)
        starts = [t.start for t in self.tokens]
        self.sentences = split_sentences(
            text, self.quotes, line_breaks=lex.lang.line_breaks, cuts=glued
        )
        self.sent_tokens = [_sentence_tokens(self.tokens, starts, s) for s in self.sentences]
        if lex.lang.speaker_labels:
            self.sent_tokens = [_headline_verb_lowered(st) for st in self.sent_tokens]
        self.sent_groups = [verb_groups(st, lex, text) for st in self.sent_tokens]
        self.pieces = entity_pieces(text, self.sent_tokens)


class _ArticleWalk:
    """One article read sentence by sentence: its tokens and context, the quotations found so
    far and the last speaker named (whom a pronoun or an uncued quotation refers to)."""

    def __init__(
        self,
        reading: _Reading,
        known_names: Mapping[str, KnownName] | None,
        entities: Entities,
        *,
        speech_model: Model | None,
    ) -> None:
        text = self.text = reading.text
        self.lex = reading.lex
        self.quotes = reading.quotes
        self.sentences = reading.sentences
        self.sent_tokens = reading.sent_tokens
        self.sent_groups = reading.sent_groups
        labels, entity_starts = entities
        written, bearers = _registry_split(text, known_names or {})
        self.ctx = ArticleContext(
            text,
            reading.tokens,
            self.lex,
            written,
            entity_labels=labels,
            entity_starts=frozenset(entity_starts),
            surname_bearers=bearers,
        )
        self.paragraph_of = _paragraph_index(text)
        self.found: list[tuple[int, ExtractedQuote]] = []
        self.previous: Speaker | None = None
        self.previous_paragraph = -10
        self.previous_position = -1
        self.borrowed = -1  # a sentence whose opening cue belongs to the quotation before it
        self.labelled_until = -1  # English: a "NAME: words" paragraph covers all its sentences
        self.speech_model = speech_model
        self.speech_log: list[tuple[int, int, tuple[float, ...]]] | None = None

    def every_sentence(self) -> None:
        for index in range(len(self.sentences)):
            self.sentence(index)

    def sentence(self, index: int) -> None:
        """Find and attribute the quotations of sentence `index`: a speaker label, quotations
        in marks, then reported speech without marks."""
        sent = self.sentences[index]
        if sent.start < self.labelled_until:
            return
        if self._labelled(index) or self._block_after_colon(index):
            return
        stoks, groups = self.sent_tokens[index], self.sent_groups[index]
        sentence_found: list[Found] = []
        for qi in sorted({t.quote for t in stoks if t.quote >= 0}):
            self._marked(index, qi, sentence_found)
        for f in sentence_found:
            self.found.append((f.span.start, _found_quote(f, self.text)))
        indirect = (
            _indirect(stoks, groups, sent, self.lex, self.text) if index != self.borrowed else None
        )
        followers: list[tuple[int, int, Cue]] = []
        if indirect is not None and self.lex.lang.splits_reported_clauses:
            indirect = _english_subordinate_end(indirect, stoks)
            indirect, followers = _english_split(indirect, stoks, groups, self.lex, self.text)
        indirect = self._unless_quoted(indirect, stoks, sentence_found)
        if indirect is not None:
            self._reported(indirect, sent)
        for follower in followers:
            self._follower(follower, indirect)

    def _block_after_colon(self, index: int) -> bool:
        """A paragraph that is only a subject, its reporting verb and a colon ("Tate added:")
        gives it the next paragraph, a quotation set off without marks."""
        stoks, text = self.sent_tokens[index], self.text
        if (
            not self.lex.lang.cue_opens_next_sentence
            or len(stoks) < 3
            or stoks[-1].text != ":"
            or index + 1 >= len(self.sentences)
        ):
            return False
        paragraph = self.paragraph_of(self.sentences[index].start)
        following = [
            k
            for k in range(index + 1, len(self.sentences))
            if self.paragraph_of(self.sentences[k].start) == paragraph + 1
        ]
        if (
            (index > 0 and self.paragraph_of(self.sentences[index - 1].start) == paragraph)
            or self.paragraph_of(self.sentences[index + 1].start) != paragraph + 1
            or self.sent_tokens[index + 1][0].quote >= 0
            or text[self.sentences[index + 1].start] in '"“'
        ):
            return False
        group = next((g for g in self.sent_groups[index] if g.last == len(stoks) - 2), None)
        if group is None or group.lemma is None:
            return False
        mention = subject_before(stoks, group.first, self.lex, text)
        if mention is None:
            return False
        start, end = self.sentences[index + 1].start, self.sentences[following[-1]].end
        while end > start and text[end - 1] in " \n":
            end -= 1
        cue = Cue(text[group.start : group.end], group.lemma, "colon", mention)
        return self._attribute_block(start, end, cue)

    def _attribute_block(self, start: int, end: int, cue: Cue) -> bool:
        """Attribute text[start:end], whole paragraphs, as one direct quotation to the speaker
        `cue` names; False when it names nobody."""
        speaker = self.ctx.resolve(
            cue.mention,
            position=start,
            previous=self.previous,
            continuation=False,
            previous_position=self.previous_position,
        )
        if speaker.name is None:
            return False
        self.found.append((start, cued_quote(self.text, start, end, cue, speaker, "direct")))
        self.previous, self.previous_position = speaker, end
        self.previous_paragraph = self.paragraph_of(start)
        self.labelled_until = end
        return True

    def _labelled(self, index: int) -> bool:
        """Whether sentence `index` opens a "NAME: words" paragraph, now attributed."""
        lex, text = self.lex, self.text
        labelled = (
            _english_label(
                self.sent_tokens[index],
                index,
                self.sentences,
                self.paragraph_of,
                self.ctx,
                lex,
                text,
            )
            if lex.lang.speaker_labels
            else None
        )
        if labelled is None:
            return False
        return self._attribute_block(*labelled)

    def _cue(
        self, index: int, qi: int, open_i: int, close_i: int
    ) -> tuple[Cue | None, VerbGroup | None]:
        """The reporting cue of quotation `qi` of sentence `index`: in its sentence, else at
        the start of the next one."""
        lex, text, sentences = self.lex, self.text, self.sentences
        stoks = self.sent_tokens[index]
        cue, group = _find_cue(stoks, qi, open_i, close_i, self.sent_groups[index], lex, text)
        if cue is None:
            cue = _dash_credit(stoks, close_i + 1, lex, text)
        if (
            cue is None
            and close_i >= len(stoks) - 1
            and index + 1 < len(sentences)
            and self.paragraph_of(sentences[index + 1].start)
            == self.paragraph_of(self.quotes[qi].open_at)
        ):
            # "“…” — Ellen Tate": the sentence ended inside the marks, the credit follows
            cue = _dash_credit(self.sent_tokens[index + 1], 0, lex, text)
            if cue is not None:
                self.borrowed = index + 1
        if (
            cue is None
            and lex.lang.cue_opens_next_sentence
            and close_i >= len(stoks) - 1
            and index + 1 < len(sentences)
            and self.paragraph_of(sentences[index + 1].start)
            == self.paragraph_of(self.quotes[qi].open_at)
        ):
            # "“… now!” Senator Tate said as she left.": the cue opens the next sentence
            cue, group = _english_next_cue(
                self.sent_tokens[index + 1], self.sent_groups[index + 1], lex, text
            )
            if cue is not None:
                self.borrowed = index + 1
        if cue is not None and cue.position == "colon" and not self.ctx.names_someone(cue.mention):
            cue, group = None, None  # "Conclusion : « … »": a capitalised word, no speaker
        if cue is None and index + 1 < len(sentences):
            # « … ». C'est ainsi que X a justifié …: the next sentence names the speaker
            cue, group = _cataphoric_cue(
                self.sent_tokens[index + 1], self.sent_groups[index + 1], lex, text
            )
        return cue, group

    def _marked(self, index: int, qi: int, sentence_found: list[Found]) -> None:
        """Attribute quotation `qi` (in marks) of sentence `index`, adding it to
        `sentence_found` unless it is no speech or goes on with the one before."""
        lex, text, stoks = self.lex, self.text, self.sent_tokens[index]
        span = self.quotes[qi]
        open_i = _index_at(stoks, span.open_at)
        close_i = _index_at(stoks, span.close_at)
        if open_i < 0:
            return
        if close_i < 0:
            close_i = len(stoks)
        words = sum(1 for t in stoks[open_i + 1 : close_i] if is_word(t))
        cue, group = self._cue(index, qi, open_i, close_i)
        if not self._speech(SpanReading(stoks, open_i, close_i, span, cue, words, text, lex)):
            return  # a scare-quoted term, a title or a name
        kind = quotation_kind(stoks, open_i, span, text, lex)
        paragraph = self.paragraph_of(span.open_at)
        if (
            lex.lang.quotation_resumes_after_cue
            and cue is None
            and not sentence_found
            and self.found
            and _english_continues(self.found[-1][1], span, text, self.paragraph_of)
        ):
            # "“A,” Tate said. “B.”": B goes on with A, one quotation cut by its cue
            start, prev = self.found[-1]
            self.found[-1] = (start, replace(prev, text=text[prev.start : span.end], end=span.end))
            return
        speaker = self._marked_speaker(cue, span, paragraph, stoks, kind)
        if (
            cue is None
            and kind == "partial"
            and speaker.name is None
            and not (FIRST_PERSON.search(text[span.start : span.end]))
        ):
            return  # a fragment nobody is said to have said: a description in marks
        gap = paragraph - self.previous_paragraph
        conf = heuristic_confidence(cue, speaker, kind, words, gap)
        # « part one », a-t-il dit, « part two »: one quotation
        if sentence_found and continues_after_incise(sentence_found[-1], span, text):
            prev = sentence_found.pop()
            span = QuoteSpan(prev.span.open_at, span.close_at, prev.span.start, span.end)
            cue, group, speaker, kind = prev.cue, prev.group, prev.speaker, prev.kind
            conf = prev.confidence
        sentence_found.append(Found(span, cue, group, kind, speaker, conf, words))
        if speaker.name is not None:
            self.previous = speaker
            self.previous_paragraph = paragraph
            # names in the rest of this sentence are appositions, not a new speaker
            self.previous_position = self.sentences[index].end

    def _speech(self, reading: SpanReading) -> bool:
        """Is the quoted span speech? The speech classifier's answer when the language has
        one (the rules' verdict is one of its features), else the rules'. Every span's
        features are kept in `speech_log` when training asks for them."""
        if self.speech_log is not None:
            self.speech_log.append((reading.span.start, reading.span.end, speech_features(reading)))
        if is_address(reading):
            return False  # code the page kept, never words, whatever the model makes of it
        if self.speech_model is None:
            return is_speech(reading)
        return self.speech_model.probability(speech_features(reading)) >= SPEECH_THRESHOLD

    def _marked_speaker(
        self, cue: Cue | None, span: QuoteSpan, paragraph: int, stoks: list[Token], kind: str
    ) -> Speaker:
        """The speaker of a quotation in marks, from its cue's mention or the one before."""
        lex = self.lex
        continuation = cue is not None and cue.lemma in lex.continuation_lemmas
        if cue is not None:
            mention = cue.mention
        else:
            mention = self._sentence_subject_name(span, stoks) or (
                self._parsed_subject(span, stoks) if kind == "partial" else None
            )
        if (
            lex.lang.possessive_object_no_speaker
            and mention is not None
            and mention.kind == "description"
            and mention.determiner in _EN_POSSESSIVES
            and not _may_report(mention, lex)
        ):
            # "… and called his standing “unheard of”": an object, not a speaker ("his ex-wife", a
            # person, speaks)
            mention = None
        return self.ctx.resolve(
            mention,
            position=span.open_at,
            previous=self.previous,
            continuation=continuation or cue is None,
            previous_position=self.previous_position,
            anaphora=paragraph - self.previous_paragraph <= 1 and not _contrast(stoks, lex),
        )

    def _sentence_subject_name(self, span: QuoteSpan, stoks: list[Token]) -> Mention | None:
        """A quotation without a cue in a sentence whose clause opens with a person's name
        before it ("Binta Kamara, 18 ans, est venue « pour soutenir … »"), or an organisation's
        ("L'Acro voit dans … un « risque … »"): that speaker."""
        if not stoks:
            return None
        ctx = self.ctx
        for start, name in reversed(ctx.subject_runs):
            if stoks[0].start <= start < span.open_at:
                end = start + len(name)
                if self.text[start:end] == name and (
                    ctx.surely_person(name) or ctx.speaking_body(name)
                ):
                    return Mention(name, start, end, "name", name=name)
        return None

    def _parsed_subject(self, span: QuoteSpan, stoks: list[Token]) -> Mention | None:
        """The subject of the verb that governs a quotation without a cue, as the dependency
        parse of its sentence gives it ("il veut « prendre rapidement » des mesures")."""
        if not self.lex.lang.parsed_subject or not stoks:
            return None
        # the sentence up to a few words after the quotation ("… par le maire"): what the
        # parser reads costs its time
        reach = span.end + PARSE_AFTER
        sentence = (stoks[0].start, max(t.end for t in stoks if t.start < reach))
        found = governing_subject(self.text, sentence, (span.start, span.end), self.lex.language)
        if found is None:
            return None
        first = next((k for k, t in enumerate(stoks) if t.start >= found[0]), len(stoks))
        limit = next((k for k, t in enumerate(stoks) if t.start >= found[1]), len(stoks))
        mention = parse_np(stoks, first, limit, self.lex, self.text)
        if mention is None or not _can_speak(mention, self.lex):
            return None  # "les mesures prévoient « … »": a thing, not a speaker
        if mention.kind == "name" and not (
            self.ctx.surely_person(mention.name) or self.ctx.speaking_body(mention.name)
        ):
            return None  # "Lyon est encore pensé « … »": a place
        return mention

    def _unless_quoted(
        self,
        indirect: tuple[int, int, Cue] | None,
        stoks: list[Token],
        sentence_found: list[Found],
    ) -> tuple[int, int, Cue] | None:
        """The reported clause `indirect`, unless its words are (partly) quoted; English keeps a
        mixed clause and drops the quotations inside it instead."""
        if indirect is None or not any(
            t.quote >= 0 and indirect[0] <= t.start < indirect[1] for t in stoks
        ):
            return indirect
        found, text = self.found, self.text
        inside = [q for _, q in found[len(found) - len(sentence_found) :] if q.start >= indirect[0]]
        quoted = sum(len(re.findall(r"\w+", q.text)) for q in inside)
        reported = len(re.findall(r"\w+", text[indirect[0] : indirect[1]]))
        if self.lex.lang.mixed_quotations and inside and reported - quoted >= 3:
            # "X said the plan was “a disaster” for farmers": English news scores the whole
            # reported clause, quoted words included, as one (mixed) quotation
            kept = [pair for pair in found if pair[1] not in inside]
            found[:] = kept
        elif inside:
            return None  # the reported words are (partly) quoted: the quotation stands
        return indirect

    def _reported(self, indirect: tuple[int, int, Cue], sent: Sentence) -> None:
        """Attribute the reported speech (without marks) of a sentence."""
        start, end, cue = indirect
        continuation = cue.lemma in self.lex.continuation_lemmas if cue.lemma else False
        speaker = self._reported_speaker(cue, start, continuation)
        if speaker.name is not None:
            self.found.append((start, cued_quote(self.text, start, end, cue, speaker)))
            self.previous = speaker
            self.previous_paragraph = self.paragraph_of(start)
            self.previous_position = sent.end

    def _reported_speaker(self, cue: Cue, start: int, continuation: bool) -> Speaker:
        """The speaker of reported speech starting at `start`, from its cue's mention."""
        return self.ctx.resolve(
            cue.mention,
            position=cue.mention.start if cue.mention else start,
            previous=self.previous,
            continuation=continuation,
            previous_position=self.previous_position,
            reported=True,
        )

    def _follower(
        self, follower: tuple[int, int, Cue], indirect: tuple[int, int, Cue] | None
    ) -> None:
        """Attribute a second reported clause: "X said A and said B": B is X's too."""
        start, end, cue = follower
        found, text = self.found, self.text
        quoted = [q for _, q in found if start <= q.start < end]
        reported = len(re.findall(r"\w+", text[start:end]))
        if quoted and reported - sum(len(re.findall(r"\w+", q.text)) for q in quoted) < 3:
            return  # the reported words are quoted: the quotation stands
        found[:] = [pair for pair in found if pair[1] not in quoted]
        first_kept = indirect is not None and any(
            q.kind == "indirect" and q.start == indirect[0] for _, q in found
        )
        same_subject = indirect is not None and cue.mention == indirect[2].mention
        speaker = (
            self.previous
            if first_kept and self.previous is not None and same_subject
            else self._reported_speaker(cue, start, continuation=False)
        )
        if speaker.name is None:
            return
        found.append((start, cued_quote(text, start, end, cue, speaker)))

    def quotations(self) -> list[ExtractedQuote]:
        """The quotations found, in order, each with the article's other names as candidates."""
        names = self.ctx.candidate_names()
        out = []
        for _, q in sorted(self.found, key=lambda pair: pair[0]):
            own = name_key(q.speaker) if q.speaker else ""
            others = tuple(n for n in names if name_key(n) != own)
            out.append(_with_candidates(q, others))
        return out


def _bare_source(tokens: list[Token], start: int, limit: int, text: str) -> Mention | None:
    """A short plain noun phrase without a determiner after "according to" ("exit polls",
    "federal data"): the source as written."""
    words = tokens[start:limit]
    if not 1 <= len(words) <= 5 or not all(t.text.isalpha() and t.quote < 0 for t in words):
        return None
    phrase = text[words[0].start : words[-1].end]
    return Mention(phrase, words[0].start, words[-1].end, "description", role=phrase)


def _found_quote(f: Found, text: str) -> ExtractedQuote:
    """The engine's output for a quotation in marks attributed in its sentence."""
    mention = f.cue.mention if f.cue else None
    return ExtractedQuote(
        text=text[f.span.start : f.span.end],
        start=f.span.start,
        end=f.span.end,
        kind=f.kind,
        speaker=f.speaker.name,
        speaker_type=f.speaker.type if f.speaker.name else "unknown",
        mention=mention.text if mention else None,
        cue=f.cue.text if f.cue else None,
        confidence=f.confidence,
        speaker_role=f.speaker.role,
    )


def _with_candidates(q: ExtractedQuote, candidates: tuple[str, ...]) -> ExtractedQuote:
    from dataclasses import replace

    return replace(q, candidates=candidates)


def _paragraph_index(text: str):
    breaks = [m.start() for m in re.finditer(r"\n\n", text)]

    def index(offset: int) -> int:
        return bisect_left(breaks, offset)

    return index


def _indirect(
    tokens: list[Token], groups: list[VerbGroup], sent: Sentence, lex: Lexicon, text: str
) -> tuple[int, int, Cue] | None:
    """Reported speech without marks: "selon X, …", "X a estimé que …", "…, a-t-il précisé"."""
    if not tokens:
        return None
    end_tok = len(tokens)
    while end_tok > 0 and tokens[end_tok - 1].text in (".", "!", "?", "…"):
        end_tok -= 1
    if end_tok == 0:
        return None
    decided, found = _source_report(tokens, groups, end_tok, lex, text)
    if decided:
        return found
    found = _as_report(tokens, groups, end_tok, lex, text)
    if found is not None:
        return found
    fallback = None  # an object of "attacked", "cited", unless another verb reports words
    for g in groups:
        nxt = g.last + 1
        while nxt < end_tok and tokens[nxt].low in lex.adverbs:
            nxt += 1
        content = None
        if nxt < end_tok and tokens[nxt].low in ("que", "qu'", "that") and nxt + 1 < end_tok:
            content = nxt + 1
        elif lex.lang.infinitive_reports:
            content = _french_complement(tokens, nxt, end_tok, groups)
        if content is not None:
            mention = _group_mention(g, tokens, lex, text, prefer_after=False)
            if mention is not None and _may_report(mention, lex):
                cue = Cue(text[g.start : g.end], g.lemma, "before", mention)
                return tokens[content].start, tokens[end_tok - 1].end, cue
        # sentence-final incise: "…, a-t-il précisé." / "…, a indiqué la police."
        if g.first > 1 and tokens[g.first - 1].text == ",":
            bare = lex.lang.bare_reported_clauses
            quoted_subject = bare and _english_quoted_subject(tokens, g, lex, text)
            # ("“…,” Owen Pryce, a close adviser, told AFP.": the quotation is his words)
            found = None if quoted_subject else _final_incise(tokens, g, end_tok, lex, text)
            if found is not None:
                return found
            if not bare:
                continue
        if lex.lang.bare_reported_clauses:
            found = _english_indirect(tokens, g, groups, end_tok, lex, text)
            inner = (
                found is not None
                and g.lemma in _EN_OBJECT_REPORTS
                and _english_inner_report(tokens, g, groups, found[1], lex, text)
            )
            if inner and fallback is None:
                fallback = (
                    found  # "attacked the plan, which X said would …": the inner report first
                )
            elif found is not None:
                return found
    return fallback


_SOURCE_OPENERS = listed("source_openers.txt")


def _source_report(
    tokens: list[Token], groups: list[VerbGroup], end_tok: int, lex: Lexicon, text: str
) -> tuple[bool, tuple[int, int, Cue] | None]:
    """ "selon X, content" / "content, selon X.": (True, the report or None) when a source
    phrase decides the sentence, (False, None) when its reporting verbs do."""
    for k in range(end_tok):
        size = source_phrase(tokens, k, lex)
        if not size:
            continue
        limit = k + size
        while limit < end_tok and tokens[limit].text not in (",", ";", ":"):
            limit += 1
        mention = source_np(tokens, k + size, limit, lex, text)
        if mention is None and lex.lang.any_source_speaks:
            mention = _bare_source(tokens, k + size, limit, text)
        if mention is None:
            continue
        cue = Cue(text[tokens[k].start : tokens[k + size - 1].end], None, "source", mention)
        if lex.lang.source_after_clause and k > 1:
            found = _english_source_after(tokens, groups, k, limit, end_tok, cue)
            if found is not None and found[0] < found[1]:
                return True, found
            if found is not None:
                return False, None  # the source cites a report: the reporting verb decides
        if all(t.low in _SOURCE_OPENERS or t.low in lex.adverbs for t in tokens[:k]):
            # "Selon X, …", "Mais toujours selon X, …"
            if limit + 1 < end_tok:
                return True, (tokens[limit + 1].start, tokens[end_tok - 1].end, cue)
            return True, None
        if k > 1 and tokens[k - 1].text == ",":
            if (
                limit + 1 < end_tok
                and tokens[limit].text == ","
                and not lex.lang.source_after_clause
            ):
                # "Cette enquête n'a, selon la défense, jamais été ouverte": the whole clause
                return True, (tokens[0].start, tokens[end_tok - 1].end, cue)
            return True, (tokens[0].start, tokens[k - 2].end, cue)
        if lex.lang.source_after_clause or not _names_a_source(mention, lex):
            continue
        if k > 1 and tokens[k - 1].low in lex.connectors and limit + 1 < end_tok:
            # "…, tandis que selon les médias, le corps a été retrouvé": the clause after it
            return True, (tokens[limit + 1].start, tokens[end_tok - 1].end, cue)
        if k > 2 and limit >= end_tok - 1 and is_word(tokens[k - 1]):
            # "la voiture la plus chère de tous les temps selon Bugatti.": the clause before
            return True, (tokens[0].start, tokens[k - 1].end, cue)
    return False, None


def _names_a_source(mention: Mention, lex: Lexicon) -> bool:
    """Does a mention after "selon" without a comma name someone or a body ("selon Bugatti",
    "selon les médias") rather than a circumstance ("selon les régions", "selon les cas")?"""
    if _can_speak(mention, lex):
        return True
    head = (mention.role or "").lower().replace("’", "'").split()[:1]
    return bool(head) and (head[0] in lex.person_nouns or head[0] in lex.media)


def _french_complement(
    tokens: list[Token], i: int, end_tok: int, groups: list[VerbGroup]
) -> int | None:
    """Where the reported words start after a French reporting verb when "que" does not follow
    it at once: after a short complement ("a annoncé samedi à France Dimanche qu'il …", "précise
    à l'AFP que …"), or at an infinitive ("a annoncé faire appel", "assure ne pas regretter",
    "dit avoir été agressé")."""
    j = i
    while j < end_tok and j - i < 8 and tokens[j].quote < 0 and is_word(tokens[j]):
        if tokens[j].low in ("que", "qu'"):
            later = any(i <= g.first < j for g in groups)
            # "aussi insolite que", "après qu'": no complementizer of the verb
            joined = any(t.low in _QUE_LOCUTIONS for t in tokens[i:j])
            return j + 1 if j > i and j + 1 < end_tok and not later and not joined else None
        j += 1
    while i < end_tok and tokens[i].low in _BEFORE_INFINITIVE:
        i += 1  # "a annoncé jeudi avoir contracté …"
    if i + 1 >= end_tok or tokens[i].quote >= 0:
        return None
    word = tokens[i].low
    if tokens[i].is_upper:
        return None  # "…", a réagi Pierre Caillé: a name, not an infinitive
    if word in ("ne", "n'") or (
        word.endswith(("er", "ir", "re", "oir")) and len(word) > 3 and word not in _NOT_INFINITIVES
    ):
        return i
    return None


_BEFORE_INFINITIVE = listed("fr/before_infinitive.txt")
_QUE_LOCUTIONS = listed("fr/que_locutions.txt")
_NOT_INFINITIVES = listed("fr/not_infinitives.txt")


def _as_report(
    tokens: list[Token], groups: list[VerbGroup], end_tok: int, lex: Lexicon, text: str
) -> tuple[int, int, Cue] | None:
    """ "Comme le souligne X, content." / "Content, comme l'a rappelé X.": the verb's object
    clitic stands for the content, whose source is the inverted subject."""
    for g in groups:
        k = g.first - 2
        if not as_clitic_at(tokens, k, lex) or (k > 0 and tokens[k - 1].text != ","):
            continue
        mention = subject_after(tokens, g.last, lex, text)
        if mention is None or not _can_speak(mention, lex):
            continue
        after = next((m for m, t in enumerate(tokens) if t.start >= mention.end), end_tok)
        cue = Cue(text[tokens[k].start : g.end], g.lemma, "source", mention)
        if k == 0 and after + 1 < end_tok and tokens[after].text == ",":
            return tokens[after + 1].start, tokens[end_tok - 1].end, cue
        if k > 1 and after >= end_tok:
            return tokens[0].start, tokens[k - 2].end, cue
    return None


def _final_incise(
    tokens: list[Token], g: VerbGroup, end_tok: int, lex: Lexicon, text: str
) -> tuple[int, int, Cue] | None:
    """ "…, a-t-il précisé." / "…, a indiqué la police.": the words before the comma."""
    mention = _group_mention(g, tokens, lex, text, prefer_after=True)
    if mention is None or not _can_speak(mention, lex):
        return None  # "X, président du conseil, a salué la rencontre": no incise
    if _apposed_subject(tokens[: g.first - 1], lex, text):
        return None  # "La présidente du club, X, a remercié le maire": a subject, no incise
    tail = mention.end if mention.kind != "pronoun" else g.end
    rest = [t for t in tokens[:end_tok] if t.start >= tail]
    if rest and any(is_word(t) for t in rest):
        return None
    return (
        tokens[0].start,
        tokens[g.first - 2].end,
        Cue(text[g.start : g.end], g.lemma, "after", mention),
    )


def _apposed_subject(tokens: list[Token], lex: Lexicon, text: str) -> bool:
    """Are `tokens` a subject and its apposition ("La présidente du club, X" / "X, maire de Y"),
    short noun phrases between commas rather than reported words?"""
    segments: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.text == ",":
            segments.append([])
        else:
            segments[-1].append(tok)
    if len(segments) < 2 or any(not seg or len(seg) > 8 for seg in segments):
        return False
    titled = 0
    for seg in segments:
        mention = parse_np(seg, 0, len(seg), lex, text)
        if mention is None or mention.kind == "pronoun" or mention.end != seg[-1].end:
            return False
        titled += mention.kind in ("name", "names") or _can_speak(mention, lex)
    return titled == len(segments)


def _english_source_after(
    tokens: list[Token], groups: list[VerbGroup], k: int, limit: int, end_tok: int, cue: Cue
) -> tuple[int, int, Cue] | None:
    """ "The plant will close, according to the union." / "… 271 delegates according to a count
    by the AP, but …" / "… — according to FBI data.": the words before the source are its.
    An empty span (start == end) means the sentence reports nothing: "X said at a rally,
    according to the Dover Times" cites who reported a quotation; "The AP reported that,
    according to …" leaves the words to the verb."""
    before = k - 1
    while before > 0 and tokens[before].text in (",", "—", "–", "-"):
        before -= 1
    if limit < end_tok and tokens[limit].text != ",":
        return None  # the source's noun phrase stops short of the clause's end
    cites = any(
        h.last < k and (tokens[h.last + 1].low in _EN_PREPOSITIONS or h.last + 1 >= before)
        for h in groups
    )
    if tokens[before].low == "that" or cites:
        return tokens[0].start, tokens[0].start, cue
    if tokens[k - 1].text not in (",", "—", "–") and not is_word(tokens[k - 1]):
        return None
    return tokens[0].start, tokens[before].end, cue


_CREDIT_DASHES = ("―", "—", "–")


def _dash_credit(stoks: list[Token], k: int, lex: Lexicon, text: str) -> Cue | None:
    """A quotation credited by a dash at stoks[k] and its speaker's name ending the line
    (“…” ― Ellen Tate), as under a quoted testimony or an epigraph."""
    if k + 1 >= len(stoks) or stoks[k].text not in _CREDIT_DASHES:
        return None
    mention = parse_np(stoks, k + 1, len(stoks), lex, text)
    if mention is None or mention.kind != "name":
        return None
    rest = text[mention.end : stoks[-1].end]
    if "\n" in text[stoks[k].start : mention.start] or rest.strip(" .") != "":
        return None
    return Cue(stoks[k].text, None, "after", mention)


def _english_continues(prev: ExtractedQuote, span: QuoteSpan, text: str, paragraph_of) -> bool:
    """Does the cue-less quotation `span` go on with the direct quotation `prev` just before it,
    in the same paragraph, with only that quotation's cue between them ("“A,” Tate said. “B.”")?"""
    if prev.kind != "direct" or prev.speaker is None:
        return False
    if paragraph_of(prev.start) != paragraph_of(span.open_at):
        return False
    gap = text[prev.end : span.open_at]
    words = re.findall(r"\w+", gap)
    if "\n" in gap or (words and not re.search(r"[.!?]\W*$", gap.strip())):
        return False
    if not words:
        return True  # "Tate said: “A.” “B.”"
    # the rest of the cue's own sentence, an apposition included ("…,” said X, head of Y. “…”)
    return len(words) <= 30 and prev.cue is not None and prev.cue.split()[-1] in words


def _english_label(
    tokens: list[Token],
    index: int,
    sentences: list[Sentence],
    paragraph_of,
    ctx: ArticleContext,
    lex: Lexicon,
    text: str,
) -> tuple[int, int, Cue] | None:
    """A paragraph opened by a speaker's name and a colon, as in transcripts and headlines
    ("TATE: I think she does.", "Pryce: Farm Bill ‘Is Dead’"): the rest of the paragraph is
    theirs; or a headline in title case ("Tate Says The Mill Stays Open"): the rest of the
    line. The name must be one the article uses elsewhere, so that "Related:", "UPDATE:" or
    "Poll:" label nothing."""
    paragraph = paragraph_of(sentences[index].start)
    if index > 0 and paragraph_of(sentences[index - 1].start) == paragraph:
        return None
    # "\"WALLACE: …": each paragraph of a transcript quoted as a whole opens with a mark
    opener = 1 if tokens and tokens[0].text in ('"', "“") else 0
    colon = next((k for k, t in enumerate(tokens[:7]) if t.text == ":"), None)
    headline = False
    if colon is None:
        # "Tate Says The Mill Stays Open": a headline in title case, its verb capitalised
        colon = next(
            (k for k, t in enumerate(tokens[:7]) if t.text in _EN_HEADLINE_VERBS and k > 0),
            None,
        )
        words = [t for t in tokens if is_word(t)]
        headline = colon is not None and sum(t.is_upper for t in words) >= 0.7 * len(words)
        if not headline:
            return None
    if colon is None or colon <= opener or colon + 3 >= len(tokens):
        return None
    if tokens[0].quote >= 0 and not (opener and tokens[1].quote == tokens[0].quote):
        return None
    first = opener
    while first < colon - 1 and tokens[first].low in lex.verb_forms:
        first += 1  # "Continued Stone: …", "Added Tate: …"
    # the label read as words outside the quotation its paragraph's mark opens
    label_tokens = [replace(t, quote=-1) for t in tokens[: colon + 1]]
    label = _label_name(label_tokens, first, colon, ctx, lex, text)
    if label is None:
        return None
    mention, full = label
    if ctx.entity_labels.get(name_key(full)) in ("GPE", "LOC"):
        return None  # a dateline
    if headline and len(full.split()) < 2 and ctx.name_type(full) != "organization":
        return None  # "Dover Says Farewell To The Mill": a place, not a person named in full
    last = index
    while (
        not headline
        and last + 1 < len(sentences)
        and paragraph_of(sentences[last + 1].start) == paragraph
    ):
        last += 1
    start, end = tokens[colon + 1].start, sentences[last].end
    while end > start and text[end - 1] in " .\n":
        end -= 1
    return start, end, Cue(tokens[colon].text, None, "colon", mention)


def _label_name(
    tokens: list[Token], first: int, colon: int, ctx: ArticleContext, lex: Lexicon, text: str
) -> tuple[Mention, str] | None:
    """The mention of a speaker label tokens[first:colon] and the full name the article writes
    for it; None unless the article names that person elsewhere too."""
    mention = parse_np(tokens, first, colon, lex, text)
    if (
        mention is None
        or mention.kind != "name"
        or mention.end != tokens[colon - 1].end
        or not mention.name
        or tokens[first].low in _EN_DETERMINERS  # "The Latest:", "This Week:"
    ):
        return None
    words = name_key(mention.name).split()
    surname = words[-1:]
    known = None
    for start, _, run in ctx.runs:
        run_words = name_key(run).split()
        if start != mention.start and (
            run_words[-1:] == surname or (len(words) == 1 and run_words[:1] == words)
        ):
            known = run  # the surname, or a given name alone ("Hillary: …" for Hillary Tate)
            break
    if known is None and mention.text.isupper() and _repeated_label(mention.text, text):
        known = mention.name  # a transcript's speaker, named by the labels alone
    if not surname or known is None:
        return None  # a name the article gives nowhere else: "Related:", "UPDATE:", "Poll:"
    if len(words) == 1 and name_key(known).split()[:1] == words and len(known.split()) > 1:
        mention = Mention(
            mention.text, mention.start, mention.end, "name", name=known, role=mention.role
        )
    full = ctx.full_name(mention.name)
    if full.isupper():
        # "ELLEN TATE: …", "TATE: …": the name as the article writes it in its sentences
        full = next(
            (r for _, _, r in ctx.runs if not r.isupper() and name_key(r) == name_key(full)),
            full.title(),
        )
        mention = replace(mention, name=full)
    return mention, full


def _repeated_label(label: str, text: str) -> bool:
    """Does the label in capitals ("WALLACE") open three paragraphs or more, as a transcript's
    speakers do (an "UPDATE:" opens one)?"""
    pattern = re.compile(rf"(?:^|\n)[ \t]*[\"“]?{re.escape(label)} ?:\s")
    return len(pattern.findall(text)) >= 3


_EN_HEADLINE_VERBS = listed("en/headline_verbs.txt")


def _headline_verb_lowered(tokens: list[Token]) -> list[Token]:
    """A headline in title case that ends with its cue ("Mill Stays Open, Ellen Tate Says."):
    the capitalised verb read as the plain verb it is, after the speaker's name."""
    words = [t for t in tokens if is_word(t)]
    if len(words) < 4 or sum(t.is_upper for t in words) < 0.8 * len(words):
        return tokens
    verb = words[-1]
    k = tokens.index(verb)
    if (
        verb.text not in _EN_HEADLINE_VERBS
        or verb.quote >= 0
        or not tokens[k - 1].is_upper
        or any(t.text not in (".", "!") for t in tokens[k + 1 :])
    ):
        return tokens
    return [*tokens[:k], replace(verb, text=verb.text.lower()), *tokens[k + 1 :]]


def _english_indirect(
    tokens: list[Token],
    g: VerbGroup,
    groups: list[VerbGroup],
    end_tok: int,
    lex: Lexicon,
    text: str,
) -> tuple[int, int, Cue] | None:
    """English reported speech without "that": "X said the plan works", "the plan works, X said"."""
    if g.first > 0 and tokens[g.first - 1].low in _EN_REDUCED_PASSIVE and g.first == g.last:
        return None  # "… told Reuters when asked if he had met Pryce": she was asked
    relative = _english_relative_report(tokens, g, end_tok, lex, text)
    if relative is not None:
        return relative
    rest = [t for t in tokens[g.last + 1 : end_tok] if t.quote < 0]
    # "…, Trump said." / "…, the campaign said in a statement." / "…, Barden says, …"
    k = g.first - 1
    while k >= 0 and tokens[k].text != "," and g.first - k <= 6:
        k -= 1
    colon_after = g.last + 1 < end_tok and tokens[g.last + 1].text == ":"
    wish = _english_wish_start(tokens, g, end_tok, lex)
    if k > 1 and tokens[k].text == "," and not colon_after and wish is None:
        # ("…, her adviser, X, said: “…”" introduces a quotation, reports nothing before it)
        before = _english_report_before_verb(tokens, g, groups, k, end_tok, rest, lex, text)
        if before is not None:
            return before
    # "Clinton said the plan works" / "Trump told reporters he would win"
    nxt = _english_content_start(tokens, g, end_tok, lex)
    if (
        nxt < end_tok
        and tokens[nxt].text == ","
        and not any(t.quote >= 0 for t in rest)
        and not any(h.first == nxt + 1 for h in groups)  # "said, adding that …"
    ):
        # "Mayor Tate says, win or lose, she will stay": a comma, then the reported clause
        nxt += 1
    if wish is not None:
        nxt = wish  # "wants to raise taxes", "urged Congress to act", "called for a recount"
    content = [t for t in tokens[nxt:end_tok] if is_word(t)]
    short = len(content) < 4 and not (len(content) == 3 and _english_clause(tokens[nxt:end_tok]))
    if wish is not None and len(content) >= 3:
        short = False
    if wish is None and content and g.lemma in _EN_OBJECT_REPORTS and nxt == g.last + 1:
        short = not is_word(tokens[nxt])  # "Trump attacked Machado", "cited his comments"
    if short:
        return None
    if wish is None and tokens[nxt].low in ("to", "about", "of", "for", "on", "in", ",", "and"):
        return None  # "spoke at a memorial service", "said during a speech": no reported words
    if wish is None and (
        tokens[nxt].low in _EN_PREPOSITIONS or tokens[nxt].low in _EN_TAIL_OPENERS
    ):
        return None  # "said as she accepted her award", "said during a session at …"
    if tokens[nxt - 1].text == "," and tokens[nxt].low.endswith("ing"):
        # "“…,” Tate said, looking off into the distance": the quotation was her words, what
        # follows the verb describes the scene
        return None
    if (
        tokens[g.last].low.endswith("ing")
        and tokens[nxt - 1].low != "that"
        and not _english_clause(tokens[nxt:end_tok])
    ):
        return None  # "…, claiming his third victory": a participle and its object
    mention = subject_before(tokens, g.first, lex, text) or _english_adjacent_name(
        tokens, g.first, lex, text
    )
    if mention is None:
        return None
    return (
        tokens[nxt].start,
        tokens[end_tok - 1].end,
        Cue(text[g.start : g.end], g.lemma, "before", mention),
    )


def _english_inner_report(
    tokens: list[Token],
    g: VerbGroup,
    groups: list[VerbGroup],
    end: int,
    lex: Lexicon,
    text: str,
) -> bool:
    """Does the object of `g` (up to offset `end`) hold a relative clause that reports words of
    its own ("the plan, which Pryce said would …")? (A participle after a comma, "attacked
    Pryce, saying …", is cut off as a second report of the same subject.)"""
    for h in groups:
        if h.first <= g.last or h.start >= end:
            continue
        if _english_relative_report(tokens, h, len(tokens), lex, text) is not None:
            return True
    return False


_EN_INTENTIONS = word_list("en", "intention_verbs.txt")
_EN_OBJECT_REPORTS = word_list("en", "object_report_verbs.txt")
_EN_OBJECT_CONTROL = tuple(tuple(p.split()) for p in sorted(listed("en/object_control_verbs.txt")))
_EN_DEMANDS = tuple(tuple(p.split()) for p in sorted(listed("en/demand_phrases.txt")))


def _english_wish_start(
    tokens: list[Token], g: VerbGroup, end_tok: int, lex: Lexicon
) -> int | None:
    """Where the reported content of a wish, plan or request starts: "wants [to raise taxes]",
    "urged [Congress to act]", "called on [the mayor to resign]", "called for [a recount]";
    None when the verb takes no such complement here."""
    k = g.last + 1
    while k < end_tok and tokens[k].low in lex.adverbs:
        k += 1
    if k + 2 >= end_tok:
        return None
    if g.lemma in _EN_INTENTIONS and tokens[k].low == "to":
        return k
    for verb, preposition in _EN_DEMANDS:
        if g.lemma == verb and tokens[k].low == preposition:
            return k + 1
    for phrase in _EN_OBJECT_CONTROL:
        if phrase[0] != g.lemma or (len(phrase) == 2 and tokens[k].low != phrase[1]):
            continue
        start = k + len(phrase) - 1
        for j in range(start + 1, min(end_tok - 1, start + 8)):
            if tokens[j].low == "to":
                return start
            if not is_word(tokens[j]) and tokens[j].text not in ("’", "'", "-"):
                break
    return None


def _english_report_before_verb(
    tokens: list[Token],
    g: VerbGroup,
    groups: list[VerbGroup],
    k: int,
    end_tok: int,
    rest: list[Token],
    lex: Lexicon,
    text: str,
) -> tuple[int, int, Cue] | None:
    """Reported words before the verb group `g`, its subject after the comma tokens[k]:
    "…, Trump said.", "…, said several workers.", "X attacked Y, saying …"."""
    rest_words = [t for t in rest if is_word(t)]
    participle = k == g.first - 1 and tokens[g.last].low.endswith("ing")
    mention = None if participle else subject_before(tokens, g.first, lex, text)
    quoted = (
        mention is not None
        and _english_after_quotation(tokens, mention)
        and not any(t.quote >= 0 for t in tokens[g.last + 1 : end_tok])
    )  # (“A,” X, the chair, said, “B.”: one quotation around the incise, as before)
    if quoted:
        mention = None  # "“…,” Owen Pryce, the party chairman, said.": the quotation stands
    if k == g.first - 1 and not participle and not quoted:
        # "…, said several workers." / "…, said Ellen Tate, a farmer.": an inverted subject
        inverted = subject_after(tokens, g.last, lex, text)
        if inverted is not None and inverted.kind != "pronoun":
            trailer = next((x for x, t in enumerate(tokens) if t.start >= inverted.end), 0)
            after_words = [t for t in tokens[trailer:end_tok] if is_word(t)]
            if not after_words or tokens[trailer].text == ",":
                # nothing after the name, or an apposition ("said Ellen Tate, a farmer")
                mention, rest_words = inverted, []
    if participle:
        # "X attacked Y, saying …": a participle speaks for the subject of its main clause
        mention = _main_subject(tokens, g, groups, lex, text)
        if mention is not None and len([t for t in rest if is_word(t)]) >= 4:
            start = _english_content_start(tokens, g, end_tok, lex)
            if start < end_tok and (
                tokens[start - 1].low == "that" or _english_clause(tokens[start:end_tok])
            ):  # "…, claiming his third victory": the participle's object, no words
                return (
                    tokens[start].start,
                    tokens[end_tok - 1].end,
                    Cue(text[g.start : g.end], g.lemma, "before", mention),
                )
        mention = None
    cue = Cue(text[g.start : g.end], g.lemma, "after", mention) if mention else None
    after = g.last + 1
    quoted_before = any(t.quote >= 0 for t in tokens[:k])
    if cue is not None and after < end_tok and tokens[after].text == "," and not quoted_before:
        # a mid-sentence incise: the reported words are on both sides of it (a quotation
        # before it stands alone: "“…,” Tate said, adding that …")
        return tokens[0].start, tokens[end_tok - 1].end, cue
    # "…, she said in a video message to the town council."
    trailing = not rest_words or (
        len(rest_words) <= 10
        and (rest_words[0].low in _EN_PREPOSITIONS or rest_words[0].low in lex.adverbs)
    )
    if trailing and rest_words and _english_apposed_subject(tokens, g, lex, text):
        # "Rep. X of Ohio, an ally of the mayor, said Thursday his …": a subject and its
        # apposition before the verb, the reported words after it
        trailing = False
    if cue is not None and trailing:
        return tokens[0].start, tokens[k - 1].end, cue
    return None


def _english_quoted_subject(tokens: list[Token], g: VerbGroup, lex: Lexicon, text: str) -> bool:
    """Is the verb after a comma the cue of a quotation its subject follows ("“…,” Owen Pryce,
    a close adviser, told AFP.")? The quotation stands alone; nothing else is reported."""
    mention = subject_before(tokens, g.first, lex, text)
    return mention is not None and _english_after_quotation(tokens, mention)


def _english_relative_report(
    tokens: list[Token], g: VerbGroup, end_tok: int, lex: Lexicon, text: str
) -> tuple[int, int, Cue] | None:
    """ "the plan, which Pryce said would ruin the farms", "a finish that she said showed …":
    a relative clause reports its own words, the verb phrase after the cue."""
    r = g.first - 1
    while r > 0 and g.first - r <= 6 and tokens[r].low not in ("which", "that", ",", "."):
        r -= 1
    if r < 1 or r == g.first - 1 or tokens[r].low not in ("which", "that"):
        return None
    if tokens[r].low == "that" and tokens[r - 1].low in lex.verb_forms:
        return None  # "Tate said that Pryce thinks …": a complement clause, not a relative one
    mention = parse_np(tokens, r + 1, g.first, lex, text)
    nxt = g.last + 1
    if (
        mention is None
        or mention.end != tokens[g.first - 1].end
        or nxt >= end_tok
        or not (
            tokens[nxt].low in _EN_AUXILIARIES
            or tokens[nxt].low in _EN_MODALS
            or tokens[nxt].low.endswith("ed")
        )
    ):
        return None
    end = nxt
    while end < end_tok and not (
        tokens[end].text in (";", ":")
        or tokens[end].text == ","
        and end + 1 < end_tok
        and tokens[end + 1].low in ("and", "but", "while", "which")
    ):
        end += 1
    if len([t for t in tokens[nxt:end] if is_word(t)]) < 3:
        return None
    cue = Cue(text[g.start : g.end], g.lemma, "before", mention)
    return tokens[nxt].start, tokens[end - 1].end, cue


_EN_MODALS = listed("en/modals.txt")


def _english_after_quotation(tokens: list[Token], mention: Mention) -> bool:
    """Does the subject open right after a closing mark ("“…,” Owen Pryce, the chair, …")?"""
    k = next((x for x, t in enumerate(tokens) if t.start >= mention.start), 0)
    while k > 0 and tokens[k - 1].text == ",":
        k -= 1
    return k > 0 and (tokens[k - 1].quote >= 0 or tokens[k - 1].text in ("”", '"', "’"))


def _english_adjacent_name(
    tokens: list[Token], first: int, lex: Lexicon, text: str
) -> Mention | None:
    """The name right before the verb when a long opening without commas hides the subject
    ("Saturday at the party convention Sen. Ellen Tate (D-VT) said …")."""
    j = first - 1
    if j < 0:
        return None  # the verb opens the text: nothing stands before it
    if j > 0 and tokens[j].text == ")":
        opening = next((x for x in range(j - 1, max(0, j - 8), -1) if tokens[x].text == "("), None)
        if opening is None:
            return None
        j = opening - 1  # a party and state in parentheses
    k = j
    while k > 0 and j - k < 6 and (tokens[k - 1].is_upper or tokens[k - 1].text == "."):
        k -= 1
    for start in range(k, j + 1):
        mention = parse_np(tokens, start, j + 1, lex, text)
        if mention is not None and mention.kind == "name" and mention.end == tokens[j].end:
            return mention
    return None


def _english_apposed_subject(tokens: list[Token], g: VerbGroup, lex: Lexicon, text: str) -> bool:
    """Do the words before "X, an ally of Y, said" form one subject with its apposition, the
    reported words following the verb ("said Thursday his worry is …")?"""
    after = g.last + 1
    while after < len(tokens) and tokens[after].low in lex.adverbs:
        after += 1
    if after >= len(tokens) or tokens[after].low in _EN_PREPOSITIONS or not is_word(tokens[after]):
        return False
    segments: list[list[Token]] = [[]]
    for tok in tokens[: g.first - 1]:
        if tok.text == ",":
            segments.append([])
        else:
            segments[-1].append(tok)
    if len(segments) != 2 or any(not seg or len(seg) > 8 for seg in segments):
        return False
    name = parse_np(segments[0], 0, len(segments[0]), lex, text)
    role = parse_np(segments[1], 0, len(segments[1]), lex, text)
    return (
        name is not None
        and name.kind == "name"
        and (name.end == segments[0][-1].end or english_place_after(segments[0], name.end))
        and role is not None
        and role.kind == "description"
        and role.determiner is not None
    )


def _english_content_start(tokens: list[Token], g: VerbGroup, end_tok: int, lex: Lexicon) -> int:
    """Index of the first reported word after an English verb group ("said Tuesday that …",
    "told reporters …", "claimed in an interview with X that …")."""
    nxt = g.last + 1
    while nxt < end_tok and tokens[nxt].low in lex.adverbs:
        nxt += 1  # "said Tuesday that"
    if nxt + 2 < end_tok and tokens[nxt].low == "on" and tokens[nxt + 1].low in lex.adverbs:
        nxt += 2  # "said on Friday he …"
    if nxt < end_tok and (g.lemma == "tell" or tokens[nxt].low in _EN_PREPOSITIONS):
        # "told reporters that", "claimed in an interview with X that"
        limit = nxt
        while limit < end_tok and limit - nxt < 12 and tokens[limit].text not in (",", ";", ":"):
            if tokens[limit].quote >= 0:
                # "told ABC’s “Morning Valley” that …": a programme's title, then the words
                title_end = _english_title_end(tokens, limit, end_tok)
                if title_end is None:
                    break
                limit = title_end
                continue
            if tokens[limit].low == "that":
                break
            limit += 1
        if limit < end_tok and tokens[limit].low == "that":
            nxt = limit
        elif g.lemma == "tell":
            # the person told: "told the delegates", "tells Breitbart News", "told Tate's aide"
            title_end = (
                _english_title_end(tokens, nxt + 1, end_tok)
                if nxt + 1 < end_tok and tokens[nxt + 1].quote >= 0
                else None
            )
            if title_end is not None:
                nxt = title_end + 1  # "told “The Dover Times” she …": past the closing mark
            else:
                nxt += 1 if tokens[nxt].low in ("the", "a", "an", "his", "her", "their") else 0
                nxt += 1
                while nxt < end_tok and (
                    tokens[nxt].is_upper
                    or tokens[nxt].text in ("’", "'")
                    or tokens[nxt].low == "s"
                    # "told Fox News host Sam Ruiz": a role, then the name
                    or (
                        tokens[nxt].low in lex.titles
                        and nxt + 1 < end_tok
                        and tokens[nxt + 1].is_upper
                    )
                ):
                    nxt += 1
    if nxt < end_tok and tokens[nxt].low == "that":
        nxt += 1
    return nxt


_EN_FINITE = listed("en/finite_verbs.txt")
_EN_CONTRACTIONS = listed("en/contractions.txt")
_EN_SUBJECT_PRONOUNS = listed("en/subject_pronouns.txt")


def _english_clause(tokens: list[Token]) -> bool:
    """Do the words after a reporting verb make a clause ("the plan works", "he’s out") rather
    than a noun phrase, its object ("a commanding lock on the party", "his third victory")?"""
    for x, t in enumerate(tokens):
        low = t.low
        if low in _EN_FINITE:
            return True
        if len(low) > 3 and low.endswith("ed") and not t.is_upper:
            return True
        prev = tokens[x - 1] if x > 0 else None
        if prev is None:
            continue
        if t.text in ("’", "'") and x + 1 < len(tokens):
            nxt = tokens[x + 1].low
            if nxt in _EN_CONTRACTIONS and (nxt != "s" or prev.low in _EN_SUBJECT_PRONOUNS):
                return True
        if (
            len(low) > 3
            and low.endswith("s")
            and not low.endswith(("ss", "us", "is"))
            and not t.is_upper
            and is_word(prev)
            and prev.low not in _EN_DETERMINERS
            and not prev.text[:1].isdigit()
        ):
            return True  # "the plan works", "Tate wants"
    return False


_EN_REDUCED_PASSIVE = listed("en/reduced_passive_openers.txt")
_EN_POSSESSIVES = listed("en/possessives.txt")
_EN_TITLE_SMALL_WORDS = listed("en/title_small_words.txt")


def _english_title_end(tokens: list[Token], i: int, end_tok: int) -> int | None:
    """If tokens[i] opens a short capitalised quotation (a programme's or a paper's title,
    “Good Morning Valley”), the index after it; None for quoted words."""
    q = tokens[i].quote
    j = i
    while j < end_tok and tokens[j].quote == q:
        j += 1
    words = [t for t in tokens[i:j] if is_word(t)]
    if not words or len(words) > 6 or not words[0].is_upper:
        return None
    if any(not t.is_upper and t.low not in _EN_TITLE_SMALL_WORDS for t in words):
        return None
    return j


def _main_subject(
    tokens: list[Token], g: VerbGroup, groups: list[VerbGroup], lex: Lexicon, text: str
) -> Mention | None:
    """The subject of the main clause a participle ("…, saying …") hangs on: the subject of an
    earlier reporting verb, else the noun phrase opening the sentence ("Tate attacked Pryce")."""
    earlier = [h for h in groups if h.last < g.first]
    if earlier:
        return subject_before(tokens, earlier[-1].first, lex, text)
    return sentence_subject(tokens, g.first, lex, text)


_EN_COORDINATORS = listed("en/coordinators.txt")


_EN_SUBORDINATORS = listed("en/opening_subordinators.txt")


def _english_subordinate_end(
    found: tuple[int, int, Cue], tokens: list[Token]
) -> tuple[int, int, Cue]:
    """ "After Tate criticized Pryce during a debate, Bell shot back …", "While Tate said that A,
    she …": reported words in an opening subordinate clause end at the comma that closes it."""
    start, end, cue = found
    if not tokens or tokens[0].low not in _EN_SUBORDINATORS or cue.position != "before":
        return found
    if cue.mention is None or any(t.text == "," and t.end <= cue.mention.start for t in tokens):
        return found  # the cue is in the main clause
    comma = next(
        (
            k
            for k, t in enumerate(tokens)
            if t.text == "," and t.quote < 0 and start < t.start < end
        ),
        None,
    )
    if comma is None or sum(1 for t in tokens if start <= t.start < tokens[comma].start) < 3:
        return found
    return start, tokens[comma - 1].end, cue


_EN_CLAUSE_JOINERS = listed("en/clause_joiners.txt")


def _english_other_subject(
    tokens: list[Token], h: VerbGroup, first: int, lex: Lexicon, text: str
) -> tuple[int, Mention | None]:
    """ "…, while Pryce suggests …", "… but the mayor says …", "…, though she noted …": the
    joiner's index and the subject of a reporting verb that opens a clause of its own inside
    reported words."""
    for k in range(h.first - 2, max(first, h.first - 6), -1):
        if tokens[k].low not in _EN_CLAUSE_JOINERS:
            continue
        mention = parse_np(tokens, k + 1, h.first, lex, text)
        if (
            mention is not None
            and mention.end == tokens[h.first - 1].end
            and mention.kind in ("name", "description", "pronoun")
            and _can_speak(mention, lex)
        ):
            return k, mention
        break
    return h.first, None


def _english_split(
    found: tuple[int, int, Cue],
    tokens: list[Token],
    groups: list[VerbGroup],
    lex: Lexicon,
    text: str,
) -> tuple[tuple[int, int, Cue], list[tuple[int, int, Cue]]]:
    """Cut reported words at a second reporting verb of the same subject ("X said A and said
    B", "X said A, adding that B", "X says A but insists B"): each verb has its own content."""
    start, end, cue = found
    if cue.position != "before":
        return found, []
    parts: list[tuple[int, int, Cue]] = []
    first = next((i for i, t in enumerate(tokens) if t.start >= start), len(tokens))
    last = next((i for i, t in enumerate(tokens) if t.end >= end), len(tokens) - 1) + 1
    # "X, who said A, said B": the first verb sits in a relative clause, the second is the main
    relative = any(
        h.last < first and h.first > 0 and tokens[h.first - 1].low == "who" for h in groups
    )
    for h in groups:
        if h.first <= first + 2 or h.last >= last - 1:
            continue
        k = h.first - 1
        while k > first and tokens[k].low in lex.adverbs:
            k -= 1  # "and also said"
        participle = tokens[h.last].low.endswith("ing") and (
            tokens[k].text in (",", "—", "–")
            # "… “to win this race,” adding that …": the comma sits inside the marks
            or (tokens[k].text in ("”", "’", '"') and tokens[k - 1].text == ",")
        )
        main_verb = relative and tokens[k].text == ","
        mention = cue.mention
        if tokens[k].low not in _EN_COORDINATORS and not participle and not main_verb:
            # "X says A, while Y suggests B": another subject with its own verb
            k, mention = _english_other_subject(tokens, h, first, lex, text)
            if mention is None:
                continue
        relative = False
        cut = k - 1 if tokens[k - 1].text in (",", "—", "–") else k
        nxt = _english_content_start(tokens, h, last, lex)
        if cut <= first or sum(1 for t in tokens[nxt:last] if is_word(t)) < 3:
            continue
        parts.append((tokens[first].start, tokens[cut - 1].end, cue))
        cue = Cue(text[h.start : h.end], h.lemma, "before", mention)
        first = nxt
    if not parts:
        return found, []
    parts.append((tokens[first].start, end, cue))
    return parts[0], parts[1:]
