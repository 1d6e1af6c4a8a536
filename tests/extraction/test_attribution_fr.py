"""French attribution: one test per hard case, on short original sentences about fictional people.

They run the real fr_core_news_sm pipeline (loaded once per process by `get_nlp`).
"""

import pytest

from articles.extraction import ExtractedQuote, KnownName, extract_quotes


def _quotes(body: str, **kwargs) -> list[ExtractedQuote]:
    return [q for q in extract_quotes(body, language="fr", **kwargs) if q.kind != "indirect"]


def _indirect(body: str) -> list[ExtractedQuote]:
    return [q for q in extract_quotes(body, language="fr") if q.kind == "indirect"]


def test_cue_after_with_honorific_gives_the_full_name_introduced_earlier():
    body = (
        "La navigatrice Lina Ferrat a bouclé son tour du monde. "
        "« Je suis épuisée mais heureuse », a déclaré Mme Ferrat à l'arrivée."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.mention, quote.cue) == ("Lina Ferrat", "Mme Ferrat", "a déclaré")


def test_a_source_after_a_quotation_may_carry_an_honorific_with_a_dot():
    text = "Le rapport est paru. « Des études ont montré des effets », selon M. Merckel."
    # the dot of "M." ends no clause: the source is his, not the last speaker's
    (quote,) = _quotes(text)
    assert (quote.mention, quote.cue, quote.speaker) == ("M. Merckel", "selon", "Merckel")


@pytest.mark.parametrize(
    ("incise", "speaker"),
    [
        ("a renchéri sur France Inter, le patron du parti Paul Ferrand.", "Paul Ferrand"),
        ("a réagi dans la foulée Lise Bonal lors d'un dîner.", "Lise Bonal"),
        ("a réagi jeudi soir, auprès du Courrier, le maire de Sablon.", "maire de Sablon"),
        ("a confié cette semaine à l'AFP un député de la majorité.", "député de la majorité"),
    ],
)
def test_the_inverted_subject_may_follow_adverbials_and_complements(incise, speaker):
    body = f"Anne Roux a ouvert la séance. « Nous ne céderons rien », {incise}"
    (quote,) = _quotes(body)
    assert quote.speaker.lower() == speaker.lower()


def test_an_inverted_relative_subject_is_not_the_body_its_clause_names():
    body = (
        "« Les émissions ont chuté », a déclaré Lise Bonal, climatologue. « Ce ne sera pas "
        "durable », ajoute celle qui préside le Haut Conseil pour le climat."
    )
    assert [q.speaker for q in _quotes(body)] == ["Lise Bonal"] * 2


def test_a_relative_clause_after_a_party_acronym_is_said_by_the_person_before_it():
    body = (
        "Clémence Aubry a répondu à cette attaque. Elle a été appuyée notamment par "
        "Marie-Line Dupuis (PCF) qui a dénoncé des « propos vulgaires »."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Marie-Line Dupuis"


def test_a_party_written_with_its_article_after_a_role_is_no_person():
    body = (
        "Gaston Delorme a parlé sur Radio Valdor. L'ancien maire Les Républicains de Sablon "
        "a raconté avoir reçu des menaces. « C'est difficile », a-t-il regretté."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Gaston Delorme"


def test_a_relative_clause_after_a_role_with_a_named_complement_is_said_by_the_role():
    body = (
        "Léon Marchal a pris la parole. « Je ne dramatise rien », souligne le chef de l'Etat "
        "qui pointe trois « risques majeurs »."
    )
    assert [q.speaker for q in _quotes(body)] == ["Léon Marchal"] * 2


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Lucien Vidal a donné un concert. « Je reviendrai », a promis le Français.",
            "Lucien Vidal",
        ),
        ("« Nous voulons du travail », dit un jeune Libanais.", "jeune libanais"),
        ("« Je suis heureux », a déclaré le Belge Gert Vandamme.", "Gert Vandamme"),
        ("« Nous voulons du changement », disent les Chiliens.", "chiliens"),
        ("« La ville change », selon Le Parisien.", "Le Parisien"),  # an outlet, not a demonym
    ],
)
def test_a_capitalised_nationality_describes_a_person_and_names_nobody(body, speaker):
    (quote,) = _quotes(body)
    assert quote.speaker == speaker


def test_a_role_after_an_adjective_takes_the_name_after_its_place_complement():
    body = "Le grand rabbin de France Haïm Roussel a regretté une « occasion manquée »."
    (quote,) = _quotes(body)
    assert quote.speaker == "Haïm Roussel"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            "Un autre fidèle explique qu'ensemble ils évoquaient « le passé, de vieux souvenirs ».",
            "autre fidèle",
        ),
        (
            "Paul Rivière avait estimé que le rapport de Mme Hazel relevait du « fantasme ».",
            "Paul Rivière",
        ),
        ("Paul Rivière a raconté que Lise Bonal a déclaré « tout savoir ».", "Lise Bonal"),
    ],
)
def test_a_cue_naming_nobody_inside_a_que_clause_gives_way_to_the_verb_governing_it(body, speaker):
    (quote,) = _quotes(body)
    assert quote.speaker == speaker


def test_a_two_word_title_is_not_another_title_sharing_its_first_word():
    body = (
        "Le premier secrétaire du parti, Jean-Marc Dorval, a organisé un meeting. « Ils nous "
        "affaiblissent », a assuré le Premier ministre."
    )
    (quote,) = _quotes(body)
    assert quote.speaker != "Jean-Marc Dorval"


def test_a_name_ends_where_a_glued_heading_ends():
    body = (
        "« On est chez les fous », a tonné Bernard Vasseur sur Radio Nord. Un règlement de "
        "comptes pour VasseurSur Franceinfo, l'homme d'affaires assure qu'il s'agit d'une "
        "vengeance de son ancien bras droit. « Il est très en colère. »"
    )
    assert {q.speaker for q in _quotes(body)} == {"Bernard Vasseur"}


def test_a_masculine_role_after_an_elided_article_is_not_the_woman_who_spoke_last():
    body = (
        "Hélène Vasseur est logée par la régie. « Je ne partirai pas », justifie-t-elle. "
        "Elle assure que Paul Rigaud, adjoint au maire, ne lui a rien demandé. « Le loyer est "
        "libre », explique l'élu."
    )
    assert _quotes(body)[-1].speaker not in ("Hélène Vasseur", None)


def test_inverted_clitic_resolves_to_the_last_speaker():
    body = (
        "« Le port sera agrandi », a annoncé Paul Varenne, maire de Sablon. "
        "« Les travaux commenceront en mai », a-t-il ajouté."
    )
    second = _quotes(body)[1]
    assert (second.speaker, second.mention, second.cue) == ("Paul Varenne", "il", "a-t-il ajouté")


