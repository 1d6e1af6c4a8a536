"""The review desk in a real Chromium: five quotations reviewed by keyboard alone, each action one
HTMX request swapping its item in place, focus moving on to the next item after a confirm or a
reject, the outcome announced, the last decision undone with "u"."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from articles.models import Quote, QuoteDecision
from tests.factories import make_person
from tests.review.factories import make_review_article, make_reviewer, review_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desk(settings):
    review_settings(settings)
    make_reviewer("relecteur")
    _, quotes = make_review_article()
    mayor = make_person("Jules Castel", role="maire de Castelmont")
    # The queue shows the lowest confidence first.
    return {"quotes": sorted(quotes, key=lambda q: q.confidence), "mayor": mayor}


def log_in(page, path: str) -> None:
    page.goto(path)
    page.wait_for_url("**/login/**")
    # The username field has autofocus, which Chromium applies at a rendering step that may come
    # after the load event: typing before it loses keystrokes, and axes records a failed login.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'username'")
    page.keyboard.type("relecteur")
    page.keyboard.press("Tab")
    page.keyboard.type("correct horse battery")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == path)
    page.wait_for_selector(".review-desk")


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def wait_focus(page, element_id: str) -> None:
    """Focus returns to a swapped item when htmx settles it, a moment after the swap."""
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=element_id
    )
    assert focused_id(page) == element_id


def wait_status(page, quote: Quote, status: str) -> None:
    page.wait_for_selector(f'#quote-{quote.pk}[data-status="{status}"]')


def test_five_quotations_reviewed_by_keyboard_alone(page, desk):
    quotes, mayor = desk["quotes"], desk["mayor"]
    log_in(page, reverse("review:queue"))

    # 1. "Nous verrons bien", a fisherman's remark: not a quotation worth keeping.
    page.keyboard.press("j")
    assert focused_id(page) == f"quote-{quotes[0].pk}"
    page.keyboard.press("r")
    wait_status(page, quotes[0], "rejected")
    wait_focus(page, f"quote-{quotes[1].pk}")  # focus moves on to the next item
    assert quotes[0].text in page.inner_text("#review-status")  # announced (aria-live)

    # 2. "le maire de Castelmont": search the speaker, choose him, attribute.
    page.keyboard.press("s")
    assert focused_id(page) == f"speaker-q-{quotes[1].pk}"
    page.keyboard.type("Castel")
    radio = f"#speaker-{quotes[1].pk}-{mayor.pk}"
    page.wait_for_selector(radio)
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the result
    assert focused_id(page) == radio[1:]
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # "Attribute to the chosen person"
    page.keyboard.press("Enter")
    wait_status(page, quotes[1], "corrected")
    wait_focus(page, f"quote-{quotes[1].pk}")  # a correction keeps focus on its item

    # 3 to 5: confirm the others as proposed; after each, focus is on the next.
    page.keyboard.press("j")
    for index, quote in enumerate(quotes[2:], start=2):
        assert focused_id(page) == f"quote-{quote.pk}"
        page.keyboard.press("c")
        wait_status(page, quote, "confirmed")
        following = quotes[index + 1] if index + 1 < len(quotes) else quote
        wait_focus(page, f"quote-{following.pk}")

    page.keyboard.press("c")  # again on a confirmed quotation: nothing more is recorded
    page.wait_for_timeout(300)
    assert page.console_errors == []
    statuses = dict(Quote.objects.values_list("pk", "status"))
    assert [statuses[q.pk] for q in quotes] == [
        "rejected",
        "corrected",
        "confirmed",
        "confirmed",
        "confirmed",
    ]
    assert Quote.objects.get(pk=quotes[1].pk).speaker == mayor
    assert QuoteDecision.objects.filter(reviewer__username="relecteur").count() == 5
    # The counters were swapped out of band with the last decision.
    assert "3" in page.inner_text("#review-counters")


def test_help_opens_with_question_mark_and_k_moves_back(page, desk):
    quotes = desk["quotes"]
    log_in(page, reverse("review:queue"))
    page.keyboard.press("?")
    assert page.evaluate("document.getElementById('review-help').open")
    page.keyboard.press("?")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert focused_id(page) == f"quote-{quotes[0].pk}"
