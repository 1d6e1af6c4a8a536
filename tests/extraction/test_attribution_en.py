"""English attribution with a blank spaCy pipeline: rules, capitalisation and the registry."""

import pytest

from articles.extraction import extract_quotes


def _first(body: str):
    return extract_quotes(body, language="en")[0]


# One hard case a row, its id the behaviour it pins (as a test name would).
FIRST_SPEAKER_AND_CUE_CASES = [
    pytest.param(
        "“Who would believe it?” Owen Pryce said, looking out at the crowd.",
        "Owen Pryce",
        "said",
        id="a_cue_after_a_question_then_a_participle_clause",
    ),
    pytest.param(
        '"We will rebuild the bridge," said Mayor Ellen Tate.',
        "Ellen Tate",
        "said",
        id="said_after_the_quotation_with_inverted_name",
    ),
    pytest.param(
        (
            "“We should leave the mayor alone for a while,” Senate minority leader Ellen Tate"
            " told reporters."
        ),
        "Ellen Tate",
        "told",
        id="long_named_subject_after_the_closing_mark",
    ),
    pytest.param(
        "“We were wrong to wait so long,” Ellen Tate, 58, told the Gazette in an interview.",
        "Ellen Tate",
        "told",
        id="named_subject_with_an_apposition_after_the_closing_mark",
    ),
    pytest.param(
        "Owen Pryce spoke first. “Is this the end of the mill?” asked Ellen Tate.",
        "Ellen Tate",
        "asked",
        id="inverted_cue_opening_the_next_sentence_after_a_question",
    ),
    pytest.param(
        "Tate: ‘The Mill Stays Open.’\n\nSenator Ellen Tate spoke on Monday.",
        "Ellen Tate",
        ":",
        id="headline_label_names_the_speaker",
    ),
    pytest.param(
        "Hillary: I Will Not Give Up The Mill.\n\nMayor Hillary Tate spoke on Monday.",
        "Hillary Tate",
        ":",
        id="label_with_a_given_name_names_the_person",
    ),
    pytest.param(
        "Owen Pryce was asked about the mill. He answered, “It will stay open.”",
        "Owen Pryce",
        "answered",
        id="answered_before_a_quotation_is_a_cue",
    ),
    pytest.param(
        (
            "The anxiety about the mill was underscored Wednesday when Mayor Ellen Tate lamented"
            " the state of the town."
        ),
        "Ellen Tate",
        "lamented",
        id="the_subject_of_a_when_clause_is_the_speaker",
    ),
]


@pytest.mark.parametrize(("body", "speaker", "cue"), FIRST_SPEAKER_AND_CUE_CASES)
def test_first_quotation_has_the_expected_speaker_and_cue(body, speaker, cue):
    quote = _first(body)
    assert (quote.speaker, quote.cue) == (speaker, cue)


# One hard case a row, its id the behaviour it pins (as a test name would).
FIRST_SPEAKER_CASES = [
    pytest.param(
        "Johnnie Wilson, of Springfield, Va., said he had fought “for the nation's rights.”",
        "Johnnie Wilson",
        id="a_state_after_the_town_is_no_subject",
    ),
    pytest.param(
        (
            "Owen Pryce spoke in Ohio on Monday. Owen Pryce left at noon. Nora Pryce, his "
            "wife, stayed with the crowd. “We will win,” Pryce said."
        ),
        "Owen Pryce",
        id="a_shared_surname_goes_to_the_person_named_most",
    ),
    pytest.param(
        (
            "Ellen Tate was in Ohio on Monday. Beyond Tate, the party has no leader. "
            "“We will rebuild the bridge,” Tate said."
        ),
        "Ellen Tate",
        id="a_word_glued_before_a_surname_is_no_given_name",
    ),
    pytest.param(
        "Ellen Tate runs the town. “We will rebuild the bridge,” Tate said.",
        "Ellen Tate",
        id="name_said_after_the_quotation",
    ),
    pytest.param(
        "Speaking on a radio show last week, Ellen Tate said her band had new songs.",
        "Ellen Tate",
        id="participial_opening_is_not_the_speaker",
    ),
    pytest.param(
        "Later in the show, Owen Pryce stated that the report was not good at all.",
        "Owen Pryce",
        id="adverb_with_a_complement_opening_is_not_the_speaker",
    ),
    pytest.param(
        (
            "WASHINGTON — Sen. Ellen Tate defended her plan, saying the jobs would "
            "outweigh the losses."
        ),
        "Ellen Tate",
        id="dateline_is_not_the_subject_of_a_participle",
    ),
    pytest.param(
        "The mill was quiet. Several political experts suggest the strike will go on.",
        "several political experts",  # the quantifier is no article: it stays (as annotated)
        id="a_capitalised_opener_before_a_plain_noun_is_no_name",
    ),
    pytest.param(
        "The mill was quiet. Leeds election officials said the count would end late.",
        "leeds election officials",
        id="a_place_opening_the_sentence_before_a_plain_noun_qualifies_it",
    ),
    pytest.param(
        "The mill was quiet. Years after Alice Brampton claimed the plant was safe, it closed.",
        "Alice Brampton",
        id="an_opener_before_a_subordinate_clause_leaves_the_subject_inside_it",
    ),
    pytest.param(
        "The mill was quiet. Brampton at the time said the plant was safe.",
        "Brampton",
        id="a_name_opening_the_sentence_before_a_preposition_stays_the_subject",
    ),
    pytest.param(
        (
            "Owen Pryce, 58, who lives outside Leeds, says he did not know much about Tate before"
            " the vote."
        ),
        "Owen Pryce",
        id="a_relative_clause_before_the_verb_describes_the_subject",
    ),
    pytest.param(
        "Secretary of State Ann Lee said the talks would resume in May.",
        "Ann Lee",
        id="a_title_with_its_department_binds_the_name_after_it",
    ),
    pytest.param(
        (
            "Ellen Tate spoke in Leeds on Monday. The Labour candidate aggressively attacked the"
            ' mayor, saying he was "unfit to govern."'
        ),
        "Ellen Tate",
        id="an_adverb_before_the_verb_is_not_part_of_the_subject",
    ),
    pytest.param(
        (
            "The Dover Mills Company met on Monday. Owen Pryce, a worker, waited outside. It says"
            " the plant will stay open."
        ),
        "Dover Mills Company",
        id="it_stands_for_a_body_never_a_person",
    ),
    pytest.param(
        'Owen Pryce was married to Ann Lee. His ex-wife agreed that he was "a good father."',
        "ex-wife",
        id="a_person_noun_after_a_possessive_speaks_not_the_possessor",
    ),
    pytest.param(
        "Secretary of State John Kerry said the talks would resume in May.",
        "John Kerry",
        id="a_department_before_a_given_name_is_no_name",
    ),
    pytest.param(
        "The royal family said the prince was doing well.",
        "royal family",
        id="a_noun_in_ly_ending_the_subject_stays_in_it",
    ),
    pytest.param(
        "Owen Pryce runs the mill. Having said that, Pryce argued that the plan was sound.",
        "Owen Pryce",
        id="a_capitalised_auxiliary_opening_the_sentence_names_nobody",
    ),
]


