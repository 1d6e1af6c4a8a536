from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The read-only ../shared folder (corpora, standards, seeds); absent in a fresh clone."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder {SHARED}, which is absent (only CI has it)")
    return SHARED


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages are counted and checked as rendered: the public page cache has its own tests
    (tests/test_pagecache.py), which turn it on."""
    settings.PAGE_CACHE_SECONDS = 0
