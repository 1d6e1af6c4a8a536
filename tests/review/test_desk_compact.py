"""The review desk as reviewers work in it: compact items, story mode, undo, the reviewer's
choice over the engine's confidence, mentions that are names, pronouns or roles."""

import pytest
from django.urls import reverse

from articles.models import Quote
from articles.services import review
from tests.review.factories import make_review_article

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_story_mode_lists_every_quotation_of_the_dispatch_in_reading_order(desk, quotes):
    article = quotes[0].article
    text = desk.get(reverse("review:story", args=[article.pk])).text
    positions = [text.index(f'id="quote-{quote.pk}"') for quote in quotes]
    assert positions == sorted(positions)
    assert text.count('data-quote-link="quote-') == len(quotes)  # marked in the full text


def test_undo_puts_a_confirmed_quotation_back_to_review(desk, quotes, reviewer):
    quote = review.confirm_quote(quote=quotes[0], reviewer=reviewer, expected_version=1)
    response = desk.post(
        reverse("review:quote-undo", args=[quote.pk]),
        {"version": quote.version, "next": "/review/"},
        headers=HTMX,
    )
    quote.refresh_from_db()
    assert quote.status == Quote.Status.SUGGESTED and quote.reviewed_by is None
    assert "Decision undone" in response.text or "Décision annulée" in response.text
    assert quote.decisions.first().action == "undo"


def test_undo_takes_a_reassignment_back_to_the_proposed_speaker(desk, quotes, reviewer):
    from tests.factories import make_person

    other = make_person("Paul Autre")
    before = quotes[0].speaker_id
    quote = review.reassign_quote(
        quote=quotes[0], reviewer=reviewer, expected_version=1, speaker=other
    )
    review.undo_decision(quote=quote, reviewer=reviewer, expected_version=quote.version)
    quote.refresh_from_db()
    assert quote.speaker_id == before and quote.status == Quote.Status.SUGGESTED


def test_an_undone_confirmation_is_not_counted_today(desk, quotes, reviewer):
    quote = review.confirm_quote(quote=quotes[0], reviewer=reviewer, expected_version=1)
    review.undo_decision(quote=quote, reviewer=reviewer, expected_version=quote.version)
    from articles.review.queries import desk_counters

    counters = desk_counters()
    assert counters.confirmed_today == 0 and counters.per_reviewer == []


def test_a_decided_item_shows_the_decision_not_the_engines_confidence(desk, quotes, reviewer):
    review.reassign_quote(
        quote=quotes[1], reviewer=reviewer, expected_version=1, speaker=quotes[0].speaker
    )
    text = desk.get("/review/?status=all").text
    item = text.split(f'id="quote-{quotes[1].pk}"')[1].split("</li>")[0]
    assert "confidence" not in item.split("item-facts")[1].split("</p>")[0]
    assert "relecteur" in item


def test_confirm_and_reject_have_distinct_weights(desk, quotes):
    text = desk.get("/review/").text
    assert 'class="decide-confirm"' in text and 'class="decide-reject"' in text


def test_keyboard_shortcuts_are_offered_once(desk, quotes):
    assert desk.get("/review/").text.count("Keyboard shortcuts</summary>") == 1


def test_each_item_keeps_its_bulk_selection_checkbox(desk, quotes):
    text = desk.get("/review/").text
    assert text.count('name="selected"') == len(quotes)


def test_a_sentence_is_neither_shown_as_a_mention_nor_offered_as_an_alias(desk):
    article, [quote, *_] = make_review_article()
    sentence = "Le texte prévoit d'interdire les prélèvements agricoles"
    Quote.objects.filter(pk=quote.pk).update(mention=sentence)
    text = desk.get("/review/").text
    assert sentence not in text


def test_a_real_mention_is_offered_as_an_alias(desk, quotes):
    text = desk.get("/review/").text
    assert "Add “le maire de Castelmont” as an alias" in text


def test_a_described_body_is_proposed_as_a_new_organisation_named_as_a_name(desk):
    article, [quote, *_] = make_review_article()
    Quote.objects.filter(pk=quote.pk).update(
        speaker=None, speaker_type=Quote.SpeakerType.ORGANIZATION, mention="le parquet de Valmont"
    )
    text = desk.get("/review/").text
    assert f'id="name-{quote.pk}" name="name" value="Parquet de Valmont"' in text
    assert '<option value="organization" selected>' in text


def test_a_named_mention_is_proposed_as_written():
    from articles.review.queries import _new_person

    proposed = (
        ("M. Poutine", "person", "M. Poutine", "person"),
        ("la syndicaliste", "anonymous", "la syndicaliste", "person"),
        ("l'association des riverains", "group", "Association des riverains", "group"),
        ("Le Courrier de Valmont", "organization", "Le Courrier de Valmont", "organization"),
    )
    for mention, speaker_type, name, kind in proposed:
        quote = Quote(mention=mention, speaker_type=speaker_type)
        quote.real_mention = mention
        assert _new_person(quote) == (name, kind)
