"""What a language module declares: the traits and hooks the engine's stages ask about.

Each stage asks the language of the article (`lex.lang`) rather than testing its code: a trait is
a yes/no property of the language's syntax or typography, a hook a small function over its
tokens. The defaults describe a language with none of the special cases; `fr.py` and `en.py`
switch on what they need. Word lists are not here: they are the data files of `data/<code>/`,
read by the lexicon.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass


def _never(*args: object) -> bool:
    return False


def _none(*args: object) -> None:
    return None


@dataclass(frozen=True)
class Language:
    """Traits and hooks of one language (see the modules `fr` and `en` for their meaning in use)."""

    code: str
    # the spaCy package that finds names (env NEWSROOM_SPACY_MODEL_<CODE> overrides); None: none
    spacy_model: str | None = None
    # "a-t-il ajouté" and "et" / "and" spelled out between the names of several speakers
    conjunction: str = "and"

    # lexicon: every inflected form of a reporting verb's lemma (regular verbs listed bare)
    verb_forms: Callable[[str, bool], set[str]] = lambda lemma, irregular: {lemma}
    # gender a role noun shows by its form ("présidente" → "f"), None when it shows none
    title_gender: Callable[..., str | None] = _none
    # gender a kinship noun gives whoever it names ("son mari X" → "m"), None for the others
    kin_gender: Callable[[str], str | None] = _none

    # sentences: a single line break ends a paragraph (feeds with one paragraph a line)
    line_breaks: bool = False

    # cues (verb groups)
    causative_cue: tuple[str, str, str] | None = None  # (verb, lemma, base): "fait savoir"
    infinitive_is_no_cue: bool = False  # "a tenu à dire": the infinitive is not the cue
    is_base_verb: Callable[..., bool] = _never  # a bare form that is a verb, not a noun
    is_s_verb: Callable[..., bool] = _never  # an -s form that is a verb, not a plural noun
    is_gerund: Callable[..., bool] = _never  # "en recevant": no cue of the sentence
    is_manner_adverb: Callable[[str], bool] = _never  # "a finalement lâché"
    # an adverb ending the subject's words before its verb ("The nominee aggressively attacked")
    adverb_before_verb: Callable[[str], bool] = _never
    is_participle_adjective: Callable[[str, str], bool] = _never  # "la voiture dévoilée"
    is_passive: Callable[..., bool] = _never  # "a été annoncé": no speaker subject
    object_clitics_before_verb: bool = False  # « … », lui répond X
    participle_clause_after_quote: bool = False  # « … », arguant que …: subject before
    # a first paragraph in Title Case is a headline: its capitals name nobody
    title_case_headlines: bool = False
    # « … », a claironné X: any verb in the incise after a quotation reports it
    open_incise_after_quote: bool = False
    # "comme le souligne X": the word before an object clitic that makes a verb group an incise
    as_words: frozenset[str] = frozenset()
    # « … », a réagi jeudi, sur BFMTV, le patron du PS: the subject past the complements
    inverted_subject_past_complements: bool = False
    participle_after_quote_speaks: bool = False  # "“…,” adding, “…”": the clause's subject
    verb_after_quoted_subject: bool = False  # "…,” Trump said.": subject between mark and verb
    pour_introduces_source: bool = False  # "Pour X, …" names a source
    plural_verb: Callable[..., bool] = _never  # "ont déclaré", "écrivent"

    # quotations and reported speech (pipeline)
    incise_inside_marks: bool = True  # « part one, a-t-il dit, part two »: one pair of marks
    speaker_labels: bool = False  # "TATE: …" transcripts, "Tate Says …" headlines
    cue_opens_next_sentence: bool = False  # "“… now!” Senator Tate said as she left."
    quotation_resumes_after_cue: bool = False  # "“A,” Tate said. “B.”": one quotation
    possessive_object_no_speaker: bool = False  # "called his standing “unheard of”"
    possessive_programme_titles: bool = False  # "Fox News channel’s “Sunday Futures”"
    splits_reported_clauses: bool = False  # "X said A and said B": two reports
    mixed_quotations: bool = False  # "said the plan was “a disaster” for farmers": one
    source_after_clause: bool = False  # "The plant will close, according to the union."
    any_source_speaks: bool = False  # "according to exit polls": the source as written
    # "The decision is risky for Cruz, who refused …": a description whose head names no
    # speaker (person, role, body, group, outlet, document) gives way to the scorer's candidate
    speaker_head_must_speak: bool = False
    bare_reported_clauses: bool = False  # "X said the plan works" (no "that")
    # "Le ministre envisage « l'interdiction … »": a quotation without a cue is said by the
    # subject of the verb that governs it, read from the dependency parse of its sentence
    parsed_subject: bool = False

    # mentions (noun phrases, subjects)
    opening_adverbial: Callable[..., bool] = _never  # "Speaking on the radio, X said"
    participial_segment: Callable[..., bool] = _never  # "Submergée par l'émotion, X a …"
    possessive_s: bool = False  # "the prime minister’s spokesman": one phrase
    name_after_title_is_complement: bool = False  # "le président de la région Normandie"
    party_after_title: bool = False  # "le député LFI": the party qualifies the role
    capitalised_adjectives: bool = False  # "the Democratic nominee": no name
    titles_stack_before_name: bool = False  # "House Speaker Ellen Tate"
    head_noun_last: bool = False  # "Other Asian leaders": the head noun ends the phrase
    short_quoted_names_in_clause: bool = False  # « Lider Maximo » does not end a clause
    dash_ends_dateline: bool = False  # "MACAU (Reuters) – X said"
    # lower-case adjectives inside an institution's name ("Conseil constitutionnel")
    name_adjective: "re.Pattern[str] | None" = None
    complementizer_ends_inversion: bool = False  # "a déclaré que Cuba …": no inverted subject
    # "a annoncé faire appel", "assure ne pas regretter": an infinitive reports the words
    infinitive_reports: bool = False
    coordinated_verb_shares_subject: bool = False  # "Tate thanked the crowd and said …"
    # "X, 58, who lives in Leeds, says", "Nearly half said": subject segments with relative
    # clauses, coordinated clauses and capitalised openers that name nobody
    loose_subject_segments: bool = False
    place_after_name: bool = False  # "Rep. X of Ohio, an ally of …"
    # "the United Nations said": an article before a name that ends its phrase marks a body
    article_marks_a_body: bool = False

    # entities and speakers (speakers.py)
    capitalised_participle_names_nobody: bool = False  # "Estimé par …" opens no name
    town_and_state: bool = False  # "in Birmingham, Alabama": a place, not a speaker
    apposed_title_bindings: bool = False  # "Ellen Tate, the mayor": role bound after the name
    single_names_expand_in_article: bool = False  # "Poutine" → "Vladimir Poutine"
    organisation_name_shapes: bool = False  # "Junior SNCF", "Santé publique France"
    people_take_no_article: bool = False  # "le Medef" is a body: people take no article
    own_first_names: bool = False  # data/<code>/first_names.txt adds given names
    same_head_roles: bool = False  # "the Senate majority leader" ~ "the leader"
    employer_after_role: bool = False  # "a spokesman for Dover Mills"
    gendered_pronouns_people_only: bool = False  # "she" never stands for "the Senate"
    may_hold_by_office: bool = False  # office-based role compatibility
    role_complement_cut: bool = False  # "spokesman for X": the role ends at "for"
    # "I know all about …" outside quotation marks: the writer, named by the author's note that
    # closes an opinion piece ("Ann Lee is a playwright …"), else "reporter"
    writer_pronouns: frozenset[str] = frozenset()
    author_note: Callable[[str], str | None] = _none
