"""An import's batch is attributed in bulk (issue 20): the engine in forked processes, the
suggestions and new people stored a few statements per dispatch. What it stores is what one-by-one
attribution stores: the same quotations, speakers, people, slugs and mentions."""

import contextlib
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Person, Quotation, Quote, Role
from articles.services import attribution

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "articles" / "sample" / "dispatches.json"
# One speaker named again in a later dispatch: the later one sees the person the earlier one
# created (the registry's names feed the engine).
LATER = (
    "« Nous rouvrirons le pont avant l'été », a déclaré mardi Irène Vasseur, maire de Castelmont."
    "\n\n« Le chantier avance », a ajouté Mme Vasseur devant le conseil municipal."
)


def make_dispatches() -> list[Article]:
    items = json.loads(SAMPLE.read_text())
    later = {"body": LATER, "language": "fr"}
    bodies = [*items, later, {**later, "body": LATER.replace("mardi", "jeudi")}]
    return [
        Article.objects.create(
            headline=f"Dépêche {n}", body=item["body"], language=item["language"]
        )
        for n, item in enumerate(bodies)
    ]


def stored() -> dict:
    quotes = Quote.objects.select_related("article", "speaker").order_by(
        "article__headline", "start"
    )
    return {
        "quotes": [
            (
                q.article.headline,
                q.start,
                q.end,
                q.text,
                q.kind,
                q.speaker.slug if q.speaker else "",
                q.speaker_type,
                q.mention,
                q.cue,
                round(q.confidence, 6),
                q.status,
                q.version,
            )
            for q in quotes
        ],
        "people": sorted(
            (
                p.slug,
                p.name,
                p.kind,
                p.role,
                p.origin,
                p.gender,
                p.gender_source,
                tuple(sorted(a.key for a in p.aliases.all())),
            )
            for p in Person.objects.prefetch_related("aliases")
        ),
        # Repeats grouped as one after the other: each quotation and its occurrences.
        "quotations": sorted(
            (
                q.speaker.slug if q.speaker else "",
                q.indirect,
                q.text,
                tuple(sorted((o.article.headline, o.start) for o in q.occurrences.all())),
            )
            for q in Quotation.objects.select_related("speaker").prefetch_related(
                "occurrences__article"
            )
        ),
        "roles": sorted(
            (r.person.slug, r.title, r.status, r.article.headline if r.article else "")
            for r in Role.objects.select_related("person", "article")
        ),
        "mentions": sorted(
            (a.headline, tuple(sorted(p.slug for p in a.people.all())))
            for a in Article.objects.prefetch_related("people")
        ),
    }


def start_again() -> None:
    Quote.objects.all().delete()
    Quotation.objects.all().delete()
    Role.objects.all().delete()
    Person.objects.all().delete()


def test_bulk_attribution_stores_what_one_by_one_attribution_stores():
    articles = make_dispatches()
    for article in articles:
        attribution.attribute_quotes(article=article)
    one_by_one = stored()
    assert one_by_one["quotes"], "the sample dispatches hold quotations"
    start_again()
    attribution.attribute_articles(articles=articles, processes=2)
    assert stored() == one_by_one


def test_bulk_attribution_in_one_process_stores_the_same():
    articles = make_dispatches()
    attribution.attribute_articles(articles=articles, processes=2)
    forked = stored()
    start_again()
    attribution.attribute_articles(articles=articles, processes=1)
    assert stored() == forked


def test_attributing_again_changes_nothing():
    articles = make_dispatches()
    attribution.attribute_articles(articles=articles, processes=2)
    before = stored()
    assert attribution.attribute_articles(articles=articles, processes=2) == 0
    assert stored() == before