@pytest.mark.parametrize(("body", "speaker"), FIRST_SPEAKER_CASES)
def test_first_quotation_goes_to_the_expected_speaker(body, speaker):
    assert _first(body).speaker == speaker


def test_pronoun_after_the_quotation():
    body = 'Ellen Tate spoke on Monday. "We will rebuild the bridge," she said.'
    assert _first(body).speaker == "Ellen Tate"


def test_according_to_is_indirect_speech():
    quote = _first("The bridge will reopen in May, according to the county council.")
    assert (quote.kind, quote.speaker, quote.speaker_type) == (
        "indirect",
        "county council",
        "organization",
    )


def test_said_that_is_indirect_speech():
    quote = _first("Governor Ray Holm said that the budget would balance.")
    assert (quote.kind, quote.text, quote.speaker) == (
        "indirect",
        "the budget would balance",
        "Ray Holm",
    )


def test_reported_clause_with_quoted_words_is_one_mixed_quotation():
    (quote,) = extract_quotes(
        "Ellen Tate says the new bridge will be “a lifeline” for the valley.", language="en"
    )
    assert (quote.kind, quote.speaker) == ("indirect", "Ellen Tate")
    assert quote.text == "the new bridge will be “a lifeline” for the valley"


def test_subject_with_apposition_then_says_without_that():
    (quote,) = extract_quotes(
        "One local farmer, Owen Pryce, says despite the rain, the harvest will be good.",
        language="en",
    )
    assert quote.speaker == "Owen Pryce"
    assert quote.text.startswith("despite the rain")


def test_subject_before_a_parenthesis_between_dashes():
    (quote,) = extract_quotes(
        "Owen Pryce — a farmer from Dale County — says the harvest will be good this year.",
        language="en",
    )
    assert quote.speaker == "Owen Pryce"


def test_told_an_audience_then_that_clause():
    (quote,) = extract_quotes(
        "Owen Pryce is telling a crowd of farmers in Dale that the harvest will be good.",
        language="en",
    )
    assert quote.text == "the harvest will be good"


def test_a_bare_form_that_is_also_a_noun_is_not_a_cue():
    quotes = extract_quotes(
        "Dale County state delegate Owen Pryce, wearing a red hat, said the harvest will be good.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Owen Pryce"]


def test_day_between_said_and_that_is_skipped():
    (quote,) = extract_quotes(
        "Owen Pryce farms in Dale. Owen Pryce said Tuesday that the harvest will be good.",
        language="en",
    )
    assert quote.text == "the harvest will be good"


def test_mid_sentence_incise_reports_the_whole_sentence():
    (quote,) = extract_quotes(
        "In the three years since the flood, Owen Pryce says, the valley has changed a lot.",
        language="en",
    )
    assert (quote.speaker, quote.cue) == ("Owen Pryce", "says")
    assert quote.text.startswith("In the three years")


def test_clause_after_the_verb_is_reported_even_after_an_opening_comma():
    (quote,) = extract_quotes(
        "In a letter filed Monday, county clerk Owen Pryce said the count is complete.",
        language="en",
    )
    assert quote.text == "the count is complete"


def test_that_after_a_prepositional_phrase():
    (quote,) = extract_quotes(
        "Owen Pryce claimed in an interview with the Dale Courier that the count was fair.",
        language="en",
    )
    assert quote.text == "the count was fair"


def test_quotation_inside_a_longer_that_clause_is_one_mixed_quotation():
    (quote,) = extract_quotes(
        "Owen Pryce said that “we need more time” before the county votes again.",
        language="en",
    )
    assert quote.kind == "indirect"
    assert quote.text.startswith("“we need more time” before")


def test_scare_quotes_do_not_block_the_reported_clause():
    (quote,) = extract_quotes(
        "Owen Pryce warned that the “Dale Machine” is growing nervous about the vote.",
        language="en",
    )
    assert (quote.kind, quote.speaker) == ("indirect", "Owen Pryce")


def test_quotation_before_an_incise_stands_and_adding_that_is_reported_apart():
    quotes = extract_quotes(
        "“The mill will close in June,” Owen Pryce said, adding that workers would be paid.",
        language="en",
    )
    assert [(q.kind, q.text) for q in quotes] == [
        ("direct", "The mill will close in June,"),
        ("indirect", "workers would be paid"),
    ]
    assert {q.speaker for q in quotes} == {"Owen Pryce"}


def test_one_word_surname_opening_a_sentence_is_a_pronoun_antecedent():
    quotes = extract_quotes("Tate was blunt. “We are ready,” she said.", language="en")
    assert quotes[0].speaker == "Tate"


def test_name_with_a_definite_apposition_is_the_subject():
    (quote,) = extract_quotes(
        "In his reply, Owen Pryce, the dean of the Dale law school, said on Tuesday "
        "that he had read the complaint.",
        language="en",
    )
    assert quote.speaker == "Owen Pryce"


