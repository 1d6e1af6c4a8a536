from datetime import date

import pytest

from articles.models import Person, Quote, Role
from articles.services import attribute_quotes
from articles.services.roles import RoleData, office_holder, roles_on
from tests.factories import make_person
from tests.quotations.helpers import dated_article, presidents

pytestmark = pytest.mark.django_db

UNNAMED = "« Le pays tiendra ses engagements », a déclaré le président valmérien mardi."


def test_roles_on_gives_the_confirmed_roles_valid_that_day_as_plain_data():
    dambrin, orsenne = presidents()
    Role.objects.create(person=orsenne, title="maire", status=Role.Status.SUGGESTED)
    assert roles_on(day=date(2026, 9, 1)) == [
        RoleData(
            "président",
            "Valmérie",
            "Aurèle Dambrin",
            dambrin.pk,
            dambrin.roles.get().pk,
            None,
            date(2026, 10, 14),
        )
    ]
    assert [r.holder for r in roles_on(day=date(2026, 11, 1))] == ["Mathilde Orsenne"]


def test_an_ended_role_resolves_the_same_office_to_the_next_holder():
    dambrin, orsenne = presidents()
    before = dated_article(date(2026, 9, 20), UNNAMED)
    after = dated_article(date(2026, 11, 20), UNNAMED)
    attribute_quotes(article=before)
    attribute_quotes(article=after)
    first, second = before.quotes.get(), after.quotes.get()
    assert first.speaker == dambrin and second.speaker == orsenne
    assert first.resolved_role.person == dambrin and second.resolved_role.person == orsenne
    assert first.mention == "le président valmérien"


def test_a_speaker_found_through_a_role_has_a_lower_confidence():
    presidents()
    article = dated_article(date(2026, 11, 20), UNNAMED)
    attribute_quotes(article=article)
    quote = article.quotes.get()
    assert quote.status == Quote.Status.SUGGESTED
    assert quote.confidence <= 0.6


def test_an_office_nobody_holds_that_day_stays_unnamed():
    Role.objects.create(
        person=make_person("Aurèle Dambrin"),
        title="président",
        organisation="Valmérie",
        start=date(2027, 1, 1),
    )
    article = dated_article(date(2026, 11, 20), UNNAMED)
    attribute_quotes(article=article)
    quote = article.quotes.get()
    assert quote.speaker is None and quote.resolved_role is None


def test_a_suggested_role_is_never_used():
    Role.objects.create(
        person=make_person("Aurèle Dambrin"),
        title="président",
        organisation="Valmérie",
        status=Role.Status.SUGGESTED,
    )
    article = dated_article(date(2026, 11, 20), UNNAMED)
    attribute_quotes(article=article)
    assert article.quotes.get().speaker is None


@pytest.mark.parametrize(
    ("description", "holder"),
    [
        ("le ministre de l'Intérieur", "Paul Dugrand"),
        ("la ministre valmérienne de l'Intérieur", "Paul Dugrand"),
        ("président américain", "Clara Whitfield"),
        ("le chef de la diplomatie kestrienne", "Henrike Solvanger"),
        ("le président", None),  # two presidents that day: ambiguous
        ("le ministre", None),
    ],
)
def test_office_descriptions_match_roles_by_words_and_demonyms(description, holder):
    roles = [
        RoleData("ministre de l'Intérieur", "Valmérie", "Paul Dugrand", 1, 1, None, None),
        RoleData("présidente", "États-Unis", "Clara Whitfield", 2, 2, None, None),
        RoleData("président", "Valmérie", "Aurèle Dambrin", 3, 3, None, None),
        RoleData(
            "ministre des Affaires étrangères", "Kestrie", "Henrike Solvanger", 4, 4, None, None
        ),
    ]
    found = office_holder(description, roles, language="fr")
    assert (found.holder if found else None) == holder


def test_a_role_read_next_to_a_name_becomes_a_suggestion_once():
    body = (
        "Le ministre de l'Intérieur, Paul Dugrand, a réagi. "
        "« Rien n'est décidé », a affirmé Paul Dugrand."
    )
    article = dated_article(date(2026, 11, 20), body)
    attribute_quotes(article=article)
    attribute_quotes(article=article)
    role = Role.objects.get()
    assert role.person.name == "Paul Dugrand"
    assert role.title == "ministre de l'Intérieur"
    assert (role.status, role.source, role.article) == ("suggested", "text", article)


def test_the_admin_confirms_suggested_roles(admin_client):
    person = make_person("Paul Dugrand")
    role = Role.objects.create(person=person, title="ministre", status=Role.Status.SUGGESTED)
    response = admin_client.post(
        "/admin/articles/role/",
        {"action": "confirm_roles", "_selected_action": [role.pk]},
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.status == Role.Status.CONFIRMED


def test_the_person_admin_edits_roles_inline(admin_client):
    person = make_person("Paul Dugrand")
    response = admin_client.get(f"/admin/articles/person/{person.pk}/change/")
    assert response.status_code == 200
    assert "roles-TOTAL_FORMS" in response.text


def test_a_role_cannot_end_before_it_starts():
    from django.core.exceptions import ValidationError

    role = Role(person=make_person(), title="maire", start=date(2026, 5, 1), end=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        role.full_clean()


def test_speaker_page_shows_role_timeline_and_role_held_each_day(client):
    dambrin, orsenne = presidents()
    Role.objects.create(
        person=orsenne, title="maire", organisation="Sorvane", end=date(2026, 10, 14)
    )
    body = "« Nous tiendrons parole », a déclaré Mathilde Orsenne."
    for day in (date(2026, 9, 20), date(2026, 11, 20)):
        article = dated_article(day, body)
        Quote.objects.create(
            article=article,
            text="Nous tiendrons parole",
            start=2,
            end=23,
            speaker=orsenne,
            speaker_type="person",
            status="confirmed",
        )
    text = client.get(orsenne.get_absolute_url()).text
    assert 'id="roles-heading"' in text
    assert text.index("maire (Sorvane)") < text.index("présidente (Valmérie)")
    assert 'class="held-role">présidente (Valmérie)' in text
    assert Person.objects.count() == 2


def test_merging_people_moves_their_roles_and_quotations_and_undo_puts_them_back(settings):
    from articles.services import review
    from tests.factories import make_user
    from tests.quotations.helpers import repeated_quotation

    settings.LANGUAGE_CODE = "en"
    reviewer = make_user("relectrice", group="Reviewers")
    keep = make_person("Mathilde Orsenne")
    duplicate = make_person("M. Orsenne")
    Role.objects.create(person=duplicate, title="maire", organisation="Sorvane")
    _speaker, quotes = repeated_quotation(speaker=duplicate)
    record = review.merge_people(keep=keep, merge=duplicate, reviewer=reviewer)
    assert keep.roles.get().title == "maire"
    assert keep.quotations.get().occurrences.count() == 3
    result = review.undo_merge(record=record, reviewer=reviewer)
    assert result.person.roles.get().title == "maire"
    assert result.person.quotations.get().occurrences.count() == 3
    assert not keep.quotations.exists()
