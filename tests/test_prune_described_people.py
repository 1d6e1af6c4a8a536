"""Automatic people made from a description before attribution stopped making them: removed
only when no reviewer touched them, their suggestions keeping the mention."""

import io

import pytest
from django.core.management import call_command

from articles.models import Person, Quote, Role
from articles.services.people import prune_described_people
from tests.factories import make_article, make_person, make_quote, make_user

pytestmark = pytest.mark.django_db

BODY = "« Nous protégerons chaque berge », a indiqué le parquet de Valmont."
AUTOMATIC = {"origin": Person.Origin.AUTOMATIC}


def suggested(person: Person, **fields) -> Quote:
    fields = {"status": Quote.Status.SUGGESTED, "mention": "le parquet de Valmont", **fields}
    return make_quote(make_article(body=BODY), speaker=person, **fields)


def test_an_untouched_description_loses_its_person_and_its_suggestions_keep_the_mention():
    parquet = make_person("parquet de valmont", kind=Person.Kind.ORGANIZATION, **AUTOMATIC)
    quote = suggested(parquet)
    assert [p.name for p in prune_described_people(apply=True)] == ["parquet de valmont"]
    quote.refresh_from_db()
    assert (quote.speaker, quote.mention, quote.version) == (None, "le parquet de Valmont", 2)
    assert not Person.objects.exists()


def test_a_listing_changes_nothing():
    parquet = make_person("parquet de valmont", **AUTOMATIC)
    quote = suggested(parquet)
    out = io.StringIO()
    call_command("prune_described_people", stdout=out)
    assert "parquet de valmont" in out.getvalue() and "run with --apply" in out.getvalue()
    quote.refresh_from_db()
    assert quote.speaker == parquet and quote.version == 1


def test_names_manual_people_and_what_a_reviewer_touched_stay():
    kept = [
        make_person("Camille Ardouin", **AUTOMATIC),  # a name
        make_person("gouvernement"),  # entered by staff
        make_person("préfecture", wikidata_qid="Q1", **AUTOMATIC),
    ]
    confirmed = make_person("parquet", **AUTOMATIC)
    suggested(confirmed, status=Quote.Status.CONFIRMED)
    reviewed = make_person("police", **AUTOMATIC)
    suggested(reviewed, reviewed_by=make_user("relectrice"))
    holder = make_person("mairie", **AUTOMATIC)
    Role.objects.create(person=holder, title="mairie")
    aliased = make_person("syndicats", **AUTOMATIC)
    aliased.aliases.create(name="les syndicats de Valmont")
    for person in kept:
        suggested(person)
    assert prune_described_people(apply=True) == []
    assert Person.objects.count() == 7


def test_more_people_than_a_statement_takes_are_removed_in_chunks():
    people = Person.objects.bulk_create(
        Person(name=f"source {n}", slug=f"source-{n}", **AUTOMATIC) for n in range(1001)
    )
    quote = suggested(people[-1])
    assert len(prune_described_people(apply=True)) == 1001
    quote.refresh_from_db()
    assert quote.speaker is None and not Person.objects.exists()
