"""English: subject-verb incises ("…,” Tate said."), no inversion but "said X", one paragraph a
line in feeds, transcripts ("TATE: …") and headlines in title case."""

import re

from ..lexicon import word_list
from .base import Language

_BASE_VERB_SUBJECTS = word_list("en", "base_verb_subjects.txt")
_QUESTION_WORDS = word_list("en", "question_words.txt")
_INTENTIONS = word_list("en", "intention_verbs.txt")
_SUBJECT_PRONOUNS = word_list("en", "subject_pronouns.txt")


def verb_forms(lemma: str, irregular: bool) -> set[str]:
    """The lemma, and for a regular verb its inflections (doubling and y → ied variants
    included, harmlessly)."""
    if irregular:
        return {lemma}
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


def is_s_verb(tokens, i: int) -> bool:
    """Is the -s form at tokens[i] ("states", "notes") a verb? Only before "that", a colon,
    a quotation or the end of an incise ("The report states that", "…,” Tate notes."), or an
    intention's infinitive after its subject ("Tate plans to run")."""
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    if nxt.low in (",", "."):
        prev = tokens[i - 1] if i > 0 else None  # "…,” Tate notes." / "in five states."
        return prev is not None and (prev.is_upper or prev.low in ("he", "she", "it", "they"))
    if nxt.low == "to" and tokens[i].low[:-1] in _INTENTIONS and i > 0:
        # "Tate plans to run", "she vows to fight"; not "unveiled plans to spend"
        prev = tokens[i - 1]
        return prev.is_upper or prev.low in _SUBJECT_PRONOUNS
    return nxt.quote >= 0 or nxt.low in ("that", ":", "“", '"')


def is_base_verb(tokens, i: int) -> bool:
    """Is the bare form at tokens[i] ("say", "state", "report") a verb? Only after a pronoun, a
    modal, "to", or a plural noun ("Officials say"); "Minnesota state delegate" is a noun."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    return prev.low in _BASE_VERB_SUBJECTS or (
        prev.low.endswith("s") and prev.low.isalpha() and len(prev.low) > 3
    )


def author_note(text: str) -> str | None:
    """The writer an opinion piece names in its closing note ("Charlotte Meehan is
    playwright-in-residence at …"), or None."""
    m = _AUTHOR_NOTE.search(text[-600:])
    return m.group(1) if m else None


# the last paragraph opens with a name and a present-tense description of its bearer
_AUTHOR_NOTE = re.compile(
    r"(?:^|\n)[ \t]*([A-Z][\w'’.-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2}),? (?:is|teaches|writes)"
    r" [^\n]*\Z"
)


def is_manner_adverb(low: str) -> bool:
    """An adverb in -ly between an auxiliary and its participle ("has finally said")."""
    return len(low) > 4 and low.endswith("ly") and low.isalpha()


_LY_NOUNS = word_list("en", "ly_nouns.txt")


def adverb_before_verb(low: str) -> bool:
    """An adverb in -ly between a subject and its verb ("The nominee aggressively attacked"),
    never a noun in -ly ending the subject ("the royal family said")."""
    return is_manner_adverb(low) and low not in _LY_NOUNS


_PARTY_AND_STATE = re.compile(r"[DRI]-[A-Z]")


def opening_adverbial(seg, lex) -> bool:
    """ "Speaking on the radio, X said", "Asked about it, X said", "Later in the show, X said":
    a participle or an adverb and its complement open the sentence before the subject. Also
    segments that name nobody between a subject and its verb: a party and state ("Mitch
    McConnell, R-Ky., said") and a comparison ("Tate, like Pryce, has said")."""
    if _PARTY_AND_STATE.match(seg[0].text) and all(t.is_upper or t.text == "." for t in seg):
        return True
    if seg[0].low in ("like", "unlike") and len(seg) > 1:
        return True
    if len(seg) <= 1 or seg[1].is_upper:
        return False
    first, second = seg[0].low, seg[1].low
    if first.endswith("ing") and len(first) > 4:
        return True
    if first.endswith("ed") and (second in lex.prepositions or second in _QUESTION_WORDS):
        return True
    return first in lex.adverbs and second in lex.prepositions


LANGUAGE = Language(
    code="en",
    spacy_model=None,
    conjunction="and",
    verb_forms=verb_forms,
    line_breaks=True,
    is_base_verb=is_base_verb,
    is_s_verb=is_s_verb,
    is_manner_adverb=is_manner_adverb,
    adverb_before_verb=adverb_before_verb,
    opening_adverbial=opening_adverbial,
    possessive_s=True,
    capitalised_adjectives=True,
    titles_stack_before_name=True,
    head_noun_last=True,
    dash_ends_dateline=True,
    coordinated_verb_shares_subject=True,
    loose_subject_segments=True,
    place_after_name=True,
    article_marks_a_body=True,
    participle_after_quote_speaks=True,
    verb_after_quoted_subject=True,
    speaker_labels=True,
    incise_inside_marks=False,
    title_case_headlines=True,
    cue_opens_next_sentence=True,
    quotation_resumes_after_cue=True,
    possessive_object_no_speaker=True,
    splits_reported_clauses=True,
    mixed_quotations=True,
    possessive_programme_titles=True,
    source_after_clause=True,
    any_source_speaks=True,
    speaker_head_must_speak=True,
    bare_reported_clauses=True,
    town_and_state=True,
    apposed_title_bindings=True,
    own_first_names=True,
    same_head_roles=True,
    employer_after_role=True,
    gendered_pronouns_people_only=True,
    may_hold_by_office=True,
    role_complement_cut=True,
    writer_pronouns=frozenset({"i"}),
    author_note=author_note,
)
