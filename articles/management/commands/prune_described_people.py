"""List, and with --apply remove, the automatic people made from a description ("parquet",
"sources concordantes") before attribution stopped making them; see
`articles.services.people.prune_described_people`."""

from django.core.management.base import BaseCommand

from articles.services.people import prune_described_people


class Command(BaseCommand):
    help = (
        "List the automatic people made from a description (a source the dispatch only "
        "describes) that no reviewer has touched; with --apply, unlink their suggestions and "
        "delete them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="delete them (the default only lists them)"
        )

    def handle(self, *args, **options):
        people = prune_described_people(apply=options["apply"])
        for person in people:
            self.stdout.write(f"{person.pk}\t{person.get_kind_display()}\t{person.name}")
        verb = "removed" if options["apply"] else "would be removed (run with --apply)"
        self.stdout.write(f"{len(people)} people made from a description {verb}.")
