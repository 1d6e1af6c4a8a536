"""The editors' services (articles.services.editorial): each step, its rules, its permission,
its record."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article, Tag
from articles.services import editorial
from tests.factories import make_article, make_tag, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def reviewer():
    return make_user("reviewer", group="Reviewers")


def draft(**fields) -> Article:
    return make_article(status=Article.Status.DRAFT, published_at=None, **fields)


def last_revision(article: Article):
    return article.history.order_by("-history_id").first()


def test_publish_makes_a_draft_public(editor):
    article = editorial.publish(article=draft(), user=editor)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_records_who_and_why(editor):
    article = editorial.publish(article=draft(), user=editor)
    record = last_revision(article)
    assert (record.history_user, record.history_change_reason) == (editor, "Published")


def test_publish_needs_the_publish_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.publish(article=draft(), user=reviewer)


def test_publish_refuses_a_live_dispatch(editor):
    with pytest.raises(ValidationError):
        editorial.publish(article=make_article(), user=editor)


def test_publish_under_embargo_dates_the_dispatch_at_the_embargo_end(editor):
    until = timezone.now() + timedelta(hours=2)
    article = editorial.publish(article=draft(embargo_until=until), user=editor)
    assert article.published_at == until
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_schedule_publishes_at_the_given_time_without_anyone(editor):
    at = timezone.now() + timedelta(hours=1)
    article = editorial.schedule(article=draft(), user=editor, at=at)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(at=at).filter(pk=article.pk).exists()


def test_schedule_refuses_a_time_in_the_past(editor):
    with pytest.raises(ValidationError):
        editorial.schedule(article=draft(), user=editor, at=timezone.now() - timedelta(minutes=1))


def test_schedule_needs_the_publish_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.schedule(article=draft(), user=reviewer, at=timezone.now() + timedelta(hours=1))


def test_embargo_hides_a_published_dispatch_until_its_end(editor):
    until = timezone.now() + timedelta(hours=3)
    article = editorial.embargo(article=make_article(), user=editor, until=until)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(at=until).filter(pk=article.pk).exists()


def test_embargo_moves_the_public_date_to_its_end(editor):
    until = timezone.now() + timedelta(hours=3)
    article = editorial.embargo(article=make_article(), user=editor, until=until)
    assert article.published_at == until


def test_embargo_lifted_publishes_now(editor):
    until = timezone.now() + timedelta(hours=3)
    article = editorial.embargo(article=make_article(), user=editor, until=until)
    article = editorial.embargo(article=article, user=editor, until=None)
    assert article.embargo_until is None
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_embargo_refuses_an_end_in_the_past(editor):
    with pytest.raises(ValidationError):
        editorial.embargo(
            article=make_article(), user=editor, until=timezone.now() - timedelta(hours=1)
        )


def test_embargo_needs_the_publish_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.embargo(
            article=make_article(), user=reviewer, until=timezone.now() + timedelta(hours=1)
        )


def test_correct_stores_the_public_note_and_time(editor):
    article = editorial.correct(article=make_article(), user=editor, note="Le lieu était erroné.")
    assert (article.status, article.correction_note) == ("corrected", "Le lieu était erroné.")
    assert article.corrected_at is not None


def test_corrected_dispatch_stays_public(editor):
    article = editorial.correct(article=make_article(), user=editor, note="Chiffre rectifié.")
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_correct_needs_a_note(editor):
    with pytest.raises(ValidationError):
        editorial.correct(article=make_article(), user=editor, note="  ")


def test_correct_refuses_a_draft(editor):
    with pytest.raises(ValidationError):
        editorial.correct(article=draft(), user=editor, note="Rien à corriger.")


def test_correct_needs_the_publish_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.correct(article=make_article(), user=reviewer, note="Chiffre rectifié.")


def test_withdraw_takes_a_dispatch_off_the_public_site(editor):
    article = editorial.withdraw(article=make_article(), user=editor, reason="Source retirée.")
    assert article.withdrawn_reason == "Source retirée."
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_withdraw_records_the_reason(editor):
    article = editorial.withdraw(article=make_article(), user=editor, reason="Source retirée.")
    assert last_revision(article).history_change_reason == "Withdrawn: Source retirée."


def test_withdraw_needs_a_reason(editor):
    with pytest.raises(ValidationError):
        editorial.withdraw(article=make_article(), user=editor, reason="")


def test_withdraw_needs_the_publish_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.withdraw(article=make_article(), user=reviewer, reason="Source retirée.")


def test_each_step_adds_to_the_edit_count(editor):
    article = make_article()
    before = article.edit_count
    article = editorial.correct(article=article, user=editor, note="Chiffre rectifié.")
    assert article.edit_count == before + 1


def test_rename_tag_keeps_its_slug(editor):
    tag = make_tag("Climat")
    tag = editorial.rename_tag(tag=tag, user=editor, name="Climat et environnement")
    assert (tag.name, tag.slug) == ("Climat et environnement", "climat")


def test_rename_tag_refuses_the_name_of_another_tag(editor):
    make_tag("Climat")
    with pytest.raises(ValidationError):
        editorial.rename_tag(tag=make_tag("Météo"), user=editor, name="climat")


def test_rename_tag_needs_the_change_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.rename_tag(tag=make_tag("Climat"), user=reviewer, name="Climat 2")


def test_merge_tags_moves_dispatches_and_deletes_the_merged_tag(editor):
    keep, merged = make_tag("Climat"), make_tag("climat (doublon)")
    article = make_article()
    article.tags.add(merged)
    moved = editorial.merge_tags(keep=keep, tags=[merged], user=editor)
    assert moved == 1
    assert list(article.tags.all()) == [keep]
    assert not Tag.objects.filter(pk=merged.pk).exists()


def test_merge_tags_records_one_revision_per_moved_dispatch(editor):
    keep, merged = make_tag("Climat"), make_tag("Réchauffement")
    article = make_article()
    article.tags.add(merged)
    count = article.history.count()
    editorial.merge_tags(keep=keep, tags=[merged], user=editor)
    record = last_revision(article)
    assert article.history.count() == count + 1
    assert [row.tag_id for row in record.tags.all()] == [keep.pk]


def test_merge_tags_keeps_a_media_topic(editor):
    keep = make_tag("Climat")
    merged = Tag.objects.create(name="Réchauffement", media_topic="medtop:20000418")
    editorial.merge_tags(keep=keep, tags=[merged], user=editor)
    keep.refresh_from_db()
    assert keep.media_topic == "medtop:20000418"


def test_merge_tags_needs_the_merge_permission(reviewer):
    with pytest.raises(PermissionDenied):
        editorial.merge_tags(keep=make_tag(), tags=[make_tag()], user=reviewer)


def test_media_topic_must_look_like_an_iptc_code():
    tag = Tag(name="Climat", slug="climat", media_topic="climate")
    with pytest.raises(ValidationError):
        tag.full_clean()


def test_changes_since_names_who_changed_which_field(editor):
    article = make_article(headline="Crue à Castelmont")
    seen = article.edit_count
    article.headline = "Crue majeure à Castelmont"
    article._history_user = editor
    article.save()
    conflict = editorial.changes_since(article=article, edit_count=seen)
    assert conflict.user == "editor"
    assert [(c.old, c.new) for c in conflict.changes] == [
        ("Crue à Castelmont", "Crue majeure à Castelmont")
    ]
