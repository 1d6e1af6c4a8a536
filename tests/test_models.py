from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.languages import normalise_language
from articles.models import Article, Person, PersonAlias, Quote
from articles.services import save_article
from tests.factories import BODY, make_article, make_person, make_quote

pytestmark = pytest.mark.django_db


def test_database_refuses_start_not_before_end():
    quote = make_quote(make_article())
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(end=quote.start)


def test_database_refuses_negative_start_through_bulk_create():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.bulk_create([Quote(article=article, text="x", start=5, end=2)])


def test_database_refuses_duplicate_guid():
    make_article(guid="urn:test:1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.bulk_create(
            [Article(guid="urn:test:1", slug="other", headline="x", body="y")]
        )


def test_database_refuses_urgency_outside_1_to_9():
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(urgency=10)


def test_database_refuses_two_quotes_on_one_span():
    article = make_article()
    make_quote(article)
    with pytest.raises((IntegrityError, ValidationError)), transaction.atomic():
        make_quote(article)


def test_save_refuses_quote_ending_after_body():
    article = make_article()
    with pytest.raises(ValidationError):
        Quote.objects.create(article=article, text="x", start=len(BODY) - 1, end=len(BODY) + 5)
    assert not Quote.objects.exists()


def test_save_refuses_quote_whose_text_differs_from_body():
    article = make_article()
    with pytest.raises(ValidationError):
        Quote.objects.create(article=article, text="Nous ne protégerons rien", start=0, end=24)
    assert not Quote.objects.exists()


def test_save_locates_offsets_of_quote_entered_by_text():
    article = make_article()
    quote = Quote.objects.create(article=article, text="Nous protégerons chaque berge")
    assert article.body[quote.start : quote.end] == quote.text


def test_save_refuses_quote_text_absent_from_body():
    with pytest.raises(ValidationError):
        Quote.objects.create(article=make_article(), text="Jamais écrit dans la dépêche")


def test_body_edit_reanchors_quote_by_text():
    article = make_article()
    quote = make_quote(article)
    article.body = "Un nouveau premier paragraphe.\n\n" + article.body
    save_article(article)
    quote.refresh_from_db()
    assert article.body[quote.start : quote.end] == quote.text
    assert not quote.anchor_lost


def test_body_edit_losing_quote_text_flags_it_and_keeps_it():
    article = make_article()
    quote = make_quote(article)
    article.body = "Le texte a été entièrement réécrit par la rédaction."
    save_article(article)
    quote.refresh_from_db()
    assert quote.anchor_lost
    assert (quote.start, quote.end) == (None, None)
    assert quote.text == "Nous protégerons chaque berge"
    assert quote in Quote.objects.pending_review()
    assert quote not in Quote.objects.public()


def test_published_excludes_drafts_future_and_embargoed_dispatches():
    now = timezone.now()
    visible = make_article()
    make_article(status=Article.Status.DRAFT, published_at=None)
    make_article(published_at=now + timedelta(hours=1))
    make_article(embargo_until=now + timedelta(hours=1))
    make_article(status=Article.Status.WITHDRAWN)
    corrected = make_article(status=Article.Status.CORRECTED)
    assert set(Article.objects.published()) == {visible, corrected}


def test_public_quotes_are_reviewed_anchored_and_on_published_dispatches():
    published = make_article()
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    shown = make_quote(published)
    make_quote(published, "Selon le syndicat des pêcheurs", status=Quote.Status.SUGGESTED)
    make_quote(draft)
    assert list(Quote.objects.public()) == [shown]


def test_pending_review_holds_suggestions_not_decisions():
    article = make_article()
    suggestion = make_quote(article, status=Quote.Status.SUGGESTED)
    make_quote(article, "Selon le syndicat des pêcheurs", status=Quote.Status.REJECTED)
    assert list(Quote.objects.pending_review()) == [suggestion]


def test_article_urls_have_the_public_shape():
    article = make_article(headline="Crue record à Castelmont")
    assert article.get_absolute_url() == "/dispatches/crue-record-a-castelmont/"


def test_person_url_and_canonical_alias():
    person = make_person("Hélène Varenne")
    assert person.get_absolute_url() == "/people/helene-varenne/"
    assert Person.objects.matching_key("helene varenne").get() == person


def test_alias_key_ignores_case_accents_and_honorifics():
    person = make_person("Hélène Varenne")
    PersonAlias.objects.create(person=person, name="Mme VARENNE")
    assert Person.objects.matching_key("varenne").get() == person


def test_alias_key_is_unique():
    make_person("Hélène Varenne")
    other = make_person("Héloïse Varenne")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAlias.objects.create(person=other, name="Mme Hélène Varenne")


def test_person_refuses_malformed_wikidata_qid():
    person = make_person(wikidata_qid="Q42")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(wikidata_qid="42")
    person.wikidata_qid = "Qx"
    with pytest.raises(ValidationError):
        person.full_clean()


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("FR", "fr"), ("nb_no", "nb-NO"), ("zh-hant-tw", "zh-Hant-TW"), ("en-419", "en-419")],
)
def test_language_tags_are_stored_normalised(tag, expected):
    assert normalise_language(tag) == expected
    assert make_article(language=tag).language == expected


def test_malformed_language_tag_is_refused():
    with pytest.raises(ValueError):
        normalise_language("not a tag")


def test_an_alias_of_several_words_keeps_its_surname_key():
    person = make_person("Jean-Marc Ayrault")
    alias = PersonAlias.objects.create(person=person, name="M. Ayrault")
    assert PersonAlias.objects.get(name="Jean-Marc Ayrault").surname == "ayrault"
    assert alias.surname == ""  # one word once the honorific is dropped: a surname itself


def test_the_migration_fills_the_surname_keys_aliases_had_before_it():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0025_alias_surname")
    make_person("Liam O'Brien")
    PersonAlias.objects.update(surname="")
    migration.fill_surnames(apps, None)
    assert PersonAlias.objects.get().surname == "brien"
