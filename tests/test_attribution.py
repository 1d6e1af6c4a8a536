"""The engine wired to the database: suggestions stored, reviewers' decisions never undone."""

import logging

import pytest

from articles import services
from articles.models import Person, PersonAlias, Quote
from tests.factories import make_article, make_person, person_form

pytestmark = pytest.mark.django_db

BODY = (
    "La ministre de l'Agriculture Camille Ardouin a défendu jeudi sa réforme devant les "
    "éleveurs de Bréval.\n\n"
    "« Nous ne laisserons personne au bord du chemin », a déclaré Mme Ardouin.\n\n"
    "« Les aides arriveront avant l'hiver, a-t-elle ajouté, et elles seront versées sans "
    "délai. »\n\n"
    "Selon la Fédération des éleveurs, la réforme reste insuffisante."
)
FIRST = "Nous ne laisserons personne au bord du chemin"


def state(article) -> list[tuple]:
    return list(
        article.quotes.order_by("start").values_list(
            "start", "end", "speaker__name", "status", "version"
        )
    )


def test_attribution_stores_suggestions_with_speakers():
    article = make_article(body=BODY)
    assert services.attribute_quotes(article=article) >= 2
    quote = article.quotes.get(text=FIRST)
    assert quote.status == Quote.Status.SUGGESTED
    assert quote.origin == Quote.Origin.AUTOMATIC
    assert quote.speaker.name == "Camille Ardouin"
    assert article.quotes.get(text__startswith="Les aides").speaker == quote.speaker
    assert quote.speaker in article.people.all()


def test_unknown_speaker_becomes_automatic_person():
    article = make_article(body=BODY)
    services.attribute_quotes(article=article)
    person = Person.objects.get(name="Camille Ardouin")
    assert person.origin == Person.Origin.AUTOMATIC
    assert person.kind == Person.Kind.PERSON


DESCRIBED = (
    "« Les faits sont d'une gravité exceptionnelle », a indiqué le parquet de Valmont dans un "
    "communiqué.\n\n"
    "« Nous ne céderons rien », ont déclaré les syndicats de la régie des eaux de Valmont."
)


def test_a_source_the_dispatch_only_describes_never_becomes_a_person():
    article = make_article(body=DESCRIBED)
    services.attribute_quotes(article=article)
    quotes = list(article.quotes.order_by("start"))
    assert [(q.speaker, q.speaker_type) for q in quotes] == [
        (None, Quote.SpeakerType.ORGANIZATION),
        (None, Quote.SpeakerType.GROUP),
    ]
    assert [q.mention for q in quotes] == [
        "le parquet de Valmont",
        "les syndicats de la régie des eaux de Valmont",
    ]
    assert not Person.objects.exists()
    assert not article.people.exists()


def test_a_description_the_registry_knows_links_to_its_person():
    # A reviewer's person (or alias) of that name: the key ignores case and accents.
    parquet = make_person("Parquet de Valmont", kind=Person.Kind.ORGANIZATION)
    syndicats = make_person("Syndicats du Sud", kind=Person.Kind.GROUP)
    PersonAlias.objects.create(person=syndicats, name="syndicats de la régie des eaux de Valmont")
    article = make_article(body=DESCRIBED)
    services.attribute_quotes(article=article)
    assert [q.speaker for q in article.quotes.order_by("start")] == [parquet, syndicats]
    assert Person.objects.count() == 2


TITLED = "« Le marché ouvrira lundi », rapporte Le Courrier de Valmont."
UNTITLED = "« Le marché ouvrira lundi », selon le Courrier de Valmont."


@pytest.mark.parametrize("order", [(TITLED, UNTITLED), (UNTITLED, TITLED)])
def test_a_title_with_or_without_its_article_is_one_person(order):
    articles = [make_article(body=body) for body in order]
    for article in articles:
        services.attribute_quotes(article=article)
    (person,) = Person.objects.all()
    assert person.name == (
        "Le Courrier de Valmont" if order[0] == TITLED else "Courrier de Valmont"
    )
    assert [a.quotes.get().speaker for a in articles] == [person, person]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_title_and_its_bare_name_are_one_person_in_a_batch(processes):
    articles = [make_article(body=body) for body in (TITLED, UNTITLED, TITLED)]
    services.attribution.attribute_articles(articles=articles, processes=processes)
    (person,) = Person.objects.all()
    assert person.name == "Le Courrier de Valmont"
    assert sorted(person.aliases.values_list("name", flat=True)) == [
        "Courrier de Valmont",
        "Le Courrier de Valmont",
    ]
    assert {a.quotes.get().speaker for a in articles} == {person}


def test_a_speaker_names_someone_when_the_engine_kept_a_capital():
    assert services.people.names_someone("Camille Ardouin")
    assert services.people.names_someone("CGT")
    assert services.people.names_someone("Parquet national financier")
    assert not services.people.names_someone("parquet de valmont")
    assert not services.people.names_someone("sources concordantes")


