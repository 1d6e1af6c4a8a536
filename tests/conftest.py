from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Fixtures that open the test database: a test requesting one (even through another fixture)
# is a database test, as is one marked django_db.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "admin_user",
    "admin_client",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark database tests `database`, so that `-m database` and `-m "not database"` split the
    suite: CI runs the database-free tests (engine, gold set, readers) once and the database
    tests on each database. pytest-django refuses database access to an unmarked test, so a
    test put on the wrong side fails instead of passing unseen."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.database)


@pytest.fixture
def shared_dir() -> Path:
    """The read-only ../shared folder (corpora, standards, seeds); absent in a fresh clone."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder {SHARED}, which is absent (only CI has it)")
    return SHARED


@pytest.fixture
def no_attribution(monkeypatch) -> list:
    """The articles whose attribution is scheduled, recorded instead of run."""
    from articles.services import attribution

    scheduled = []
    monkeypatch.setattr(
        attribution, "schedule_attribution", lambda *, article: scheduled.append(article)
    )
    monkeypatch.setattr(
        attribution, "schedule_attribution_batch", lambda *, articles: scheduled.extend(articles)
    )
    return scheduled


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The default password hasher costs most of the time of a test that logs someone in."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are counted and checked as rendered: the public page cache has its own tests
    (tests/project/test_pagecache.py), which turn it on."""
    settings.PAGE_CACHE_SECONDS = 0
