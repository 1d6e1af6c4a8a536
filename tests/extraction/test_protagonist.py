"""The story's unnamed subject: a person the article describes before it names anybody ("Un
homme de 21 ans a été interpellé") is who "il" and "l'homme" stand for later, unless a person of
that gender was named just before. Short original sentences about fictional people."""

from articles.extraction import extract_quotes
from articles.extraction.pipeline import article_context

# Long enough that a person named here is not "named just before" the quotations that follow.
_BETWEEN = (
    "L'enquête, confiée à la brigade criminelle de Vernay, devra établir comment le message a "
    "circulé pendant plusieurs semaines sur des forums fréquentés par des centaines de "
    "personnes, sans que personne ne s'en inquiète ni ne prévienne les autorités. "
)

_STORY = (
    "Un homme de 21 ans a été interpellé mardi à Vernay. Il avait publié un long message "
    "inspiré des écrits de l'essayiste Paul Ferrand sur un forum. " + _BETWEEN
)


def _speakers(body: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_type) for q in extract_quotes(body, language="fr")]


def test_a_person_described_before_anybody_is_named_is_the_story_s_subject():
    start, speaker = article_context(_STORY, language="fr").protagonist
    assert (start, speaker.name, speaker.type, speaker.gender) == (
        0,
        "homme de 21 ans",
        "anonymous",
        "m",
    )


def test_no_unnamed_subject_when_a_person_is_named_first_or_the_description_is_an_office():
    named_first = "Paul Ferrand a publié un livre. Un homme de 21 ans l'a lu."
    office = "Le maire de Vernay a démissionné mardi. Il était en poste depuis 2014."
    for body in (named_first, office):
        assert article_context(body, language="fr").protagonist is None


def test_a_pronoun_far_from_any_named_person_of_its_gender_stands_for_the_unnamed_subject():
    body = (
        _STORY
        + "« Il était très isolé », a confié sa voisine Lise Bonal. "
        + _BETWEEN
        + "« Je voulais qu'on m'entende », a-t-il déclaré aux enquêteurs."
    )
    assert _speakers(body) == [("Lise Bonal", "person"), ("homme de 21 ans", "anonymous")]


def test_the_bare_person_noun_stands_for_the_unnamed_subject_not_the_person_named_since():
    body = _STORY + "« Je voulais qu'on m'entende », a déclaré l'homme aux enquêteurs."
    assert _speakers(body) == [("homme de 21 ans", "anonymous")]


def test_a_person_of_that_gender_named_just_before_the_pronoun_outweighs_the_subject():
    body = (
        _STORY + "Le message cite longuement Paul Ferrand. « Je n'ai jamais rencontré ce "
        "garçon », a-t-il affirmé au Courrier de Vernay."
    )
    assert _speakers(body) == [("Paul Ferrand", "person")]


def test_a_description_of_another_gender_or_qualified_is_someone_else():
    body = (
        _STORY + "« Il était très isolé », a confié la voisine. « Il lisait beaucoup », a "
        "ajouté le jeune homme âgé de 19 ans qui partageait son appartement."
    )
    neighbour, flatmate = (name for name, _ in _speakers(body))
    assert neighbour == "voisine"
    assert flatmate != "homme de 21 ans"  # (the rules' guess for a qualified role stands)
