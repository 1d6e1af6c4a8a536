"""The review desk's pages and actions: every action as a full page (form POST + redirect) and as
an HTMX fragment, the queue's filters and its fixed number of queries, the record."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Person, PersonAlias, Quote, QuoteDecision
from articles.services import review, save_article
from tests.factories import make_article, make_person, make_section
from tests.review.factories import (
    make_review_article,
    make_reviewer,
    make_suggestion,
)

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def item_ids(html: str) -> list[int]:
    import re

    return [int(pk) for pk in re.findall(r'<li id="quote-(\d+)"', html)]


# --- the queue --------------------------------------------------------------------------------


def test_queue_lists_pending_quotations_lowest_confidence_first(desk, quotes):
    response = desk.get(reverse("review:queue"))
    assert response.status_code == 200
    by_confidence = sorted(quotes, key=lambda q: q.confidence)
    assert item_ids(response.text) == [q.pk for q in by_confidence]


def test_queue_shows_quote_in_its_paragraph_with_mention_cue_and_candidates(desk, quotes):
    make_person("Paul Ardent")
    text = desk.get(reverse("review:queue")).text
    assert "« <mark>Le budget est prêt</mark> », a ajouté la ministre devant les élus." in text
    assert "<dd>la ministre</dd>" in text and "<dd>a ajouté</dd>" in text
    assert "confidence 0,50" in text or "confidence 0.50" in text
    # Hélène Varenne is mentioned in the dispatch: a candidate for the quotes she is not given.
    assert f'id="candidate-{quotes[4].pk}-' in text


def test_candidates_put_the_speaker_of_the_nearest_quotation_first(desk):
    """The likeliest correction first: speakers of the other quotations by how near their
    quotation stands (then how often they are quoted), the people only mentioned after them by
    name, the proposed speaker never."""
    body = (
        "« Un », a dit Hélène Varenne. " + "Le conseil a longuement débattu. " * 12 + "\n\n"
        "« Deux », a dit Paul Ardent.\n\n« Trois », a dit Paul Ardent. "
        + "Puis silence. " * 6
        + "\n\n« Quatre », a lancé Anne Abel.\n\n« Cinq », a dit Zoé Merle."
    )
    article = make_article(body=body)
    varenne, ardent, abel, merle, mentioned = (
        make_person(name)
        for name in ("Hélène Varenne", "Paul Ardent", "Anne Abel", "Zoé Merle", "Albin Morel")
    )
    article.people.add(mentioned, varenne)
    for text, speaker in (
        ("Un", varenne),
        ("Deux", ardent),
        ("Trois", ardent),
        ("Quatre", abel),
        ("Cinq", merle),
    ):
        make_suggestion(article, text, speaker=speaker)
    text = desk.get(reverse("review:queue")).text
    item = text[text.index("« <mark>Quatre</mark> »") :]
    item = item[item.index('class="speaker-choices"') : item.index("</ul>")]
    shown = ("Zoé Merle", "Paul Ardent", "Hélène Varenne", "Albin Morel")
    assert [item.index(name) for name in shown] == sorted(item.index(name) for name in shown)
    assert "Anne Abel" not in item


def test_queue_leaves_out_decided_quotations_but_keeps_lost_anchors(desk, reviewer, quotes):
    review.confirm_quote(quote=quotes[0], reviewer=reviewer, expected_version=1)
    review.reject_quote(quote=quotes[1], reviewer=reviewer, expected_version=1)
    lost = make_suggestion(make_article(body="« Perdu », a dit Hélène."), "Perdu")
    lost.article.body = "Tout a changé."
    save_article(lost.article)
    lost.refresh_from_db()
    Quote.objects.filter(pk=lost.pk).update(status=Quote.Status.CONFIRMED)
    ids = item_ids(desk.get(reverse("review:queue")).text)
    assert quotes[0].pk not in ids and quotes[1].pk not in ids
    assert lost.pk in ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"confidence": "low"}, [4, 3]),
        ({"confidence": "medium"}, [1, 2]),
        ({"confidence": "high"}, [0]),
        ({"sort": "-confidence"}, [0, 2, 1, 3, 4]),
        ({"speaker": "Varenne"}, [1, 0]),
        ({"speaker": "none"}, [4, 3, 2]),
        ({"speaker": "maire"}, [3]),
    ],
)
def test_queue_filters_and_sorts(desk, quotes, query, expected):
    text = desk.get(reverse("review:queue"), query).text
    assert item_ids(text) == [quotes[i].pk for i in expected]


def test_queue_filters_by_status(desk, reviewer, quotes):
    review.reject_quote(quote=quotes[2], reviewer=reviewer, expected_version=1)
    text = desk.get(reverse("review:queue"), {"status": "rejected"}).text
    assert item_ids(text) == [quotes[2].pk]


def test_queue_filters_by_language_section_article_and_date(desk, quotes):
    section = make_section("Monde")
    english = make_article(
        body="“We will see,” the mayor said.",
        language="en",
        section=section,
        first_created=timezone.now() - timedelta(days=10),
    )
    other = make_suggestion(english, "We will see,", confidence=0.2)
    queue = reverse("review:queue")
    assert item_ids(desk.get(queue, {"language": "en"}).text) == [other.pk]
    assert item_ids(desk.get(queue, {"section": "monde"}).text) == [other.pk]
    assert item_ids(desk.get(queue, {"article": english.pk}).text) == [other.pk]
    old = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert item_ids(desk.get(queue, {"date_to": old}).text) == [other.pk]
    assert other.pk not in item_ids(desk.get(queue, {"date_from": old}).text)


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "999"},
        {"date_from": "2026-13-45"},
        {"confidence": "huge", "sort": "random", "status": "x"},
        {"speaker": "Var\x00enne", "language": "f\x00r"},
        {"article": "-1", "section": "nowhere"},
    ],
)
def test_queue_never_fails_on_what_a_user_can_type(desk, quotes, query):
    assert desk.get(reverse("review:queue"), query).status_code == 200


def test_queue_htmx_request_gets_the_results_fragment(desk, quotes):
    response = desk.get(reverse("review:queue"), {"confidence": "low"}, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="queue-results"' in response.text
    assert "HX-Request" in response["Vary"]


def test_queue_runs_a_fixed_number_of_queries(desk, django_assert_num_queries):
    for _ in range(3):
        make_review_article(section=make_section())  # 15 items over 3 dispatches and sections
    # session, user, the user's permissions and their groups' permissions (4); the page of
    # quotes joined to dispatch, section, speaker and reviewer (1); the prefetches: people
    # mentioned, the dispatches' attributed quotes, the history (3); the counters: pending (which
    # is also the whole queue's count) and today's decisions (2); the sections of the filter
    # form (1); the dispatches whose attribution failed, for the desk's notice (1).
    with django_assert_num_queries(12):
        response = desk.get(reverse("review:queue"))
    assert len(item_ids(response.text)) == 15
    # A narrowed queue counts its own quotations: one query more, whatever it shows.
    with django_assert_num_queries(13):
        response = desk.get(reverse("review:queue"), {"confidence": "low", "sort": "newest"})
    assert response.status_code == 200


def test_queue_escapes_wire_text_and_names(desk):
    body = "« <b>Osez</b> », a lancé <i>Varenne</i>."
    article = make_article(headline="<img src=x onerror=alert(1)>", body=body)
    make_suggestion(article, "<b>Osez</b>", speaker=make_person("<script>x</script>"))
    text = desk.get(reverse("review:queue")).text
    assert "<b>Osez" not in text and "<img src=x" not in text and "<script>x" not in text
    assert "&lt;b&gt;Osez&lt;/b&gt;" in text


def test_counters_show_pending_confirmed_today_and_per_reviewer(desk, reviewer, quotes):
    other = make_reviewer("seconde")
    review.confirm_quote(quote=quotes[0], reviewer=reviewer, expected_version=1)
    review.confirm_quote(quote=quotes[1], reviewer=other, expected_version=1)
    review.reject_quote(quote=quotes[2], reviewer=other, expected_version=1)
    text = desk.get(reverse("review:queue")).text
    assert "<strong>2</strong> quotations awaiting review" in text
    assert "<strong>2</strong> confirmed today" in text
    assert "seconde: 2 decisions (1 confirmed)" in text
    assert "relecteur: 1 decision (1 confirmed)" in text


def test_queue_loads_the_keyboard_script_from_static_files_without_inline_script(desk, quotes):
    text = desk.get(reverse("review:queue")).text
    assert '<script src="/static/js/review.js" defer></script>' in text
    assert "<script>" not in text and "hx-on" not in text and "onclick" not in text


# --- actions ------------------------------------------------------------------------------------


def _post(quote, **extra):
    return {"version": quote.version, "next": "/review/?confidence=low", **extra}


ACTIONS = {
    "confirm": ("review:quote-confirm", lambda q: _post(q), "confirmed"),
    "reject": ("review:quote-reject", lambda q: _post(q, note="titre"), "rejected"),
    "reassign": (
        "review:quote-reassign",
        lambda q: _post(q, speaker=make_person("Paul Ardent").pk),
        "corrected",
    ),
    "alias": ("review:quote-alias", lambda q: _post(q), "confirmed"),
    "create-person": (
        "review:quote-create-person",
        lambda q: _post(q, name="Jules Castel", kind="person"),
        "corrected",
    ),
    "span": ("review:quote-span", lambda q: _post(q, text="Le budget"), "corrected"),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_action_as_plain_form_post_redirects_back_with_a_message(desk, quotes, action):
    name, data, status = ACTIONS[action]
    quote = quotes[1]  # "Le budget est prêt", mention "la ministre", speaker Hélène Varenne
    response = desk.post(reverse(name, args=[quote.pk]), data(quote))
    assert response.status_code == 302
    assert response["Location"] == f"/review/?confidence=low#quote-{quote.pk}"
    quote.refresh_from_db()
    assert quote.status == status and quote.version == 2
    assert QuoteDecision.objects.filter(quote=quote).count() == 1
    page = desk.get(response["Location"])
    assert 'class="message success"' in page.text


@pytest.mark.parametrize("action", ACTIONS)
def test_action_as_htmx_request_swaps_the_item_in_place(desk, quotes, action):
    name, data, status = ACTIONS[action]
    quote = quotes[1]
    response = desk.post(reverse(name, args=[quote.pk]), data(quote), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith(f'<li id="quote-{quote.pk}"')
    assert f'data-status="{status}"' in response.text
    assert 'hx-swap-oob="innerHTML:#review-status"' in response.text
    assert 'id="review-counters"' in response.text and 'hx-swap-oob="true"' in response.text
    assert 'name="version" value="2"' in response.text  # the next decision starts from here


def test_action_result_is_shown_in_the_history(desk, quotes):
    quote = quotes[1]
    desk.post(reverse("review:quote-reject", args=[quote.pk]), _post(quote, note="un titre"))
    text = desk.get(reverse("review:quote-detail", args=[quote.pk])).text
    assert "relecteur · not a quotation:" in text
    assert "suggested → rejected" in text and "<q>un titre</q>" in text


def test_reassign_without_a_chosen_speaker_is_refused(desk, quotes):
    quote = quotes[4]
    response = desk.post(reverse("review:quote-reassign", args=[quote.pk]), _post(quote))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("review:quote-detail", args=[quote.pk]))
    assert "Choose a speaker first" in desk.get(response["Location"]).text
    quote.refresh_from_db()
    assert quote.version == 1


def test_refused_action_as_htmx_shows_the_reason_in_the_item(desk, quotes):
    quote = quotes[1]
    response = desk.post(
        reverse("review:quote-span", args=[quote.pk]),
        _post(quote, text="introuvable"),
        headers=HTMX,
    )
    assert 'class="review-error"' in response.text
    assert "do not appear in the dispatch" in response.text


def test_second_reviewer_sees_who_changed_it_and_when_as_htmx(desk, quotes):
    quote = quotes[0]
    review.confirm_quote(quote=quote, reviewer=make_reviewer("premier"), expected_version=1)
    response = desk.post(
        reverse("review:quote-reject", args=[quote.pk]), _post(quote), headers=HTMX
    )
    assert "Changed by premier at" in response.text
    assert 'data-status="confirmed"' in response.text  # the current state, not ours
    quote.refresh_from_db()
    assert quote.status == "confirmed"


def test_second_reviewer_sees_who_changed_it_and_when_without_js(desk, quotes):
    quote = quotes[0]
    review.confirm_quote(quote=quote, reviewer=make_reviewer("premier"), expected_version=1)
    response = desk.post(reverse("review:quote-reject", args=[quote.pk]), _post(quote))
    assert response["Location"].startswith(reverse("review:quote-detail", args=[quote.pk]))
    page = desk.get(response["Location"]).text
    assert "Changed by premier at" in page
    assert 'data-status="confirmed"' in page
    assert Quote.objects.get(pk=quote.pk).status == "confirmed"


def test_redirect_after_action_never_leaves_the_site(desk, quotes):
    quote = quotes[0]
    data = _post(quote) | {"next": "https://evil.example/"}
    response = desk.post(reverse("review:quote-confirm", args=[quote.pk]), data)
    assert response["Location"] == f"/review/#quote-{quote.pk}"


def test_actions_refuse_get(desk, quotes):
    assert desk.get(reverse("review:quote-confirm", args=[quotes[0].pk])).status_code == 405


def test_bulk_confirm_as_plain_form_post(desk, quotes):
    data = {"selected": [f"{q.pk}:1" for q in quotes[:3]], "next": "/review/"}
    response = desk.post(reverse("review:bulk-confirm"), data)
    assert response.status_code == 302 and response["Location"] == "/review/"
    assert Quote.objects.filter(status="confirmed").count() == 3
    assert "3 quotations confirmed." in desk.get("/review/").text


def test_bulk_confirm_as_htmx_refreshes_the_list_and_its_count(desk, quotes):
    data = {"selected": [f"{quotes[0].pk}:1", f"{quotes[1].pk}:1"], "next": "/review/"}
    response = desk.post(reverse("review:bulk-confirm"), data, headers=HTMX)
    assert "<html" not in response.text
    # The "awaiting review" list no longer holds the decided items, and its heading says so.
    for quote in quotes[:2]:
        assert f'<li id="quote-{quote.pk}"' not in response.text
    assert f'<li id="quote-{quotes[2].pk}"' in response.text
    pending = len(quotes) - 2
    assert f'<h2 id="queue-heading">{pending} quotations</h2>' in response.text
    assert "2 quotations confirmed." in response.text


def test_bulk_confirm_reports_conflicts(desk, quotes):
    review.reject_quote(quote=quotes[1], reviewer=make_reviewer("premier"), expected_version=1)
    data = {"selected": [f"{quotes[0].pk}:1", f"{quotes[1].pk}:1"]}
    response = desk.post(reverse("review:bulk-confirm"), data, headers=HTMX)
    assert "1 quotation confirmed." in response.text and "Changed by premier" in response.text
    assert Quote.objects.get(pk=quotes[1].pk).status == "rejected"


def test_bulk_confirm_with_nothing_selected(desk, quotes):
    response = desk.post(reverse("review:bulk-confirm"), {"selected": ["abc"]}, headers=HTMX)
    assert "Select at least one quotation." in response.text


# --- speakers, quote page, merges -------------------------------------------------------------


def test_speaker_type_ahead_finds_names_and_aliases(desk):
    person = make_person("Vladimir Poutine")
    PersonAlias.objects.create(person=person, name="le président russe")
    make_person("Hélène Varenne")
    for q in ("Poutine", "poutine", "président russe", "PRESIDENT"):
        response = desk.get(reverse("review:speaker-search"), {"q": q, "quote": "7"}, headers=HTMX)
        assert "<html" not in response.text
        assert f'id="speaker-7-{person.pk}"' in response.text, q
        assert "Varenne" not in response.text


def test_merge_page_type_ahead_names_its_radios_after_the_field(desk):
    person = make_person("Vladimir Poutine")
    response = desk.get(
        reverse("review:speaker-search"), {"keep_q": "Pout", "field": "keep"}, headers=HTMX
    )
    assert f'name="keep" value="{person.pk}"' in response.text


def test_speaker_type_ahead_without_js_is_a_page(desk):
    make_person("Vladimir Poutine")
    response = desk.get(reverse("review:speaker-search"), {"q": "Pou\x00tine"})
    assert response.status_code == 200 and "<html" in response.text


def test_quote_page_searches_speakers_without_js(desk, quotes):
    person = make_person("Jules Castel")
    url = reverse("review:quote-detail", args=[quotes[3].pk])
    text = desk.get(url, {"q": "Castel", "next": "/review/"}).text
    assert f'id="speaker-{quotes[3].pk}-{person.pk}"' in text
    assert 'value="Castel"' in text


def test_merge_from_the_desk_and_undo(desk, quotes):
    keep = make_person("Vladimir Poutine")
    merge = make_person("Poutine")
    quotes[4].speaker = merge
    quotes[4].save()
    response = desk.post(reverse("review:merge"), {"keep": keep.pk, "merge": merge.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=merge.pk).exists()
    record_page = desk.get(response["Location"]).text
    assert "Poutine merged into Vladimir Poutine" in record_page
    undo = response["Location"] + "undo/"
    assert desk.post(undo).status_code == 302
    assert Person.objects.filter(pk=merge.pk).exists()
    assert Quote.objects.get(pk=quotes[4].pk).speaker_id == merge.pk


def test_merge_form_searches_both_people_without_js(desk):
    make_person("Vladimir Poutine")
    text = desk.get(reverse("review:merge"), {"keep_q": "Vladimir", "merge_q": "Pout"}).text
    assert 'name="keep"' in text and 'name="merge"' in text


def test_merge_of_a_person_with_itself_is_refused(desk):
    person = make_person("Poutine")
    response = desk.post(reverse("review:merge"), {"keep": person.pk, "merge": person.pk})
    assert response.status_code == 400
    assert "Choose two different people." in response.text


def test_quote_page_shows_the_whole_history_in_fixed_queries(
    desk, reviewer, quotes, django_assert_num_queries
):
    quote = quotes[1]
    review.confirm_quote(quote=quote, reviewer=reviewer, expected_version=1)
    review.reassign_quote(
        quote=quote, reviewer=make_reviewer("seconde"), expected_version=2, speaker=make_person("X")
    )
    review.reject_quote(quote=quote, reviewer=reviewer, expected_version=3, note="titre")
    # session, user, permissions of the user and of their groups (4); the quote with dispatch,
    # section, speaker and reviewer (1); people mentioned, attributed quotes, history (3); its
    # quotation's decided and pending occurrences (2: the reassignment grouped it).
    with django_assert_num_queries(10):
        response = desk.get(reverse("review:quote-detail", args=[quote.pk]))
    assert response.text.count("<li><time") == 3
    assert "seconde" in response.text and "<q>titre</q>" in response.text


def test_merge_page_runs_fixed_queries(desk, reviewer, django_assert_num_queries):
    for name in ("Poutine", "V. Poutine", "Vladimir Poutine", "Wladimir Poutine"):
        make_person(name)
    review.merge_people(
        keep=Person.objects.get(name="Vladimir Poutine"),
        merge=Person.objects.get(name="V. Poutine"),
        reviewer=reviewer,
    )
    # session, user, permissions (2); each search: people, then their aliases (2 × 2); the
    # recent merges with kept person and reviewers (1).
    with django_assert_num_queries(9):
        response = desk.get(reverse("review:merge"), {"keep_q": "Poutine", "merge_q": "Poutine"})
    assert response.text.count('name="keep"') == 3


def test_hostile_note_is_escaped_in_the_history(desk, quotes):
    quote = quotes[0]
    desk.post(
        reverse("review:quote-reject", args=[quote.pk]),
        _post(quote, note="<script>alert(1)</script>"),
    )
    text = desk.get(reverse("review:quote-detail", args=[quote.pk])).text
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_nul_bytes_in_a_decision_are_refused_not_a_server_error(desk, quotes):
    quote = quotes[0]
    response = desk.post(
        reverse("review:quote-confirm", args=[quote.pk]),
        {"version": "1", "note": "a\x00b", "next": "/rev\x00iew/"},
        headers=HTMX,
    )
    assert response.status_code == 200 and 'class="review-error"' in response.text
    assert Quote.objects.get(pk=quote.pk).version == 1


def test_unknown_quotation_is_404(desk):
    assert desk.get(reverse("review:quote-detail", args=[999])).status_code == 404
    assert desk.post(reverse("review:quote-confirm", args=[999]), {"version": 1}).status_code == 404


def test_queue_pages_keep_the_filters(desk):
    article = make_article(body=" ".join(f"« mot{n} »" for n in range(30)))
    for n in range(30):
        make_suggestion(article, f"mot{n}", confidence=n / 100)
    text = desk.get(reverse("review:queue"), {"confidence": "low"}).text
    assert len(item_ids(text)) == 25
    assert 'href="?confidence=low&amp;page=2"' in text
    second = desk.get(reverse("review:queue"), {"confidence": "low", "page": "2"}).text
    assert len(item_ids(second)) == 5