def test_possessive_inside_a_described_source():
    (quote,) = extract_quotes("The mill will stay open, the mayor’s spokesman said.", language="en")
    assert quote.speaker == "mayor's spokesman"


def test_second_reporting_verb_of_the_same_subject_starts_its_own_quotation():
    quotes = extract_quotes(
        "Owen Pryce says the mill lost money last year and says he has a plan to save it.",
        language="en",
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the mill lost money last year", "Owen Pryce"),
        ("he has a plan to save it", "Owen Pryce"),
    ]


def test_adding_that_after_said_that_is_reported_apart():
    quotes = extract_quotes(
        "Ellen Tate said that the mill would close, adding that the workers would be paid.",
        language="en",
    )
    assert [(q.text, q.cue) for q in quotes] == [
        ("the mill would close", "said"),
        ("the workers would be paid", "adding"),
    ]


def test_participle_speaks_for_the_subject_of_its_main_clause():
    attacked, saying = extract_quotes(
        "Ellen Tate attacked Owen Pryce, saying he would close the mill within a year.",
        language="en",
    )
    assert (attacked.speaker, attacked.text) == ("Ellen Tate", "Owen Pryce")
    assert (saying.speaker, saying.text) == ("Ellen Tate", "he would close the mill within a year")


def test_inverted_subject_after_a_final_said():
    (quote,) = extract_quotes(
        "The mill will close within a year or two, said several workers.", language="en"
    )
    assert (quote.kind, quote.text, quote.speaker) == (
        "indirect",
        "The mill will close within a year or two",
        "several workers",
    )


def test_inverted_named_subject_with_an_apposition_after_a_final_said():
    (quote,) = extract_quotes(
        "The mill will close within a year, said Owen Pryce, a farmer from the valley.",
        language="en",
    )
    assert (quote.text, quote.speaker) == ("The mill will close within a year", "Owen Pryce")


def test_final_said_may_carry_a_long_complement():
    quotes = extract_quotes(
        "Ellen Tate spoke on Monday. The mill had lost its way for a decade, she said in a"
        " video message to the town council.",
        language="en",
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The mill had lost its way for a decade", "Ellen Tate")
    ]


def test_comma_right_after_says_opens_the_reported_clause():
    (quote,) = extract_quotes(
        "Mayor Ellen Tate says, win or lose in the vote, she will stay in the race.",
        language="en",
    )
    assert (quote.text, quote.speaker) == (
        "win or lose in the vote, she will stay in the race",
        "Ellen Tate",
    )


def test_coordinated_said_shares_the_subject_of_the_sentence():
    quotes = extract_quotes(
        "Ellen Tate told the Gazette that the mill would close next year and said"
        " “the town will survive this.”",
        language="en",
    )
    assert {q.speaker for q in quotes} == {"Ellen Tate"}


# One hard case a row, its id the behaviour it pins (as a test name would).
FIRST_SPEAKER_AND_TEXT_CASES = [
    pytest.param(
        "MACAU (Reuters) – Top donor Owen Pryce said on Friday he met the candidate.",
        "Owen Pryce",
        "he met the candidate",
        id="dateline_with_an_en_dash_is_not_the_speaker",
    ),
    pytest.param(
        (
            "Rep. Owen Pryce of Dover, an ally of the mayor, said Thursday his biggest worry is"
            " the bridge."
        ),
        "Owen Pryce",
        "his biggest worry is the bridge",
        id="subject_with_place_and_apposition_before_said_keeps_the_words_after",
    ),
    pytest.param(
        "Ellen Tate spoke in Dover, saying the mill deserves better.",
        "Ellen Tate",
        "the mill deserves better",
        id="participle_with_a_clause_reports_it",
    ),
    pytest.param(
        "Tate Says She Has Started Her Speech.\n\nMayor Ellen Tate spoke on Monday.",
        "Ellen Tate",
        "She Has Started Her Speech",
        id="title_case_headline_with_says_names_the_speaker",
    ),
    pytest.param(
        (
            "While Owen Pryce said that farmers cannot have any political favourites, he appears"
            " uneasy about his own record."
        ),
        "Owen Pryce",
        "farmers cannot have any political favourites",
        id="reported_words_in_an_opening_subordinate_clause_end_at_its_comma",
    ),
    pytest.param(
        (
            "Dover Mills Plans Cuts.\n\nLEEDS (Reuters) - Alice Brampton said the mill would cut"
            " two hundred jobs next year."
        ),
        "Alice Brampton",
        "the mill would cut two hundred jobs next year",
        id="a_dateline_with_a_spaced_hyphen_is_not_the_subject",
    ),
]


@pytest.mark.parametrize(("body", "speaker", "text"), FIRST_SPEAKER_AND_TEXT_CASES)
def test_first_quotation_has_the_expected_speaker_and_text(body, speaker, text):
    quote = _first(body)
    assert (quote.speaker, quote.text) == (speaker, text)


def test_a_single_line_break_ends_an_english_paragraph():
    quotes = extract_quotes(
        "Ellen Tate said the mill would close next year.\nOwen Pryce has a new plan for it.",
        language="en",
    )
    assert [q.text for q in quotes] == ["the mill would close next year"]


def test_name_follows_the_last_title_of_a_capitalised_run():
    (quote,) = extract_quotes(
        "“Order is important,” House Speaker Ellen Tate told the delegates before the vote.",
        language="en",
    )
    assert quote.speaker == "Ellen Tate"


def test_object_of_told_is_not_reported_speech():
    quotes = extract_quotes(
        "Owen Pryce spoke. “Order matters,” Ellen Tate told the delegates before the vote.",
        language="en",
    )
    assert [q.kind for q in quotes] == ["direct"]


def test_plural_noun_like_states_is_not_a_cue():
    quotes = extract_quotes(
        "Owen Pryce won in five states, and other states hold their votes in May.", language="en"
    )
    assert quotes == []


def test_states_that_is_a_cue():
    (quote,) = extract_quotes(
        "The council report states that the mill lost money for a decade.", language="en"
    )
    assert quote.text == "the mill lost money for a decade"


