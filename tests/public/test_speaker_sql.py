"""The speaker page's SQL on PostgreSQL as on SQLite: the partial index behind a speaker's shown
quotations, the "quoted alongside" sidebar's one join, and the search index's tuning."""

from unittest import mock

import pytest
from django.db import connection

from articles import fts
from articles.models import Quote, shown_condition
from tests.factories import make_article, make_person, make_quote, make_tag

pytestmark = pytest.mark.django_db

BODY = (
    "« Nous protégerons chaque berge », a déclaré Mme Varenne.\n\n"
    "« Ce texte est trop timide », a répondu Paul Ostrander.\n\n"
    "« Nous attendrons le vote », a conclu Lise Marnier."
)


def test_shown_speaker_index_holds_what_shown_keeps():
    # The partial index serves `shown()` only while both say the same thing.
    index = next(i for i in Quote._meta.indexes if i.name == "quote_shown_speaker")
    assert index.condition == shown_condition()
    assert index.fields == ["speaker", "-id"]


def test_shown_speaker_index_is_in_the_database_on_postgresql_only():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Quote._meta.db_table)
    assert ("quote_shown_speaker" in indexes) == (connection.vendor == "postgresql")


def test_quoted_alongside_counts_dispatches_where_the_other_is_shown(client):
    varenne, ostrander, marnier = (make_person(n) for n in ("Hélène Varenne", "P O", "L M"))
    both = make_article(body=BODY)
    make_quote(both, "Nous protégerons chaque berge", speaker=varenne)
    # Two quotations of Ostrander in one dispatch: one dispatch shared.
    make_quote(both, "Ce texte est trop timide", speaker=ostrander)
    make_quote(both, "Nous attendrons le vote", speaker=ostrander)
    other = make_article(body=BODY)
    make_quote(other, "Nous protégerons chaque berge", speaker=varenne)
    make_quote(other, "Ce texte est trop timide", speaker=ostrander)
    # Marnier is only suggested beside her, or rejected: never alongside.
    make_quote(other, "Nous attendrons le vote", speaker=marnier, status=Quote.Status.SUGGESTED)
    rejected = make_article(body=BODY)
    make_quote(rejected, "Nous protégerons chaque berge", speaker=varenne)
    make_quote(rejected, "Nous attendrons le vote", speaker=marnier, status=Quote.Status.REJECTED)

    text = client.get(varenne.get_absolute_url()).text

    sidebar = text[text.index('id="alongside-heading"') :]
    assert f'href="{ostrander.get_absolute_url()}"' in sidebar and "(2 " in sidebar
    assert marnier.get_absolute_url() not in sidebar


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_postgresql_search_indexes_are_tuned():
    with connection.cursor() as cursor:
        for table in fts.TABLES:
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname = 'search_vector'",
                [table],
            )
            assert cursor.fetchone()[0] == fts.PG_STATISTICS
            cursor.execute(
                "SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [f"{table}_search"]
            )
            assert f"gin_pending_list_limit={fts.PG_PENDING_LIST_KB}" in cursor.fetchone()[0]


def test_tag_choices_are_read_without_a_server_side_cursor(client):
    # `.iterator()` (Django's choice iterator) is a cursor WITH HOLD on PostgreSQL: three round
    # trips for a few tags.
    person = make_person("Hélène Varenne")
    article = make_article(body=BODY)
    article.tags.add(make_tag("eau"))
    make_quote(article, "Nous protégerons chaque berge", speaker=person)
    with mock.patch.object(connection, "chunked_cursor", side_effect=AssertionError):
        text = client.get(person.get_absolute_url()).text
    assert '<option value="eau">eau</option>' in text
