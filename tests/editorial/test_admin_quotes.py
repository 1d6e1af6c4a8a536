"""Quotations in the admin (issue 20, F1): status and speaker are review decisions. Editors see
them read-only; reviewers change them only through the review services — the version check,
a `QuoteDecision` on record."""

import pytest
from django.urls import reverse

from articles.models import Quote, QuoteDecision
from tests.factories import make_article, make_person, make_quote
from tests.review.factories import make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def suggestion():
    return make_quote(make_article(), status=Quote.Status.SUGGESTED, speaker=make_person("Ana"))


def change_url(quote: Quote) -> str:
    return reverse("admin:articles_quote_change", args=[quote.pk])


def form_data(quote: Quote, **overrides) -> dict:
    data = {
        "article": quote.article_id,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "mention": quote.mention,
        "cue": quote.cue,
        "speaker": quote.speaker_id or "",
        "speaker_type": quote.speaker_type,
        "status": quote.status,
        "confidence": quote.confidence,
        "expected_version": quote.version,
    }
    data.update(overrides)
    return data


def test_an_editor_cannot_confirm_a_quotation_in_the_change_form(client, editor, suggestion):
    client.force_login(editor)
    response = client.post(change_url(suggestion), form_data(suggestion, status="confirmed"))
    assert response.status_code in (302, 200)
    suggestion.refresh_from_db()
    assert suggestion.status == Quote.Status.SUGGESTED
    assert not Quote.objects.public().exists()


def test_an_editor_cannot_confirm_through_a_forged_decision(client, editor, suggestion):
    client.force_login(editor)
    response = client.post(change_url(suggestion), form_data(suggestion, decision="confirm"))
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == Quote.Status.SUGGESTED


def test_an_editor_cannot_change_the_speaker_in_the_change_form(client, editor, suggestion):
    other = make_person("Bruno")
    client.force_login(editor)
    client.post(change_url(suggestion), form_data(suggestion, speaker=other.pk))
    suggestion.refresh_from_db()
    assert suggestion.speaker.name == "Ana"


def test_an_editor_sees_status_and_speaker_read_only(client, editor, suggestion):
    client.force_login(editor)
    page = client.get(change_url(suggestion))
    fields = page.context["adminform"].form.fields
    assert "status" not in fields
    assert "speaker" not in fields
    assert 'name="decision"' not in page.text


def test_an_editor_adds_a_quotation_only_as_a_suggestion(client, editor):
    article = make_article()
    client.force_login(editor)
    quote = make_quote(article)  # to borrow its span
    data = form_data(quote, status="confirmed", speaker=make_person("Ana").pk)
    quote.delete()
    response = client.post(reverse("admin:articles_quote_add"), data)
    assert response.status_code == 302
    added = Quote.objects.get()
    assert added.status == Quote.Status.SUGGESTED
    assert not Quote.objects.public().exists()


def test_a_reviewer_confirms_through_the_service_and_it_is_recorded(client, suggestion):
    client.force_login(make_reviewer())
    response = client.post(change_url(suggestion), form_data(suggestion, decision="confirm"))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Quote.Status.CONFIRMED
    assert suggestion.version == 2
    decision = QuoteDecision.objects.get(quote=suggestion)
    assert decision.action == QuoteDecision.Action.CONFIRM


def test_a_reviewer_changing_the_speaker_records_a_reassignment(client, suggestion):
    other = make_person("Bruno")
    client.force_login(make_reviewer())
    client.post(change_url(suggestion), form_data(suggestion, speaker=other.pk, note="vérifié"))
    suggestion.refresh_from_db()
    assert suggestion.speaker == other
    assert suggestion.status == Quote.Status.CORRECTED
    decision = QuoteDecision.objects.get(quote=suggestion)
    assert (decision.action, decision.note) == (QuoteDecision.Action.REASSIGN, "vérifié")


def test_a_reviewer_with_a_stale_form_overwrites_nothing(client, suggestion):
    reviewer = make_reviewer()
    stale = suggestion.version
    Quote.objects.filter(pk=suggestion.pk).update(version=stale + 1)
    client.force_login(reviewer)
    client.post(change_url(suggestion), form_data(suggestion, decision="reject"))
    suggestion.refresh_from_db()
    assert suggestion.status == Quote.Status.SUGGESTED
    assert not QuoteDecision.objects.exists()


def test_an_editor_cannot_reassign_an_existing_quotation_from_the_dispatch_form(
    client, editor, suggestion
):
    from tests.editorial.test_admin import change_data

    article = suggestion.article
    other = make_person("Bruno")
    client.force_login(editor)
    data = change_data(article)
    data.update(
        {
            "quotes-TOTAL_FORMS": 1,
            "quotes-INITIAL_FORMS": 1,
            "quotes-0-id": suggestion.pk,
            "quotes-0-article": article.pk,
            "quotes-0-text": suggestion.text,
            "quotes-0-kind": suggestion.kind,
            "quotes-0-speaker": other.pk,
            "quotes-0-speaker_type": "organization",
            "quotes-0-start": suggestion.start,
            "quotes-0-end": suggestion.end,
        }
    )
    client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    suggestion.refresh_from_db()
    assert suggestion.speaker.name == "Ana"
    assert suggestion.speaker_type == Quote.SpeakerType.PERSON
