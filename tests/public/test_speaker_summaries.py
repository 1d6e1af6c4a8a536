"""Speaker pages from their summaries (articles.summaries): the same page as the live sidebars
after every kind of write, summaries marked stale by the database whatever writes, and a summary
holding a dispatch not yet out never read."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import summaries
from articles.models import Article, Person, PersonMerge, Quotation, Quote, SpeakerSummary
from articles.services import editorial, review
from tests.factories import make_article, make_person, make_quote, make_tag, make_user

pytestmark = pytest.mark.django_db

BODY = (
    "« Nous protégerons chaque berge », a déclaré Mme Varenne.\n\n"
    "« Ce texte est trop timide », a répondu Paul Ostrander.\n\n"
    "« Nous attendrons le vote », a conclu Lise Marnier.\n\n"
    "« Rien ne presse », a ajouté Jean Sorel."
)
LINES = (
    "Nous protégerons chaque berge",
    "Ce texte est trop timide",
    "Nous attendrons le vote",
    "Rien ne presse",
)
_TOKEN = re.compile(r"[A-Za-z0-9]{64}")


@pytest.fixture
def newsroom():
    """Four speakers over fourteen dispatches (more than a sidebar lists), with tags, mentions,
    shared dispatches and suggestions; the summaries built."""
    people = [make_person(name) for name in ("Hélène Varenne", "Paul Ostrander", "Lise M", "J S")]
    tags = [make_tag(f"thème {n}") for n in range(4)]
    articles = []
    for n in range(14):
        article = make_article(body=BODY, headline=f"Dépêche {n}")
        article.tags.add(tags[n % 4], tags[(n + 1) % 4])
        for k, line in enumerate(LINES):
            if (n + k) % 3:
                status = Quote.Status.SUGGESTED if (n * k) % 5 == 4 else Quote.Status.CONFIRMED
                make_quote(article, line, speaker=people[(n + k) % 4], status=status)
        article.people.add(people[n % 4])
        articles.append(article)
    for n in range(3):  # mentioned without being quoted there
        make_article(headline=f"Mention {n}").people.add(*people)
    summaries.refresh()
    return people, articles


def page(client, person: Person) -> tuple[int, str]:
    response = client.get(f"/people/{person.slug}/")
    return response.status_code, _TOKEN.sub("TOKEN", response.text)


def live_page(client, person: Person) -> tuple[int, str]:
    with mock.patch.object(summaries, "current", return_value=None):
        return page(client, person)


def assert_pages_as_live(client, people) -> None:
    """Every speaker's page is the live computation's, with the summaries as the write left them
    (stale ones are not read), then once they are rebuilt (and then read)."""
    live = {person.pk: live_page(client, person) for person in people}
    for person in people:
        assert page(client, person) == live[person.pk], person
    summaries.refresh()
    assert not SpeakerSummary.objects.exclude(built_version=F("version")).exists()
    for person in people:
        assert page(client, person) == live[person.pk], person


def test_summary_page_is_the_live_page(client, newsroom):
    people, _ = newsroom
    for person in people:
        person.refresh_from_db()
        summary = SpeakerSummary.objects.get(person=person)
        assert summary.is_current and summary.quoted_in
        assert page(client, person) == live_page(client, person)


def test_summary_page_runs_no_grouping_and_as_many_queries(client, newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0
    person = newsroom[0][0]
    with CaptureQueriesContext(connection) as summarised:
        client.get(person.get_absolute_url())
    with (
        mock.patch.object(summaries, "current", return_value=None),
        CaptureQueriesContext(connection) as live,
    ):
        client.get(person.get_absolute_url())
    # The person with their summary; aliases; tag choices; the timeline; roles; the three
    # sidebars: 8, as the live page (every sidebar has something to show here).
    assert len(summarised) == len(live) == 8
    assert not any("COUNT(DISTINCT" in q["sql"].upper() for q in summarised.captured_queries)
    assert any("COUNT(DISTINCT" in q["sql"].upper() for q in live.captured_queries)
    # The timeline's first page too: its rows by primary key, not "each quotation once".
    assert not any("NOT EXISTS" in q["sql"].upper() for q in summarised.captured_queries)
    assert any("NOT EXISTS" in q["sql"].upper() for q in live.captured_queries)


def test_the_summary_holds_the_timeline_page_and_one_row_more():
    from articles.views import PAGE_SIZE

    assert summaries.TIMELINE_ROWS == PAGE_SIZE + 1


def test_a_long_timeline_first_page_from_the_summary_links_to_the_next(client):
    speaker, text = make_person("Odile Ferrant"), "Rien ne presse"
    for _ in range(summaries.TIMELINE_ROWS + 3):
        make_quote(make_article(body=f"« {text} », a dit Odile Ferrant."), text, speaker=speaker)
    summaries.refresh()
    assert len(SpeakerSummary.objects.get(person=speaker).timeline) == summaries.TIMELINE_ROWS
    first = page(client, speaker)
    assert first == live_page(client, speaker) and "page=2" in first[1]


def test_a_quotation_repeated_regrouped_and_reattributed(client, newsroom):
    # The timeline shows each quotation once with its number of public occurrences, whoever
    # they are attributed to: a change to any occurrence, or to the grouping, marks the
    # summaries of the speakers of all of them.
    people, _ = newsroom
    speaker, text = make_person("Odile Ferrant"), "Rien ne presse"
    body = f"« {text} », a dit Odile Ferrant."
    occurrences = [make_quote(make_article(body=body), text, speaker=speaker) for _ in range(3)]
    quotation = Quotation.objects.create(speaker=speaker, text=text, words="rien ne presse")
    Quote.objects.filter(pk__in=[q.pk for q in occurrences]).update(quotation=quotation)
    everyone = [*people, speaker]
    assert_pages_as_live(client, everyone)
    assert "reported 3 times" in page(client, speaker)[1] or "3 fois" in page(client, speaker)[1]
    first, second, last = occurrences
    Quote.objects.filter(pk=first.pk).update(speaker=people[1])
    assert_pages_as_live(client, everyone)
    # Rejected: a repeat fewer on the page of the speaker of the others.
    Quote.objects.filter(pk=first.pk).update(status=Quote.Status.REJECTED)
    assert_pages_as_live(client, everyone)
    # Split off its quotation: the last occurrence stands for itself.
    Quote.objects.filter(pk=last.pk).update(quotation=None)
    assert_pages_as_live(client, everyone)
    Article.objects.filter(pk=second.article_id).update(status=Article.Status.WITHDRAWN)
    assert_pages_as_live(client, everyone)


def reviewer():
    return make_user("relecteur", is_superuser=True)


def test_review_decisions(client, newsroom):
    people, articles = newsroom
    user = reviewer()
    suggested = Quote.objects.filter(status=Quote.Status.SUGGESTED).order_by("id")
    first, second, third = suggested[:3]
    review.confirm_quote(quote=first, reviewer=user, expected_version=first.version)
    assert_pages_as_live(client, people)
    confirmed = Quote.objects.filter(status=Quote.Status.CONFIRMED).order_by("-id")
    one, two = confirmed[:2]
    review.reject_quote(quote=one, reviewer=user, expected_version=one.version)
    assert_pages_as_live(client, people)
    other = next(p for p in people if p.pk != two.speaker_id)
    review.reassign_quote(quote=two, reviewer=user, expected_version=two.version, speaker=other)
    assert_pages_as_live(client, people)
    review.bulk_confirm(
        selection={second.pk: second.version, third.pk: third.version}, reviewer=user
    )
    assert_pages_as_live(client, people)


def test_merge_and_its_undoing(client, newsroom):
    people, _ = newsroom
    user = reviewer()
    record = review.merge_people(keep=people[0], merge=people[1], reviewer=user)
    assert_pages_as_live(client, [people[0], people[2], people[3]])
    review.undo_merge(record=PersonMerge.objects.get(pk=record.pk), reviewer=user)
    assert_pages_as_live(client, people)


def test_publishing_withdrawing_and_editing(client, newsroom):
    people, articles = newsroom
    user = reviewer()
    editorial.withdraw(article=articles[-1], user=user, reason="Erreur.")
    assert_pages_as_live(client, people)
    editorial.publish(article=Article.objects.get(pk=articles[-1].pk), user=user)
    assert_pages_as_live(client, people)
    # A dispatch's date moved: which ten are the newest changes.
    Article.objects.filter(pk=articles[0].pk).update(published_at=timezone.now())
    assert_pages_as_live(client, people)
    tags = list(articles[3].tags.all())
    editorial.merge_tags(keep=tags[0], tags=tags[1:], user=user)
    assert_pages_as_live(client, people)


def test_mentions_renames_and_deletes(client, newsroom):
    people, articles = newsroom
    # As attribution writes mentions and decisions: bulk statements, no save().
    Article.people.through.objects.bulk_create(
        [Article.people.through(article_id=a.pk, person_id=people[1].pk) for a in articles],
        ignore_conflicts=True,
    )
    assert_pages_as_live(client, people)
    Quote.objects.filter(article=articles[2]).update(status=Quote.Status.REJECTED)
    assert_pages_as_live(client, people)
    # Ties in "quoted alongside" are in name order.
    people[2].name = "Aaron Premier"
    people[2].save()
    assert_pages_as_live(client, people)
    articles[4].delete()
    Quote.objects.filter(speaker=people[3]).first().delete()
    assert_pages_as_live(client, people)
    people[3].delete()
    assert_pages_as_live(client, people[:3])


def test_new_quotations_and_dispatches(client, newsroom):
    people, articles = newsroom
    article = make_article(body=BODY)
    article.tags.add(make_tag("nouveau"))
    make_quote(article, LINES[0], speaker=people[0])
    make_quote(article, LINES[1], speaker=make_person("Nouvelle Venue"))
    assert_pages_as_live(client, [*people, Person.objects.get(name="Nouvelle Venue")])


def test_a_write_marks_the_summaries_it_touches_only(newsroom):
    people, articles = newsroom
    quoted_there = set(
        Quote.objects.filter(article=articles[0], status="confirmed").values_list(
            "speaker_id", flat=True
        )
    )
    Article.objects.filter(pk=articles[0].pk).update(status=Article.Status.WITHDRAWN)
    stale = set(
        SpeakerSummary.objects.exclude(built_version=F("version")).values_list(
            "person_id", flat=True
        )
    )
    assert stale == quoted_there | {people[0].pk}


def test_a_summary_with_a_dispatch_not_yet_out_is_not_read(client, newsroom):
    people, _ = newsroom
    later = make_article(body=BODY, published_at=timezone.now() + timedelta(hours=1))
    make_quote(later, LINES[0], speaker=people[0])
    summaries.refresh()
    summary = SpeakerSummary.objects.get(person=people[0])
    assert summary.is_current and summary.ready_at == later.published_at
    assert later.pk in summary.quoted_in  # what readers will see in an hour
    person = Person.objects.select_related("summary").get(pk=people[0].pk)
    assert summaries.current(person, at=timezone.now()) is None
    assert summaries.current(person, at=later.published_at) is not None
    assert page(client, people[0]) == live_page(client, people[0])
    assert "Dépêche" in page(client, people[0])[1]


def test_a_summary_built_while_a_write_changed_it_is_not_stored(newsroom):
    people, _ = newsroom
    person = people[0]
    version = SpeakerSummary.objects.get(person=person).version
    Quote.objects.filter(speaker=person).update(status=Quote.Status.REJECTED)  # marks it
    assert not summaries.rebuild(person.pk, version)
    assert not SpeakerSummary.objects.get(person=person).is_current


def test_suggestions_shown_then_summaries_unread(client, newsroom, settings):
    person = newsroom[0][0]
    settings.NEWSROOM_SHOW_SUGGESTED_QUOTES = True
    person = Person.objects.select_related("summary").get(pk=person.pk)
    assert summaries.current(person, at=timezone.now()) is None


def test_triggers_put_back_after_a_migration_dropped_them():
    summaries.uninstall(connection)
    assert not {name for name, *_ in summaries.TRIGGERS} & summaries.installed(connection)
    summaries.ensure_installed()
    assert {name for name, *_ in summaries.TRIGGERS} <= summaries.installed(connection)


def test_a_renamed_person_takes_their_place_in_quoted_alongside(client):
    varenne, zed, alpha = (make_person(n) for n in ("Hélène Varenne", "Zed Ostrander", "Alpha"))
    for other in (zed, alpha):  # one dispatch each with her: a tie, in name order
        article = make_article(body=BODY)
        make_quote(article, LINES[0], speaker=varenne)
        make_quote(article, LINES[1], speaker=other)
    summaries.refresh()
    zed.name = "Aaron Ostrander"
    zed.save()
    assert_pages_as_live(client, [varenne])
    text = page(client, varenne)[1]
    assert text.index("Aaron Ostrander") < text.index(">Alpha<")


@pytest.mark.django_db(transaction=True)
def test_deleting_a_quoted_and_mentioned_person_commits():
    # The triggers mark their summary while the delete unlinks their quotations and mentions;
    # the database then deletes it with them (a deferred foreign key would fail at the commit).
    person, other = make_person("Hélène Varenne"), make_person("Paul Ostrander")
    article = make_article(body=BODY)
    make_quote(article, LINES[0], speaker=person)
    make_quote(article, LINES[1], speaker=other)
    article.people.add(person)
    summaries.refresh()
    person.delete()
    assert not SpeakerSummary.objects.filter(person_id=person.pk).exists()
    assert not SpeakerSummary.objects.get(person=other).is_current


def test_a_summary_page_runs_eight_queries_and_one_less_per_empty_sidebar(
    client, django_assert_num_queries, newsroom
):
    # The person with their summary (a join); aliases; tag choices; one page of quotations;
    # roles; the sidebars' dispatches and people read by primary key — one query each.
    with django_assert_num_queries(8):
        client.get(f"/people/{newsroom[0][0].slug}/")
    # A speaker quoted once, alone, in an untagged dispatch mentioning nobody: their tag choices,
    # "mentioned in" and "quoted alongside" are empty in the summary, and an empty list is read
    # without a query — a fixed count for each shape of page, never one growing with the data.
    alone = make_person("Odile Ferrant")
    make_quote(
        make_article(body="« Rien ne presse », a dit Odile Ferrant."),
        "Rien ne presse",
        speaker=alone,
    )
    summaries.refresh()
    with django_assert_num_queries(5):
        client.get(f"/people/{alone.slug}/")


@pytest.mark.django_db(transaction=True)
def test_emptying_the_database_leaves_no_summary_behind(newsroom):
    # SQLite's flush deletes row by row, the people (and their summaries) before the quotations
    # and mentions that name them: the triggers must not mark people who are gone.
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert not SpeakerSummary.objects.exists() and not Person.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row versions")
def test_a_transaction_marks_a_summary_once_until_it_is_rebuilt(newsroom):
    # Each mark is a new row version: a bulk write marks a summary once, and a summary rebuilt
    # within the same transaction is marked again by the next write.
    people, articles = newsroom
    speaker = people[0]
    quotes = list(Quote.objects.filter(speaker=speaker, status="confirmed").order_by("id")[:2])

    def version() -> int:
        return SpeakerSummary.objects.get(person=speaker).version

    before = version()
    for quote in quotes:
        Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.REJECTED)
    assert version() == before + 1
    summaries.refresh()
    assert SpeakerSummary.objects.get(person=speaker).is_current
    Quote.objects.filter(pk=quotes[0].pk).update(status=Quote.Status.CONFIRMED)
    assert not SpeakerSummary.objects.get(person=speaker).is_current
