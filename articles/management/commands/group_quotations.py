"""Group the quotations not yet in a quotation with their repeats (after the migration that
introduced them, or a bulk load); attribution groups new ones as it stores them."""

from django.core.management.base import BaseCommand

from articles.services.quotations import group_all_quotes


class Command(BaseCommand):
    help = "Put every quotation not yet grouped in its quotation (with its repeats). Safe to rerun."

    def handle(self, *args, **options):
        placed = group_all_quotes()
        self.stdout.write(f"{placed} quotations grouped.")