def test_an_import_batch_schedules_one_attribution_task(django_capture_on_commit_callbacks):
    from articles.ingest import DispatchData
    from articles.services import import_dispatches

    dispatches = [
        (DispatchData(guid=f"urn:x:{n}", headline=f"Pont {n}", body=LATER, language="fr"), "")
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_dispatches(dispatches=dispatches, status="published")
    tasks = [c for c in callbacks if getattr(c, "__qualname__", "").startswith("schedule_")]
    assert len(tasks) == 1  # beside the page cache's bump
    assert Quote.objects.filter(article__guid="urn:x:2").count() == 2


@pytest.mark.parametrize("processes", [1, 2])
def test_a_dispatch_the_engine_fails_on_leaves_the_others_attributed(monkeypatch, processes):
    engine, engine_batch = attribution.extract_quotes, attribution.extract_quotes_batch

    def failing(text, **kwargs):
        if "Valbrume" in text:
            raise IndexError("list index out of range")  # as the engine once did on odd text
        return engine(text, **kwargs)

    def failing_batch(articles, **kwargs):
        # Several dispatches to a call: the call fails for all of them.
        if any("Valbrume" in text for text, _ in articles):
            raise IndexError("list index out of range")
        return engine_batch(articles, **kwargs)

    monkeypatch.setattr(attribution, "extract_quotes", failing)
    monkeypatch.setattr(attribution, "extract_quotes_batch", failing_batch)
    bodies = [LATER, LATER.replace("Castelmont", "Valbrume"), LATER, LATER, LATER]
    articles = [
        Article.objects.create(headline=f"Pont {n}", body=body, language="fr")
        for n, body in enumerate(bodies)
    ]
    attribution.attribute_articles(articles=articles, processes=processes)
    counts = [Quote.objects.filter(article=a).count() for a in articles]
    assert counts == [2, 0, 2, 2, 2]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_dispatch_whose_store_fails_leaves_the_batch_as_one_by_one(monkeypatch, processes):
    # The failing dispatch is the first to report words repeated by the next one: the
    # quotation it created in the batch's grouper was rolled back with it.
    suggest = attribution.suggest_roles

    def failing(*, article, read, **kwargs):
        if article.headline == "Refusée":
            raise ValueError("refused")
        return suggest(article=article, read=read, **kwargs)

    monkeypatch.setattr(attribution, "suggest_roles", failing)
    repeated = "« Les travaux dureront deux ans et pas un jour de plus », a {} Irène Vasseur."
    dispatches = [
        ("Pont", LATER),
        ("Refusée", repeated.format("déclaré mercredi")),
        ("Répétée", repeated.format("répété jeudi")),
        ("Pont encore", LATER.replace("mardi", "vendredi")),
    ]
    articles = [
        Article.objects.create(headline=headline, body=body, language="fr")
        for headline, body in dispatches
    ]
    for article in articles:
        with contextlib.suppress(ValueError):
            attribution.attribute_quotes(article=article)
    one_by_one = stored()
    assert [q[0] for q in one_by_one["quotes"]].count("Répétée") == 1
    start_again()
    attribution.attribute_articles(articles=articles, processes=processes)
    assert stored() == one_by_one


def test_batches_attributed_with_kept_engine_processes_store_the_same():
    articles = make_dispatches()
    for article in articles:
        attribution.attribute_quotes(article=article)
    one_by_one = stored()
    start_again()
    with attribution.engine_processes(2):
        attribution.attribute_articles(articles=articles[:6], processes=2)
        pool = attribution._kept_pools[2]
        attribution.attribute_articles(articles=articles[6:], processes=2)
        assert attribution._kept_pools[2] is pool  # forked once for both batches
    assert 2 not in attribution._kept_pools
    assert stored() == one_by_one


@pytest.mark.parametrize("processes", [1, 2])
def test_a_dispatch_listed_twice_in_a_batch_is_stored_as_one_by_one(processes):
    # Its second store cannot take what the transaction read at its start: its own first store
    # changed it.
    articles = make_dispatches()
    twice = [*articles[:3], articles[1], *articles[3:]]
    for article in twice:
        attribution.attribute_quotes(article=article)
    one_by_one = stored()
    start_again()
    attribution.attribute_articles(articles=twice, processes=processes)
    assert stored() == one_by_one


@pytest.mark.parametrize("processes", [1, 2])
def test_a_transactions_dispatches_are_read_and_their_rows_written_together(processes):
    articles = make_dispatches()  # 21 dispatches: three transactions of at most ten
    with CaptureQueriesContext(connection) as queries:
        attribution.attribute_articles(articles=articles, processes=processes)
    statements = [q["sql"] for q in queries.captured_queries]
    assert Article.people.through.objects.exists()
    assert Quote.objects.count() > len(articles)
    # INSERT, or INSERT OR IGNORE on SQLite
    assert sum('INTO "articles_article_people"' in s for s in statements) == 3
    assert sum('INTO "articles_quote"' in s for s in statements) == 3
    reads = [s for s in statements if s.startswith('SELECT "articles_article"."id"')]
    assert len(reads) == 3
    # Inside the test's own transaction each transaction is a savepoint: three, and the
    # genders' at the end; none a dispatch (21 before).
    assert sum(s.startswith("SAVEPOINT") for s in statements) == 4


def counting_submits(monkeypatch, pool) -> list[str]:
    """The bodies handed to the engine's processes from now on."""
    bodies: list[str] = []
    submit = pool.submit

    def counting(fn, dispatches):
        bodies.extend(body for body, _, _ in dispatches)
        return submit(fn, dispatches)

    monkeypatch.setattr(pool, "submit", counting)
    return bodies


def test_an_import_hands_the_engine_its_next_batch_before_writing_it(monkeypatch):
    articles = make_dispatches()
    for article in articles:
        attribution.attribute_quotes(article=article)
    one_by_one = stored()
    start_again()
    later = articles[6:]
    with attribution.engine_processes(2):
        attribution.attribute_articles(articles=articles[:6], processes=2)
        submitted = counting_submits(monkeypatch, attribution._kept_pools[2])
        attribution.expect(dispatches=[(a.body, a.language) for a in later])
        # EXPECTED_CALLS calls ahead for each process, four dispatches to a call.
        ahead = 2 * attribution.EXPECTED_CALLS * attribution.ENGINE_GROUP
        assert submitted == [a.body for a in later[:ahead]]
        attribution.attribute_articles(articles=later, processes=2)
    assert stored() == one_by_one
    # The first dispatch of the batch had the names it was expected with: its run was taken.
    assert submitted.count(later[0].body) == 1
    assert not attribution._expected


def test_an_expected_run_whose_names_changed_is_not_taken(monkeypatch):
    bodies = [LATER, *(item["body"] for item in json.loads(SAMPLE.read_text())[:2])]
    articles = [
        Article.objects.create(headline=f"Pont {n}", body=body, language="fr")
        for n, body in enumerate(bodies)
    ]
    with attribution.engine_processes(2):
        attribution.attribute_articles(articles=make_dispatches()[:3], processes=2)
        start_again()
        submitted = counting_submits(monkeypatch, attribution._kept_pools[2])
        attribution.expect(dispatches=[(LATER, "fr")])
        # Between the expected run and the batch, the registry learns the full name.
        vasseur = Person.objects.create(name="Irène Vasseur", kind=Person.Kind.PERSON)
        attribution.attribute_articles(articles=articles, processes=2)
    assert submitted.count(LATER) == 2  # expected, then handed again with the new names
    assert set(Quote.objects.filter(article=articles[0]).values_list("speaker", flat=True)) == {
        vasseur.pk
    }


@pytest.mark.parametrize("processes", [1, 2])
def test_a_dispatch_whose_rows_fail_at_the_transactions_end_fails_alone(monkeypatch, processes):
    # Its suggestions wait for the transaction's end, where their INSERT fails: the transaction
    # is stored again one savepoint a dispatch, and only that one fails.
    from django.db import IntegrityError
    from django.db.models import QuerySet

    articles = make_dispatches()
    refused = articles[4]
    bulk_create = QuerySet.bulk_create

    def failing(self, objs, *args, **kwargs):
        if self.model is Quote and any(q.article_id == refused.pk for q in objs):
            raise IntegrityError("refused")
        return bulk_create(self, objs, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "bulk_create", failing)
    for article in articles:
        with contextlib.suppress(IntegrityError):
            attribution.attribute_quotes(article=article)
    one_by_one = stored()
    assert not any(q[0] == refused.headline for q in one_by_one["quotes"])
    start_again()
    attribution.attribute_articles(articles=articles, processes=processes)
    assert stored() == one_by_one
    refused.refresh_from_db()
    assert refused.attribution_failed_at is not None
