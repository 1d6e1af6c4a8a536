"""Merging duplicate people from the desk in a real Chromium: type-ahead on both sides, merge,
then undo from the merge record."""

import pytest
from django.urls import reverse

from articles.models import Person, PersonAlias, PersonMerge, Quote
from tests.browser.test_review_keyboard import log_in
from tests.factories import make_article, make_person
from tests.review.factories import make_reviewer, make_suggestion, review_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_merge_duplicates_with_type_ahead_then_undo(page, settings):
    review_settings(settings)
    make_reviewer("relecteur")
    keep, duplicate = make_person("Vladimir Poutine"), make_person("Poutine")
    PersonAlias.objects.create(person=keep, name="le président russe")
    quote = make_suggestion(make_article(), "Nous protégerons chaque berge", speaker=duplicate)

    log_in(page, reverse("review:merge"))
    page.fill("#keep-q", "président")  # an alias finds its person
    page.check(f"#keep-x-{keep.pk}")
    page.fill("#merge-q", "Pout")
    page.check(f"#merge-x-{duplicate.pk}")
    page.click("#merge-form button.primary")
    page.wait_for_url("**/review/merges/**")
    assert Quote.objects.get(pk=quote.pk).speaker_id == keep.pk
    assert not Person.objects.filter(pk=duplicate.pk).exists()

    page.get_by_role("button", name="Poutine").click()  # "Undo: restore Poutine"
    page.wait_for_selector(".review-status .success")
    assert Quote.objects.get(pk=quote.pk).speaker_id == duplicate.pk
    assert PersonMerge.objects.get().is_undone
    assert page.console_errors == []
