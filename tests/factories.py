"""Small factories for tests: plain functions with sensible defaults (original, fictional text)."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Person, Quote, Section, Tag

_seq = itertools.count(1)

BODY = (
    "La ministre fictive Hélène Varenne a défendu mardi son projet de loi sur les rivières.\n\n"
    "« Nous protégerons chaque berge », a déclaré Mme Varenne devant les députés de Castelmont.\n\n"
    "Selon le syndicat des pêcheurs, le texte reste trop timide."
)


def make_section(name: str | None = None) -> Section:
    return Section.objects.create(name=name or f"Section {next(_seq)}")


def make_tag(name: str | None = None) -> Tag:
    return Tag.objects.create(name=name or f"tag {next(_seq)}")


def make_article(**fields) -> Article:
    n = next(_seq)
    defaults = {
        "headline": f"Dépêche numéro {n}",
        "body": BODY,
        "language": "fr",
        "status": Article.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=n),
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


def make_person(name: str | None = None, **fields) -> Person:
    return Person.objects.create(name=name or f"Personne Fictive {next(_seq)}", **fields)


def make_quote(article: Article, text: str = "Nous protégerons chaque berge", **fields) -> Quote:
    start = article.body.index(text)
    defaults = {
        "start": start,
        "end": start + len(text),
        "text": text,
        "status": Quote.Status.CONFIRMED,
        "speaker_type": Quote.SpeakerType.PERSON,
    }
    defaults.update(fields)
    return Quote.objects.create(article=article, **defaults)


def make_user(username: str, *, group: str | None = None, staff: bool = True, **fields):
    user = get_user_model().objects.create_user(
        username=username, password="correct horse battery", is_staff=staff, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def person_form(person: Person, **fields) -> dict:
    """The admin change form of `person` as posted, with `fields` changed (no inline rows)."""
    data = {
        "name": person.name,
        "slug": person.slug,
        "kind": person.kind,
        "origin": person.origin,
        "gender": person.gender,
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        "roles-TOTAL_FORMS": 0,
        "roles-INITIAL_FORMS": 0,
    }
    return data | fields
