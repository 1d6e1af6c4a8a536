"""services.import_dispatches: many dispatches per transaction, with the outcome and the database
state `import_dispatch` gives one by one."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.ingest import IngestError, read_dispatch
from articles.models import ARTICLE_HISTORY, Article, Person, Quote, Tag
from articles.search import search_articles
from articles.services import ImportResult, dispatch_values, import_dispatch, import_dispatches
from newsroom import pagecache

pytestmark = pytest.mark.django_db

PROSE = (
    "Le ministre fictif Paul Berthier a présenté lundi un plan pour les transports régionaux.\n\n"
    "« Chaque village aura sa ligne de car », a déclaré M. Berthier devant les élus.\n\n"
    "Les syndicats jugent le plan insuffisant."
)
QUOTED = "Chaque village aura sa ligne de car"


def ninjs(uri: str, body: str = PROSE, headline: str = "Le plan transports", **fields):
    item = {
        "uri": uri,
        "version": "1",
        "versioncreated": "2024-05-04T08:30:00Z",
        "language": "fr",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": body}],
    } | fields
    return read_dispatch(json.dumps(item).encode(), filename=f"{uri}.json")


def new_dispatches(count: int, *, prefix: str = "urn:test:new") -> list:
    return [
        (
            ninjs(
                f"{prefix}:{n}",
                body=f"{PROSE}\n\nDépêche numéro {n}.",
                headline=f"Le plan transports, épisode {n} ({prefix})",
                subjects=[{"name": "Régions", "rel": "section"}, {"name": "Transports"}],
            ),
            f"{prefix}-{n}.json",
        )
        for n in range(count)
    ]


@pytest.fixture
def stored():
    """Two dispatches imported earlier, one with a quotation on it."""
    import_dispatch(data=ninjs("urn:test:same"), status="published", attribute=False)
    article = import_dispatch(data=ninjs("urn:test:changed"), attribute=False).article
    start = article.body.index(QUOTED)
    Quote.objects.create(article=article, text=QUOTED, start=start, end=start + len(QUOTED))


def mixed_batch() -> list:
    """New, unchanged, updated (a paragraph before the quotation), a dispatch the database
    cannot hold, another new one with tags, a section and a person, and a repeated guid."""
    people = [{"name": "Paul Berthier", "uri": "http://www.wikidata.org/entity/Q42"}]
    return [
        (ninjs("urn:test:first", headline="Premier"), "first.json"),
        (ninjs("urn:test:same"), "same.json"),
        (ninjs("urn:test:changed", body="Un chapeau en tête.\n\n" + PROSE), "changed.json"),
        (ninjs("urn:test:long", headline="Titre " * 60), "long.json"),
        (
            ninjs(
                "urn:test:tagged",
                subjects=[{"name": "Régions", "rel": "section"}, {"name": "Transports"}],
                people=people,
            ),
            "tagged.json",
        ),
        (ninjs("urn:test:first", headline="Premier", body=PROSE + "\n\nSuite."), "again.json"),
    ]


def outcome_summary(outcomes) -> list:
    return [
        (o.outcome, o.guid, o.changed, o.kept) if isinstance(o, ImportResult) else str(o)
        for o in outcomes
    ]


def by_name(values: dict | None) -> dict | None:
    """Imported values with people by name (ids differ by run)."""
    if values is None:
        return None
    names = dict(Person.objects.values_list("pk", "name"))
    return values | {"people": sorted(names[pk] for pk in values["people"])}


def database_state() -> dict:
    """Everything an import writes, by guid and name (ids and clock times differ by run)."""
    TagHistory = ARTICLE_HISTORY.m2m_models[Article._meta.get_field("tags")]
    state = {}
    for article in Article.objects.order_by("guid"):
        values = by_name(dispatch_values(article))
        latest = article.history.order_by("-history_id").first()
        state[article.guid] = {
            "values": values,
            "slug": article.slug,
            "published": article.published_at is not None,
            "headline_derived": article.headline_derived,
            "edit_count": article.edit_count,
            "quotes": list(article.quotes.values_list("text", "start", "end", "anchor_lost")),
            "revisions": [
                (
                    r.version,
                    r.filename,
                    r.format,
                    r.encoding,
                    by_name(r.imported),
                    by_name(r.previous),
                )
                for r in article.revisions.order_by("id")
            ],
            "latest history": (
                latest.headline,
                latest.body,
                latest.status,
                latest.slug,
                sorted(
                    TagHistory.objects.filter(history=latest).values_list("tag__name", flat=True)
                ),
            ),
        }
    state["tags"] = sorted(Tag.objects.values_list("name", flat=True))
    state["people"] = sorted(Person.objects.values_list("name", "wikidata_qid", "origin"))
    return state


def test_batch_gives_the_outcomes_and_database_of_one_by_one(stored):
    with transaction.atomic():
        one_by_one = []
        for data, filename in mixed_batch():
            try:
                one_by_one.append(import_dispatch(data=data, filename=filename, attribute=False))
            except IngestError as error:
                one_by_one.append(error)
        expected = database_state()
        transaction.set_rollback(True)

    batched = import_dispatches(dispatches=mixed_batch(), attribute=False)

    assert outcome_summary(batched) == outcome_summary(one_by_one)
    assert database_state() == expected


def test_mixed_batch_outcomes(stored):
    outcomes = import_dispatches(dispatches=mixed_batch(), attribute=False)
    assert [getattr(o, "outcome", "failed") for o in outcomes] == [
        "created",
        "unchanged",
        "updated",
        "failed",
        "created",
        "updated",
    ]


def test_malformed_dispatch_is_rejected_with_its_reason_and_changes_nothing(stored):
    outcomes = import_dispatches(dispatches=mixed_batch(), attribute=False)
    assert isinstance(outcomes[3], IngestError)
    assert str(outcomes[3]) == "headline is 359 characters, over the 300 allowed"
    assert not Article.objects.filter(guid="urn:test:long").exists()
    assert Article.objects.filter(guid="urn:test:tagged").exists()


def test_update_in_a_batch_reanchors_the_quotation_and_keeps_the_replaced_text(stored):
    import_dispatches(dispatches=mixed_batch(), attribute=False)
    article = Article.objects.get(guid="urn:test:changed")
    quote = article.quotes.get()
    assert article.body[quote.start : quote.end] == QUOTED
    assert article.revisions.first().previous["body"] == PROSE


def test_each_new_dispatch_has_its_revision_and_history_row_with_its_tags():
    import_dispatches(dispatches=new_dispatches(3), attribute=False)
    for article in Article.objects.all():
        assert article.revisions.get().imported == dispatch_values(article)
        history = article.history.get()
        assert (history.history_type, history.body) == ("+", article.body)
        assert [row.tag.name for row in history.tags.all()] == ["Transports"]


@pytest.mark.django_db(transaction=True)  # the generation is bumped when the batch commits
def test_new_dispatches_bump_the_page_cache_generation():
    import_dispatches(dispatches=new_dispatches(1, prefix="urn:test:warm"), attribute=False)
    before = pagecache.current_generation()  # the section and the tag exist: no save() below
    import_dispatches(dispatches=new_dispatches(3), attribute=False)
    assert pagecache.current_generation() == before + 1


def test_search_finds_the_imported_text():
    import_dispatches(dispatches=new_dispatches(3), attribute=False)
    found = search_articles(Article.objects.all(), "numéro 2")
    assert [article.guid for article in found] == ["urn:test:new:2"]


def test_same_headlines_get_distinct_slugs():
    dispatches = [(ninjs(f"urn:test:slug:{n}", body=f"{PROSE}\n\n{n}."), "") for n in range(3)]
    import_dispatch(data=ninjs("urn:test:slug:before"), attribute=False)
    import_dispatches(dispatches=dispatches, attribute=False)
    slugs = sorted(Article.objects.values_list("slug", flat=True))
    assert slugs == [f"le-plan-transports{suffix}" for suffix in ("", "-2", "-3", "-4")]


def test_reimport_is_unchanged_and_writes_nothing():
    import_dispatches(dispatches=new_dispatches(20), attribute=False)
    with CaptureQueriesContext(connection) as queries:
        outcomes = import_dispatches(dispatches=new_dispatches(20), attribute=False)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert {o.outcome for o in outcomes} == {"unchanged"}
    assert writes == []


def count_queries(dispatches) -> int:
    with CaptureQueriesContext(connection) as queries:
        outcomes = import_dispatches(dispatches=dispatches, attribute=False)
    assert {o.outcome for o in outcomes} == {"created"}
    return len(queries)


def test_statements_per_batch_do_not_grow_with_the_number_of_dispatches():
    count_queries(new_dispatches(1, prefix="urn:test:warm"))  # creates the section and the tag
    # Savepoint and its release, a query each for tags, sections, stored guids and free slugs,
    # then one INSERT per table: articles, their tags, history, tag history, revisions.
    assert count_queries(new_dispatches(10, prefix="urn:test:ten")) == 11
    assert count_queries(new_dispatches(50, prefix="urn:test:fifty")) == 11


def test_unchanged_batch_reads_a_few_statements_whatever_its_size():
    import_dispatches(dispatches=new_dispatches(50), attribute=False)
    with CaptureQueriesContext(connection) as queries:
        import_dispatches(dispatches=new_dispatches(50), attribute=False)
    # Savepoint and its release, tags, sections, the stored articles and their tags, people and
    # revisions (prefetched).
    assert len(queries) == 8


@pytest.fixture
def refused_headline():
    """A headline the database itself refuses (a trigger), where `import_dispatch` checks
    nothing: the way a constraint or a concurrent import would refuse a dispatch."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_headline() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF NEW.headline = 'Refusé' THEN RAISE check_violation USING MESSAGE = 'refused'; "
                "END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_headline BEFORE INSERT ON articles_article "
                "FOR EACH ROW EXECUTE FUNCTION refuse_headline()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_headline BEFORE INSERT ON articles_article "
                "WHEN NEW.headline = 'Refusé' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
    return "Refusé"