def test_named_outlet_told_is_skipped_before_the_reported_words():
    (quote,) = extract_quotes(
        "Ellen Tate tells Valley News the mill will close next spring.", language="en"
    )
    assert (quote.speaker, quote.text) == ("Ellen Tate", "the mill will close next spring")


def test_cue_opening_the_next_sentence_after_an_exclamation():
    quotes = extract_quotes(
        "Owen Pryce spoke first. “The valley is proud to vote!” Senator Ellen Tate said as she"
        " opened the count.",
        language="en",
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Ellen Tate")]


def test_next_sentence_with_reported_words_keeps_its_own_quotation():
    quotes = extract_quotes(
        "Owen Pryce spoke first. “The mill will close.” Ellen Tate said the workers would be paid.",
        language="en",
    )
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "Owen Pryce"),
        ("indirect", "Ellen Tate"),
    ]


def test_programme_title_after_on_is_not_a_quotation():
    quotes = extract_quotes(
        "Ellen Tate spoke on Sunday. “I expect questions,” she said on “Meet the Valley.”",
        language="en",
    )
    assert [q.text for q in quotes] == ["I expect questions,"]


def test_transcript_line_gives_the_paragraph_to_the_named_speaker():
    quotes = extract_quotes(
        "Senator Ellen Tate spoke to the valley radio on Monday.\n\n"
        "TATE: I think the mill will stay open. The workers have earned it.",
        language="en",
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Ellen Tate", "I think the mill will stay open. The workers have earned it")
    ]


def test_label_the_article_never_names_is_no_speaker():
    quotes = extract_quotes(
        "Senator Ellen Tate spoke on Monday.\n\nRelated: The mill will stay open all year.",
        language="en",
    )
    assert quotes == []


def test_programme_title_after_told_is_not_the_quotation():
    quotes = extract_quotes(
        "Ellen Tate spoke. But she told ABC’s “Morning Valley” that she thinks Owen Pryce is a"
        " “total opportunist” and left.",
        language="en",
    )
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [("indirect", "Ellen Tate", "told")]


def test_newspaper_title_after_told_is_skipped():
    quote = _first("Ellen Tate told “The Dover Times” she would run again next year.")
    assert quote.text == "she would run again next year"


def test_quotation_after_its_cue_sentence_goes_on_with_the_first():
    body = "“The mill will stay open,” Ellen Tate said. “The workers have earned it.”"
    quotes = extract_quotes(body, language="en")
    assert [(q.speaker, q.start, q.end) for q in quotes] == [
        ("Ellen Tate", 1, body.index("earned it.") + len("earned it."))
    ]


def test_quotation_in_the_next_paragraph_stands_alone():
    quotes = extract_quotes(
        "“The mill will stay open,” Ellen Tate said.\n\n“The workers have earned it.”",
        language="en",
    )
    assert [q.text for q in quotes] == ["The mill will stay open,", "The workers have earned it."]


def test_words_after_said_opened_by_a_preposition_are_not_reported():
    quotes = extract_quotes(
        "Ellen Tate said on Monday during a long visit to the hall in Dover.", language="en"
    )
    assert quotes == []


def test_participle_after_said_and_a_comma_describes_the_scene():
    quotes = extract_quotes(
        "“The mill stays open,” Ellen Tate said, looking off into the distance from the hall.",
        language="en",
    )
    assert [q.kind for q in quotes] == ["direct"]


