"""Light tokenisation and sentence splitting with offsets into the original body."""

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lexicon import first_name_gender, listed
from .marks import QuoteSpan

# Elided French words ("l'", "qu'") are their own tokens; hyphenated compounds ("a-t-il",
# "Jean-François", "porte-parole") stay whole; any other non-space character is a token.
_TOKEN = re.compile(
    r"O['’][A-Z]\w*(?:[-‐]\w+)*"  # "O'Brien", "O’Connor": one name, not "O" and "Brien"
    r"|[Aa]ujourd['’]hui\b"  # one word, not an elided "aujourd'" before "hui"
    r"|(?:[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[LlDdJjNnMmTtSsCc])['’](?=\w)"
    r"|\w+(?:[-‐](?:[dDlL]['’](?=\w))?\w+)*"  # "Côte-d'Azur", "Val-d'Oise": one word
    r"|''(?!')"
    r"|[^\w\s]",
)
_SENTENCE_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*(?:[»”\"]|''))?[)\]]*")
_ABBREVIATIONS = listed("abbreviations.txt")


# "el-Deghayes", "al-Assad", "ben-Gourion": an Arabic or Hebrew article opening a name, written in
# lower case, is a capitalised word all the same
_NAME_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|az|an|ash|ech|ed|ul|abu|ibn|bin|ben)[-‐][A-ZÀ-Ý]")
_NAME_ARTICLE_FIRST = frozenset("aeuib")


