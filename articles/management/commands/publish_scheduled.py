"""Record the dispatches whose scheduled time or embargo has passed; run it every minute.

Readers see a scheduled or embargoed dispatch at the exact second its time comes whether or not this
runs (`Article.objects.published()` compares with the clock); this command writes the revision that
says it went live, and moves the public date of a dispatch whose embargo outlived its publication
time to the end of the embargo, so feeds and the news sitemap list it as new. Idempotent.

    * * * * *  cd /srv/newsroom && .venv/bin/python manage.py publish_scheduled
"""

from django.core.management.base import BaseCommand

from articles.services.editorial import record_go_live


class Command(BaseCommand):
    help = "Record dispatches whose scheduled time or embargo has passed (run every minute)."

    def handle(self, *args, **options):
        done = record_go_live()
        for item in done:
            how = "embargo ended" if item.embargo_lifted else "scheduled"
            self.stderr.write(f"{item.article.guid}: live ({how})")
        self.stdout.write(f"{len(done)} dispatch(es) went live.")