def test_subject_before_said_and_a_colon_is_not_reported_speech():
    quotes = extract_quotes(
        "In a statement to the Dover Times, her adviser, Owen Pryce, said: “The mill stays open.”",
        language="en",
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Owen Pryce")]


def test_according_to_without_a_comma_takes_the_words_before_it():
    quote = _first(
        "Tate leads Pryce by 271 delegates according to a count by the Dover Times, but the"
        " race goes on."
    )
    assert (quote.text, quote.cue) == ("Tate leads Pryce by 271 delegates", "according to")


def test_according_to_after_a_dash_takes_the_words_before_it():
    quote = _first(
        "In 2014, Dover had 115 thefts — including four robberies — according to the police."
    )
    assert quote.text == "In 2014, Dover had 115 thefts — including four robberies"


def test_according_to_after_a_quotation_cue_cites_the_report():
    quotes = extract_quotes(
        "“We will win,” Owen Pryce said at a press conference, according to the Dover Times.",
        language="en",
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Owen Pryce")]


def test_role_written_before_the_name_binds_the_definite_role_later():
    quotes = extract_quotes(
        "Republican nominee Ellen Tate visited Dover on Monday. Owen Pryce met her there.\n\n"
        "The nominee said the mill would stay open.",
        language="en",
    )
    assert [(q.speaker, q.mention) for q in quotes] == [("Ellen Tate", "The nominee")]


def test_definite_role_before_any_name_is_the_person_with_that_title_named_next():
    quotes = extract_quotes(
        "Owen Pryce runs the farm. The governor said taxes would fall next year.\n\n"
        "Governor Ray Holm spoke after the vote.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Ray Holm"]


def test_abbreviated_title_binds_its_role():
    quotes = extract_quotes(
        "Vermont Sen. Jo Bell visited Dover. “We will win,” the senator said.", language="en"
    )
    assert [q.speaker for q in quotes] == ["Jo Bell"]


def test_epithet_after_a_named_person_is_that_person():
    quotes = extract_quotes(
        "Top donor Sam Cox said on Friday he met Ellen Tate this week.\n\n"
        "“It was very nice,” the gambling tycoon told the Dover Times.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Sam Cox", "Sam Cox"]


def test_when_asked_is_no_reported_speech():
    quotes = extract_quotes(
        "“It was very nice,” Ellen Tate told the Dover Times when asked if she had met Owen"
        " Pryce, who leads the polls.",
        language="en",
    )
    assert [q.kind for q in quotes] == ["direct"]


def test_participle_after_a_closing_mark_speaks_for_the_main_subject():
    quotes = extract_quotes(
        "To wit, Pryce told Newsmax that Ellen Tate “had a crazy policy on farms which was"
        " maniacal,” adding, “She lost all of the votes.”",
        language="en",
    )
    assert {q.speaker for q in quotes} == {"Pryce"}


def test_relative_who_said_and_the_main_said_are_two_quotations():
    quotes = extract_quotes(
        "Owen Pryce, who said he typically votes for the mayor, said one candidate he likes is"
        " Ellen Tate.",
        language="en",
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Owen Pryce", "he typically votes for the mayor"),
        ("Owen Pryce", "one candidate he likes is Ellen Tate"),
    ]


def test_participle_with_a_plain_noun_phrase_reports_nothing():
    quotes = extract_quotes(
        "Ellen Tate won the primary in Dover on Tuesday, claiming her third victory in the state"
        " this year.",
        language="en",
    )
    assert quotes == []


def test_described_person_keeps_the_body_they_speak_for():
    quotes = extract_quotes(
        "A spokesman for Dover Mills said the plant would close in June. “Nothing is decided,”"
        " the spokesman added.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["spokesman for Dover Mills"] * 2


def test_official_at_a_body_keeps_it():
    quote = _first("An official at the Treasury said the plan was sound.")
    assert (quote.speaker, quote.speaker_type) == ("official at the Treasury", "anonymous")


def test_role_and_name_after_told_are_the_person_told():
    quotes = extract_quotes(
        "“That vote is going to be rigged,” Ellen Tate told Fox News host Sam Ruiz earlier this"
        " month. “And I hope the voters are watching closely.”",
        language="en",
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Ellen Tate")]


def test_verb_opening_a_label_is_not_part_of_the_name():
    quotes = extract_quotes(
        "Owen Pryce spoke.\n\nContinued Pryce: “So I think it is a real problem for the town.”",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Owen Pryce"]


def test_english_given_names_give_pronouns_their_antecedent():
    quotes = extract_quotes(
        "Ellen Tate met Owen Pryce in Dover on Monday. Pryce has opposed her plan for months.\n\n"
        "She said the mill would stay open.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Ellen Tate"]


def test_three_word_clause_after_told_is_reported():
    quotes = extract_quotes(
        "Ellen Tate runs Dover. The mayor, who faces re-election in May, told reporters she was"
        " confident.",
        language="en",
    )
    assert [(q.speaker, q.text) for q in quotes] == [("Ellen Tate", "she was confident")]


def test_capitalised_quotation_after_a_possessive_is_a_programme_title():
    quotes = extract_quotes(
        "Sunday on Dover Radio’s “Morning Valley Talk,” Rep. Ellen Tate said the mill would stay"
        " open all year.",
        language="en",
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("indirect", "Ellen Tate")]


def test_possessive_object_before_a_partial_quotation_is_no_speaker():
    quotes = extract_quotes(
        "Top party donor Sam Cox said on Friday he met candidate Ellen Tate earlier this week.\n\n"
        "While the mega donor kept quiet about money, he did say he found Tate to be “very"
        " charming” and called his standing in the crowded field “unheard of.”",
        language="en",
    )
    assert {q.speaker for q in quotes} == {"Sam Cox"}


def test_he_stands_for_a_person_not_the_body_that_spoke_last():
    from articles.extraction.cues import Mention
    from articles.extraction.lexicon import get_lexicon
    from articles.extraction.marks import find_quotations
    from articles.extraction.speakers import ArticleContext, Speaker
    from articles.extraction.text import tokenize

    text = "Senate spokesman Don Stewart would not say when the Senate will vote. He left."
    ctx = ArticleContext(
        text, tokenize(text, 0, len(text), find_quotations(text)), get_lexicon("en"), {}
    )
    he = Mention("He", text.index("He left"), text.index("He left") + 2, "pronoun")
    senate = Speaker("Senate", "organization")
    speaker = ctx.resolve(
        he, position=he.start, previous=senate, continuation=False, previous_position=he.start - 1
    )
    assert speaker.name == "Don Stewart"


def test_qualified_role_takes_the_name_bound_to_the_bare_title():
    quotes = extract_quotes(
        "Sen. Jo Bell visited Dover on Monday. Owen Pryce met him there.\n\n"
        "The Vermont senator said the mill would stay open.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Jo Bell"]


def test_title_case_headline_with_a_place_is_no_quotation():
    quotes = extract_quotes(
        "Dover Says Farewell To The Old Mill.\n\nMayor Ellen Tate spoke in Dover on Monday.",
        language="en",
    )
    assert quotes == []


def test_initials_ending_a_sentence_end_it_before_a_pronoun():
    quotes = extract_quotes(
        "Sam Cox says Pryce has no plan for the U.S. He says farmers need no more lectures.",
        language="en",
    )
    assert [q.text for q in quotes] == [
        "Pryce has no plan for the U.S",
        "farmers need no more lectures",
    ]


def test_adding_after_a_comma_inside_the_marks_starts_a_new_quotation():
    quotes = extract_quotes(
        "Speaking in Dover, Ellen Tate said the town has “only one candidate who can win this"
        " race,” adding that it is why Owen Pryce “attacks us every day.”",
        language="en",
    )
    assert [(q.speaker, q.cue) for q in quotes][-1] == ("Ellen Tate", "adding")
    assert len(quotes) == 2


def test_another_subject_with_its_own_verb_starts_a_new_quotation():
    quotes = extract_quotes(
        "Ellen Tate said the mill would stay open, but the union says the workers will strike"
        " next week.",
        language="en",
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Ellen Tate", "the mill would stay open"),
        ("union", "the workers will strike next week"),
    ]


def test_name_right_before_the_verb_after_a_long_opening_is_the_subject():
    quote = _first(
        "Saturday at the Vermont party’s state convention Sen. Ellen Tate (D-VT) said the"
        " mill owner was a “proven failure” in business."
    )
    assert (quote.kind, quote.speaker) == ("indirect", "Ellen Tate")


def test_a_state_after_its_town_never_speaks():
    quotes = extract_quotes(
        "Alice Brampton is telling diners at a busy Harlow, New Kent, cafe that “we can win"
        " this.” She says, “With your help, we will do it.”",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Alice Brampton", "Alice Brampton"]


def test_a_subject_after_the_quotation_with_an_apposition_speaks_it_to_the_one_told():
    quote = _first("“We will win this vote,” Owen Pryce, a close adviser to Tate, told AFP.")
    assert (quote.kind, quote.text, quote.speaker) == (
        "direct",
        "We will win this vote,",
        "Owen Pryce",
    )


def test_a_subject_after_the_quotation_with_an_apposition_reports_nothing_else():
    quotes = extract_quotes(
        "“We will win this vote,” Owen Pryce, the party chairman, said.", language="en"
    )
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Owen Pryce")]


def test_a_relative_clause_which_x_said_reports_the_verb_phrase_after_the_cue():
    quote = _first("Critics attacked the plan, which Owen Pryce said would ruin the farms.")
    assert (quote.kind, quote.text, quote.speaker) == (
        "indirect",
        "would ruin the farms",
        "Owen Pryce",
    )


def test_a_relative_clause_that_she_said_gives_its_own_quotation():
    quote = _first("Ellen Tate won by a margin that she said showed the town wanted change.")
    assert (quote.text, quote.speaker) == ("showed the town wanted change", "Ellen Tate")


def test_said_that_before_a_subject_is_no_relative_clause():
    quote = _first("Ellen Tate said that Pryce thinks the mill was sold too cheaply.")
    assert quote.text == "Pryce thinks the mill was sold too cheaply"


def test_quotation_parts_around_a_subject_with_an_apposition_stay_one_quotation():
    quotes = extract_quotes(
        "“Friends,” Owen Pryce, the party chairman, said, “we have never lost this seat.”",
        language="en",
    )
    assert len(quotes) == 1 and quotes[0].speaker == "Owen Pryce"


def test_barked_is_a_reporting_verb():
    quote = _first("Ellen Tate pointed at the door. “Go back to your office,” Tate barked.")
    assert (quote.text, quote.speaker, quote.cue) == (
        "Go back to your office,",
        "Ellen Tate",
        "barked",
    )


def test_a_list_of_names_is_no_town_and_state():
    quotes = extract_quotes(
        "The debate between Tate, Pryce, and Lee ran late. Pryce said the mill would stay open.",
        language="en",
    )
    assert quotes[0].speaker == "Pryce"


def test_a_transcript_label_in_capitals_gives_the_name_as_written():
    quotes = extract_quotes(
        "Transcript.\n\nMARK LYLE: We will keep the mill open and pay the workers.\n\n"
        "LYLE: I said that already.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Mark Lyle", "Mark Lyle"]


def test_a_second_clause_after_comma_and_has_its_own_subject():
    quote = _first(
        "Most of the workers backed the offer, and the union leader said the vote was fair."
    )
    assert quote.mention == "the union leader"


WISH_CASES = [
    pytest.param(
        "Mayor Ellen Tate wants to double the size of the program.",
        "to double the size of the program",
        "Ellen Tate",
        id="an_intention_reports_its_infinitive",
    ),
    pytest.param(
        "Owen Pryce plans to sell the mill before the winter.",
        "to sell the mill before the winter",
        "Owen Pryce",
        id="an_s_form_before_to_after_a_name_is_a_verb",
    ),
    pytest.param(
        "The union leader urged the council to keep the mill open.",
        "the council to keep the mill open",
        "union leader",
        id="a_request_reports_its_object_and_infinitive",
    ),
    pytest.param(
        "Ellen Tate called on the board to resign before the vote.",
        "the board to resign before the vote",
        "Ellen Tate",
        id="called_on_reports_its_object_and_infinitive",
    ),
    pytest.param(
        "Owen Pryce has called for a full recount of the ballots.",
        "a full recount of the ballots",
        "Owen Pryce",
        id="called_for_reports_what_is_asked_for",
    ),
]


@pytest.mark.parametrize(("body", "text", "speaker"), WISH_CASES)
def test_wishes_and_requests_report_their_complement(body, text, speaker):
    quote = _first(body)
    assert (quote.kind, quote.text, quote.speaker) == ("indirect", text, speaker)


def test_plans_after_a_verb_is_a_noun_and_reports_nothing():
    body = "The council never unveiled plans to pay for the new bridge."
    assert extract_quotes(body, language="en") == []


def test_an_intention_never_reports_the_words_before_it():
    body = "Tate bought the old mill last year, where she plans to build houses."
    assert all("bought" not in q.text for q in extract_quotes(body, language="en"))


NOBODY_BETWEEN_SUBJECT_AND_VERB = [
    pytest.param(
        "“We will pass it,” Senate Majority Leader Mitch Tate, R-Ky., said Tuesday.",
        "Mitch Tate",
        id="a_party_and_state_after_the_name",
    ),
    pytest.param(
        "Ellen Tate, like Owen Pryce, has said the mill would close.",
        "Ellen Tate",
        id="a_comparison_after_the_name",
    ),
    pytest.param(
        "Owen Pryce, president of the Dover Union, which represents New York City teachers,"
        " said the strike would go on.",
        "Owen Pryce",
        id="a_relative_clause_after_the_role",
    ),
]


@pytest.mark.parametrize(("body", "speaker"), NOBODY_BETWEEN_SUBJECT_AND_VERB)
def test_the_subject_is_the_name_before_segments_that_name_nobody(body, speaker):
    assert _first(body).speaker == speaker


def test_a_pronoun_after_but_or_though_opens_a_second_report_of_its_own():
    quotes = extract_quotes(
        "Ellen Tate spoke. She said the demands erase the barriers that women face, though"
        " she noted clients are beginning to ask for diverse teams. Owen Pryce was there."
        " Pryce said the mill would close — and he noted that the town would suffer.",
        language="en",
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the demands erase the barriers that women face", "Ellen Tate"),
        ("clients are beginning to ask for diverse teams", "Ellen Tate"),
        ("the mill would close", "Owen Pryce"),
        ("the town would suffer", "Owen Pryce"),
    ]


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Ellen Tate attacked Pryce in a late-night post.", "Pryce in a late-night post"),
        ("Owen Pryce praised the workers.", "the workers"),
        ("Ellen Tate cited his comments.", "his comments"),
    ],
)
def test_a_short_object_of_a_verb_of_judgement_is_reported(body, text):
    quote = _first(body)
    assert (quote.kind, quote.text) == ("indirect", text)


def test_a_short_object_of_said_is_no_report():
    assert extract_quotes("Ellen Tate said nothing.", language="en") == []


def test_a_verb_between_commas_inside_the_marks_is_no_incise_in_english():
    quotes = extract_quotes(
        "Ellen Tate spoke on Monday. “Maybe I can, by speaking to the workers, say, look, this"
        " is not who we are,” she continued.",
        language="en",
    )
    assert [(q.speaker, q.cue) for q in quotes] == [("Ellen Tate", "continued")]


def test_a_quotation_resumes_after_a_cue_with_a_long_apposition():
    quotes = extract_quotes(
        "“This is a disgusting day,” said Rep. Owen Pryce (D-N.C.), head of the Dover County"
        " caucus of mill workers. “We will fight.”",
        language="en",
    )
    assert len(quotes) == 1
    assert quotes[0].speaker == "Owen Pryce"
    assert quotes[0].text.endswith("We will fight.")


def test_a_bare_noun_phrase_after_according_to_is_the_source():
    quote = _first("According to exit polls, Owen Pryce had a ten-point lead over Ellen Tate.")
    assert (quote.text, quote.speaker) == (
        "Owen Pryce had a ten-point lead over Ellen Tate",
        "exit polls",
    )


def test_a_surname_expands_to_a_full_name_with_a_generational_suffix():
    quotes = extract_quotes(
        "Senator Owen R. Pryce Jr. spoke in Ohio. “We will win,” Mr. Pryce said.", language="en"
    )
    assert quotes[0].speaker.startswith("Owen R. Pryce Jr")


def test_a_party_and_state_in_parentheses_stands_between_the_name_and_its_verb():
    quote = _first("“The mill was prepared,” Sen. Ellen Tate (D-Mo.) said.")
    assert (quote.speaker, quote.cue) == ("Ellen Tate", "said")


def test_each_paragraph_of_a_quoted_transcript_is_its_labels_speaker():
    quotes = extract_quotes(
        "Ellen Tate spoke to the radio on Sunday.\n\n"
        '"LYLE: Will the mill close this winter?\n\n'
        '"TATE: No. The mill stays open.\n\n'
        '"LYLE: Thank you, Governor.\n\n'
        '"LYLE: And the school?',
        language="en",
    )
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Lyle", "Will the mill close this winter?"),
        ("Ellen Tate", "No. The mill stays open"),
        ("Lyle", "Thank you, Governor"),
        ("Lyle", "And the school?"),
    ]


def test_a_label_in_capitals_used_once_names_nobody():
    quotes = extract_quotes(
        "Ellen Tate spoke on Monday.\n\nUPDATE: The mill will stay open all year.",
        language="en",
    )
    assert quotes == []


def test_a_title_case_headline_ending_with_its_cue_reports_what_comes_before():
    quotes = extract_quotes(
        "Dover Mill Could Stay Open For Years, Ellen Tate Says.\n\n"
        "DOVER — Mayor Ellen Tate spoke to the workers on Monday.",
        language="en",
    )
    assert [(q.speaker, q.text) for q in quotes][:1] == [
        ("Ellen Tate", "Dover Mill Could Stay Open For Years")
    ]


def test_the_surname_alone_is_not_the_relative_called_by_her_given_name():
    quotes = extract_quotes(
        "Rosa Tate, the mayor’s daughter, opened the fair. Ellen Tate arrived later with the"
        " band Rosa Tate had hired. Rosa greeted the crowd.\n\n“We are proud of this town,” Tate"
        " said.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Ellen Tate"]


def test_the_surname_alone_is_not_a_woman_when_the_article_writes_mr():
    quotes = extract_quotes(
        "The first lady, Ellen Tate, visited the mill.\n\n"
        "“The mill will stay open,” Mr. Tate said.\n\n"
        "“We have the money,” Tate said.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Tate", "Tate"]


def test_a_surname_alone_before_an_indefinite_role_is_the_speaker():
    quotes = extract_quotes(
        "Owen Pryce toured the mill on Monday.\n\n"
        "“The mill stays open,” Pryce, a close ally of the mayor, said.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Owen Pryce"]


def test_a_sentence_adverb_before_an_indefinite_role_names_nobody():
    quotes = extract_quotes(
        "Owen Pryce toured the mill on Monday.\n\n"
        "Moreover, a union steward said the offer was fair to the workers.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["union steward"]


def test_he_is_not_a_woman_the_article_names_by_her_given_name_alone():
    quotes = extract_quotes(
        "Melanie waited at the fair for Owen Pryce, the mayor of Dover.\n\n"
        "“We are proud of him,” Melanie said.\n\n“I love this town,” he said.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Melanie", "Owen Pryce"]


def test_the_union_and_the_website_are_the_bodies_the_article_named():
    union = extract_quotes(
        "The Dover Mill Workers Union backed the offer on Monday.\n\n"
        "The union said the vote had been fair to every worker.",
        language="en",
    )
    website = extract_quotes(
        "Valley Ledger Network published the figures on Monday.\n\n"
        "The website noted that the mill had lost money for three years.",
        language="en",
    )
    assert [q.speaker for q in union + website] == [
        "Dover Mill Workers Union",
        "Valley Ledger Network",
    ]


def test_a_court_that_ruled_reports_its_ruling():
    quote = _first("A federal appeals court ruled on Friday that the mill’s permit was unlawful.")
    assert (quote.speaker, quote.text) == (
        "federal appeals court",
        "the mill’s permit was unlawful",
    )


def test_rules_as_a_plural_noun_are_no_cue():
    quotes = extract_quotes(
        "The party’s existing rules allow the board to name a new candidate for the seat.",
        language="en",
    )
    assert quotes == []


def test_a_verb_of_judgement_reports_its_object():
    quote = _first("Mayor Ellen Tate lambasted the owners of the mill for the layoffs on Monday.")
    assert (quote.speaker, quote.cue, quote.text) == (
        "Ellen Tate",
        "lambasted",
        "the owners of the mill for the layoffs on Monday",
    )


def test_a_paragraph_after_a_cue_and_a_colon_is_a_quotation_without_marks():
    quotes = extract_quotes(
        "Owen Pryce spoke to the crowd on Monday.\n\nPryce added:\n\n"
        "This is the worst plan I have ever seen. They cannot win this vote.\n\n"
        "The mill closed in May.",
        language="en",
    )
    assert [(q.speaker, q.kind, q.text) for q in quotes] == [
        (
            "Owen Pryce",
            "direct",
            "This is the worst plan I have ever seen. They cannot win this vote.",
        )
    ]


def test_what_the_subject_complained_about_is_reported():
    quote = _first("Owen Pryce complained about the noise from the mill on Monday.")
    assert (quote.speaker, quote.text) == ("Owen Pryce", "the noise from the mill on Monday")


def test_what_the_subject_spoke_of_is_reported():
    quote = _first("Ellen Tate spoke of the families who lost their jobs at the mill.")
    assert (quote.speaker, quote.text) == (
        "Ellen Tate",
        "the families who lost their jobs at the mill",
    )


def test_a_quotation_credited_after_a_dash_is_its_named_speakers():
    quotes = extract_quotes(
        "Residents of Dover spoke after the meeting.\n\n"
        "“The mill kept this town alive for a century.” ― Ellen Tate\n"
        "“We will miss it, and so will our children.” — Owen Pryce\n",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Ellen Tate", "Owen Pryce"]


def test_a_capitalised_word_before_an_honorific_is_no_name():
    quotes = extract_quotes(
        "Owen Pryce met the board of the mill on Monday. What Mr. Pryce saw were the"
        " figures of the last three years.\n\n“They are terrifying,” he said.",
        language="en",
    )
    assert [q.speaker for q in quotes] == ["Owen Pryce"]


# A document speaks for its author, written next to it or at the document's first mention.
DOCUMENT_AUTHOR_CASES = [
    pytest.param(
        "A Lakeview Herald poll shows that voters back the levy.",
        "Lakeview Herald",
        id="a_name_before_the_document_noun_is_its_author",
    ),
    pytest.param(
        "A new video by the Tarrow County Council says the bridge is safe.",
        "Tarrow County Council",
        id="the_author_after_by_speaks_for_the_document",
    ),
    pytest.param(
        (
            "A Lakeview Herald poll came out on Monday. Its margin was small. "
            "The poll shows that voters back the levy."
        ),
        "Lakeview Herald",
        id="the_definite_document_is_the_one_the_article_introduced",
    ),
    pytest.param(
        (
            "The Northern Rail Authority opened the line. "
            "The NRA said the trains would run every hour."
        ),
        "Northern Rail Authority",
        id="an_acronym_the_article_spells_out_without_brackets",
    ),
]


@pytest.mark.parametrize(("body", "speaker"), DOCUMENT_AUTHOR_CASES)
def test_a_document_or_acronym_speaks_for_the_body_behind_it(body, speaker):
    assert extract_quotes(body, language="en")[-1].speaker == speaker


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('"We will rebuild," said Liam O\'Brien.', "Liam O'Brien"),
        (
            "Police Commissioner James O’Neill said the device was a pressure cooker.",
            "James O’Neill",
        ),
    ],
)
def test_an_irish_surname_keeps_its_apostrophe(body, speaker):
    assert _first(body).speaker == speaker


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Keith Tate was hurt on Tuesday. Tate's family has called on police to release "
            'the videos "as a matter of transparency."',
            "tate's family",
        ),
        (
            'Two Democratic speechwriters said the speech was "a mess."',
            "two democratic speechwriters",
        ),
        # a name that a verb's adverb follows is the subject all the same
        (
            'Mayor Ellen Tate spoke on Monday. Tate repeatedly said the plan was "a mess."',
            "Ellen Tate",
        ),
    ],
)
def test_a_name_qualifying_a_noun_of_people_is_no_speaker_the_noun_is(body, speaker):
    assert extract_quotes(body, language="en")[-1].speaker == speaker


