"""Person merge from the admin: an action on people (with a page choosing whom to keep), and
undo from the merge record."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Person, PersonMerge, Quote
from tests.factories import make_article, make_person
from tests.review.factories import make_reviewer, make_suggestion

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:articles_person_changelist"


@pytest.fixture
def duplicates():
    keep, merge = make_person("Vladimir Poutine"), make_person("Poutine")
    quote = make_suggestion(make_article(), "Nous protégerons chaque berge", speaker=merge)
    return keep, merge, quote


def test_merge_action_first_asks_which_person_to_keep(client, duplicates):
    keep, merge, _ = duplicates
    client.force_login(make_reviewer())
    response = client.post(
        reverse(CHANGELIST),
        {"action": "merge_people_action", "_selected_action": [keep.pk, merge.pk]},
    )
    assert response.status_code == 200
    assert f'name="keep" value="{keep.pk}"' in response.text
    assert Person.objects.filter(pk=merge.pk).exists()


def test_merge_action_merges_into_the_chosen_person(client, duplicates):
    keep, merge, quote = duplicates
    reviewer = make_reviewer()
    client.force_login(reviewer)
    response = client.post(
        reverse(CHANGELIST),
        {
            "action": "merge_people_action",
            "_selected_action": [keep.pk, merge.pk],
            "keep": keep.pk,
            "apply": "1",
        },
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=merge.pk).exists()
    assert Quote.objects.get(pk=quote.pk).speaker == keep
    record = PersonMerge.objects.get()
    assert record.reviewer == reviewer and record.merged_name == "Poutine"


def test_merge_action_needs_two_people(client, duplicates):
    keep, _, _ = duplicates
    client.force_login(make_reviewer())
    response = client.post(
        reverse(CHANGELIST),
        {"action": "merge_people_action", "_selected_action": [keep.pk]},
        follow=True,
    )
    assert "Select at least two people to merge." in response.text


def test_merge_can_be_undone_from_its_record_in_the_admin(client, duplicates):
    keep, merge, quote = duplicates
    admin = get_user_model().objects.create_superuser("chef", password="correct horse battery")
    client.force_login(admin)
    client.post(
        reverse(CHANGELIST),
        {
            "action": "merge_people_action",
            "_selected_action": [keep.pk, merge.pk],
            "keep": keep.pk,
            "apply": "1",
        },
    )
    record = PersonMerge.objects.get()
    response = client.post(
        reverse("admin:articles_personmerge_changelist"),
        {"action": "undo_merges", "_selected_action": [record.pk]},
    )
    assert response.status_code == 302
    assert Quote.objects.get(pk=quote.pk).speaker_id == merge.pk
    record.refresh_from_db()
    assert record.is_undone
