"""Shared set-up of the editors' desk tests."""

import pytest
from django.utils import translation

from tests.factories import make_user


@pytest.fixture
def editor():
    return make_user("editor", group="Editors")


@pytest.fixture
def english():
    """Revision reasons are written in the active language; tests that read them use English."""
    with translation.override("en"):
        yield
