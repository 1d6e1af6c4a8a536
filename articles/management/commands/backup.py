"""`manage.py backup`: a consistent copy of the database (SQLite backup API, or pg_dump)."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from newsroom.dbtools import pg_command


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database: an SQLite file (online backup API, safe while "
        "the site runs) or a PostgreSQL custom-format dump (pg_dump). Restore with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="File to write (default: backups/newsroom-<UTC time>.sqlite3 or .dump).",
        )

    def handle(self, *args, output: str | None = None, **options):
        vendor = connection.vendor
        if vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"backup supports SQLite and PostgreSQL, not {vendor}")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        suffix = ".sqlite3" if vendor == "sqlite" else ".dump"
        target = Path(output or f"backups/newsroom-{stamp}{suffix}")
        if target.exists():
            raise CommandError(f"{target} exists already: choose another --output")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            if vendor == "sqlite":
                connection.ensure_connection()
                with sqlite3.connect(partial) as copy:
                    connection.connection.backup(copy)
                copy.close()
            else:
                pg_command("pg_dump", "--format=custom", "--no-owner", f"--file={partial}")
            partial.rename(target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(str(target))
