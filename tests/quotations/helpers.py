"""Fixtures of the quotations family: a speaker quoted three times with the same words (the first
urgent, the developed story, the next day's reaction), and dated roles. Fictional people."""

from datetime import date, timedelta

from django.utils import timezone

from articles.models import Article, Person, Quote, Role
from articles.services.quotations import group_quotes
from tests.factories import make_article, make_person

WORDS = "Nous ne fermerons aucune école rurale tant que je serai en fonction"


def repeated_quotation(*, status=Quote.Status.CONFIRMED, speaker: Person | None = None):
    """Three published dispatches quoting the same words of one speaker, each a little
    differently worded around them; returns (speaker, [quotes oldest first])."""
    speaker = speaker or make_person("Mathilde Orsenne", gender=Person.Gender.WOMAN)
    now = timezone.now()
    bodies = [
        f"« {WORDS} », a déclaré Mathilde Orsenne mardi.",
        f"La présidente a été claire devant les maires. « {WORDS} », a-t-elle lancé.",
        f"Au lendemain de son discours, l'opposition doutait. « {WORDS}, vraiment », "
        "avait dit Mathilde Orsenne.",
    ]
    texts = [WORDS, WORDS, f"{WORDS}, vraiment"]
    quotes = []
    for n, (body, text) in enumerate(zip(bodies, texts, strict=True)):
        article = make_article(body=body, published_at=now - timedelta(hours=30 - 10 * n))
        start = body.index(text)
        quotes.append(
            Quote.objects.create(
                article=article,
                text=text,
                start=start,
                end=start + len(text),
                speaker=speaker,
                speaker_type=Quote.SpeakerType.PERSON,
                status=status,
                mention="Mathilde Orsenne",
            )
        )
    group_quotes(quotes=quotes)
    for quote in quotes:
        quote.refresh_from_db()
    return speaker, quotes


def presidents():
    """Two successive presidents of Valmérie: Dambrin until 2026-10-14, Orsenne from the 15th."""
    dambrin = make_person("Aurèle Dambrin")
    orsenne = make_person("Mathilde Orsenne")
    Role.objects.create(
        person=dambrin, title="président", organisation="Valmérie", end=date(2026, 10, 14)
    )
    Role.objects.create(
        person=orsenne, title="présidente", organisation="Valmérie", start=date(2026, 10, 15)
    )
    return dambrin, orsenne


def dated_article(day: date, body: str, **fields) -> Article:
    moment = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 10, 0))
    return make_article(body=body, published_at=moment, **fields)
