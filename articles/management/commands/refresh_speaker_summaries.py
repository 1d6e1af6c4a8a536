"""Rebuild the speaker summaries that writes marked stale; run it every minute.

Every write to what a speaker page's sidebars show marks the summaries it touches (database
triggers, `articles.summaries`); until a summary is rebuilt its page computes the sidebars
itself, as fast as before the summaries. Idempotent; `--all` rebuilds every summary.

    * * * * *  cd /srv/newsroom && .venv/bin/python manage.py refresh_speaker_summaries
"""

import time

from django.core.management.base import BaseCommand
from django.db.models import F

from articles import summaries
from articles.models import SpeakerSummary


class Command(BaseCommand):
    help = "Rebuild the speaker summaries that writes marked stale (run every minute)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all", action="store_true", help="rebuild every summary")

    def handle(self, *args, **options) -> None:
        if options["all"]:
            SpeakerSummary.objects.update(version=F("version") + 1)
        began = time.perf_counter()
        built = summaries.refresh()
        seconds = time.perf_counter() - began
        self.stdout.write(f"{built} speaker summaries rebuilt in {seconds:.1f} s.")
