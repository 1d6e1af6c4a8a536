"""The editors' desk in the admin: publication steps and their permissions, bulk actions, edit
safety, revisions (diff and revert), preview, filters, tags and people."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Quote, Tag
from tests.factories import make_article, make_person, make_quote, make_tag, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_user("reviewer", group="Reviewers"))
    return client


def draft(**fields) -> Article:
    return make_article(status=Article.Status.DRAFT, published_at=None, **fields)


def workflow_url(article: Article, name: str) -> str:
    return reverse("admin:articles_article_workflow", args=[article.pk, name])


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def change_data(article: Article, **overrides) -> dict:
    """What the change form posts for `article` (no quotations), with `overrides`."""
    created = timezone.localtime(article.version_created)
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "body": article.body,
        "summary": article.summary,
        "expected_edit_count": article.edit_count,
        "section": article.section_id or "",
        "tags": [tag.pk for tag in article.tags.all()],
        "new_tags": "",
        "people": [],
        "language": article.language,
        "urgency": article.urgency,
        "guid": article.guid,
        "version": article.version,
        "source": article.source,
        "byline": article.byline,
        "dateline": article.dateline,
        "version_created_0": created.strftime("%Y-%m-%d"),
        "version_created_1": created.strftime("%H:%M:%S"),
        "quotes-TOTAL_FORMS": 0,
        "quotes-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


# --- publication steps ----------------------------------------------------------------------


def test_editor_publishes_a_draft_from_its_page(editor_client):
    article = draft()
    response = editor_client.post(workflow_url(article, "publish"))
    assert response.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_reviewer_may_not_publish(reviewer_client):
    article = draft()
    response = reviewer_client.post(workflow_url(article, "publish"))
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_editor_schedules_a_draft(editor_client):
    article = draft()
    at = timezone.localtime() + timedelta(days=1)
    response = editor_client.post(
        workflow_url(article, "schedule"),
        {"at_0": at.strftime("%Y-%m-%d"), "at_1": at.strftime("%H:%M:%S")},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at > timezone.now()


def test_editor_embargoes_a_published_dispatch(editor_client):
    article = make_article()
    until = timezone.localtime() + timedelta(hours=5)
    editor_client.post(
        workflow_url(article, "embargo"),
        {"until_0": until.strftime("%Y-%m-%d"), "until_1": until.strftime("%H:%M:%S")},
    )
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_editor_corrects_with_a_public_note(editor_client):
    article = make_article()
    editor_client.post(workflow_url(article, "correct"), {"note": "Le bilan était de 3 morts."})
    article.refresh_from_db()
    assert (article.status, article.correction_note) == ("corrected", "Le bilan était de 3 morts.")


def test_withdraw_without_a_reason_is_refused_and_changes_nothing(editor_client):
    article = make_article()
    response = editor_client.post(workflow_url(article, "withdraw"), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_withdraw_with_a_reason_records_it(editor_client):
    article = make_article()
    editor_client.post(workflow_url(article, "withdraw"), {"reason": "Information non vérifiée."})
    article.refresh_from_db()
    assert (article.status, article.withdrawn_reason) == ("withdrawn", "Information non vérifiée.")


def test_a_refused_step_shows_why(editor_client):
    response = editor_client.post(workflow_url(draft(), "correct"), {"note": "Rectificatif."})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_change_form_offers_the_steps_an_editor_may_take(editor_client):
    response = editor_client.get(change_url(draft()))
    names = [name for name, _label, _url in response.context["workflow"]]
    assert names == ["publish", "schedule", "embargo"]


def test_change_form_offers_no_step_without_the_publish_permission(reviewer_client):
    response = reviewer_client.get(change_url(draft()))
    assert response.context["workflow"] == []


def test_publication_fields_are_read_only_on_an_existing_dispatch(editor_client):
    article = draft()
    editor_client.post(change_url(article), change_data(article, status="published"))
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_change_form_links_to_the_story_mode_of_this_dispatch(editor_client):
    article = draft()
    response = editor_client.get(change_url(article))
    assert f"/review/story/{article.pk}/" in response.content.decode()


# --- bulk actions ---------------------------------------------------------------------------


def changelist_action(client, action: str, articles, **data):
    return client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in articles], **data},
    )


def test_bulk_publish_publishes_every_selected_draft(editor_client):
    articles = [draft(), draft()]
    changelist_action(editor_client, "publish_selected", articles)
    assert Article.objects.published().filter(pk__in=[a.pk for a in articles]).count() == 2


def test_bulk_withdraw_asks_for_a_reason_first(editor_client):
    article = make_article()
    response = changelist_action(editor_client, "withdraw_selected", [article])
    assert response.status_code == 200
    assert "reason" in response.context["form"].fields
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_bulk_withdraw_applies_the_reason(editor_client):
    articles = [make_article(), make_article()]
    changelist_action(
        editor_client, "withdraw_selected", articles, apply="1", reason="Doublons du fil."
    )
    reasons = set(Article.objects.values_list("withdrawn_reason", flat=True))
    assert reasons == {"Doublons du fil."}


def test_bulk_steps_are_not_offered_without_the_publish_permission(reviewer_client):
    response = reviewer_client.get(reverse("admin:articles_article_changelist"))
    form = response.context["action_form"]  # None when no action at all is open to the user
    choices = [name for name, _label in form.fields["action"].choices] if form else []
    assert "publish_selected" not in choices


# --- edit safety ----------------------------------------------------------------------------


def test_a_stale_save_is_refused_and_the_editors_text_kept(editor_client):
    article = make_article(headline="Crue à Castelmont")
    seen = article.edit_count
    other = Article.objects.get(pk=article.pk)
    other.headline = "Crue majeure à Castelmont"
    other.save()
    response = editor_client.post(
        change_url(article),
        change_data(article, headline="La crue de Castelmont", expected_edit_count=seen),
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).headline == "Crue majeure à Castelmont"
    assert response.context["adminform"].form["headline"].value() == "La crue de Castelmont"


def test_a_stale_save_says_what_changed(editor_client):
    article = make_article(headline="Crue à Castelmont")
    seen = article.edit_count
    other = Article.objects.get(pk=article.pk)
    other.headline = "Crue majeure à Castelmont"
    other.save()
    response = editor_client.post(
        change_url(article), change_data(article, expected_edit_count=seen)
    )
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Crue à Castelmont" in errors and "Crue majeure à Castelmont" in errors


def test_saving_again_after_a_conflict_replaces_the_other_version(editor_client):
    article = make_article(headline="Crue à Castelmont")
    seen = article.edit_count
    other = Article.objects.get(pk=article.pk)
    other.headline = "Crue majeure à Castelmont"
    other.save()
    data = change_data(article, headline="La crue de Castelmont", expected_edit_count=seen)
    response = editor_client.post(change_url(article), data)
    data["expected_edit_count"] = response.context["adminform"].form["expected_edit_count"].value()
    assert editor_client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "La crue de Castelmont"


def test_a_fresh_save_goes_through_and_counts(editor_client):
    article = make_article()
    response = editor_client.post(change_url(article), change_data(article, headline="Nouveau"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).edit_count == article.edit_count + 1


# --- revisions ------------------------------------------------------------------------------


def test_one_save_with_text_and_tags_is_one_revision(editor_client, editor):
    article = make_article()
    tag = make_tag("Inondations")
    count = article.history.count()
    editor_client.post(change_url(article), change_data(article, headline="Crue", tags=[tag.pk]))
    record = article.history.order_by("-history_id").first()
    assert article.history.count() == count + 1
    assert (record.headline, record.history_user) == ("Crue", editor)
    assert [row.tag_id for row in record.tags.all()] == [tag.pk]


def test_history_page_shows_the_diff(editor_client):
    article = make_article(headline="Crue à Castelmont")
    editor_client.post(change_url(article), change_data(article, headline="Crue majeure"))
    response = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    content = response.content.decode()
    assert "Crue à Castelmont" in content and "Crue majeure" in content


def test_revert_restores_an_earlier_revision(editor_client):
    article = make_article(headline="Crue à Castelmont")
    first = article.history.order_by("history_id").first()
    editor_client.post(change_url(article), change_data(article, headline="Crue majeure"))
    article.refresh_from_db()
    revert_url = reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
    form = editor_client.get(revert_url).context["adminform"].form
    data = change_data(article, headline="Crue à Castelmont")
    data["expected_edit_count"] = form["expected_edit_count"].value()
    assert editor_client.post(revert_url, data).status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Crue à Castelmont"


# --- preview --------------------------------------------------------------------------------


def test_staff_preview_a_draft_as_readers_will_see_it(editor_client):
    article = draft(headline="Une dépêche pas encore publiée")
    response = editor_client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    assert "Une dépêche pas encore publiée" in response.content.decode()


def test_preview_shows_confirmed_quotations_of_a_draft(editor_client):
    article = draft()
    make_quote(article, speaker=make_person("Hélène Varenne"))
    response = editor_client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert "Hélène Varenne" in response.content.decode()


def test_preview_is_for_staff_only(client):
    article = draft()
    response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_draft_itself_is_not_public(client):
    assert client.get(draft().get_absolute_url()).status_code == 404


# --- list -----------------------------------------------------------------------------------


def test_pending_quotations_filter_keeps_dispatches_with_suggestions(editor_client):
    pending, done = make_article(), make_article()
    make_quote(pending, status=Quote.Status.SUGGESTED)
    make_quote(done, status=Quote.Status.CONFIRMED)
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"pending": "yes"})
    assert list(response.context["cl"].result_list) == [pending]


def test_filtered_list_runs_constant_queries(editor_client, django_assert_max_num_queries):
    for _ in range(3):
        make_quote(make_article(), status=Quote.Status.SUGGESTED)
    url = reverse("admin:articles_article_changelist")
    # Session, user, permissions (group), count, filtered count, the page with its pending
    # count and section, the facets for each filter: at most 12 whatever the number of rows.
    with django_assert_max_num_queries(12):
        editor_client.get(url, {"pending": "yes", "publication": "live"})


def test_publication_filter_finds_scheduled_dispatches(editor_client):
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
    make_article()
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"publication": "scheduled"}
    )
    assert list(response.context["cl"].result_list) == [scheduled]


def test_new_tags_are_created_on_save(editor_client):
    article = make_article()
    make_tag("Climat")
    editor_client.post(change_url(article), change_data(article, new_tags="climat, Sécheresse"))
    assert sorted(t.name for t in article.tags.all()) == ["Climat", "Sécheresse"]


# --- tags and people ------------------------------------------------------------------------


def test_tag_merge_action_moves_dispatches(editor_client):
    keep, merged = make_tag("Climat"), make_tag("Climat (doublon)")
    article = make_article()
    article.tags.add(merged)
    editor_client.post(
        reverse("admin:articles_tag_changelist"),
        {
            "action": "merge_tags",
            ACTION_CHECKBOX_NAME: [keep.pk, merged.pk],
            "apply": "1",
            "keep": keep.pk,
        },
    )
    assert list(article.tags.all()) == [keep]
    assert not Tag.objects.filter(pk=merged.pk).exists()


def test_tag_merge_is_not_offered_without_the_merge_permission(reviewer_client):
    tags = [make_tag(), make_tag()]
    article = make_article()
    article.tags.add(tags[1])
    reviewer_client.post(
        reverse("admin:articles_tag_changelist"),
        {"action": "merge_tags", ACTION_CHECKBOX_NAME: [t.pk for t in tags], "apply": "1"},
    )
    assert Tag.objects.filter(pk=tags[1].pk).exists()


def test_renaming_a_tag_in_its_form_keeps_the_slug(editor_client):
    tag = make_tag("Climat")
    editor_client.post(
        reverse("admin:articles_tag_change", args=[tag.pk]),
        {"name": "Climat et énergie", "media_topic": "medtop:20000418"},
    )
    tag.refresh_from_db()
    assert (tag.name, tag.slug, tag.media_topic) == (
        "Climat et énergie",
        "climat",
        "medtop:20000418",
    )


def test_tag_form_refuses_a_malformed_media_topic(editor_client):
    tag = make_tag("Climat")
    response = editor_client.post(
        reverse("admin:articles_tag_change", args=[tag.pk]),
        {"name": "Climat", "media_topic": "20000418"},
    )
    assert response.status_code == 200
    assert "media_topic" in response.context["adminform"].form.errors


def test_person_list_links_to_wikidata(editor_client):
    make_person("Hélène Varenne", wikidata_qid="Q42")
    response = editor_client.get(reverse("admin:articles_person_changelist"))
    assert "https://www.wikidata.org/wiki/Q42" in response.content.decode()


def test_bulk_schedule_applies_the_time(editor_client):
    articles = [draft(), draft()]
    at = timezone.localtime() + timedelta(hours=6)
    changelist_action(
        editor_client,
        "schedule_selected",
        articles,
        apply="1",
        at_0=at.strftime("%Y-%m-%d"),
        at_1=at.strftime("%H:%M:%S"),
    )
    scheduled = Article.objects.filter(status="published", published_at__gt=timezone.now())
    assert scheduled.count() == 2


def test_bulk_embargo_applies_the_end(editor_client):
    articles = [make_article(), make_article()]
    until = timezone.localtime() + timedelta(hours=6)
    changelist_action(
        editor_client,
        "embargo_selected",
        articles,
        apply="1",
        until_0=until.strftime("%Y-%m-%d"),
        until_1=until.strftime("%H:%M:%S"),
    )
    assert not Article.objects.published().exists()


def test_rerun_attribution_action_schedules_the_engine(editor_client, no_attribution):
    article = make_article()
    changelist_action(editor_client, "rerun_attribution", [article])
    assert [scheduled.pk for scheduled in no_attribution] == [article.pk]


def test_a_new_dispatch_by_someone_who_may_not_publish_stays_a_draft(client):
    user = make_user("writer", staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "change_article", "view_article"])
    )
    client.force_login(user)
    now = timezone.localtime()
    client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Brève",
            "slug": "breve",
            "body": "Une brève.",
            "language": "fr",
            "urgency": 5,
            "status": "published",
            "version_created_0": now.strftime("%Y-%m-%d"),
            "version_created_1": now.strftime("%H:%M:%S"),
            "quotes-TOTAL_FORMS": 0,
            "quotes-INITIAL_FORMS": 0,
        },
    )
    assert Article.objects.get(slug="breve").status == Article.Status.DRAFT


def test_preview_needs_a_right_on_dispatches(client):
    client.force_login(make_user("intern", staff=True))
    response = client.get(reverse("admin:articles_article_preview", args=[draft().pk]))
    assert response.status_code == 403


def test_a_browser_save_keeps_the_bodys_line_breaks_and_quotations(editor_client):
    article = make_article()
    quote = make_quote(article)
    crlf = article.body.replace("\n", "\r\n")
    response = editor_client.post(change_url(article), change_data(article, body=crlf))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body == article.body
    assert Quote.objects.get(pk=quote.pk).start == quote.start


def test_line_breaks_from_a_browser_are_not_a_change_of_text(editor_client, no_attribution):
    article = make_article()
    crlf = article.body.replace("\n", "\r\n")
    editor_client.post(change_url(article), change_data(article, body=crlf))
    assert no_attribution == []


def test_quotations_are_listed_read_only_on_the_dispatch_form(editor_client):
    article = make_article()
    make_quote(article, status=Quote.Status.SUGGESTED)
    response = editor_client.get(change_url(article))
    assert response.context["inline_admin_formsets"] == []
    table = response.text.split('id="quote-table"')[1].split("</table>")[0]
    assert "« Nous protégerons chaque berge »" in table.replace("\xa0", " ")
    assert "<textarea" not in table and "suggérée" in table
