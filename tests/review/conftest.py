"""Shared set-up of the review desk's tests."""

import pytest

from tests.review.factories import make_review_article, make_reviewer, review_settings


@pytest.fixture(autouse=True)
def _review_settings(settings):
    review_settings(settings)


@pytest.fixture
def reviewer():
    return make_reviewer()


@pytest.fixture
def desk(client, reviewer):
    """The test client, logged in as a reviewer."""
    client.force_login(reviewer)
    return client


@pytest.fixture
def quotes():
    """The review dispatch's five suggested quotations."""
    return make_review_article()[1]
