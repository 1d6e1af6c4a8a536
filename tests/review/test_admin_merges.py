"""Undoing a person merge from the admin is a review decision (issue 20, F5)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Person, PersonMerge
from articles.services.review import merge_people
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def merge_record(reviewer) -> PersonMerge:
    keep, duplicate = make_person("Hélène Varenne"), make_person("H. Varenne")
    return merge_people(keep=keep, merge=duplicate, reviewer=reviewer)


def undo(client, record: PersonMerge):
    return client.post(
        reverse("admin:articles_personmerge_changelist"),
        {"action": "undo_merges", ACTION_CHECKBOX_NAME: [record.pk]},
    )


def test_the_view_permission_alone_cannot_undo_a_merge(client, merge_record):
    viewer = make_user("lecteur")
    viewer.user_permissions.add(Permission.objects.get(codename="view_personmerge"))
    client.force_login(viewer)
    undo(client, merge_record)
    merge_record.refresh_from_db()
    assert not merge_record.is_undone
    assert not Person.objects.filter(name="H. Varenne").exists()


def test_a_reviewer_undoes_a_merge_from_the_admin(client, reviewer, merge_record):
    reviewer.user_permissions.add(Permission.objects.get(codename="view_personmerge"))
    client.force_login(reviewer)
    undo(client, merge_record)
    merge_record.refresh_from_db()
    assert merge_record.is_undone
    assert Person.objects.filter(name="H. Varenne").exists()
