"""The review decisions: each records who, when, before → after, and refuses stale versions."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Person, PersonAlias, PersonMerge, Quote, QuoteDecision, alias_key
from articles.services import review, save_article
from tests.factories import make_article, make_person
from tests.review.factories import (
    REVIEW_BODY,
    make_review_article,
    make_reviewer,
    make_suggestion,
)

pytestmark = pytest.mark.django_db


def test_confirm_records_decision_and_bumps_version(reviewer, quotes):
    quote = quotes[0]
    review.confirm_quote(quote=quote, reviewer=reviewer, expected_version=1, note="vérifié")
    quote.refresh_from_db()
    assert (quote.status, quote.version, quote.reviewed_by) == ("confirmed", 2, reviewer)
    decision = QuoteDecision.objects.get(quote=quote)
    assert decision.action == "confirm" and decision.reviewer == reviewer
    assert decision.note == "vérifié"
    assert decision.before["status"] == "suggested" and decision.before["version"] == 1
    assert decision.after["status"] == "confirmed" and decision.after["version"] == 2


def test_second_reviewer_on_same_version_gets_conflict_naming_the_first(reviewer, quotes):
    other = make_reviewer("seconde")
    quote = quotes[0]
    review.confirm_quote(quote=quote, reviewer=reviewer, expected_version=1)
    with pytest.raises(review.ReviewConflict) as caught:
        review.reject_quote(quote=quote, reviewer=other, expected_version=1)
    conflict = caught.value
    assert conflict.changed_by == reviewer
    assert "relecteur" in conflict.message
    assert conflict.quote.status == "confirmed" and conflict.quote.version == 2
    quote.refresh_from_db()
    assert quote.status == "confirmed"  # never silently overwritten
    assert QuoteDecision.objects.filter(quote=quote).count() == 1


def test_conflict_after_body_edit_says_the_dispatch_changed(reviewer, quotes):
    quote = quotes[0]
    article = quote.article
    article.body = "Chapeau ajouté.\n\n" + article.body
    save_article(article)  # re-anchors the quotes, bumping their versions
    with pytest.raises(review.ReviewConflict) as caught:
        review.confirm_quote(quote=quote, reviewer=reviewer, expected_version=1)
    assert caught.value.changed_by is None
    assert caught.value.quote.start == quote.start + len("Chapeau ajouté.\n\n")


def test_reject_keeps_the_row_with_status_rejected(reviewer, quotes):
    quote = quotes[4]
    review.reject_quote(quote=quote, reviewer=reviewer, expected_version=1)
    quote.refresh_from_db()
    assert quote.status == "rejected" and quote.start is not None
    assert QuoteDecision.objects.get(quote=quote).action == "reject"


def test_reassign_sets_speaker_and_marks_corrected(reviewer, quotes):
    person = make_person("Paul Ardent", kind=Person.Kind.PERSON)
    quote = quotes[0]
    review.reassign_quote(quote=quote, reviewer=reviewer, expected_version=1, speaker=person)
    quote.refresh_from_db()
    assert quote.speaker == person and quote.status == "corrected"
    decision = QuoteDecision.objects.get(quote=quote)
    assert decision.action == "reassign"
    assert decision.before["speaker"] == "Hélène Varenne"
    assert decision.after["speaker"] == "Paul Ardent"


def test_reassign_to_an_organisation_sets_speaker_type(reviewer, quotes):
    union = make_person("Syndicat des pêcheurs", kind=Person.Kind.ORGANIZATION)
    review.reassign_quote(quote=quotes[4], reviewer=reviewer, expected_version=1, speaker=union)
    quotes[4].refresh_from_db()
    assert quotes[4].speaker_type == "organization"


def test_create_person_from_mention(reviewer, quotes):
    quote = quotes[3]  # mention "le maire de Castelmont"
    person = review.create_person_from_mention(
        quote=quote, reviewer=reviewer, expected_version=1, name="Jules Castel"
    )
    quote.refresh_from_db()
    assert quote.speaker == person and person.origin == "manual"
    assert set(person.aliases.values_list("name", flat=True)) == {
        "Jules Castel",
        "le maire de Castelmont",
    }
    assert QuoteDecision.objects.get(quote=quote).after["person_created"] == person.pk


def test_create_person_refuses_a_name_that_already_resolves(reviewer, quotes):
    with pytest.raises(ValidationError, match="Varenne"):
        review.create_person_from_mention(
            quote=quotes[3], reviewer=reviewer, expected_version=1, name="Mme Hélène Varenne"
        )
    quotes[3].refresh_from_db()
    assert quotes[3].version == 1  # the whole decision rolled back
    assert not QuoteDecision.objects.exists()


def test_add_alias_makes_the_mention_resolve_to_the_person(reviewer, quotes):
    quote = quotes[1]  # "la ministre", proposed Hélène Varenne
    alias = review.add_alias(quote=quote, reviewer=reviewer, expected_version=1)
    assert alias.person.name == "Hélène Varenne"
    assert Person.objects.matching_key(alias_key("La Ministre")).get().name == "Hélène Varenne"
    quote.refresh_from_db()
    assert quote.status == "confirmed"
    assert QuoteDecision.objects.get(quote=quote).action == "add_alias"


def test_add_alias_to_another_person_reassigns(reviewer, quotes):
    mayor = make_person("Jules Castel")
    review.add_alias(quote=quotes[3], reviewer=reviewer, expected_version=1, person=mayor)
    quotes[3].refresh_from_db()
    assert quotes[3].speaker == mayor and quotes[3].status == "corrected"
    assert mayor.aliases.filter(name="le maire de Castelmont").exists()


def test_add_alias_refuses_an_alias_of_someone_else(reviewer, quotes):
    review.add_alias(quote=quotes[1], reviewer=reviewer, expected_version=1)
    other = quotes[4]
    other.mention = "la ministre"
    other.save()
    with pytest.raises(ValidationError, match="already resolves"):
        review.add_alias(
            quote=other, reviewer=reviewer, expected_version=1, person=make_person("Autre")
        )


def test_correct_span_moves_text_and_offsets(reviewer, quotes):
    quote = quotes[2]
    body = quote.article.body
    start = body.index("rien n'est encore joué")
    end = start + len("rien n'est encore joué")
    review.correct_span(quote=quote, reviewer=reviewer, expected_version=1, start=start, end=end)
    quote.refresh_from_db()
    assert (quote.text, quote.start, quote.end) == ("rien n'est encore joué", start, end)
    assert quote.status == "corrected"
    decision = QuoteDecision.objects.get(quote=quote)
    assert decision.before["text"] == "rien n'est encore joué dans cette affaire"


def test_correct_span_reanchors_a_lost_quote(reviewer):
    article = make_article(body="« Texte d'origine », a dit Hélène.")
    quote = make_suggestion(article, "Texte d'origine")
    article.body = "« Texte modifié », a dit Hélène."
    save_article(article)
    quote.refresh_from_db()
    assert quote.anchor_lost
    start = article.body.index("Texte modifié")
    review.correct_span(
        quote=quote, reviewer=reviewer, expected_version=quote.version, start=start, end=start + 13
    )
    quote.refresh_from_db()
    assert not quote.anchor_lost and quote.text == "Texte modifié"


def test_correct_span_refuses_a_span_outside_the_body(reviewer, quotes):
    with pytest.raises(ValidationError):
        review.correct_span(
            quote=quotes[0], reviewer=reviewer, expected_version=1, start=5, end=10_000
        )


def test_confirm_refuses_a_quote_whose_anchor_was_lost(reviewer):
    article = make_article(body="« Texte d'origine », a dit Hélène.")
    quote = make_suggestion(article, "Texte d'origine")
    article.body = "Tout a changé."
    save_article(article)
    quote.refresh_from_db()
    with pytest.raises(ValidationError, match="correct its span"):
        review.confirm_quote(quote=quote, reviewer=reviewer, expected_version=quote.version)


def test_bulk_confirm_confirms_fresh_ones_and_reports_stale_ones(reviewer, quotes):
    review.reject_quote(quote=quotes[1], reviewer=make_reviewer("autre"), expected_version=1)
    result = review.bulk_confirm(
        selection={quotes[0].pk: 1, quotes[1].pk: 1, quotes[2].pk: 1}, reviewer=reviewer
    )
    assert [q.pk for q in result.confirmed] == [quotes[0].pk, quotes[2].pk]
    assert [c.quote.pk for c in result.conflicts] == [quotes[1].pk]
    assert Quote.objects.get(pk=quotes[1].pk).status == "rejected"


def test_merge_moves_quotes_aliases_and_mentions_and_is_recorded(reviewer):
    article, quotes = make_review_article()
    keep = make_person("Vladimir Poutine", role="président")
    merge = make_person("Poutine", wikidata_qid="Q7747")
    PersonAlias.objects.create(person=merge, name="le président russe")
    article.people.add(merge)
    for quote in quotes[2:4]:
        quote.speaker = merge
        quote.save()
    record = review.merge_people(keep=keep, merge=merge, reviewer=reviewer)
    assert not Person.objects.filter(pk=merge.pk).exists()
    assert set(Quote.objects.filter(speaker=keep)) == set(quotes[2:4])
    assert set(keep.aliases.values_list("name", flat=True)) >= {"Poutine", "le président russe"}
    assert article.people.filter(pk=keep.pk).exists()
    keep.refresh_from_db()
    assert keep.wikidata_qid == "Q7747" and keep.role == "président"
    assert record.moved["quotes"] == [quotes[2].pk, quotes[3].pk]
    assert QuoteDecision.objects.filter(merge=record, action="merge").count() == 2
    assert Quote.objects.get(pk=quotes[2].pk).version == 2  # a reviewer holding 1 gets a conflict


def test_undo_merge_restores_the_merged_person_and_what_moved(reviewer):
    article, quotes = make_review_article()
    keep = make_person("Vladimir Poutine")
    merge = make_person("Poutine")
    merge_pk, merge_slug = merge.pk, merge.slug
    PersonAlias.objects.create(person=merge, name="le président russe")
    article.people.add(merge)
    quotes[2].speaker = merge
    quotes[2].save()
    record = review.merge_people(keep=keep, merge=merge, reviewer=reviewer)
    result = review.undo_merge(record=record, reviewer=reviewer)
    restored = Person.objects.get(pk=merge_pk)
    assert result.person == restored and restored.slug == merge_slug
    assert Quote.objects.get(pk=quotes[2].pk).speaker == restored
    assert set(restored.aliases.values_list("name", flat=True)) == {"Poutine", "le président russe"}
    assert set(article.people.all()) == {Person.objects.get(name="Hélène Varenne"), restored}
    record.refresh_from_db()
    assert record.is_undone and record.undone_by == reviewer
    assert QuoteDecision.objects.filter(merge=record, action="undo_merge").count() == 1


def test_undo_merge_leaves_quotes_reassigned_since(reviewer):
    _, quotes = make_review_article()
    keep, merge = make_person("Vladimir Poutine"), make_person("Poutine")
    quotes[2].speaker = merge
    quotes[2].save()
    record = review.merge_people(keep=keep, merge=merge, reviewer=reviewer)
    other = make_person("Paul Ardent")
    review.reassign_quote(quote=quotes[2], reviewer=reviewer, expected_version=2, speaker=other)
    result = review.undo_merge(record=record, reviewer=reviewer)
    assert result.kept == [quotes[2].pk]
    assert Quote.objects.get(pk=quotes[2].pk).speaker == other


def test_undo_merge_twice_is_refused(reviewer):
    record = review.merge_people(
        keep=make_person("Vladimir Poutine"), merge=make_person("Poutine"), reviewer=reviewer
    )
    review.undo_merge(record=record, reviewer=reviewer)
    with pytest.raises(ValidationError):
        review.undo_merge(record=record, reviewer=reviewer)


def test_merging_a_person_who_absorbed_another_carries_the_earlier_merge(reviewer):
    a, b, c = make_person("V. Poutine"), make_person("Poutine"), make_person("Vladimir Poutine")
    first = review.merge_people(keep=b, merge=a, reviewer=reviewer)
    review.merge_people(keep=c, merge=b, reviewer=reviewer)
    first.refresh_from_db()
    assert first.keep == c
    assert PersonMerge.objects.count() == 2


def test_merge_into_itself_is_refused(reviewer):
    person = make_person("Poutine")
    with pytest.raises(ValidationError):
        review.merge_people(keep=person, merge=person, reviewer=reviewer)


def test_rerunning_extraction_never_undoes_a_decision(reviewer):
    from articles.services import attribute_quotes

    article = make_article(body=REVIEW_BODY)
    attribute_quotes(article=article)
    found = {quote.text: quote for quote in article.quotes.all()}
    assert len(found) == 5
    mayor = make_person("Jules Castel")
    review.confirm_quote(
        quote=found["Nous tiendrons nos promesses"], reviewer=reviewer, expected_version=1
    )
    review.reject_quote(quote=found["Nous verrons bien"], reviewer=reviewer, expected_version=1)
    review.reassign_quote(
        quote=found["Les berges seront rendues aux promeneurs"],
        reviewer=reviewer,
        expected_version=1,
        speaker=mayor,
    )
    partial = found["rien n'est encore joué dans cette affaire"]
    review.correct_span(
        quote=partial,
        reviewer=reviewer,
        expected_version=1,
        start=partial.start,
        end=partial.start + len("rien n'est encore joué"),
    )
    fields = ("pk", "text", "start", "end", "status", "speaker_id", "version")
    decided = set(article.quotes.exclude(status="suggested").values_list(*fields))
    assert len(decided) == 4

    attribute_quotes(article=article)

    assert set(article.quotes.exclude(status="suggested").values_list(*fields)) == decided
    suggested = list(article.quotes.filter(status="suggested"))
    assert [quote.text for quote in suggested] == ["Le budget est prêt"]
