"""Capitalised words that are no names, read from unannotated news text
(articles.corpus.common_words), and the engine reading them."""

from django.core.management import call_command

from articles.corpus.common_words import derive
from articles.extraction import extract_quotes


def test_a_word_written_lower_case_inside_sentences_is_a_common_word():
    texts = ["Beaucoup partent. Il en reste beaucoup, dit-on, et beaucoup reviendront."] * 10
    texts += ["Le maire Ysolde Marnier parle. Marnier reste, Marnier revient."] * 10
    words = derive(texts, frozenset())
    assert "beaucoup" in words
    assert "marnier" not in words  # capitalised inside its sentences: a name


def test_too_few_sightings_or_a_given_name_keep_nothing():
    assert derive(["Beaucoup partent. Il en reste beaucoup."] * 3, frozenset()) == []
    texts = ["Victoire parle. La victoire est là, une victoire nette."] * 20
    assert derive(texts, frozenset({"victoire"})) == []


def test_the_committed_list_is_what_the_corpus_gives(shared_dir):
    call_command("derive_common_words", "--check", "--shared", str(shared_dir))


def test_a_common_word_opening_a_sentence_is_no_speaker():
    text = (
        "Un sondage montre que 40 % des habitants renoncent aux soins. Beaucoup justifient ce "
        '"renoncement" par le coût. Même son de cloche chez Lina Moret, qui a jugé la mesure '
        '"injuste".'
    )
    speakers = [q.speaker for q in extract_quotes(text, language="fr") if q.kind != "indirect"]
    assert "Beaucoup" not in speakers and "Même" not in speakers
    assert speakers[-1] == "Lina Moret"


def test_a_capital_a_for_a_preposition_opens_no_name():
    text = "A l'inverse, 68 % des habitants jugent ce discours « inutile »."
    assert [q.speaker for q in extract_quotes(text, language="fr")] != ["A"]


def test_a_common_word_inside_a_sentence_or_before_another_capital_may_be_a_name():
    text = '"Nous restons", a déclaré la Sécurité routière. Public Sénat a "confirmé".'
    speakers = [q.speaker for q in extract_quotes(text, language="fr")]
    assert speakers[0].startswith("Sécurité")
    assert speakers[1] == "Public Sénat"