def test_one_dispatch_the_database_refuses_does_not_sink_the_others(refused_headline):
    dispatches = new_dispatches(3)
    dispatches[1] = (ninjs("urn:test:refused", headline=refused_headline), "refused.json")
    outcomes = import_dispatches(dispatches=dispatches, attribute=False)
    assert [type(o).__name__ for o in outcomes] == [
        "ImportResult",
        "IntegrityError",
        "ImportResult",
    ]
    assert sorted(Article.objects.values_list("guid", flat=True)) == [
        "urn:test:new:0",
        "urn:test:new:2",
    ]


def test_attribution_is_scheduled_for_created_and_rewritten_dispatches(stored, no_attribution):
    import_dispatches(dispatches=mixed_batch())
    assert [article.guid for article in no_attribution] == [
        "urn:test:first",
        "urn:test:changed",
        "urn:test:tagged",
        "urn:test:first",
    ]


def test_no_attribution_schedules_nothing(stored, no_attribution):
    import_dispatches(dispatches=mixed_batch(), attribute=False)
    assert no_attribution == []


def test_dry_run_writes_nothing(stored):
    before = database_state()
    outcomes = import_dispatches(dispatches=mixed_batch(), dry_run=True)
    assert outcomes[0].outcome == "created" and outcomes[0].dry_run
    assert database_state() == before


def test_command_imports_in_batches_and_reports_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(services.imports, "IMPORT_BATCH_SIZE", 2)
    monkeypatch.setattr("articles.management.commands.import_dispatches.IMPORT_BATCH_SIZE", 2)
    for n in range(5):
        item = {"uri": f"urn:test:{n}", "headline": f"Dépêche {n}", "body_text": f"{PROSE} {n}"}
        (tmp_path / f"{n}.json").write_text(json.dumps(item))
    (tmp_path / "2.json").write_bytes(b"\x00\x01 binary")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_dispatches", str(tmp_path), stdout=out, stderr=err)
    assert out.getvalue().splitlines()[0] == "created: 4, updated: 0, unchanged: 0, failed: 1"
    progress = [line.split()[0] for line in err.getvalue().splitlines()]
    assert progress == ["[1/5]", "[2/5]", "[3/5]", "[4/5]", "[5/5]"]
    assert f"[3/5] FAILED {tmp_path / '2.json'}" in err.getvalue()
    assert Article.objects.count() == 4