# One hard case a row, its id the behaviour it pins (as a test name would).
SPEAKER_CASES = [
    pytest.param(
        "Le Front valmontais de libération (FVL) a dénoncé le « laxisme » du gouvernement. Le "
        "Front a aussi jugé la réforme « inutile ».",
        1,
        "Front valmontais de libération",
        id="a_body_named_by_its_first_word_is_the_one_its_acronym_spells",
    ),
    pytest.param(
        "La météo sera « clémente » jeudi, selon Corse Matin.",
        0,
        "Corse Matin",
        id="an_outlet_opening_with_a_nationality_keeps_it",
    ),
    pytest.param(
        'Le Canard enchaîné a révélé mardi que "le ministre a menti".',
        0,
        "Le Canard enchaîné",  # the title the media list gives
        id="an_outlet_whose_name_ends_with_a_verb_form_is_whole",
    ),
    pytest.param(
        "Pour Marine Dupré du Rassemblement républicain, « c'est une erreur ».",
        0,
        "Marine Dupré",
        id="a_person_then_du_and_her_party_ends_her_name",
    ),
    pytest.param(
        (
            "Olivier Véran est à Rome. Le Ministre des Solidarités et de la Santé a réagi mardi"
            " : « Il faut rester calme »."
        ),
        0,
        "Olivier Véran",
        id="a_capitalised_title_then_its_complement_is_no_name",
    ),
    pytest.param(
        "Louis Camilleri, le CEO de Valtex, a annoncé qu'elle serait « digne d'une supercar ».",
        0,
        "Louis Camilleri",
        id="an_acronym_title_then_its_company_is_no_name",
    ),
    pytest.param(
        (
            "Paul Verdier est arrivé mardi à Nice. « Il faut rassembler », a demandé le président"
            " du parti Les Modérés."
        ),
        0,
        "Paul Verdier",
        id="the_name_after_a_party_noun_is_the_party_not_the_president",
    ),
    pytest.param(
        (
            "Le rappel touche 8.000 voitures, avait déclaré le PDG du groupe Harald Krüger. "
            "« Le problème est matériel », a-t-il ajouté."
        ),
        -1,
        "Harald Krüger",
        id="a_given_name_and_surname_after_le_groupe_is_its_head",
    ),
    pytest.param(
        (
            "Le ministère burundais des Affaires étrangères a réagi mardi. « Nous rejetons ces "
            "accusations », a indiqué le ministère."
        ),
        0,
        "ministère burundais des Affaires étrangères",
        id="le_ministere_is_the_fuller_body_named_before_with_its_adjectives",
    ),
    pytest.param(
        (
            "La pétition a été lancée mardi par Valvert. « Les industriels trompent les "
            "consommateurs », a interpellé l'ONG."
        ),
        0,
        "Valvert",
        id="l_ong_is_the_body_named_before_that_shows_nothing_of_a_person",
    ),
    pytest.param(
        "« Nous porterons plainte lundi », a annoncé l'ONG Mer Vivante.",
        0,
        "Mer Vivante",
        id="the_acronym_of_a_kind_of_body_is_no_part_of_its_name",
    ),
    pytest.param(
        "Paul Martin a vendu ses parts. « Nous contestons cette décision », précise le groupe.",
        0,
        "groupe",
        id="le_groupe_is_no_person_named_before",
    ),
    pytest.param(
        (
            "Les syndicats ont été reçus par Marc Olier et Léa Roux, a souligné Paul Verdier, "
            "secrétaire général de la CGT. « Il faut des actes », a indiqué le numéro un de la CGT."
        ),
        -1,
        "Paul Verdier",
        id="le_numero_un_is_an_office_in_two_words",
    ),
    pytest.param(
        (
            "« C'est une provocation », a déclaré Marine Durand. Quant à Lina Moret (LFI), elle "
            "a dénoncé le « mépris » du président."
        ),
        -1,
        "Lina Moret",
        id="quant_a_names_the_topic_the_pronoun_after_it_takes_up",
    ),
    pytest.param(
        (
            "Marc Olier a présenté son budget. « Il faut agir vite », avait dénoncé "
            "le député de la Somme Paul Verdier en séance. L'élu avait alors montré des "
            "factures. « Voilà les preuves », a-t-il lâché."
        ),
        -1,
        "Paul Verdier",
        id="an_elected_official_is_whoever_holds_an_elected_office",
    ),
    pytest.param(
        (
            "Paul Verdier est venu. « Nous partirons demain », a annoncé le compte Twitter de "
            "Lina Moret."
        ),
        0,
        "Lina Moret",
        id="the_owner_of_a_social_media_account_speaks_not_the_platform",
    ),
    pytest.param(
        (
            "Paul Verdier est venu. « Le trafic est interrompu », indique le compte Twitter de la "
            "ligne 13."
        ),
        0,
        "compte twitter de la ligne 13",
        id="an_account_without_a_named_owner_is_a_described_source_not_the_platform",
    ),
    pytest.param(
        (
            "L'ancien ministre de l'Éducation Paul Verdier est sorti de son silence. « Nous "
            "partirons demain », peut-on lire sur le compte Twitter de l'ancien ministre de "
            "l'Éducation."
        ),
        0,
        "Paul Verdier",
        id="an_account_owned_by_a_role_is_the_person_the_article_bound_to_it",
    ),
    pytest.param(
        (
            "Paul Verdier a visité le site. Les sources sont nombreuses, ce qui provoque « des "
            "craintes », comme le reconnaît la ministre Lina Moret."
        ),
        0,
        "Lina Moret",
        id="comme_le_verb_after_a_quotation_is_its_cue",
    ),
    pytest.param(
        (
            "Le pape Célestin a reçu les évêques à Rome. Le cardinal Paul Verdier l'accompagnait. "
            "« La paix se construit chaque jour », a déclaré le souverain pontife."
        ),
        0,
        "Célestin",
        id="a_synonym_of_the_office_the_article_gave_names_its_holder",
    ),
    pytest.param(
        (
            "Lina Moret, élue Les Républicains, rejoint la majorité. À 30 ans, Lina Moret est "
            "« l'un des visages de la droite », rapporte L'Obs, dans lequel l'élue Les "
            "Républicains (LR) explique son choix. « Il y a des valeurs qui ne se négocient "
            "pas », affirme-t-elle."
        ),
        -1,
        "Lina Moret",
        id="a_party_acronym_in_brackets_is_no_subject_and_never_spells_out_the_role_before_it",
    ),
    pytest.param(
        (
            "« La décision est prise », a déclaré le secrétaire d'État dans un communiqué. "
            "« Nous ne reculerons pas », a-t-il ajouté. Le texte revient sur les négociations "
            "engagées au printemps, sur le calendrier des prochaines réunions et sur les "
            "garanties demandées par les partenaires, qui jugent le délai trop court et "
            "réclament un nouvel examen du dossier avant la fin de l'année. La réponse des "
            "partenaires est attendue dans les prochains jours, après une série de rencontres "
            "techniques prévues dans plusieurs capitales. M. Valcourt n'a pas donné d'exemple."
        ),
        0,
        "Valcourt",
        id="an_office_in_several_words_is_one_title_and_finds_its_holder_named_later",
    ),
    pytest.param(
        (
            "Léa Marchal a défendu son bilan. Selon plusieurs sondages, elle arrive en tête. "
            "« Personne ne gagnera seul », estime-t-elle."
        ),
        -1,
        "Léa Marchal",
        id="singular_pronoun_never_stands_for_a_plural_description",
    ),
    pytest.param(
        (
            "Les syndicats ont quitté la réunion. « C'est inacceptable », ont dénoncé les "
            "syndicats. « Nous reviendrons », assure-t-on."
        ),
        -1,
        "syndicats",
        id="on_may_stand_for_the_group_that_spoke_last",
    ),
    pytest.param(
        (
            "Caroline Darrasse a porté plainte. « Nous irons jusqu'au bout », a poursuivi "
            "Mme Darasse."
        ),
        0,
        "Caroline Darrasse",
        id="surname_misspelt_by_a_letter_is_the_person_named",
    ),
    pytest.param(
        "« Le réseau tiendra », a affirmé Cédric O.Il a notamment cité les opérateurs.",
        0,
        "Cédric O.",
        id="name_ends_before_the_pronoun_opening_the_next_sentence",
    ),
    pytest.param(
        (
            "Mme Ferrat a rencontré M. Varenne lundi. « Rien n'est décidé », a affirmé M. Varenne. "
            "Lina Ferrat a pris la parole ensuite. « Nous verrons bien », a-t-elle expliqué."
        ),
        1,
        "Lina Ferrat",
        id="feminine_clitic_skips_a_male_speaker",
    ),
    pytest.param(
        (
            "Le ministre breton Yann Keraval a visité le chantier. "
            "« Le calendrier sera tenu », a assuré le ministre breton."
        ),
        0,
        "Yann Keraval",
        id="role_before_name_binds_the_role",
    ),
    pytest.param(
        (
            "Julie Sarran a interpellé le ministre. « Nous attendons des actes », a déclaré "
            "Paul Morel, son voisin de banc. « Ce budget est injuste », a-t-elle ajouté."
        ),
        1,
        "Julie Sarran",
        id="feminine_pronoun_uses_the_first_name_gender",
    ),
    pytest.param(
        (
            "Le chef du gouvernement bélorien, Marc Dutreil, a présenté son plan lundi. "
            "Les syndicats ont protesté. Le premier ministre a cependant affirmé : "
            "« Nous ne reculerons pas »."
        ),
        0,
        "Marc Dutreil",
        id="another_name_of_the_same_office_resolves_to_the_person_bound_to_it",
    ),
    pytest.param(
        (
            "Le président du club, Marc Olier, a reçu le président valdorien Pierre Sorel. "
            "« Nos deux pays sont amis », a déclaré le chef de l'Etat."
        ),
        0,
        "Pierre Sorel",
        id="head_of_state_matches_a_president_with_a_nationality_not_a_club_president",
    ),
    pytest.param(
        (
            "Hier, le ministre des Affaires étrangères, M. Mirand, était à Genève. "
            "« Un accord est possible », a estimé le chef de la diplomatie."
        ),
        0,
        "Mirand",
        id="role_before_an_honorific_binds_the_role",
    ),
    pytest.param(
        (
            "Le président valdorien Pierre Sorel s'est rendu à Lyon. "
            "« Nos deux pays sont amis », a déclaré le chef de l'Etat."
        ),
        0,
        "Pierre Sorel",
        id="a_role_does_not_reach_back_over_a_previous_name_or_a_verb",
    ),
    pytest.param(
        "« Le port sera agrandi », a déclaré à l'AFP le maire de Sablon, Paul Varenne.",
        0,
        "Paul Varenne",
        id="an_inverted_subject_after_a_short_complement_is_the_speaker",
    ),
    pytest.param(
        "« Nous sommes prêts », a confié à Radio Valdor Paul Mirand, maire de Sablon.",
        0,
        "Paul Mirand",
        id="a_first_name_after_a_capitalised_complement_opens_the_speakers_name",
    ),
    pytest.param(
        (
            "La ministre de la Mer Lina Ferrat a visité le port. "
            "« Nous sommes prêts », a déclaré la ministre."
        ),
        0,
        "Lina Ferrat",
        id="a_role_complement_in_capitals_is_not_glued_to_the_name_it_introduces",
    ),
    pytest.param(
        (
            "« Le site restera fermé », a indiqué la préfecture. "
            "Le directeur, Paul Mirand, a visité les lieux lundi. "
            "« Les dégâts sont importants », a-t-il constaté."
        ),
        1,
        "Paul Mirand",
        id="a_pronoun_after_an_organisation_spoke_stands_for_a_person_named_since",
    ),
    pytest.param(
        (
            "« Le site restera fermé », a indiqué le ministère. "
            "« Une enquête est ouverte », a-t-il ajouté."
        ),
        1,
        "ministère",
        id="a_pronoun_after_an_organisation_spoke_stays_with_it_when_no_person_came_since",
    ),
    pytest.param(
        (
            "Dominique Vallet, directrice de l'école, a reçu Claude Roux, adjoint au maire. "
            "« Il manque trois enseignants », a-t-elle déploré."
        ),
        0,
        "Dominique Vallet",
        id="feminine_role_noun_gives_the_gender_a_clitic_agrees_with",
    ),
    pytest.param(
        (
            "Dominique Vallet, la directrice, a reçu Claude Roux lundi. "
            "« Il manque trois enseignants », a-t-elle dit."
        ),
        0,
        "Dominique Vallet",
        id="french_auxiliary_a_is_not_an_article_before_a_subject",
    ),
    pytest.param(
        (
            "Claude Roux a parlé de sa mère, résume Dominique Vallet. "
            "« Je suis fier de cette ville », a-t-il ajouté."
        ),
        0,
        "Dominique Vallet",
        id="role_does_not_reach_over_a_reporting_verb_to_bind_a_gender",
    ),
    pytest.param(
        (
            "La sénatrice Odile Perrin a interpellé le ministre Hervé Laval. "
            "Ce dernier a répondu : « Les crédits seront maintenus. »"
        ),
        0,
        "Hervé Laval",
        id="demonstrative_stands_for_the_person_named_last",
    ),
    pytest.param(
        (
            "Le chanteur Tino Vasquez a annulé sa tournée. "
            "« Je dois me soigner », a écrit l'artiste sur son site."
        ),
        0,
        "Tino Vasquez",
        id="role_of_the_same_class_resolves_to_the_bound_name",
    ),
    pytest.param(
        (
            "« Le pont est fragile », a expliqué la Cour.Le président de la Cour, Louis Brun, "
            "a voté contre. « Je reste inquiet », a-t-il ajouté."
        ),
        1,
        "Louis Brun",
        id="sentence_glued_to_the_previous_one_by_a_lost_space_is_split",
    ),
    pytest.param(
        (
            "Les syndicats ont rencontré la ministre Claire Dumas. "
            "Selon eux, « rien n'a été obtenu de concret »."
        ),
        0,
        "syndicats",
        id="selon_eux_takes_the_plural_subject",
    ),
    pytest.param(
        (
            "Odile Perrin, 45 ans, directrice de l'école, a reçu les parents. "
            "« Il manque trois enseignants », a déploré la directrice."
        ),
        0,
        "Odile Perrin",
        id="role_after_an_age_apposition_is_bound",
    ),
    pytest.param(
        (
            "Odile Perrin (PS), maire de Sablon, a reçu les parents. "
            "« Le marché restera ouvert », a assuré le maire de Sablon."
        ),
        0,
        "Odile Perrin",
        id="role_after_a_party_in_parentheses_is_bound",
    ),
    pytest.param(
        "« Aucun blessé n'est à déplorer », précise le communiqué du ministère de la Mer.",
        0,
        "ministère de la Mer",
        id="a_document_owner_keeps_its_common_noun",
    ),
    pytest.param(
        (
            "Le maire Louis Brun est arrivé. "
            "« Aucun blessé n'est à déplorer », a-t-on appris auprès de la préfecture."
        ),
        0,
        "préfecture",
        id="impersonal_on_names_its_source_in_a_complement",
    ),
    pytest.param(
        (
            "Le maire Louis Brun est arrivé. "
            "« Aucun blessé n'est à déplorer », peut-on lire dans un communiqué de la préfecture."
        ),
        0,
        "préfecture",
        id="peut_on_lire_dans_a_document",
    ),
    pytest.param(
        (
            "Louis Brun est le maire. « Le pont est fragile », disent les habitants. "
            "« Nous attendons des travaux », a-t-il ajouté."
        ),
        1,
        "Louis Brun",
        id="singular_pronoun_does_not_stand_for_a_group",
    ),
    pytest.param(
        (
            "Ivan Petrov, président de la Borovie, est arrivé lundi. "
            "« Nous voulons la paix », a déclaré le président borovien."
        ),
        0,
        "Ivan Petrov",
        id="adjective_of_nationality_matches_the_country_in_the_bound_role",
    ),
    pytest.param(
        (
            "Le chef de la diplomatie allemande, Karl Weiss, a rencontré son homologue. "
            "« Le dialogue continue », a affirmé le ministre allemand des Affaires étrangères."
        ),
        0,
        "Karl Weiss",
        id="same_office_with_a_nationality_inside_the_phrase",
    ),
    pytest.param(
        (
            "Marc Lebon (ministre de la Mer) a visité le port. "
            "« Les quais seront rénovés », a déclaré le ministre."
        ),
        0,
        "Marc Lebon",
        id="role_in_parentheses_after_the_name_is_bound",
    ),
    pytest.param(
        (
            "Paul Roche est le nouveau maire de Sablon. "
            "« Je servirai tous les habitants », a promis le maire."
        ),
        0,
        "Paul Roche",
        id="role_after_a_copula_is_bound",
    ),
    pytest.param(
        (
            "Ali Benour a été élu secrétaire général de la ligue en 2010. "
            "« La saison doit reprendre », a déclaré le secrétaire général."
        ),
        0,
        "Ali Benour",
        id="role_after_an_appointment_verb_is_bound",
    ),
    pytest.param(
        (
            "Nommé entraîneur en mai, Hugo Marchal a déjà gagné trois matchs. "
            "« L'équipe progresse », estime l'entraîneur."
        ),
        0,
        "Hugo Marchal",
        id="role_of_a_sentence_initial_appointment_is_bound",
    ),
    pytest.param(
        "« Le suivi a été tardif », écrivent les rapporteurs Lise Bonal (LR) et Anne Roux (PS).",
        0,
        "Lise Bonal et Anne Roux",
        id="inverted_plural_verb_takes_both_names_despite_parentheses",
    ),
    pytest.param(
        (
            "Pour le tribunal, les contrats de Lise Bonal n'avaient « aucune consistance ». "
            "« La peine est juste », a estimé le tribunal."
        ),
        1,
        "tribunal",
        id="governed_name_in_a_complement_after_a_comma_owns_no_role",
    ),
    pytest.param(
        (
            "Tino Vasquez a annulé sa tournée. "
            "Dans un message, le chanteur explique : « Je dois me soigner. »"
        ),
        0,
        "Tino Vasquez",
        id="bare_definite_role_never_bound_names_the_person_spoken_of_last",
    ),
    pytest.param(
        "Le maire Louis Brun a ouvert la séance. « Le budget est voté », a annoncé le trésorier.",
        0,
        "trésorier",
        id="bare_role_does_not_go_to_a_person_with_another_role",
    ),
    pytest.param(
        (
            "Un pont s'est effondré à Mirepoix-sur-Loue. "
            "« Une adolescente est décédée », a indiqué le préfet."
        ),
        0,
        "préfet",
        id="hyphenated_place_is_not_taken_for_a_person",
    ),
    pytest.param(
        (
            "Selon le nouveau directeur du site de Vaubec Paul Martin, "
            "« les machines tournent jour et nuit »."
        ),
        0,
        "Paul Martin",
        id="surname_that_is_also_a_given_name_stays_with_the_person",
    ),
    pytest.param(
        (
            "Odile Perrin a reçu Camille Roux, l'adjoint. Il est reparti. "
            "« Il manque trois enseignants », a-t-elle déploré."
        ),
        0,
        "Odile Perrin",
        id="given_name_list_gives_the_gender_a_clitic_agrees_with",
    ),
    pytest.param(
        (
            "« Le port sera agrandi », a annoncé Lina Varenne. "
            "Aujourd'hui, Mme Roux déplore le retard. « Rien n'avance », dit-elle."
        ),
        1,
        "Roux",
        id="name_after_an_honorific_opening_a_clause_takes_the_floor",
    ),
    pytest.param(
        (
            "« Les frontières rouvriront », ont annoncé les ministres de la Mer Paul Roche "
            "et de l'Intérieur Henri Malet."
        ),
        0,
        "Paul Roche et Henri Malet",
        id="coordinated_ministers_lose_the_ministry_before_the_second_name",
    ),
    pytest.param(
        (
            "Le maire Paul Roche est venu. "
            "« Nous sommes devenus un service disciplinaire », raconte à l'AFP le Dr Serra."
        ),
        0,
        "Serra",
        id="name_run_stops_before_an_honorific",
    ),
    pytest.param(
        (
            "Le maire Paul Roche est arrivé. « Nous ne céderons pas. » "
            "C'est ce qu'a déclaré lundi la ministre Claire Dumas."
        ),
        0,
        "Claire Dumas",
        id="c_est_ce_qu_a_declare_in_the_next_sentence_names_the_speaker",
    ),
    pytest.param(
        (
            "Le maire Paul Roche est arrivé. « Nous ne céderons pas sur ce point » : "
            "voilà ce qu'a affirmé la ministre Claire Dumas."
        ),
        0,
        "Claire Dumas",
        id="voila_ce_qu_a_affirme_after_a_colon_names_the_speaker",
    ),
    pytest.param(
        "« Nous ne céderons pas », comme l'a souligné la ministre Claire Dumas.",
        0,
        "Claire Dumas",
        id="comme_l_a_souligne_inverts_the_subject",
    ),
    pytest.param(
        (
            "Le maire Paul Roche est arrivé. « Nous ne céderons pas. » "
            "Ces mots sont ceux de la ministre Claire Dumas."
        ),
        0,
        "Claire Dumas",
        id="words_said_to_be_someone_s_in_the_next_sentence",
    ),
    pytest.param(
        "Varenne a été clair. « Le port sera agrandi », a-t-il affirmé.",
        0,
        "Varenne",
        id="one_word_surname_opening_a_sentence_before_a_verb_is_a_name",
    ),
    pytest.param(
        "Le président de l'Assemblée nationale Marc Sorel déclare : « Rien n'est joué ».",
        0,
        "Marc Sorel",
        id="institution_name_then_a_person_are_two_names",
    ),
    pytest.param(
        "« Le trafic sera perturbé », a prévenu le directeur de SNCF Valdor, Paul Krane.",
        0,
        "Paul Krane",
        id="acronym_then_a_word_that_is_no_given_name_is_one_name",
    ),
    pytest.param(
        (
            "C'est ensuite Paul Dorval qui a réagi. Invité jeudi, l'ancien ministre de la Culture "
            "a lancé : « Il ne faut pas voyager là-bas »."
        ),
        0,
        "Paul Dorval",
        id="qualified_role_just_after_a_name_is_that_person",
    ),
    pytest.param(
        (
            "« La situation est inquiétante », a déclaré la porte-parole du gouvernement. "
            "Le préfet doit rendre sa décision lundi, a rappelé Lina Ferrat."
        ),
        0,
        "Lina Ferrat",
        id="qualified_role_before_the_name_is_the_person_named_next",
    ),
    pytest.param(
        (
            "Le parquet national antiterroriste (Pnat) a ouvert une enquête. "
            "« Le parcours est réfléchi », explique le Pnat."
        ),
        0,
        "parquet national antiterroriste",
        id="an_acronym_the_article_spells_out_gives_the_full_name",
    ),
    pytest.param(
        "Paul Dorval a quitté l'hémicycle. « Je serai là », a assuré le député VLR de la Somme.",
        0,
        "Paul Dorval",
        id="a_party_acronym_after_a_title_qualifies_the_role",
    ),
    pytest.param(
        (
            "Les salariés de la SNVT ont appris la fermeture du site de Sablon. "
            "« Nous regrettons cette décision », a indiqué la direction."
        ),
        0,
        "SNVT",
        id="a_generic_body_noun_stands_for_the_organisation_named_last",
    ),
    pytest.param(
        "Valtex a fermé son usine. « La sécurité est assurée », a indiqué la préfecture.",
        0,
        "préfecture",
        id="an_institution_noun_is_its_own_speaker",
    ),
    pytest.param(
        (
            "La préfecture de police a ouvert un centre. "
            "« Les premiers convois arrivent vendredi », a indiqué la préfecture."
        ),
        0,
        "préfecture de police",
        id="a_bare_institution_noun_takes_the_fuller_form_given_before",
    ),
    pytest.param(
        (
            "Invité de Radio Sablon, Paul Dorval a défendu son bilan. "
            "« Venez voir la ville », insiste-t-il."
        ),
        0,
        "Paul Dorval",
        id="a_participle_opening_the_sentence_is_not_part_of_a_name",
    ),
    pytest.param(
        "« Nous voulions être au rendez-vous », continue Paul Dorval.",
        0,
        "Paul Dorval",
        id="continue_after_a_quotation_is_a_reporting_verb",
    ),
    pytest.param(
        (
            "Le ministre valdorien de la Défense Karim Asfar a publié un message. "
            "« Nous sommes prêts », a-t-il écrit."
        ),
        0,
        "Karim Asfar",
        id="a_ministry_after_de_la_then_the_minister_are_two_names",
    ),
    pytest.param(
        "« Je suis ravi », a, pour sa part, souligné Paul Dorval.",
        0,
        "Paul Dorval",
        id="a_phrase_between_commas_inside_the_verb_group",
    ),
    pytest.param(
        "Paul Dorval a cette fois noté « une hausse récente du nombre de cas ».",
        0,
        "Paul Dorval",
        id="an_adverbial_phrase_between_auxiliary_and_participle",
    ),
    pytest.param(
        "« Il faut rester calme », analyse dans le journal un ami du ministre.",
        0,
        "ami du ministre",
        id="the_subject_after_a_complement_may_be_a_friend",
    ),
    pytest.param(
        (
            "La ministre Lina Ferrat avait déclaré que le pays « n'était pas en crise », "
            "arguant que les touristes y affluent."
        ),
        0,
        "Lina Ferrat",
        id="a_participle_after_the_closing_mark_is_no_inverted_cue",
    ),
    pytest.param(
        (
            "Claire Dorval a reçu la presse. Elle précise que Paul Sorel et Marc Ivry ont "
            "« beaucoup parlé »."
        ),
        0,
        "Claire Dorval",
        id="a_pronoun_s_antecedent_comes_before_the_pronoun",
    ),
    pytest.param(
        (
            "La plainte déposée par le maire de Sablon a été classée. "
            "Il accusait la ministre de « favoritisme caractérisé ». "
            "Le maire de Sablon, Pierre Salvan, avait annoncé la plainte."
        ),
        0,
        "Pierre Salvan",
        id="a_pronoun_for_a_role_takes_the_name_the_article_binds_to_it",
    ),
    pytest.param(
        (
            "Paul Sorel a appelé au calme, au lendemain du Premier ministre Jean Dupin qui a, "
            "lui aussi, appelé à « ne pas baisser la garde »."
        ),
        0,
        "Jean Dupin",
        id="a_relative_pronoun_stands_for_the_name_just_before_it",
    ),
    pytest.param(
        (
            "Le Conseil national de l'Ordre des pilotes (CNOP) a publié un avis. "
            "« Aucun certificat n'est exigé », conclut le CNOP."
        ),
        0,
        "Conseil national de l'Ordre des pilotes",
        id="an_acronym_glossed_after_an_elided_article",
    ),
    pytest.param(
        (
            "Nadine Sorel a réagi sur les ondes. "
            "« Mon téléphone sonne », a déploré l'eurodéputée Les Modérés."
        ),
        0,
        "Nadine Sorel",
        id="a_party_name_with_its_article_after_a_title_qualifies_the_role",
    ),
    pytest.param(
        (
            "Le maire de Lyon, Paul Dorval, a dîné avec le couple présidentiel. "
            "« Personne n'a été sévère », a expliqué l'ex-ministre."
        ),
        0,
        "Paul Dorval",
        id="a_former_office_is_held_by_the_person_named_in_another_role",
    ),
    pytest.param(
        (
            "Marc Vallin a défendu sa réforme devant les députés mardi. La séance a été longue et "
            "houleuse, avec de nombreux rappels au règlement de la part de l'opposition, qui a "
            "dénoncé un passage en force. Les syndicats ont appelé à manifester jeudi dans toute "
            "la Valdorie contre le texte, jugé trop favorable aux employeurs et aux grandes "
            "sociétés. Le Premier ministre a expliqué que « la réforme doit aboutir »."
        ),
        0,
        "Marc Vallin",
        id="an_office_in_two_words_is_no_qualified_role",
    ),
    pytest.param(
        (
            "Paul Bigot s'est produit au festival samedi soir. "
            "« Tu remarqueras que ça fait rire », a lancé l'humoriste."
        ),
        0,
        "Paul Bigot",
        id="a_profession_noun_stands_for_the_person_just_named",
    ),
    pytest.param(
        (
            "Le secrétaire d'État aux Transports Jean-Paul Dobbari a répondu aux élus. "
            "« Ces restrictions sont utiles », a-t-il estimé."
        ),
        0,
        "Jean-Paul Dobbari",
        id="a_ministry_after_aux_then_the_minister_are_two_names",
    ),
    pytest.param(
        (
            "Le ministère du Travail a reçu les syndicats. "
            "« La porte reste ouverte », a indiqué le ministère."
        ),
        0,
        "ministère du Travail",
        id="the_ministry_is_the_body_not_its_domain",
    ),
    pytest.param(
        "« Nous étions libres », a confié à l'AFP Malik Benour, un réfugié soudanais.",
        0,
        "Malik Benour",
        id="an_agency_credit_before_the_name_is_not_part_of_it",
    ),
    pytest.param(
        (
            "« Le travail ne manque pas », explique Zerlina Okafor, infirmière à Sablon. "
            "« Nous tenons bon », raconte fièrement Zerlina."
        ),
        1,
        "Zerlina Okafor",
        id="a_given_name_alone_is_the_one_person_the_article_named_with_it",
    ),
    pytest.param(
        (
            "« Nous continuerons », a déclaré Paul Morel, l'animateur de l'émission. Un "
            "responsable de la chaîne ne le voit pas partir. « C'est son bébé », assure-t-il."
        ),
        1,
        "responsable de la chaîne",
        id="a_pronoun_after_an_unnamed_subject_stands_for_that_source",
    ),
    pytest.param(
        (
            "« Je reste », a déclaré Paul Morel. Eric Malaval présente aussi une émission. "
            "Le magicien décide de partir. « Je n'aime plus la télé », a-t-il confié."
        ),
        1,
        "Eric Malaval",
        id="a_pronoun_after_a_described_subject_stands_for_the_person_described",
    ),
    pytest.param(
        "« Ce n'est pas une entreprise », met néanmoins en garde le député Paul Morel.",
        0,
        "Paul Morel",
        id="a_reporting_verb_in_several_words_is_a_cue",
    ),
    pytest.param(
        "La ministre Inès Varda a rendu hommage à « un maire animé par des convictions ».",
        0,
        "Inès Varda",
        id="a_reporting_verb_in_several_words_before_a_partial_quotation",
    ),
    pytest.param(
        (
            "« Nous voulons la vérité », a déclaré Inès Varda. Binta Kamara, 18 ans, est "
            "venue « parce que je veux soutenir toutes les familles »."
        ),
        1,
        "Binta Kamara",
        id="a_quotation_without_cue_goes_to_the_person_its_clause_opens_with",
    ),
    pytest.param(
        (
            "« Le réseau tient », a déclaré Inès Varda. De son côté, l'Union des riverains "
            "voit dans ces travaux « un risque pour tout le quartier »."
        ),
        1,
        "Union des riverains",
        id="a_quotation_without_cue_goes_to_the_organisation_its_clause_opens_with",
    ),
    pytest.param(
        "« Nous attendrons », a déclaré Lina Ferrat de l'association de riverains ACQ.",
        0,
        "Lina Ferrat",
        id="a_name_opening_the_subject_before_its_complement_is_the_speaker",
    ),
    pytest.param(
        (
            "« Le réseau tient », a déclaré Inès Varda. À Sablon, la rivière déborde depuis "
            "« au moins trois jours », selon elle."
        ),
        1,
        "Inès Varda",
        id="a_place_opening_the_clause_is_no_speaker_of_a_quotation_without_cue",
    ),
    pytest.param(
        (
            "« Rien ne bouge », a déclaré à l'agence Sablon Presse Valentine Sapounov, un "
            "expert. « Tout dépend de Moscou », a ajouté V. Sapounov."
        ),
        1,
        "Valentine Sapounov",
        id="an_initial_expands_even_when_the_full_name_is_written_once",
    ),
    pytest.param(
        "« Nous partirons demain », a confié à l'AFP Soraya, une infirmière.",
        0,
        "Soraya",
        id="an_agency_credit_before_a_given_name_alone_is_not_part_of_it",
    ),
    pytest.param(
        (
            "Inès Varda coud des masques depuis mars. « Nous manquons de tissu », a expliqué "
            "Paul Morel, le maire. « Je ne m'arrête plus », raconte la jeune femme."
        ),
        1,
        "Inès Varda",
        id="a_definite_person_noun_stands_for_the_person_spoken_of",
    ),
    pytest.param(
        (
            "Inès Varda vit à Sablon depuis vingt ans. « Le quartier était calme », a expliqué "
            "Paul Morel, le maire. « Le quartier a changé », affirme cette habitante."
        ),
        1,
        "Inès Varda",
        id="a_demonstrative_person_noun_stands_for_the_person_spoken_of",
    ),
    pytest.param(
        (
            "Paul Morel dirige la mairie depuis 2014. Selon le quotidien Sablon Matin, le "
            "maire a écrit aux habitants. « Nous tiendrons », a-t-il écrit."
        ),
        0,
        "Paul Morel",
        id="a_masculine_pronoun_does_not_stand_for_an_outlet",
    ),
    pytest.param(
        (
            "L'Organisation pour la sécurité et la coopération en Europe (OSCE) a publié un "
            "rapport. « La situation se dégrade », a indiqué l'OSCE."
        ),
        0,
        "Organisation pour la sécurité et la coopération en Europe",
        id="an_acronym_with_small_words_gives_the_full_name",
    ),
    pytest.param(
        (
            "Le Centre national des ouragans (NHC) suit la tempête. "
            "« Elle va se renforcer », prévient le NHC."
        ),
        0,
        "Centre national des ouragans",
        id="an_acronym_of_another_language_gives_the_name_before_it",
    ),
    pytest.param(
        (
            "Paul Dorval a parlé hier. Le Conseil des sages a publié jeudi un avis recommandant "
            "de se préparer à « quatre scénarios » pour l'hiver."
        ),
        0,
        "Conseil des sages",
        id="a_participle_before_the_quotation_speaks_for_the_main_clause_subject",
    ),
    pytest.param(
        (
            "Paul Dorval a parlé hier. Le corps était caché « sous des palettes » au fond du "
            "jardin, selon le parquet."
        ),
        0,
        "parquet",
        id="a_source_closing_the_sentence_speaks_for_the_quotation_before_it",
    ),
    pytest.param(
        (
            "La procureure Lise Moreau a parlé. « Aucune menace n'a été proférée », a par "
            "ailleurs précisé un proche de l'enquête."
        ),
        0,
        "proche de l'enquête",
        id="an_adverbial_locution_inside_the_verb_group_keeps_its_inverted_subject",
    ),
    pytest.param(
        (
            "La procureure Lise Moreau a parlé. « Le dossier est vide », a une nouvelle fois "
            "affirmé Paul Sagnier."
        ),
        0,
        "Paul Sagnier",
        id="a_nominal_adverbial_inside_the_verb_group_keeps_its_inverted_subject",
    ),
    pytest.param(
        (
            "Lise Moreau a salué le projet. Mais pour Paul Sagnier, la ville reste pensée « comme "
            "au siècle dernier »."
        ),
        0,
        "Paul Sagnier",
        id="pour_x_after_a_connector_names_the_source",
    ),
    pytest.param(
        (
            "Les avocats se sont insurgés. « Des méthodes de voyous » pour Me Sagnier, « une "
            "atteinte aux droits de la défense » pour Me Moreau."
        ),
        1,
        "Moreau",
        id="pour_and_a_name_with_honorific_after_the_marks_names_each_speaker",
    ),
    pytest.param(
        (
            "Lise Moreau a parlé. « Les annonces n'ont rien de rassurant », peut-on également "
            "lire sur les tracts de l'intersyndicale."
        ),
        0,
        "intersyndicale",
        id="peut_on_lire_names_the_author_of_the_document_it_reads",
    ),
    pytest.param(
        (
            "Lise Moreau a parlé. La maire (PS) de Sablon Anne Roux a répondu : « Nous sommes "
            "prêts »."
        ),
        0,
        "Anne Roux",
        id="a_party_in_parentheses_inside_the_subject_keeps_the_name_after_it",
    ),
    pytest.param(
        (
            "Paul Dorval a parlé hier. « Le texte est mort », a réagi la présidente du "
            "Rassemblement national Marine Le Dantec."
        ),
        0,
        "Marine Le Dantec",
        id="a_party_name_with_an_adjective_does_not_swallow_the_person_named_after_it",
    ),
    pytest.param(
        (
            "Le docteur Karim el-Hadi dirige le centre de Sabratha. « Tout est prêt », assure "
            "M. el-Hadi."
        ),
        0,
        "Karim el-Hadi",
        id="an_arabic_article_in_lower_case_belongs_to_the_name",
    ),
    pytest.param(
        (
            "Le député Paul Sagnier préside les travaux. La mission parlementaire a dénoncé "
            "« un manque de moyens » dans son rapport."
        ),
        0,
        "mission parlementaire",
        id="a_body_named_by_its_common_noun_speaks_for_itself_not_the_person_before",
    ),
    pytest.param(
        ("Le joueur Hugo Marchal a été blessé. Ses soutiens dénoncent « une décision injuste »."),
        0,
        "soutiens",
        id="a_group_of_supporters_speaks_for_itself",
    ),
    pytest.param(
        (
            "Les élèves portent le masque. « Nous avons repris comme nous avions fini », "
            "estime la directrice de l'école Jules Ferry, Claire Vasseur."
        ),
        0,
        "Claire Vasseur",
        id="a_name_apposed_after_a_role_whose_complement_names_a_body",
    ),
    pytest.param(
        (
            "« Le consommateur doit savoir ce qu'il achète, explique à la radio la directrice "
            "de la Febac, le syndicat des fabricants de colle, Inès Morvan. C'est une question "
            "d'honnêteté. »"
        ),
        0,
        "Inès Morvan",
        id="a_name_apposed_after_a_role_and_an_apposition_describing_its_body",
    ),
    pytest.param(
        (
            "Le bilan s'alourdit. Selon un bilan établi par l'agence Valpresse, « au moins douze "
            "personnes » ont péri."
        ),
        0,
        "Valpresse",
        id="a_document_made_by_a_body_has_that_body_for_its_source",
    ),
    pytest.param(
        (
            "Le chômage baisse. Selon une étude publiée mardi par l'Institut Marceau, il a "
            "« nettement reculé » en un an."
        ),
        0,
        "Institut Marceau",
        id="a_document_published_by_a_body_with_an_adverb_before_par",
    ),
    pytest.param(
        (
            "L'enquête continue. Selon le rapport d'expertise cité par Le Courrier de Valmérie, la "
            "victime « n'a pas été frappée »."
        ),
        0,
        "rapport d'expertise cité",
        id="a_document_cited_by_an_outlet_speaks_for_itself",
    ),
]


