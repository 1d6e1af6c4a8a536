import pytest

from articles.models import Person, Quote
from articles.services.people import infer_gender, infer_genders
from tests.factories import make_article, make_person, make_quote, person_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "mentions", "cues", "gender"),
    [
        ("Karim Lestrade", [], [], "man"),  # first-name list
        ("X. Dambrin", ["Mme Dambrin"], [], "woman"),  # honorific
        ("X. Dambrin", ["la ministre de l'Intérieur"], ["a-t-elle ajouté"], "woman"),  # agreement
        ("X. Dambrin", ["M. Dambrin", "il"], [], "man"),
        ("X. Dambrin", ["Mme Dambrin", "M. Dambrin"], [], "unknown"),  # contradiction
        ("X. Dambrin", ["Dambrin"], ["a déclaré"], "unknown"),  # no evidence
    ],
)
def test_gender_is_inferred_only_from_text_and_first_names(name, mentions, cues, gender):
    person = Person(name=name)
    assert infer_gender(person, mentions=mentions, cues=cues) == gender


def test_an_organisation_has_no_gender():
    assert infer_gender(Person(name="Union", kind="organization"), mentions=["elle"], cues=[]) == (
        "unknown"
    )


def test_inferred_gender_is_marked_and_unknown_by_default():
    person = make_person("X. Dambrin")
    assert (person.gender, person.gender_source) == ("unknown", "")
    make_quote(make_article(), speaker=person, mention="Mme Dambrin", cue="a déclaré")
    infer_genders()
    person.refresh_from_db()
    assert (person.gender, person.gender_inferred) == ("woman", True)


def test_inference_never_overwrites_staff(admin_client):
    person = make_person("X. Dambrin")
    make_quote(make_article(), speaker=person, mention="Mme Dambrin")
    data = person_form(person, origin="manual", gender="man")
    response = admin_client.post(f"/admin/articles/person/{person.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    infer_genders()
    person.refresh_from_db()
    assert (person.gender, person.gender_source) == ("man", "staff")
    assert Quote.objects.count() == 1