@dataclass(slots=True)
class Token:
    """A word or punctuation sign; `quote` is the index of the quotation it lies in, or -1.

    Never changed once made (the stages read tokens, none writes one), but not frozen: a frozen
    dataclass sets each field through `object.__setattr__`, and an article's hundreds of tokens
    were 3% of the engine's time that way."""

    text: str
    start: int
    end: int
    quote: int = -1
    low: str = field(init=False)  # lower-case, typographic apostrophes made straight
    is_upper: bool = field(init=False)  # starts with a capital letter

    def __post_init__(self) -> None:
        self.low = self.text.lower().replace("’", "'")
        first = self.text[:1]
        # (the pattern tried only where it may match: on every word it was a tenth of this)
        self.is_upper = first.isupper() or (
            first in _NAME_ARTICLE_FIRST and bool(_NAME_ARTICLE.match(self.text))
        )


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span of the body (quotations never split across sentences)."""

    start: int
    end: int


def glued_cuts(text: str, openers: frozenset[str]) -> list[int]:
    """Offsets where a heading the feed ran into the text without a space ends: before an
    opener glued to a word ("TapieSur Franceinfo", "LOGEMENTElle assure", "effectifsL'exécutif")
    or a given name glued to a word in lower case ("investissementEmmanuel Macron"), never
    inside a name ("McLaren", "LeBron", "BlackBerry")."""
    if not openers:
        return []
    cuts = []
    for m in _GLUED.finditer(text):
        head, word = m.group(1), m.group(2)
        if m.group(3):
            word += "'"  # "effectifsL'exécutif": an elided article opens the sentence
        if word in openers:
            if head[-1].islower() or head.isupper():
                cuts.append(m.start(2))
        elif (
            len(head) >= 4
            and (head.islower() or (head[0].isupper() and head[1:].islower() and len(word) >= 4))
            and first_name_gender(word) is not None
        ):
            cuts.append(m.start(2))  # (and "François de RugyFrançois de Rugy": a name again)
    return cuts


# a word of three letters or more, then a capitalised word (or elided article) right after it
_GLUED = re.compile(r"\b(\w*[^\W\d_]{3})([A-ZÀ-Ý][a-zà-ÿ]*)(?:\b|(?=['’]\w))(['’])?")


def tokenize(
    text: str, start: int, end: int, quotes: list[QuoteSpan], cuts: Sequence[int] = ()
) -> list[Token]:
    """Tokens of text[start:end], each tagged with the quotation whose marks enclose it; a word
    holding one of `cuts` (`glued_cuts`) is two tokens."""
    out = []
    qi = 0
    spans = (
        _spans(text, start, end, cuts)
        if cuts
        else map(re.Match.span, _TOKEN.finditer(text, start, end))
    )
    for s, e in spans:
        while qi < len(quotes) and quotes[qi].close_at < s:
            qi += 1
        inside = -1
        if qi < len(quotes) and quotes[qi].open_at < s < quotes[qi].close_at:
            inside = qi
        out.append(Token(text[s:e], s, e, inside))
    return _joined_clitics(out)


# After these a capital is the sentence's, not a name's (`opens_sentence`).
_OPENING_MARKS = frozenset(
    [".", "!", "?", "…", ":", ";", "«", '"', "“", "''", "(", "[", "-", "–", "—"]
)


def opens_sentence(tokens: Sequence[Token], i: int) -> bool:
    """Does tokens[i] stand where a capital is the sentence's: first, after a full stop, a
    colon, an opening mark or a dash, or glued to the word before (a heading run into the
    text)?"""
    if i == 0:
        return True
    before = tokens[i - 1]
    return before.text in _OPENING_MARKS or (
        before.end == tokens[i].start and before.text[-1:].isalpha()
    )


def _spans(text: str, start: int, end: int, cuts: Sequence[int]):
    """(start, end) of each token; a token holding a cut ends there and the reading goes on
    from the cut ("effectifsL'exécutif": "effectifs", "L'", "exécutif")."""
    pending = sorted(cuts)
    pos = start
    while (m := _TOKEN.search(text, pos, end)) is not None:
        s, e = m.span()
        k = bisect_right(pending, s)
        inner = pending[k] if k < len(pending) and pending[k] < e else None
        if inner is None:
            yield s, e
            pos = e
        else:
            yield s, inner
            pos = inner


# An inverted subject pronoun written apart from its verb ("a t-il dit", "estime -t-il": one
# in twenty in our wire copy) is read as if hyphenated ("a-t-il").
_DETACHED_CLITIC = re.compile(r"t[-‐](?:il|elle|on)s?", re.IGNORECASE)


def _joined_clitics(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        if _DETACHED_CLITIC.fullmatch(tok.text) and out:
            if out[-1].text in ("-", "‐") and len(out) > 1:
                out.pop()
            verb = out[-1]
            if verb.text[:1].isalpha() and verb.quote == tok.quote:
                out[-1] = Token(f"{verb.text}-{tok.text}", verb.start, tok.end, tok.quote)
                continue
        out.append(tok)
    return out


_EN_SENTENCE_OPENERS = listed("en/sentence_openers.txt")


def _english_sentence_after_initials(text: str, dot: int, e: int) -> bool:
    """ "… attacks in the U.S. He says …": initials ending a sentence, told by the pronoun or
    article opening the next one (English only: line_breaks is set for English)."""
    if not re.search(r"(?:\b[A-Z]\.){2,}$", text[max(0, dot - 8) : dot + 1]):
        return False
    nxt = re.match(r"[ \u00a0]+(\w+)", text[e : e + 12])
    return nxt is not None and nxt.group(1) in _EN_SENTENCE_OPENERS


def _initials_before(text: str, dot: int) -> bool:
    """Does the full stop at `dot` end initials or a short capitalised abbreviation ("U.S",
    "M.", "St") rather than a word or an acronym of three letters or more ("ONU", "GMT")?"""
    word = re.search(r"[\w.]+$", text[max(0, dot - 12) : dot])
    if word is None:
        return False
    last = word.group().split(".")[-1]
    return last.isupper() and (len(last) < 3 or "." in word.group())


def split_sentences(
    text: str, quotes: list[QuoteSpan], *, line_breaks: bool = False, cuts: Sequence[int] = ()
) -> list[Sentence]:
    """Sentence spans of `text`: paragraph breaks and sentence ends outside quotations.

    A quotation ending a sentence ("… limite. » Surpris, il…") ends it after the closing mark.
    `line_breaks`: a single line break also ends a paragraph (English feeds, one per line);
    `cuts` (`glued_cuts`) end a heading glued to the next sentence.
    """
    inside = [False] * (len(text) + 1)
    for q in quotes:
        for i in range(q.open_at, min(q.close_at + 1, len(text))):
            inside[i] = True
    heading_ends, cuts = cuts, [0]
    openings = {q.open_at for q in quotes}
    for m in _SENTENCE_END.finditer(text):
        e = m.end()
        # a straight mark after the full stop may open the next quotation: cut before it
        opening = next((p for p in range(m.start() + 1, e) if p in openings), None)
        if opening is not None:
            e = m.start() + len(m.group().split()[0]) if m.group().split() else opening
        if e < len(text) and inside[e]:
            continue  # punctuation inside a quotation that does not close right there
        rest = text[e : e + 3]
        stripped = rest.lstrip(" \u00a0\u202f")
        glued = (
            m.group() == "."
            and m.start() >= 2
            and (text[m.start() - 2 : m.start()].isalpha() or text[m.start() - 1] in ')»”"')
            and not _initials_before(text, m.start())
            and text[e : e + 2].isalpha()
            and text[e].isupper()
            and (text[e + 1 : e + 2].islower() or text[e : e + 3] == "M. ")
        )  # "a-t-il ajouté.Le maire", "selon l'ONU.Pyongyang": a space lost by the feed
        if (
            not glued
            and not rest[:1].isspace()
            and rest[:1] not in ("\u00a0", "\u202f")
            and e < len(text)
        ):
            continue
        if stripped and not (stripped[0].isupper() or stripped[0] in "«“\"'(—–-0123456789["):
            continue
        if m.group().startswith(".") and len(m.group()) == 1:
            word = re.search(r"(\w+)$", text[max(0, m.start() - 12) : m.start()])
            if (
                word
                and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)
                # "… for the U.S. He says …": English initials may end a sentence
                and not (line_breaks and _english_sentence_after_initials(text, m.start(), e))
            ):
                continue
        cuts.append(e)
    for m in re.finditer(r"\n" if line_breaks else r"\n\n", text):
        if not inside[m.start()]:
            cuts.append(m.start())
    cuts.extend(c for c in heading_ends if not inside[c])
    cuts.append(len(text))
    sentences = []
    for a, b in zip(sorted(set(cuts)), sorted(set(cuts))[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            sentences.append(Sentence(a, b))
    return sentences