def test_the_owner_of_a_document_after_an_honorific_is_a_person_without_that_role():
    """ "Selon les calculs de Mme X": her calculations, and she holds no role "calculs"."""
    body = (
        "La planète se réchauffe. Selon les calculs de Mme Arlette Morvan, climatologue, les "
        "émissions « ont bondi » en 2019."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("Arlette Morvan", "person")
    assert quote.speaker_role != "calculs"


def test_a_document_listed_by_a_body_has_that_body_for_its_source():
    body = (
        "Le bilan s'alourdit. Selon une liste compilée par l'agence Valpresse, « au moins douze "
        "personnes » ont péri."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("Valpresse", "organization")
    assert quote.mention == "l'agence Valpresse"


def test_selon_before_a_circumstance_names_no_source():
    """ "selon les régions": depending on the regions, nobody said it."""
    assert _indirect("Les prix varient selon les régions.") == []


def test_pour_after_the_marks_takes_no_addressee_for_a_speaker():
    """« Bravo » pour les soignants: the words are addressed to them, not said by them."""
    body = "Lise Moreau a parlé longuement. « Merci infiniment » pour les soignants, a-t-elle dit."
    assert all(q.speaker != "soignants" for q in _quotes(body))


@pytest.mark.parametrize(("body", "index", "speaker"), SPEAKER_CASES)
def test_quotation_goes_to_the_expected_speaker(body, index, speaker):
    """The quotation at `index` (indirect speech left out) goes to `speaker`."""
    assert _quotes(body)[index].speaker == speaker


def test_role_description_resolves_to_the_person_the_article_bound_it_to():
    body = (
        "Le président du club, Marc Olier, a réuni les joueurs. "
        "« La saison n'est pas finie », a poursuivi le président du club."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("Marc Olier", "person")
    assert quote.speaker_role == "président du club"


def test_incise_inside_the_marks_makes_one_quotation():
    body = "« Nous avons gagné, a-t-elle lancé, mais rien n'est fini. »"
    (quote,) = _quotes(body)
    assert quote.text == "Nous avons gagné, a-t-elle lancé, mais rien n'est fini."
    assert quote.cue == "a-t-elle lancé"


def test_quotation_split_by_an_incise_is_merged_into_one():
    body = (
        "Lina Ferrat était à Brest. « Nous avons gagné », a-t-elle lancé, "
        "« mais rien n'est fini ». La foule a applaudi."
    )
    (quote,) = _quotes(body)
    assert quote.text == "Nous avons gagné », a-t-elle lancé, « mais rien n'est fini"
    assert quote.speaker == "Lina Ferrat"


def test_partial_quotation_goes_to_the_subject_of_the_reporting_verb_not_the_nearest_name():
    body = (
        "Le sénateur Robert Cazin a dénoncé lundi un projet « écrit à la hâte » "
        "par le cabinet de Julie Sarran."
    )
    (quote,) = _quotes(body)
    assert (quote.kind, quote.speaker) == ("partial", "Robert Cazin")


def test_partial_quotation_with_the_cue_later_in_the_sentence():
    body = (
        "Les deux équipes ont discuté « pendant des heures » sans conclure, "
        "a expliqué l'arbitre Tom Rivière."
    )
    (quote,) = _quotes(body)
    assert (quote.kind, quote.speaker, quote.cue) == ("partial", "Tom Rivière", "a expliqué")


def test_colon_introduction_without_verb():
    body = "Pour la syndicaliste Nadia Brun, le constat est simple : « Les salaires stagnent »."
    (quote,) = _quotes(body)
    assert quote.speaker == "Nadia Brun"


def test_verb_then_colon_introduction():
    body = "La directrice de l'école, Anne Piquet, a prévenu : « Les inscriptions sont closes »."
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.cue, quote.kind) == ("Anne Piquet", "a prévenu", "direct")


def test_inverted_subject_after_present_tense_cue():
    body = "« Le marché repart », estime l'économiste Hugo Delmas."
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.cue) == ("Hugo Delmas", "estime")


def test_floating_quotation_continues_the_previous_speaker():
    body = (
        "« Les digues ont tenu », a déclaré le préfet Alain Gorse.\n\n"
        "« Nous restons vigilants pour les prochains jours. »"
    )
    floating = _quotes(body)[1]
    assert (floating.speaker, floating.mention, floating.cue) == ("Alain Gorse", None, None)


def test_multi_paragraph_quotation_is_attributed_once():
    body = (
        "Anne Piquet a fait le bilan de l'année.\n\n"
        "« Les élèves ont progressé.\n\n"
        "« Il faut maintenant consolider ces acquis », a-t-elle conclu."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Anne Piquet"
    assert quote.text.startswith("Les élèves") and quote.text.endswith("acquis")


def test_organisation_speaks_through_a_cue():
    body = "« Le trafic reprendra demain », a indiqué la compagnie ferroviaire."
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("compagnie ferroviaire", "organization")


def test_unnamed_source_is_an_anonymous_description_without_article():
    body = "« Aucune piste n'est écartée », a confié un enquêteur chevronné."
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("enquêteur chevronné", "anonymous")


def test_selon_an_organisation_is_indirect_speech():
    body = "Les deux navires se sont croisés sans incident, selon la préfecture maritime."
    (quote,) = _indirect(body)
    assert quote.text == "Les deux navires se sont croisés sans incident"
    assert (quote.speaker, quote.speaker_type, quote.cue) == (
        "préfecture maritime",
        "organization",
        "selon",
    )


def test_selon_an_unnamed_source_is_anonymous_indirect_speech():
    body = "Le sommet a été reporté, selon un haut fonctionnaire européen."
    (quote,) = _indirect(body)
    assert (quote.speaker, quote.speaker_type) == ("haut fonctionnaire européen", "anonymous")


def test_reported_clause_after_que_is_indirect_speech():
    body = "Le maire Paul Varenne a estimé que le budget serait tenu."
    (quote,) = _indirect(body)
    assert (quote.text, quote.speaker) == ("le budget serait tenu", "Paul Varenne")


def test_two_people_after_a_plural_honorific():
    body = "MM. Olier et Varenne ont signé l'accord. « C'est un grand jour », ont-ils déclaré."
    (quote,) = _quotes(body)
    assert quote.speaker_type == "group"
    assert quote.speaker == "Olier et Varenne"


def test_scare_quotes_and_titles_are_not_quotations():
    body = (
        "Le film « Les Marées Basses » sort mercredi. Cette comédie « grand public » a coûté peu."
    )
    assert _quotes(body) == []


def test_known_names_link_a_surname_to_the_registry():
    body = "« Nous resterons prudents », a déclaré M. Keraval."
    known = KnownName("Yann Keraval", "person")
    (quote,) = _quotes(body, known_names={"keraval": known, "yann keraval": known})
    assert quote.speaker == "Yann Keraval"


KERAVALS = {
    "yann keraval": KnownName("Yann Keraval"),
    "lina keraval": KnownName("Lina Keraval"),
}


@pytest.mark.parametrize(
    ("written", "known", "speaker"),
    [
        ("M. Keraval", ["yann keraval"], "Yann Keraval"),
        ("Keraval", ["yann keraval"], "Yann Keraval"),
        ("M. Keraval", ["yann keraval", "lina keraval"], "Yann Keraval"),
        ("Mme Keraval", ["yann keraval", "lina keraval"], "Lina Keraval"),
        ("Keraval", ["yann keraval", "lina keraval"], "Keraval"),  # which one?
    ],
)
def test_a_surname_written_alone_is_the_registry_person_of_that_surname(written, known, speaker):
    body = f"« Nous resterons prudents », a déclaré {written} mardi."
    (quote,) = _quotes(body, known_names={key: KERAVALS[key] for key in known})
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("body", "known"),
    [
        # a given name is no surname: "Marie, 34 ans" is not "Béatrice Marie"
        ("« Je reste », a déclaré Marie, 34 ans.", {"beatrice marie": KnownName("Béatrice Marie")}),
        # nor a state or a town
        ("« Nous refusons », a fait savoir Paris.", {"didier paris": KnownName("Didier Paris")}),
        # the registry's person must open with a given name
        ("« Rien ne bouge », a dit Valmont.", {"port valmont": KnownName("Port Valmont")}),
    ],
)
def test_a_word_is_no_registry_surname_where_it_names_no_such_person(body, known):
    (quote,) = _quotes(body, known_names=known)
    assert quote.speaker not in {k.name for k in known.values()}


@pytest.mark.parametrize(
    ("kind", "typed"),
    [("person", "person"), ("organization", "organization"), (None, "organization")],
)
def test_the_kind_staff_gave_a_registry_name_types_its_speaker(kind, typed):
    """Staff filed "Valmore" as a person: it speaks as one, though a lone word without a given
    name reads as a body — as it does when only the engine filed it (kind None)."""
    body = "« Nous resterons prudents », a déclaré Valmore mardi."
    (quote,) = _quotes(body, known_names={"valmore": KnownName("Valmore", kind)})
    assert (quote.speaker, quote.speaker_type) == ("Valmore", typed)


def test_candidates_list_the_other_people_of_the_article():
    body = (
        "Le ministre Yann Keraval a reçu la navigatrice Lina Ferrat. "
        "« Bravo pour ce record », a déclaré M. Keraval."
    )
    (quote,) = _quotes(body)
    assert "Lina Ferrat" in quote.candidates
    assert "Yann Keraval" not in quote.candidates


def test_confidence_is_lower_for_a_floating_quotation_than_for_a_named_cue():
    body = (
        "« Les digues ont tenu », a déclaré le préfet Alain Gorse.\n\n"
        "« Nous restons vigilants pour les prochains jours. »"
    )
    named, floating = _quotes(body)
    assert 0.0 <= floating.confidence < named.confidence <= 1.0


def test_name_apposed_to_an_inverted_description_is_the_speaker():
    body = "« Nous ne lâcherons rien », a déclaré un porte-parole, Jean Dupré, devant la mairie."
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("Jean Dupré", "person")


def test_organisation_description_resolves_to_the_name_the_article_gave_it():
    body = (
        "La chaîne Radio Vauclair a été visée par une plainte. "
        "« Nos journalistes ont respecté la loi », a répondu la chaîne."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("Radio Vauclair", "organization")


def test_initial_expands_to_the_first_name_only():
    body = (
        "L'étude a été présentée à l'agence VTA Lucien Morand, biologiste. "
        "« Les résultats sont solides », a indiqué L. Morand."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Lucien Morand"


def test_passive_and_adjectival_participles_are_not_cues():
    body = "La voiture « la plus rapide du monde » dévoilée en mars sera exposée à Lyon."
    assert _quotes(body) == []


def test_random_marks_never_break_offsets():
    import random

    rng = random.Random(7)
    pieces = [
        "«",
        "»",
        '"',
        "“",
        "”",
        " ",
        ",",
        ".",
        ":",
        "\n\n",
        "a déclaré ",
        "selon ",
        "M. ",
        "Jean Dupré",
        "il",
        "-t-il",
        "que ",
        "Nous partons",
    ]
    for _ in range(300):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for quote in extract_quotes(body, language="fr"):
            assert quote.text == body[quote.start : quote.end]


def test_ministry_name_before_the_minister_is_not_part_of_the_name():
    body = (
        "La ministre de l'Agriculture Lina Ferrat a visité la foire. "
        "« Les aides arriveront vite », a déclaré Mme Ferrat."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Lina Ferrat"


def test_next_sentence_pointing_back_names_the_speaker():
    body = "« La fête aura lieu. » C'est ainsi que la maire Lina Ferrat a tranché mardi."
    (quote,) = _quotes(body)
    assert quote.speaker == "Lina Ferrat"


# One hard case a row, its id the behaviour it pins (as a test name would).
NOT_SPEAKER_CASES = [
    pytest.param(
        (
            "Le président valdorien Pierre Sorel a reçu la presse. "
            "« Rien n'est prêt », a déclaré le chef de l'Etat bélorien."
        ),
        0,
        "Pierre Sorel",
        id="offices_with_contradicting_nationalities_do_not_match",
    ),
    pytest.param(
        (
            "Le ministre Paul Mirand a parlé. Le syndicat des éleveurs (SDE), cité par la presse, "
            "évoquait une « grande colère »."
        ),
        0,
        "Paul Mirand",
        id="a_parenthesis_and_a_participle_do_not_hide_the_subject",
    ),
    pytest.param(
        (
            "« Le pont est fragile », a expliqué Louis Brun. "
            "« Le maire a trop attendu », a déclaré l'élue."
        ),
        1,
        "Louis Brun",
        id="feminine_role_noun_is_not_the_previous_male_speaker",
    ),
    pytest.param(
        (
            "« Les travaux avancent », annonce le propriétaire dans La Gazette Lorraine. "
            "« C'est un lieu magique », a ajouté le propriétaire."
        ),
        1,
        "La Gazette Lorraine",
        id="role_before_a_name_stops_at_a_preposition",
    ),
    pytest.param(
        "Il milite à la CGT du Nord. Celui-ci a dénoncé une « attaque inadmissible ».",
        0,
        "CGT du Nord",
        id="an_acronym_s_branch_is_an_organisation_not_a_person",
    ),
    pytest.param(
        "Le maire a répondu à France Bleu Valdor. « Je reste », a-t-il affirmé.",
        0,
        "France Bleu Valdor",
        id="an_outlet_whose_name_opens_with_a_given_name_is_no_person",
    ),
    pytest.param(
        "Elle a déclaré que Valdorie « n'était pas une dictature ».",
        0,
        "Valdorie",
        id="que_after_the_verb_opens_the_reported_clause_not_an_inverted_subject",
    ),
    pytest.param(
        "Paul Dorval a parlé. Celui qui officie à la radio a répliqué : « Le faux est partout ».",
        0,
        "Celui",
        id="celui_opening_a_sentence_is_no_name",
    ),
]


@pytest.mark.parametrize(("body", "index", "wrong"), NOT_SPEAKER_CASES)
def test_quotation_does_not_go_to_the_wrong_speaker(body, index, wrong):
    """The quotation at `index` (indirect speech left out) does not go to `wrong`."""
    assert _quotes(body)[index].speaker != wrong


def test_a_short_quoted_sentence_standing_alone_continues_the_speaker():
    body = "Lina Ferrat a annoncé qu'elle quittait la politique.\n\n« Ma décision est prise. »"
    quotes = _quotes(body)
    assert [q.speaker for q in quotes] == ["Lina Ferrat"]


def test_an_incise_inside_the_marks_may_end_with_a_short_complement():
    body = (
        "Paul Mirand a parlé lundi. « C'est injuste, a déploré un éleveur sur son blog. "
        "Les bêtes n'y sont pour rien. »"
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.mention) == ("éleveur", "un éleveur")


def test_an_adverb_in_ment_may_sit_inside_the_reporting_verb_group():
    body = (
        "Paul Mirand a parlé. "
        "« Je ne signerai pas », a finalement lâché la maire de Sablon, Lina Ferrat."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.cue) == ("Lina Ferrat", "a finalement lâché")


def test_subject_with_apposition_before_a_reporting_verb_is_not_an_incise():
    body = (
        "La présidente du Comité, Dominique Vallet, a remercié le maire. "
        "« Le comité est uni », a-t-elle déclaré."
    )
    assert _indirect(body) == []
    assert _quotes(body)[0].speaker == "Dominique Vallet"


def test_plural_pronoun_takes_the_last_plural_description_not_a_person():
    body = (
        "« Le pont est fragile », a dit Louis Brun. Les habitants s'inquiètent. "
        "« Nous avons peur pour nos enfants », expliquent-ils."
    )
    second = _quotes(body)[1]
    assert (second.speaker, second.speaker_type) == ("habitants", "group")


def test_a_document_speaks_for_the_body_in_its_complement():
    body = "« Aucun blessé n'est à déplorer », précise un communiqué de la préfecture."
    quote = _quotes(body)[0]
    assert (quote.speaker, quote.speaker_type) == ("préfecture", "organization")


def test_apprendre_without_on_is_not_a_cue():
    body = "Louis Brun a appris la nouvelle lundi. « Rien n'est décidé », a-t-il dit."
    assert [q.cue for q in extract_quotes(body, language="fr")] == ["a-t-il dit"]


def test_name_followed_by_a_described_apposition_is_the_subject():
    body = "Bubba Lenoir, un pilote de 26 ans, a déclaré : « Cela ne me brisera pas. »"
    quote = _quotes(body)[0]
    assert quote.speaker == "Bubba Lenoir"


def test_indirect_speech_needs_a_subject_that_can_speak():
    body = "Le tableau représente un port. Le port regrette que la ville ait changé."
    assert _indirect(body) == []


def test_plural_verb_takes_both_coordinated_names():
    body = "Paul Roche et Henri Malet ont déclaré : « Nous sommes d'accord. »"
    quote = _quotes(body)[0]
    assert (quote.speaker, quote.speaker_type) == ("Paul Roche et Henri Malet", "group")


def test_inverted_body_after_a_complement_is_the_speaker():
    body = (
        "Le maire Louis Brun est inquiet. "
        "« Aucun blessé n'est à déplorer », explique dans un communiqué la préfecture."
    )
    quote = _quotes(body)[0]
    assert (quote.speaker, quote.speaker_type) == ("préfecture", "organization")


def test_guessed_role_holder_gets_a_lower_confidence_than_a_bound_one():
    guessed = _quotes(
        "Tino Vasquez a annulé sa tournée. « Je dois me soigner », a dit le chanteur."
    )[0]
    bound = _quotes(
        "Le chanteur Tino Vasquez a annulé sa tournée. « Je dois me soigner », a dit le chanteur."
    )[0]
    assert guessed.speaker == bound.speaker == "Tino Vasquez"
    assert guessed.confidence < bound.confidence


def test_name_always_written_with_an_article_is_an_organisation():
    body = "« Le suspect a avoué », selon Le Courrier. Le Courrier cite une source policière."
    quote = _quotes(body)[0]
    assert quote.speaker_type == "organization"


def test_surname_with_a_particle_after_a_given_name_stays_a_person():
    body = "Marine Le Bihan est candidate. « Je gagnerai », a déclaré Le Bihan devant la presse."
    quote = _quotes(body)[0]
    assert (quote.speaker, quote.speaker_type) == ("Marine Le Bihan", "person")


def test_one_capitalised_word_after_a_common_noun_is_a_complement_not_a_person():
    body = "« Le train reviendra », selon le président de la région Bretagne."
    quote = _quotes(body)[0]
    assert (quote.speaker, quote.speaker_type) == ("président de la région bretagne", "anonymous")


def test_pronoun_with_no_person_of_its_gender_takes_the_last_role_of_that_gender():
    body = (
        "« Le budget est prêt », a dit Paul Roche. La ministre a répondu vivement. "
        "« Rien n'est prêt », a-t-elle ajouté."
    )
    second = _quotes(body)[1]
    assert (second.speaker, second.speaker_type) == ("ministre", "anonymous")
    assert second.confidence < 0.8


def test_institution_names_keep_their_adjectives_and_complement():
    body = (
        "Le Conseil scientifique estime que « la vague reflue ». "
        "« Les comptes dérapent », selon la Cour des comptes. "
        "Selon Santé publique Valdorie, « le virus circule »."
    )
    assert [(q.speaker, q.speaker_type) for q in _quotes(body)] == [
        ("Conseil scientifique", "organization"),
        ("Cour des comptes", "organization"),
        ("Santé publique Valdorie", "organization"),
    ]


def test_a_source_is_not_the_body_that_spoke_before():
    body = (
        "Six personnes ont été arrêtées, selon le parquet. "
        "« Nous avons retrouvé le véhicule », a indiqué une source proche de l'enquête."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.speaker_type) == ("source proche de l'enquête", "anonymous")


def test_qualified_role_far_from_any_name_stays_a_description():
    body = (
        "Paul Dorval est mort en 2006 à Londres. "
        + "L'enquête a duré des années et n'a rien donné de concluant. " * 8
        + "De son côté, le négociateur valdorien a appelé : « Il faut une commission »."
    )
    quote = _quotes(body)[0]
    assert (quote.speaker, quote.speaker_type) == ("négociateur valdorien", "anonymous")


def test_the_paper_stands_for_the_outlet_named_before():
    body = (
        "Le quotidien Gazette de Sablon a révélé l'affaire. "
        "« Trois tickets existent », précise le quotidien. « Le prix varie », ajoute le journal."
    )
    assert [(q.speaker, q.speaker_type) for q in _quotes(body)] == [
        ("Gazette de Sablon", "organization"),
        ("Gazette de Sablon", "organization"),
    ]


def test_one_quoted_word_in_a_reported_clause_is_a_partial_quotation():
    body = "Paul Dorval a estimé que la polémique était « anecdotique »."
    (quote,) = _quotes(body)
    assert (quote.text, quote.kind, quote.speaker) == ("anecdotique", "partial", "Paul Dorval")


def test_an_object_pronoun_before_the_inverted_verb_keeps_the_cue():
    body = "« Ça allait ? » « Oui, très bien », lui répond alors Lina Ferrat."
    quote = _quotes(body)[-1]
    assert (quote.speaker, quote.cue) == ("Lina Ferrat", "répond")


def test_pronominal_and_new_reporting_verbs_in_an_incise():
    body = (
        "« Ça tombe bien », s'amuse Paul Dorval. "
        "« Tout va bien », glisse simplement un proche du maire."
    )
    assert [q.speaker for q in _quotes(body)] == ["Paul Dorval", "proche du maire"]


def test_a_short_quoted_name_inside_the_subject_clause_does_not_end_it():
    body = (
        "La ministre Lina Ferrat, qui représentait le pays à l'hommage au « Grand Timonier », "
        "avait déclaré que le pays « n'était pas une dictature »."
    )
    assert _quotes(body)[-1].speaker == "Lina Ferrat"


def test_a_quoted_name_inside_a_sentence_is_no_quotation_even_before_a_cue():
    body = (
        "La ministre, qui assistait à l'hommage au « Grand Timonier », a déclaré que le pays "
        "« n'était pas une dictature »."
    )
    assert [q.text for q in _quotes(body)] == ["n'était pas une dictature"]


def test_an_unnamed_speaker_gives_way_to_a_person_named_since_in_a_new_role():
    body = (
        "Le candidat à la primaire a cité une enseigne disparue, une bourde « anecdotique » "
        "selon lui. Paul Dorval a rajouté de l'huile sur le feu dimanche. Interrogé sur la "
        "radio, le maire de Sablon s'est demandé « si tout le monde va le toucher »."
    )
    assert _quotes(body)[-1].speaker == "Paul Dorval"


def test_a_place_after_de_is_no_antecedent_of_qui():
    body = (
        "Paul Lachal a parlé. « Les oppositions sont frontales », a commenté l'élu de "
        "Seine-Saint-Denis, qui déclare que son parti est prêt. "
        "« Nous sommes prêts », a-t-il lancé."
    )
    assert [q.speaker for q in _quotes(body)] == ["Paul Lachal", "Paul Lachal"]


def test_an_office_then_de_and_a_person_s_name_are_two_names():
    body = (
        "C'est ensuite Paul Dorval qui a réagi. "
        "« Il ne faut pas voyager », a lancé l'ex-ministre de la Culture de Nicolas Sarkon. "
        "Charles de Gaulle a parlé. « Je vous ai compris », a-t-il dit."
    )
    assert [q.speaker for q in _quotes(body)] == ["Paul Dorval", "Charles de Gaulle"]


def test_a_name_holding_an_acronym_is_an_organisation():
    body = "Le groupe Valtex SNVT a publié un communiqué. « Nous fermons », a-t-il indiqué."
    assert _quotes(body)[0].speaker_type != "person"


def test_a_given_name_or_an_institution_alone_takes_the_one_fuller_name():
    body = (
        "Jean-Pierre Malvin rend visite à des personnes âgées. « Ils adorent danser », s'amuse "
        "Jean-Pierre. La Fondation du littoral a lancé un appel. « Nous avons reçu des dons », "
        "a indiqué la Fondation."
    )
    assert [q.speaker for q in _quotes(body)] == ["Jean-Pierre Malvin", "Fondation du littoral"]


def test_face_ends_the_role_description():
    body = (
        "Lina Ferrat a débattu à la télévision. « Si elle gagne, je pars », a affirmé "
        "l'ex-ministre de l'Environnement face à son adversaire."
    )
    assert _quotes(body)[0].mention == "l'ex-ministre de l'Environnement"


def test_faire_savoir_is_a_reporting_cue():
    body = (
        "Paul Dorval a manifesté samedi. Le ministère du Travail a de son côté fait savoir "
        "qu'il « ne reviendra pas sur le principe » de la réforme."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker_type, quote.cue) == ("organization", "a de son côté fait savoir")


def test_an_object_read_as_the_subject_is_no_speaker():
    body = (
        "« Déplaire est un risque à prendre » : Eric Malaval, le créateur de la série « Les "
        "Veilleurs », a défendu mercredi le final de la saison 5."
    )
    (quote,) = _quotes(body)
    assert quote.speaker != "final de la saison 5"  # a thing is no speaker: left to review


def test_a_generic_body_is_the_organisation_the_article_names_most_not_the_last_speaker():
    body = (
        "VTX a présenté son conseil. « C'est le début d'un changement », a réagi son directeur "
        "Paul Morand. VTX compte 20 membres, et VTX en veut plus, comme ORX. Leur nombre sera "
        "porté à 40 « au fil du temps », a précisé mercredi le réseau social."
    )
    quotes = _quotes(body)
    assert quotes[0].speaker == "Paul Morand"
    assert quotes[-1].speaker == "VTX"  # not the person who spoke last, nor ORX named last


@pytest.mark.parametrize("cue", ["s'incline", "acquiesce", "se moque", "met en exergue"])
def test_more_reporting_verbs_after_the_quotation_name_the_speaker(cue):
    body = (
        f"« Il faut agir vite », a estimé Lise Bonal. « La ville perd un grand serviteur », "
        f"{cue} Paul Morand, le maire de Valdoré."
    )
    quotes = _quotes(body)
    assert [q.speaker for q in quotes] == ["Lise Bonal", "Paul Morand"]


def test_a_described_source_after_an_outlet_complement_is_the_inverted_subject():
    body = (
        "« Nous ne sommes pas plus audibles que nos rivaux », analyse dans Le Courrier de "
        "Valdoré un cadre du parti."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "cadre du parti"
    assert quote.speaker_type == "anonymous"


def test_an_age_does_not_qualify_a_role_out_of_the_person_it_stands_for():
    body = (
        "Karim Selmi a rouvert sa boutique de Valdoré en mars, après deux ans de travaux. Les "
        "clients sont revenus peu à peu, puis les commandes des écoles et celles de la mairie, "
        "qui lui confie désormais les goûters de ses centres de loisirs, chaque mercredi. "
        "Il a embauché deux apprentis et pense déjà à un second four pour l'hiver prochain. "
        "Le quartier, lui, se relève plus lentement : la moitié des immeubles de la rue attend "
        "encore ses fenêtres, et la ligne de bus ne passe plus qu'une fois par heure. "
        "« J'ai voulu revenir ici, malgré tout », confie à l'AFP le boulanger de 29 ans."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Karim Selmi"


def test_ils_stands_for_the_people_a_plural_person_noun_or_a_number_described():
    body = (
        "Dans un texte commun, 110 députés répondent à Paul Morand. « Nous voulons une "
        "alternative », écrivent-ils."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "députés"
    assert quote.speaker_type == "group"


def test_lowercase_words_that_complete_a_known_outlet_belong_to_its_name():
    body = "« Le suspect est connu des services », indique L'Est républicain."
    (quote,) = _quotes(body)
    assert quote.speaker == "L'Est républicain"  # the title holds its article
    assert quote.speaker_type == "organization"


def test_the_name_in_apposition_after_selon_and_a_description_is_the_source():
    body = (
        "« Je refuse », a déclaré Lise Bonal. Le blessé « s'est réveillé cet après-midi », "
        "selon l'un de ses proches, Paul Morand, qui l'a vu."
    )
    quotes = _quotes(body)
    assert [q.speaker for q in quotes] == ["Lise Bonal", "Paul Morand"]


def test_a_document_speaks_for_the_body_named_as_its_author():
    body = (
        "Les accidents ont baissé de moitié en avril, selon les statistiques de l'Observatoire "
        "Valdor, pour qui on « pouvait espérer mieux »."
    )
    quotes = _quotes(body)
    assert quotes[-1].speaker == "Observatoire Valdor"


def test_a_capitalised_word_before_a_colon_names_nobody_unless_the_article_names_it_again():
    body = (
        "L'agence a étudié les scanners des aéroports en 2012, a indiqué Lise Bonal. "
        "Conclusion : « ce type de scanner ne présente aucun risque pour la santé »."
    )
    assert _quotes(body)[-1].speaker != "Conclusion"
    named = (
        "Morand a répondu aux élus mardi. Morand : « Je ne partirai pas, je resterai à mon "
        "poste jusqu'au bout »."
    )
    assert _quotes(named)[-1].speaker == "Morand"


def test_the_head_of_a_partitive_description_is_the_noun_after_de():
    body = (
        "« Il est fini », confie au Courrier de Valdoré un ancien de ses conseillers. « Tout "
        "le monde le sait », précise un autre."
    )
    quotes = _quotes(body)
    assert [q.speaker for q in quotes] == ["ancien de ses conseillers"] * 2


def test_an_irish_surname_keeps_its_apostrophe_in_french_copy():
    quote = _quotes("« Nous reconstruirons le pont », a déclaré Liam O'Brien.")[0]
    assert quote.speaker == "Liam O'Brien"


def test_toujours_selon_a_source_opens_indirect_speech():
    (quote,) = _indirect(
        "Toujours selon la préfecture, deux navires se sont croisés sans incident."
    )
    assert quote.text == "deux navires se sont croisés sans incident"
    assert quote.speaker == "préfecture"


def test_a_source_between_commas_inside_the_clause_reports_the_whole_clause():
    (quote,) = _indirect("Cette enquête n'a, selon la défense, jamais été ouverte.")
    assert quote.text == "Cette enquête n'a, selon la défense, jamais été ouverte"
    assert quote.speaker == "défense"


@pytest.mark.parametrize(
    ("body", "text", "speaker"),
    [
        (
            "Les avocats du couple ont immédiatement annoncé faire appel de la condamnation.",
            "faire appel de la condamnation",
            "avocats du couple",
        ),
        (
            "Lina Ferrat a annoncé jeudi avoir contracté la grippe.",
            "avoir contracté la grippe",
            "Lina Ferrat",
        ),
        (
            "Lina Ferrat a précisé à l'AFP qu'elle resterait maire.",
            "elle resterait maire",
            "Lina Ferrat",
        ),
        # a description of a person or an outlet reports as a name does
        (
            "Plusieurs médias ont annoncé que le maire avait été entendu par les juges.",
            "le maire avait été entendu par les juges",
            "médias",
        ),
        (
            "Le jeune homme estime qu'il s'agit d'une voie idéale pour les apprentis.",
            "il s'agit d'une voie idéale pour les apprentis",
            "jeune homme",
        ),
        # "selon X" without a comma, at the end of the clause it reports
        (
            "Ce qui en fait la voiture la plus chère de tous les temps selon Valmotors.",
            "Ce qui en fait la voiture la plus chère de tous les temps",
            "Valmotors",
        ),
        (
            "Le camp a été détruit par l'incendie, prémédité selon les autorités locales.",
            "Le camp a été détruit par l'incendie, prémédité",
            "autorités locales",
        ),
    ],
)
def test_an_indirect_report_gets_its_words_and_its_source(body, text, speaker):
    """An infinitive or a "que" after a complement, "selon X" after the clause."""
    (quote,) = _indirect(body)
    assert (quote.text, quote.speaker) == (text, speaker)


@pytest.mark.parametrize(
    "body",
    [
        "« C'est une honte », a réagi Pierre Caillé, interrogé par France 3.",
        "Les pompiers ont constaté une scène aussi insolite que dangereuse.",
    ],
)
def test_a_name_or_a_comparison_after_the_verb_reports_nothing(body):
    assert not [q for q in _quotes(body) if q.kind == "indirect"]


def test_a_pronoun_stands_for_no_one_named_after_it():
    # "les infirmiers" come after "Ils": before, the plural pronoun took them
    body = (
        "Les élus de Lorvan ont présenté un plan lundi. "
        "Ils réclament, comme les infirmiers demandent depuis des mois, « une hausse immédiate »."
    )
    (quote,) = _quotes(body)
    assert (quote.mention, quote.speaker) == ("Ils", "élus")


def test_a_person_s_title_bound_to_a_party_stands_for_the_person():
    # "le député LREM Paul Sagnier": "le député" is Paul Sagnier, never the party (before: LREM)
    body = (
        "Le député LREM Paul Sagnier a quitté son parti lundi. Paul Sagnier était absent. "
        "« Je reste fidèle à mes idées », a affirmé le député mardi."
    )
    (quote,) = _quotes(body)
    assert (quote.mention, quote.speaker) == ("le député", "Paul Sagnier")


def test_a_person_named_by_a_given_name_and_an_apposition_speaks():
    # the NER of fr_core_news_sm takes such a lone given name for a place
    body = (
        "Les pompiers sont arrivés vers midi devant l'usine de Paul Varenne, à Sablon. "
        "Noélis, jeune graphiste de l'entreprise, s'est cachée dans la réserve. "
        "« J'ai attendu deux heures sans bouger », confie-t-elle devant le tribunal."
    )
    (quote,) = _quotes(body)
    assert (quote.speaker, quote.mention) == ("Noélis", "elle")


def test_given_names_in_apposition_take_their_gender_from_the_list_or_the_kinship():
    body = (
        "Le petit Basile, 9 ans, a été retrouvé lundi. Pour Maëlis, sa mère, l'enfant « a eu "
        "beaucoup de chance », a-t-elle expliqué."
    )
    (quote,) = _quotes(body)
    assert quote.speaker == "Maëlis"


def test_a_feminine_description_is_not_the_man_bound_to_the_same_office():
    body = (
        "Quand Lisandre sort le matin de chez elle, c'est au côté de son mari Orbane, médecin à "
        "la direction de la santé. Peu avant huit heures, on les voit main dans la main. "
        "« Nous sommes tous impliqués », raconte la médecin."
    )
    (quote,) = _quotes(body)
    assert quote.mention == "la médecin" and quote.speaker != "Orbane"


def test_an_emphatic_pronoun_between_auxiliary_and_participle_keeps_the_cue():
    body = (
        "« Il faut partir », a lancé Paul Varenne. Lina Ferrat a elle dénoncé une décision "
        "« inacceptable »."
    )
    quote = _quotes(body)[-1]
    assert (quote.speaker, quote.cue) == ("Lina Ferrat", "a elle dénoncé")


def test_a_body_described_by_its_trade_is_never_the_person_named_before():
    body = (
        "Le groupe Elvatec a revu son calendrier, a indiqué Paul Varenne, du syndicat Sud. "
        "« Le parc a été ajusté », explique-t-on chez l'électricien."
    )
    assert _quotes(body)[-1].speaker != "Paul Varenne"


@pytest.mark.parametrize(
    "body",
    [
        "Paul Verdier est venu. Comme le souligne Lina Moret, la situation est grave pour tous.",
        "Paul Verdier est venu. La situation est grave pour tous, comme l'a rappelé Lina Moret.",
    ],
)
def test_comme_le_verb_reports_the_clause_it_stands_beside(body):
    (quote,) = _indirect(body)
    assert body[quote.start : quote.end].lower() == "la situation est grave pour tous"
    assert quote.speaker == "Lina Moret"


@pytest.mark.parametrize(
    ("incise", "speaker"),
    [
        ("a claironné Lina Moret dimanche soir", "Lina Moret"),
        ("a néanmoins tenu à préciser Lina Moret", "Lina Moret"),
        ("balance-t-elle", "Lina Moret"),
    ],
)
def test_any_verb_in_the_incise_after_a_quotation_opening_its_sentence_reports_it(incise, speaker):
    body = f"Lina Moret a remporté la mairie. « Nous avons gagné », {incise}."
    (quote,) = _quotes(body)
    assert quote.speaker == speaker
    assert quote.cue is not None


def test_a_verb_after_a_quotation_inside_a_clause_is_not_its_incise():
    body = (
        "Paul Verdier a été arrêté. Vêtu d'un « haut gris à capuche », a attiré sa victime "
        "dans un bosquet."
    )
    assert all(q.speaker != "victime" for q in extract_quotes(body, language="fr"))


@pytest.mark.parametrize(
    ("body", "word"),
    [
        (
            "Cela fait maintenant douze ans que Lina Moret aide des agriculteurs. « Une fois, "
            "j'ai dû boire un mélange », explique l'animatrice.",
            "Cela",
        ),
        (
            "Jusqu'au dernier moment elle a cru qu'elle en serait. « Je lui avais demandé de me "
            "prévenir », dit-elle.",
            "Jusqu'",
        ),
        ("Contactée par l'AFP, la mairie « prend acte » de ce rapport.", "Contactée"),
    ],
)
def test_a_pronoun_a_preposition_or_a_participle_opening_a_sentence_is_nobody(body, word):
    assert word not in {q.speaker for q in extract_quotes(body, language="fr")}


def test_an_aside_about_the_subject_is_no_part_of_its_description():
    (quote,) = _indirect(
        "Les syndicats ont quitté la table. Le gouvernement de son côté estime que la situation "
        "reste grave."
    )
    assert quote.speaker == "gouvernement"


def test_a_name_right_after_a_poll_noun_is_a_polling_institute():
    body = "Les Français restent pessimistes, selon un sondage Valmaxa publié mardi."
    (quote,) = extract_quotes(body, language="fr")
    assert (quote.speaker, quote.speaker_type) == ("Valmaxa", "organization")
