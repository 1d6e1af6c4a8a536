"""Property tests: whatever bytes arrive, a reader returns a dispatch or a clear IngestError,
and an import either writes a whole dispatch or nothing."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import services
from articles.ingest import IngestError, read_dispatch
from articles.models import Article, DispatchRevision, Person, Quote, Tag

FORMATS = ("auto", "text", "ninjs", "newsml")
PROSE = (
    "date 2026-11 Politique\n\nLa maire de Castelmont a inauguré le nouveau pont lundi. "
    "« Ce pont relie enfin les deux rives », a-t-elle déclaré devant les habitants.\n\n"
)
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes, fmt: str):
    """The only acceptable outcomes: a dispatch, or IngestError with a reason."""
    try:
        return read_dispatch(data, format=fmt, filename="x.bin")
    except IngestError as error:
        assert error.reason
        assert "x.bin" in str(error)
        return None


@QUICK
@given(data=st.binary(max_size=4096), fmt=st.sampled_from(FORMATS))
def test_random_bytes_never_crash_a_reader(data, fmt):
    read_or_refuse(data, fmt)


@QUICK
@given(
    junk=st.binary(max_size=64),
    cut=st.integers(min_value=0, max_value=len(PROSE.encode())),
    fmt=st.sampled_from(FORMATS),
)
def test_damaged_dispatches_never_crash_a_reader(junk, cut, fmt):
    raw = PROSE.encode()
    read_or_refuse(raw[:cut] + junk + raw[cut:], fmt)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


@QUICK
@given(
    item=st.fixed_dictionaries(
        {},
        optional={
            "uri": json_values,
            "version": json_values,
            "headlines": json_values,
            "body_text": json_values,
            "bodies": json_values,
            "language": json_values,
            "subjects": json_values,
            "people": json_values,
            "urgency": json_values,
            "versioncreated": json_values,
            "embargoed": json_values,
            "pubstatus": json_values,
        },
    )
)
def test_ninjs_with_any_field_types_never_crashes(item):
    read_or_refuse(json.dumps(item).encode(), "ninjs")


def table_counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Article, DispatchRevision, Person, Quote, Tag))


@pytest.mark.django_db
@QUICK
@given(data=st.binary(max_size=2048))
def test_import_of_random_bytes_writes_a_whole_dispatch_or_nothing(data):
    before = table_counts()
    try:
        dispatch = read_dispatch(data, format="auto")
    except IngestError:
        assert table_counts() == before
        return
    try:
        result = services.import_dispatch(data=dispatch, attribute=False)
    except IngestError:
        assert table_counts() == before
        return
    article = Article.objects.get(pk=result.article.pk)
    assert article.body == dispatch.body