def test_known_alias_links_to_registry_person():
    person = make_person("Camille Ardouin-Lestrade")
    PersonAlias.objects.create(person=person, name="Camille Ardouin")
    article = make_article(body=BODY)
    services.attribute_quotes(article=article)
    assert article.quotes.get(text=FIRST).speaker == person
    assert not Person.objects.filter(name="Camille Ardouin").exists()


@pytest.mark.parametrize(
    ("origin", "speaker_type"),
    [(Person.Origin.MANUAL, "person"), (Person.Origin.AUTOMATIC, "organization")],
)
def test_a_kind_staff_filed_types_the_next_dispatch_speaker(origin, speaker_type):
    """Staff filed "Valmore" as a person: the next dispatch's "Valmore" speaks as one. An
    automatic person's kind is the engine's own guess, which it does not take back as evidence
    (a one-word name without a given name reads as a body)."""
    person = make_person("Valmore", kind=Person.Kind.PERSON, origin=origin)
    article = make_article(body="« Nous resterons prudents », a déclaré Valmore mardi.")
    services.attribute_quotes(article=article)
    quote = article.quotes.get()
    assert (quote.speaker, quote.speaker_type) == (person, speaker_type)


def test_a_kind_staff_correct_in_the_admin_is_theirs(admin_client):
    person = make_person("Valmore", kind=Person.Kind.ORGANIZATION, origin=Person.Origin.AUTOMATIC)
    data = person_form(person, kind="person")
    response = admin_client.post(f"/admin/articles/person/{person.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    person.refresh_from_db()
    assert (person.kind, person.origin) == ("person", "manual")
    article = make_article(body="« Nous resterons prudents », a déclaré Valmore mardi.")
    services.attribute_quotes(article=article)
    assert article.quotes.get().speaker_type == "person"


FIRST_NAMED = "« Les aides arriveront avant l'hiver », a déclaré jeudi Camille Ardouin."
THEN_SURNAME = "« Rien ne sera retardé », a assuré vendredi Mme Ardouin devant les éleveurs."


@pytest.mark.parametrize("processes", [None, 1, 2])
def test_a_surname_alone_links_to_the_person_an_earlier_dispatch_named(processes):
    """A later dispatch writes only "Mme Ardouin": the registry's Camille Ardouin, not a new
    person "Ardouin" — one dispatch at a time or in a batch, where the first creates her."""
    articles = [make_article(body=FIRST_NAMED), make_article(body=THEN_SURNAME)]
    if processes is None:
        for article in articles:
            services.attribute_quotes(article=article)
    else:
        services.attribution.attribute_articles(articles=articles, processes=processes)
    (person,) = Person.objects.all()
    assert person.name == "Camille Ardouin"
    assert [a.quotes.get().speaker for a in articles] == [person, person]


def test_rerunning_attribution_changes_nothing():
    article = make_article(body=BODY)
    services.attribute_quotes(article=article)
    before = state(article)
    assert services.attribute_quotes(article=article) == 0
    assert state(article) == before


def test_rerunning_never_overwrites_a_confirmed_attribution():
    article = make_article(body=BODY)
    services.attribute_quotes(article=article)
    other = make_person("Joseph Malicorne")
    quote = article.quotes.get(text=FIRST)
    quote.speaker, quote.status = other, Quote.Status.CORRECTED
    quote.save()
    services.attribute_quotes(article=article)
    quote.refresh_from_db()
    assert (quote.speaker, quote.status) == (other, Quote.Status.CORRECTED)
    assert article.quotes.filter(text=FIRST).count() == 1


def test_rerunning_never_resurrects_a_rejected_quotation():
    article = make_article(body=BODY)
    services.attribute_quotes(article=article)
    article.quotes.filter(text=FIRST).update(status=Quote.Status.REJECTED)
    services.attribute_quotes(article=article)
    assert list(article.quotes.filter(text=FIRST).values_list("status", flat=True)) == ["rejected"]


def test_attribution_skips_languages_without_rules():
    article = make_article(body=BODY, language="de")
    assert services.attribute_quotes(article=article) == 0
    assert not article.quotes.exists()


def test_scheduled_attribution_runs_after_commit(django_capture_on_commit_callbacks):
    article = make_article(body=BODY)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_attribution(article=article)
    assert article.quotes.filter(text=FIRST).exists()


def test_failing_attribution_task_is_logged(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*, article):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(services.attribution, "attribute_quotes", broken)
    article = make_article(body=BODY)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.schedule_attribution(article=article)
    assert "engine exploded" in caplog.text


def test_admin_action_reruns_attribution(admin_client, django_capture_on_commit_callbacks):
    article = make_article(body=BODY)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/articles/article/",
            {"action": "rerun_attribution", "_selected_action": [article.pk]},
        )
    assert response.status_code == 302
    assert article.quotes.filter(text=FIRST, status="suggested").exists()
