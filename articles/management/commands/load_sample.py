"""Load the sample dispatches shipped with Newsroom (original writing about fictional people)."""

import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import services
from articles.models import Article, Person, PersonAlias, Quote, Role, Section, Tag, alias_key
from articles.services.people import infer_genders
from articles.services.quotations import group_all_quotes

SAMPLE_FILE = Path(__file__).resolve().parents[2] / "sample" / "dispatches.json"
DEMO_ACCOUNTS = (
    ("editor", "newsroom-editor", "Editors"),
    ("reviewer", "newsroom-reviewer", "Reviewers"),
)


def nth_occurrence(body: str, text: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = body.find(text, at + 1)
        if at == -1:
            break
    return at


class Command(BaseCommand):
    help = (
        "Load the sample dispatches, people and confirmed quotations, then let the engine suggest "
        "attributions for review. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds a dispatch.",
        )
        parser.add_argument(
            "--no-attribution",
            action="store_true",
            help="Skip the quote engine (faster; the review queue stays empty).",
        )

    def handle(self, *args, if_empty: bool = False, no_attribution: bool = False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("Dispatches already present: sample content not loaded.")
            return
        dispatches = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            articles = [self.load_dispatch(item) for item in dispatches]
            # Repeats of one quotation across the sample's dispatches become one quotation.
            group_all_quotes()
        self.stdout.write(f"Sample content: {len(dispatches)} dispatches loaded.")
        if not no_attribution:
            # Published samples carry confirmed quotations; drafts are left to the engine, so the
            # review desk has suggestions to work on from the first run.
            suggested = sum(services.attribute_quotes(article=article) for article in articles)
            self.stdout.write(f"Quote engine: {suggested} new suggestions for the review desk.")
        # Genders from what the dispatches write (honorifics, agreement) and first names.
        infer_genders()
        if settings.DEBUG:
            self.create_demo_accounts()

    def load_dispatch(self, item: dict) -> Article:
        section, _ = Section.objects.get_or_create(name=item["section"])
        people = {}
        for entry in item.get("people", []):
            person, _ = Person.objects.get_or_create(
                name=entry["name"],
                defaults={
                    "kind": entry.get("kind", "person"),
                    "role": entry.get("role", ""),
                    "description": entry.get("description", ""),
                },
            )
            for role in entry.get("roles", []):
                Role.objects.get_or_create(
                    person=person,
                    title=role["title"],
                    organisation=role.get("organisation", ""),
                    start=role.get("start"),
                    defaults={"end": role.get("end"), "source": Role.Source.ENTERED},
                )
            for alias in entry.get("aliases", []):
                key = alias_key(alias)
                if key and not PersonAlias.objects.filter(key=key).exists():
                    PersonAlias.objects.create(person=person, name=alias)
            people[person.name] = person
        published_at = datetime.fromisoformat(item["published_at"])
        article, _ = Article.objects.update_or_create(
            guid=item["guid"],
            defaults={
                "headline": item["headline"],
                "body": item["body"],
                "summary": item.get("summary", ""),
                "language": item["language"],
                "section": section,
                "dateline": item.get("dateline", ""),
                "byline": item.get("byline", ""),
                "source": item.get("source", "Newsroom"),
                "urgency": item.get("urgency", 5),
                "status": item["status"],
                "first_created": published_at,
                "version_created": published_at,
                "published_at": published_at if item["status"] != "draft" else None,
            },
        )
        article.tags.set([Tag.objects.get_or_create(name=name)[0] for name in item.get("tags", [])])
        article.people.set(people.values())
        if item["status"] == Article.Status.DRAFT:
            return article
        for spec in item.get("quotes", []):
            start = nth_occurrence(article.body, spec["text"], spec.get("occurrence", 1))
            if start == -1:
                raise CommandError(f"{item['guid']}: quote not in body: {spec['text'][:60]!r}")
            Quote.objects.update_or_create(
                article=article,
                start=start,
                end=start + len(spec["text"]),
                defaults={
                    "text": spec["text"],
                    "kind": spec["kind"],
                    "speaker": people.get(spec["speaker"]) if spec.get("speaker") else None,
                    "speaker_type": spec["speaker_type"],
                    "mention": spec.get("mention") or "",
                    "cue": spec.get("cue") or "",
                    "confidence": 1.0,
                    "status": Quote.Status.CONFIRMED,
                    "origin": Quote.Origin.MANUAL,
                },
            )
        return article

    def create_demo_accounts(self) -> None:
        """Development only: an editor and a reviewer to log in with (printed by `make run`)."""
        User = get_user_model()
        for username, password, group_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True}
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
        self.stdout.write("Demo accounts (development only): editor, reviewer.")
