"""Given names and their gender, read from unannotated news text (articles.corpus.given_names)."""

from django.core.management import call_command

from articles.corpus.given_names import derive
from articles.extraction.lexicon import first_name_gender, hand_kept_first_names

TITLES = frozenset({"ministre", "maire"})


def _articles(sentence: str, n: int) -> list[str]:
    return [sentence] * n


def test_a_given_name_takes_the_gender_the_honorific_or_the_title_shows():
    texts = [
        *_articles("Ysolde Marnier a parlé. Selon Mme Marnier, rien ne change.", 2),
        "La ministre Ysolde Ferrat a parlé.",
        *_articles("Bertil Osane est venu. M. Osane a souri.", 3),
    ]
    assert derive(texts, TITLES, frozenset()) == {"bertil": "m", "ysolde": "f"}


def test_too_few_articles_or_disagreeing_ones_give_no_gender():
    texts = [
        *_articles("Ysolde Marnier a parlé. Selon Mme Marnier, rien ne change.", 2),
        *_articles("Alix Dorval est venu. M. Dorval a souri.", 3),
        *_articles("Alix Ferrand est venue. Mme Ferrand a souri.", 3),
    ]
    assert derive(texts, TITLES, frozenset()) == {}


def test_a_word_inside_a_longer_name_or_written_lower_case_is_no_given_name():
    texts = [
        *_articles("Le maire, Jean Marteau-Le Sorel, parle. M. Sorel sourit.", 3),
        *_articles("Génération Verte a parlé. Selon Mme Verte, rien ne change.", 3),
        *_articles("Une génération entière, une génération perdue.", 3),
    ]
    assert derive(texts, TITLES, frozenset()) == {}


def test_the_committed_list_is_what_the_corpus_gives(shared_dir):
    call_command("derive_given_names", "--check", "--shared", str(shared_dir))


def test_the_engine_reads_both_lists():
    assert first_name_gender("Marie") == "f"  # hand-kept
    assert "mohamad" not in hand_kept_first_names()
    assert first_name_gender("Mohamad") == "m"  # derived from the corpus
