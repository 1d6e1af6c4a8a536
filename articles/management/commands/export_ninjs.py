"""Print published dispatches as IPTC ninjs 2.2, one JSON object per line, on stdout."""

from django.core.management.base import BaseCommand, CommandError

from articles.exports import article_ninjs, exportable_articles
from articles.ingest.ninjs import dumps_ninjs


class Command(BaseCommand):
    help = (
        "Export dispatches as ninjs 2.2 (one JSON object per line on stdout). --all exports every "
        "published, non-embargoed dispatch; GUIDs name dispatches, which must be published too."
    )

    def add_arguments(self, parser):
        parser.add_argument("guids", nargs="*", metavar="GUID")
        parser.add_argument("--all", action="store_true", help="every published dispatch")

    def handle(self, *args, guids, all, **options):
        if all == bool(guids):
            raise CommandError("give either --all or one or more GUIDs")
        articles = exportable_articles().order_by("published_at", "id")
        if all:
            for article in articles.iterator(chunk_size=200):
                self.stdout.write(dumps_ninjs(article_ninjs(article)))
            return
        found = {article.guid: article for article in articles.filter(guid__in=guids)}
        missing = [guid for guid in guids if guid not in found]
        for guid in guids:
            if guid in found:
                self.stdout.write(dumps_ninjs(article_ninjs(found[guid])))
        for guid in missing:
            self.stderr.write(f"{guid}: no published, non-embargoed dispatch with this GUID")
        if missing:
            raise CommandError(f"{len(missing)} GUID(s) not exported", returncode=1)
