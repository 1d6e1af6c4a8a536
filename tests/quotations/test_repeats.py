import json

import pytest

from articles.models import Quotation, Quote, QuoteDecision
from articles.services import review
from articles.services.quotations import apply_to_repeats, group_all_quotes, same_words
from tests.factories import make_article, make_person, make_user
from tests.quotations.helpers import WORDS, repeated_quotation
from tests.review.factories import review_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Nous ne céderons rien", "nous ne CÉDERONS rien", True),
        (WORDS, f"{WORDS}, vraiment", True),  # 13 words of 14: 93%
        (WORDS, "Nous ne fermerons aucune école", False),  # 5 of 13
        ("", "", False),
    ],
)
def test_same_words_needs_80_percent_of_each_side(a, b, same):
    from articles.services.quotations import quote_words

    assert same_words(quote_words(a), quote_words(b)) is same


def test_three_dispatches_repeating_a_quotation_give_one_quotation_with_three_occurrences():
    speaker, quotes = repeated_quotation()
    assert Quotation.objects.count() == 1
    quotation = Quotation.objects.get()
    assert quotation.speaker == speaker and not quotation.indirect
    assert sorted(quotation.occurrences.values_list("pk", flat=True)) == [q.pk for q in quotes]


def test_another_speaker_or_reported_speech_is_another_quotation():
    speaker, quotes = repeated_quotation()
    other = make_person("Aurèle Dambrin")
    article = make_article(body=f"« {WORDS} », a dit Aurèle Dambrin.")
    start = article.body.index(WORDS)
    Quote.objects.create(
        article=article,
        text=WORDS,
        start=start,
        end=start + len(WORDS),
        speaker=other,
        status="confirmed",
    )
    article = make_article(body=f"Selon Mathilde Orsenne, {WORDS}.")
    start = article.body.index(WORDS)
    Quote.objects.create(
        article=article,
        text=WORDS,
        start=start,
        end=start + len(WORDS),
        speaker=speaker,
        kind="indirect",
        status="confirmed",
    )
    group_all_quotes()
    assert Quotation.objects.count() == 3
    assert Quotation.objects.filter(indirect=True, speaker=speaker).count() == 1


def test_quotation_page_names_the_first_report_and_every_later_one(
    client, django_assert_num_queries
):
    _speaker, quotes = repeated_quotation()
    quotation = Quotation.objects.get()
    # The quotation with its speaker; its public occurrences with their dispatches and
    # sections (three here); the speaker's confirmed roles.
    with django_assert_num_queries(3):
        response = client.get(f"/quotes/{quotation.pk}/")
    text = response.text
    first = quotes[0].article
    assert text.index(first.headline) < text.index(quotes[1].article.headline)
    assert "first reported" in text or "première" in text.lower() or "premi" in text
    for quote in quotes:
        assert f"{quote.article.get_absolute_url()}#q{quote.pk}" in text


def test_quotation_page_carries_a_quotation_json_ld():
    from django.test import Client

    _speaker, quotes = repeated_quotation()
    quotation = Quotation.objects.get()
    text = Client().get(f"/quotes/{quotation.pk}/").text
    raw = text.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["@type"] == "Quotation"
    assert data["text"] == WORDS
    assert data["creator"]["name"] == "Mathilde Orsenne"
    assert len(data["isPartOf"]) == 3
    # to the second, as every date the site prints (issue 18: no microseconds)
    first = quotes[0].article.published_at.replace(microsecond=0)
    assert data["datePublished"] == first.isoformat()


def test_reported_speech_page_is_never_called_a_quotation(client):
    speaker = make_person("Mathilde Orsenne")
    article = make_article(body=f"Selon Mathilde Orsenne, {WORDS}.")
    start = article.body.index(WORDS)
    Quote.objects.create(
        article=article,
        text=WORDS,
        start=start,
        end=start + len(WORDS),
        speaker=speaker,
        kind="indirect",
        status="confirmed",
    )
    group_all_quotes()
    text = client.get(f"/quotes/{Quotation.objects.get().pk}/").text
    assert "application/ld+json" not in text
    assert "Quotation" not in text and "Citation" not in text
    assert f"« {WORDS}" not in text
    assert WORDS in text


def test_quotation_without_public_occurrence_is_not_found(client):
    repeated_quotation(status=Quote.Status.SUGGESTED)
    assert client.get(f"/quotes/{Quotation.objects.get().pk}/").status_code == 404


def test_speaker_page_lists_each_quotation_once_with_its_count(client):
    speaker, quotes = repeated_quotation()
    text = client.get(speaker.get_absolute_url()).text
    assert text.count(f'href="/quotes/{quotes[0].quotation_id}/"') == 1
    assert "3" in text.split(f'href="/quotes/{quotes[0].quotation_id}/"')[1][:40]


