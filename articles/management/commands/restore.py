"""`manage.py restore FILE`: put back a copy written by `backup` (replaces the current data)."""

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from newsroom.dbtools import pg_command


class Command(BaseCommand):
    help = "Replace the database's content with a backup written by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", help="An .sqlite3 copy or a PostgreSQL .dump")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (scripts)."
        )

    def handle(self, *args, file: str, yes: bool = False, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        if not yes:
            answer = input(f"Replace every row of the database with {source}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("restore cancelled")
        if connection.vendor == "sqlite":
            with source.open("rb") as handle:
                if not handle.read(16).startswith(b"SQLite format 3"):
                    raise CommandError(f"{source}: not an SQLite backup")
            connection.ensure_connection()
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as copy:
                copy.backup(connection.connection)
            copy.close()
        elif connection.vendor == "postgresql":
            connection.close()
            pg_command(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                str(source),
                dbname_flag="--dbname",
            )
        else:
            raise CommandError(f"restore supports SQLite and PostgreSQL, not {connection.vendor}")
        self.stdout.write(f"Restored {source}.")
