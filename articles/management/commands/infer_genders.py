"""Infer people's gender from what the dispatches write and first-name lists (never over a
gender staff set); attribution does it for the speakers it touches."""

from django.core.management.base import BaseCommand

from articles.services.people import infer_genders


class Command(BaseCommand):
    help = "Infer the gender of people from the text (honorifics, agreement) and first names."

    def handle(self, *args, **options):
        changed = infer_genders()
        self.stdout.write(f"{changed} people changed.")