def test_who_said_search_lists_each_quotation_once(client):
    _speaker, quotes = repeated_quotation()
    text = client.get("/quotes/", {"q": "école rurale"}).text
    assert text.count('class="quotation') == 1
    assert f'href="/quotes/{quotes[0].quotation_id}/"' in text


def test_speaker_page_query_count_does_not_grow_with_repeats(client, django_assert_num_queries):
    speaker, _ = repeated_quotation()
    for _ in range(3):
        repeated_quotation(speaker=speaker)  # nine more occurrences of the same words
    # The person; aliases; tags for the filter form; the speaker's confirmed roles; one page of
    # quotations (each once, its count a subquery); quoted in; mentioned in; quoted alongside.
    with django_assert_num_queries(8):
        client.get(speaker.get_absolute_url())


def test_one_decision_is_offered_for_all_repeats_and_each_is_recorded(settings):
    review_settings(settings)
    reviewer = make_user("relectrice", group="Reviewers")
    _speaker, quotes = repeated_quotation(status=Quote.Status.SUGGESTED)
    review.confirm_quote(quote=quotes[1], reviewer=reviewer, expected_version=quotes[1].version)
    result = apply_to_repeats(quote=quotes[1], reviewer=reviewer)
    assert sorted(q.pk for q in result.applied) == [quotes[0].pk, quotes[2].pk]
    assert set(Quote.objects.values_list("status", flat=True)) == {"confirmed"}
    assert QuoteDecision.objects.count() == 3
    assert QuoteDecision.objects.filter(note__contains=f"#{quotes[1].pk}").count() == 2


def test_rejecting_one_occurrence_is_offered_for_its_repeats(settings):
    review_settings(settings)
    reviewer = make_user("relectrice", group="Reviewers")
    _speaker, quotes = repeated_quotation(status=Quote.Status.SUGGESTED)
    review.reject_quote(quote=quotes[0], reviewer=reviewer, expected_version=quotes[0].version)
    apply_to_repeats(quote=quotes[0], reviewer=reviewer)
    assert set(Quote.objects.values_list("status", flat=True)) == {"rejected"}


def test_review_desk_offers_the_decision_for_the_repeats_in_one_action(client, settings):
    review_settings(settings)
    reviewer = make_user("relectrice", group="Reviewers")
    client.force_login(reviewer)
    _speaker, quotes = repeated_quotation(status=Quote.Status.SUGGESTED)
    first = quotes[0]
    client.post(f"/review/quotes/{first.pk}/confirm/", {"version": first.version})
    first.refresh_from_db()
    page = client.get(f"/review/quotes/{first.pk}/").text
    assert f"/review/quotes/{first.pk}/repeats/" in page
    queue = client.get("/review/").text
    assert "already confirmed" in queue or "déjà confirmée" in queue
    response = client.post(f"/review/quotes/{first.pk}/repeats/", {"version": first.version})
    assert response.status_code == 302
    assert Quote.objects.filter(status="confirmed").count() == 3


def test_repeats_action_refuses_a_stale_version(client, settings):
    review_settings(settings)
    reviewer = make_user("relectrice", group="Reviewers")
    client.force_login(reviewer)
    _speaker, quotes = repeated_quotation(status=Quote.Status.SUGGESTED)
    first = quotes[0]
    review.confirm_quote(quote=first, reviewer=reviewer, expected_version=first.version)
    client.post(f"/review/quotes/{first.pk}/repeats/", {"version": 0})
    assert Quote.objects.filter(status="suggested").count() == 2


def test_reassigning_an_occurrence_moves_it_out_of_its_quotation(settings):
    review_settings(settings)
    reviewer = make_user("relectrice", group="Reviewers")
    _speaker, quotes = repeated_quotation(status=Quote.Status.SUGGESTED)
    other = make_person("Aurèle Dambrin")
    review.reassign_quote(
        quote=quotes[2], reviewer=reviewer, expected_version=quotes[2].version, speaker=other
    )
    quotes[2].refresh_from_db()
    assert quotes[2].quotation.speaker == other
    assert Quotation.objects.get(pk=quotes[0].quotation_id).occurrences.count() == 2


def test_quotation_page_lists_a_bounded_number_of_reports(client, monkeypatch):
    from articles import views

    monkeypatch.setattr(views, "OCCURRENCES_SHOWN", 2)
    _speaker, quotes = repeated_quotation()
    text = client.get(f"/quotes/{quotes[0].quotation_id}/", headers={"Accept-Language": "en"}).text
    assert quotes[1].article.headline in text and quotes[2].article.headline not in text
