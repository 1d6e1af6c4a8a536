"""Set-up for the review desk's tests: a dispatch with suggested quotations, and reviewers."""

from importlib import import_module

from django.contrib.auth.models import Group, Permission

from articles.models import Article, Person, Quote
from tests.factories import make_article, make_person, make_quote, make_user

REVIEW_BODY = (
    "« Nous tiendrons nos promesses », a déclaré Hélène Varenne mardi à Castelmont.\n\n"
    "« Le budget est prêt », a ajouté la ministre devant les élus.\n\n"
    "Selon Paul Ardent, « rien n'est encore joué dans cette affaire ».\n\n"
    "« Les berges seront rendues aux promeneurs », a conclu le maire de Castelmont.\n\n"
    "« Nous verrons bien », a lâché un pêcheur sur le quai."
)
REVIEW_QUOTES = (
    ("Nous tiendrons nos promesses", "Hélène Varenne", "a déclaré", 0.9),
    ("Le budget est prêt", "la ministre", "a ajouté", 0.5),
    ("rien n'est encore joué dans cette affaire", "Paul Ardent", "Selon", 0.7),
    ("Les berges seront rendues aux promeneurs", "le maire de Castelmont", "a conclu", 0.3),
    ("Nous verrons bien", "un pêcheur", "a lâché", 0.1),
)


def make_reviewer(username: str = "relecteur"):
    # Transactional tests (browser) flush the groups the data migration created: recreate them.
    if not Group.objects.filter(name="Reviewers").exists():
        migration = import_module("articles.migrations.0002_editor_reviewer_groups")
        group = Group.objects.create(name="Reviewers")
        group.permissions.add(*migration.permissions_for(Permission, migration.REVIEWERS))
    return make_user(username, group="Reviewers")


def make_suggestion(
    article: Article, text: str, *, speaker: Person | None = None, **fields
) -> Quote:
    defaults = {
        "status": Quote.Status.SUGGESTED,
        "origin": Quote.Origin.AUTOMATIC,
        "speaker": speaker,
        "speaker_type": Quote.SpeakerType.PERSON if speaker else Quote.SpeakerType.UNKNOWN,
        "mention": speaker.name if speaker else "",
        "cue": "a déclaré",
        "confidence": 0.5,
    }
    return make_quote(article, text, **(defaults | fields))


def make_review_article(**fields) -> tuple[Article, list[Quote]]:
    """A dispatch with five suggested quotations (confidence 0.9, 0.5, 0.7, 0.3, 0.1)."""
    article = make_article(body=REVIEW_BODY, **fields)
    varenne = Person.objects.filter(name="Hélène Varenne").first() or make_person("Hélène Varenne")
    article.people.add(varenne)
    quotes = [
        make_suggestion(
            article,
            text,
            speaker=varenne if i < 2 else None,
            mention=mention,
            cue=cue,
            confidence=confidence,
        )
        for i, (text, mention, cue, confidence) in enumerate(REVIEW_QUOTES)
    ]
    return article, quotes


def review_settings(settings) -> None:
    """English pages, so assertions read the source strings whatever the catalogs hold (the
    review tests' autouse fixture; browser tests call it themselves)."""
    settings.LANGUAGE_CODE = "en"
