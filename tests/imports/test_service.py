"""services.import_dispatch: identity, idempotence, updates that respect editors, revisions."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.ingest import IngestError, read_dispatch
from articles.models import Article, DispatchRevision, Person, Quote
from articles.services import import_dispatch

pytestmark = pytest.mark.django_db

PROSE = (
    "Le ministre fictif Paul Berthier a présenté lundi un plan pour les transports régionaux.\n\n"
    "« Chaque village aura sa ligne de car », a déclaré M. Berthier devant les élus.\n\n"
    "Les syndicats jugent le plan insuffisant."
)


def ninjs(uri="urn:test:berthier", body=PROSE, **fields) -> bytes:
    item = {
        "uri": uri,
        "version": "1",
        "language": "fr",
        "headlines": [{"role": "main", "value": "Le plan transports de Paul Berthier"}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": body}],
    } | fields
    return json.dumps(item).encode()


def import_bytes(data: bytes, **options):
    return import_dispatch(data=read_dispatch(data), **options)


@pytest.fixture
def seed_bytes(shared_dir):
    return (shared_dir / "seeds" / "000_95765011fa2cb2aa.txt").read_bytes()


def test_seed_imports_as_one_draft_article(seed_bytes):
    result = import_bytes(seed_bytes)
    assert result.outcome == "created"
    assert Article.objects.count() == 1
    assert result.article.status == Article.Status.DRAFT


def test_seed_article_has_section_date_language_and_derived_headline(seed_bytes):
    article = import_bytes(seed_bytes).article
    article.refresh_from_db()
    assert article.section.name == "International"
    assert article.first_created == dt.datetime(2016, 9, 1, tzinfo=dt.UTC)
    assert article.language == "fr"
    assert article.headline_derived is True
    assert len(article.paragraphs) == 9


def test_seed_again_is_unchanged_and_writes_nothing(seed_bytes):
    import_bytes(seed_bytes)
    with CaptureQueriesContext(connection) as queries:
        result = import_bytes(seed_bytes)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert result.outcome == "unchanged"
    assert writes == []
    assert Article.objects.count() == 1


def test_dispatch_without_guid_gets_a_stored_hash_guid(seed_bytes):
    article = import_bytes(seed_bytes).article
    assert article.guid.startswith("urn:newsroom:dispatch:")
    assert Article.objects.get(guid=article.guid) == article


def test_same_guid_other_content_updates_the_same_article():
    first = import_bytes(ninjs()).article
    result = import_bytes(ninjs(body=PROSE + "\n\nUn paragraphe ajouté.", version="2"))
    assert (result.outcome, result.article.pk) == ("updated", first.pk)
    assert Article.objects.get().body.endswith("Un paragraphe ajouté.")


def test_update_keeps_the_previous_text_recoverable():
    import_bytes(ninjs())
    import_bytes(ninjs(body=PROSE + "\n\nCorrection.", version="2"))
    revision = DispatchRevision.objects.first()
    assert revision.version == "2"
    assert revision.previous["body"] == PROSE
    assert revision.previous["version"] == "1"


def test_correction_without_version_bump_updates():
    import_bytes(ninjs())
    assert import_bytes(ninjs(body=PROSE.replace("lundi", "mardi"))).outcome == "updated"


def test_update_never_overwrites_a_field_the_editor_changed():
    article = import_bytes(ninjs()).article
    article.headline = "Titre revu par l'édition"
    article.save()
    new_headline = [{"role": "main", "value": "Nouveau titre de l'agence"}]
    result = import_bytes(ninjs(headlines=new_headline, body=PROSE + "\n\nSuite."))
    article.refresh_from_db()
    assert result.kept == ["headline"]
    assert article.headline == "Titre revu par l'édition"
    assert article.body.endswith("Suite.")


def test_editor_change_alone_leaves_a_reimport_unchanged():
    article = import_bytes(ninjs()).article
    article.headline = "Titre revu par l'édition"
    article.save()
    result = import_bytes(ninjs())
    assert (result.outcome, result.kept) == ("unchanged", [])
    assert Article.objects.get().headline == "Titre revu par l'édition"


def test_update_reanchors_quotes():
    article = import_bytes(ninjs()).article
    text = "Chaque village aura sa ligne de car"
    start = article.body.index(text)
    Quote.objects.create(article=article, text=text, start=start, end=start + len(text))
    import_bytes(ninjs(body="Un chapeau ajouté en tête.\n\n" + PROSE))
    quote = Quote.objects.get()
    assert Article.objects.get().body[quote.start : quote.end] == text
    assert quote.start == start + len("Un chapeau ajouté en tête.\n\n")


def test_new_dispatch_schedules_attribution(no_attribution):
    article = import_bytes(ninjs()).article
    assert no_attribution == [article]


def test_unchanged_dispatch_schedules_no_attribution(no_attribution):
    import_bytes(ninjs())
    import_bytes(ninjs())
    assert len(no_attribution) == 1


def test_changed_body_schedules_attribution_again(no_attribution):
    import_bytes(ninjs())
    import_bytes(ninjs(body=PROSE + "\n\nSuite."))
    assert len(no_attribution) == 2


def test_attribute_false_schedules_nothing(no_attribution):
    import_bytes(ninjs(), attribute=False)
    assert no_attribution == []


def test_attribution_runs_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    attributed = []
    monkeypatch.setattr(
        services.attribution,
        "attribute_quotes",
        lambda *, article: attributed.append(article.pk) or 0,
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = import_bytes(ninjs()).article
    assert attributed == [article.pk]


def test_dry_run_writes_nothing():
    result = import_bytes(ninjs(), dry_run=True)
    assert result.outcome == "created"
    assert not Article.objects.exists()
    assert not DispatchRevision.objects.exists()


def test_published_status_sets_publication_time():
    article = import_bytes(ninjs(), status="published").article
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None


def test_agency_cancellation_withdraws_the_dispatch():
    import_bytes(ninjs(), status="published")
    import_bytes(ninjs(pubstatus="canceled"), status="published")
    assert Article.objects.get().status == Article.Status.WITHDRAWN


def test_section_option_overrides_the_dispatch(seed_bytes):
    article = import_bytes(seed_bytes, section="Monde").article
    assert article.section.name == "Monde"


def test_subjects_become_tags_matching_existing_ones_case_insensitively():
    import_bytes(ninjs(subjects=[{"name": "Transports"}]))
    result = import_bytes(ninjs(uri="urn:test:other", subjects=[{"name": "transports"}]))
    assert [tag.name for tag in result.article.tags.all()] == ["Transports"]
    assert import_bytes(ninjs(uri="urn:test:other", subjects=[{"name": "transports"}])).outcome == (
        "unchanged"
    )


def test_people_hints_become_people_by_wikidata_id(shared_dir):
    data = (shared_dir / "standards/ninjs/examples/005_complex_text_article.json").read_bytes()
    article = import_bytes(data).article
    person = article.people.get()
    assert (person.name, person.wikidata_qid) == ("Francesco Schettino", "Q4421821")
    assert person.origin == Person.Origin.AUTOMATIC


def test_people_hints_reuse_a_known_person():
    known = Person.objects.create(name="Paul Berthier", wikidata_qid="Q42")
    people = [{"name": "P. Berthier", "uri": "http://www.wikidata.org/entity/Q42"}]
    article = import_bytes(ninjs(people=people)).article
    assert list(article.people.all()) == [known]


def test_three_ninjs_examples_make_two_articles(shared_dir):
    examples = sorted((shared_dir / "standards" / "ninjs" / "examples").glob("*.json"))
    outcomes = [import_bytes(path.read_bytes()).outcome for path in examples]
    # 004 repeats 001's uri with the same text: it lands on the same article.
    assert outcomes == ["created", "unchanged", "created"]
    assert Article.objects.count() == 2


def test_later_example_with_new_content_updates(shared_dir):
    examples = shared_dir / "standards" / "ninjs" / "examples"
    import_bytes((examples / "001_simple_example.json").read_bytes())
    later = json.loads((examples / "004_simple_text_article.json").read_text())
    later["versioncreated"] = "2013-07-09T12:00:00Z"
    later["bodies"][0]["value"] += " The hearing resumes next week."
    result = import_bytes(json.dumps(later).encode())
    assert result.outcome == "updated"
    assert Article.objects.get().body.endswith("The hearing resumes next week.")


def test_headline_too_long_for_the_database_is_refused_and_nothing_written():
    long = [{"role": "main", "value": "Titre " * 60}]
    with pytest.raises(IngestError, match="headline is 35\\d characters"):
        import_bytes(ninjs(headlines=long))
    assert not Article.objects.exists()


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="status"):
        import_bytes(ninjs(), status="corrected")


def test_reimport_with_default_status_keeps_a_published_dispatch_published():
    import_bytes(ninjs(), status="published")
    import_bytes(ninjs(body=PROSE + "\n\nSuite."))
    assert Article.objects.get().status == Article.Status.PUBLISHED


def test_reimport_as_published_publishes_a_draft():
    import_bytes(ninjs())
    assert import_bytes(ninjs(), status="published").changed == ["status"]
    assert Article.objects.get().status == Article.Status.PUBLISHED
