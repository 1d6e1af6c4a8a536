"""articles.prepared: a query compiled once, run with each call's values."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import override_settings
from django.utils import timezone

from articles.models import Article, Person, Quote
from articles.prepared import prepared
from tests.factories import make_article, make_person, make_quote, make_section, make_tag

pytestmark = pytest.mark.django_db


@prepared
def quoted_in(*, person: int, at) -> QuerySet:
    quoted = Quote.objects.public_by(person, at=at).values("article_id")
    return Article.objects.listed(at=at).filter(pk__in=quoted).prefetch_related("tags")


@prepared
def people_named(limit: int, *, name: str) -> QuerySet:
    return Person.objects.filter(name__startswith=name).order_by("name")[:limit]


def test_each_call_runs_with_its_own_values():
    first, second = make_person("Hélène Varenne"), make_person("Paul Ostrander")
    make_quote(make_article(headline="Varenne parle"), speaker=first)
    make_quote(make_article(headline="Ostrander répond"), speaker=second)
    now = timezone.now()
    assert [a.headline for a in quoted_in(person=first.pk, at=now)] == ["Varenne parle"]
    assert [a.headline for a in quoted_in(person=second.pk, at=now)] == ["Ostrander répond"]
    assert quoted_in(person=make_person().pk, at=now) == []


def test_the_moment_decides_what_is_published():
    person = make_person("Hélène Varenne")
    later = timezone.now() + timedelta(hours=2)
    make_quote(make_article(headline="Programmée", published_at=later), speaker=person)
    assert quoted_in(person=person.pk, at=timezone.now()) == []
    found = quoted_in(person=person.pk, at=later + timedelta(minutes=1))
    assert [a.headline for a in found] == ["Programmée"]


def test_rows_come_back_as_the_queryset_builds_them(django_assert_num_queries):
    person, section, tag = make_person(), make_section("Société"), make_tag("eau")
    article = make_article(section=section)
    article.tags.add(tag)
    make_quote(article, speaker=person)
    quoted_in(person=person.pk, at=timezone.now())  # compiled
    # The dispatches with their sections (select_related), then their tags (prefetched).
    with django_assert_num_queries(2):
        [found] = quoted_in(person=person.pk, at=timezone.now())
        assert found.section.name == "Société" and [t.name for t in found.tags.all()] == ["eau"]
    assert found == article and "body" in found.get_deferred_fields()


def test_a_shape_is_compiled_apart_from_another():
    for name in ("Anne Colin", "Anne Dupré", "Anne Ernaux"):
        make_person(name)
    assert [p.name for p in people_named(2, name="Anne")] == ["Anne Colin", "Anne Dupré"]
    assert len(people_named(3, name="Anne")) == 3 and people_named(3, name="Zoé") == []


def test_a_value_the_sql_depends_on_is_built_on_every_call():
    make_person("Anne Colin")
    # None turns `name__startswith` into another condition: no stand-in can take its place.
    assert people_named(5, name="Anne") != []
    with pytest.raises(ValueError):
        people_named(5, name=None)


def test_settings_changes_are_seen():
    person = make_person()
    make_quote(make_article(headline="Suggérée"), speaker=person, status=Quote.Status.SUGGESTED)
    assert quoted_in(person=person.pk, at=timezone.now()) == []
    with override_settings(NEWSROOM_SHOW_SUGGESTED_QUOTES=True):
        assert [a.headline for a in quoted_in(person=person.pk, at=timezone.now())] == ["Suggérée"]
    assert quoted_in(person=person.pk, at=timezone.now()) == []


def test_expression_binds_the_values_into_another_query():
    first, second = make_person("Hélène Varenne"), make_person("Paul Ostrander")
    make_quote(make_article(headline="Varenne parle"), speaker=first)
    make_quote(make_article(headline="Ostrander répond"), speaker=second)
    now = timezone.now()
    for person, headline in ((first, "Varenne parle"), (second, "Ostrander répond")):
        ids = quoted_ids.expression(person=person.pk, at=now)
        assert list(Article.objects.filter(pk__in=ids).values_list("headline", flat=True)) == [
            headline
        ]


@prepared
def quoted_ids(*, person: int, at) -> QuerySet:
    return Quote.objects.public_by(person, at=at).values("article_id")


class RecordingRouter:
    """Sends every read to the default database, noting what it was asked."""

    asked: list = []

    def db_for_read(self, model, **hints):
        self.asked.append(model)
        return "default"


def test_reads_go_where_the_routers_send_them():
    person = make_person()
    make_quote(make_article(headline="Lue"), speaker=person)
    RecordingRouter.asked = []
    with override_settings(DATABASE_ROUTERS=[f"{__name__}.RecordingRouter"]):
        for _ in range(2):
            found = quoted_in(person=person.pk, at=timezone.now())
            assert [a.headline for a in found] == ["Lue"] and found[0]._state.db == "default"
    # Asked on every call, as Django asks for a queryset (a replica is chosen per request).
    assert RecordingRouter.asked.count(Article) >= 2


@prepared
def nobody_named(*, name: str) -> QuerySet:
    return Person.objects.filter(pk__in=[], name=name)


def test_a_query_that_cannot_match_is_built_as_usual():
    make_person("Anne Colin")
    # Django compiles no SQL for it (an empty IN list): it answers nothing, as the queryset does.
    assert nobody_named(name="Anne Colin") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_only_prepared_queries_are_prepared_on_the_server():
    person = make_person("Hélène Varenne")
    article = make_article(headline="Lue")
    article.tags.add(make_tag("eau"))
    make_quote(article, speaker=person)
    for _ in range(10):
        assert [a.headline for a in quoted_in(person=person.pk, at=timezone.now())] == ["Lue"]
        assert list(Person.objects.filter(name="Hélène Varenne")) == [person]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared_sql = [statement for (statement,) in cursor.fetchall()]
    # The dispatches, planned once for the connection; neither their prefetched tags nor any
    # other query, however often it runs.
    assert [sql.split(" FROM ")[1].split()[0] for sql in prepared_sql] == ['"articles_article"']
    assert connection.connection.prepare_threshold > 1_000_000


@prepared
def discounted(*, slug: str) -> QuerySet:
    # Two constants beside the value: a pattern holding "%" and a public quotation's statuses.
    public = Quote.objects.filter(status__in=[Quote.Status.CONFIRMED, Quote.Status.CORRECTED])
    return Person.objects.filter(name__contains="50%", slug=slug, quotes__in=public).distinct()


def test_constants_and_values_keep_their_meaning():
    half = make_person("Remise de 50% Acceptée", slug="remise-50")
    make_person("Remise de 500 euros", slug="remise-500")
    make_quote(make_article(), speaker=half, status=Quote.Status.CONFIRMED)
    for _ in range(7):  # past the calls PostgreSQL plans for their own values
        assert discounted(slug="remise-50") == [half]
        assert discounted(slug="remise-500") == []
    Quote.objects.filter(speaker=half).update(status=Quote.Status.SUGGESTED)
    assert discounted(slug="remise-50") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_constants_are_written_into_the_prepared_statement():
    """Its generic plan then sees the statuses a partial index names; the values alone stay
    parameters."""
    person = make_person("Remise de 50% Acceptée", slug="remise-50")
    make_quote(make_article(), speaker=person, status=Quote.Status.CONFIRMED)
    discounted(slug="remise-50")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        [statement] = [s for (s,) in cursor.fetchall() if "articles_person" in s]
    assert "'confirmed'" in statement and "'corrected'" in statement
    assert "E'%50\\\\%%'" in statement  # the pattern, as Django escapes it, quoted
    assert statement.count("$") == 1  # the slug