def test_a_surname_misspelt_by_a_letter_is_the_person_the_article_named():
    body = (
        "Leslie Wimes leads the caucus. Wines believes the campaign took voters for granted. "
        '"They have a big problem," she said.'
    )
    assert {q.speaker for q in extract_quotes(body, language="en")} == {"Leslie Wimes"}


def test_i_outside_quotation_marks_is_the_writer_named_by_the_closing_note():
    body = (
        "My father would have loved it.\n\nI know all about normalizing hate, "
        'and I say the plan is "a disgrace."\n\n'
        "Ann Lee is playwright-in-residence at Wheaton College."
    )
    assert extract_quotes(body, language="en")[0].speaker == "Ann Lee"
    unsigned = 'I know the returns are audited, and I say the plan is "a disgrace."'
    assert extract_quotes(unsigned, language="en")[0].speaker == "reporter"


def test_a_subordinator_opening_the_subject_is_not_part_of_the_speaker():
    body = 'While his advisers said the plan was "a mess," the president disagreed.'
    assert extract_quotes(body, language="en")[0].speaker == "advisers"


def test_he_after_the_writer_speaks_is_never_the_writer():
    body = (
        'Ellen Tate runs the mill. I say her plan is "a mess." Paul Rigaud spoke next. '
        'He said it was "a fine plan."'
    )
    assert extract_quotes(body, language="en")[-1].speaker == "Paul Rigaud"


def test_a_headline_in_title_case_names_only_a_given_name_and_the_word_after_it():
    body = (
        "Ellen Tate Hammers Dover Mills Chief: ‘You Should Resign.’\n\n"
        "Senator Tate grilled the chief of Dover Mills on Tuesday over the closures.\n\n"
        "“You should give back the money you took,” she said."
    )
    speakers = [q.speaker for q in extract_quotes(body, language="en")]
    assert speakers[-1] == "Ellen Tate"
    assert not any("Hammers" in (s or "") for s in speakers)
