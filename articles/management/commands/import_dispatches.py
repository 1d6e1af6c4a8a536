"""`manage.py import_dispatches PATH...`: plain-text wire, ninjs and NewsML-G2 files."""

import os
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.ingest import FORMATS, MAX_INPUT_BYTES, IngestError, read_dispatch
from articles.services import IMPORT_STATUSES, import_dispatch


class Command(BaseCommand):
    help = (
        "Import dispatches from files, directories (recursively: every regular, non-hidden file) "
        "or '-' for standard input. Each file is its own transaction: a malformed one is rejected "
        "whole, the others still import. Progress goes to stderr, the summary to stdout; the exit "
        "code is 1 when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory or -")
        parser.add_argument("--format", choices=FORMATS, default="auto")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and compare, write nothing"
        )
        parser.add_argument("--status", choices=IMPORT_STATUSES, default="draft")
        parser.add_argument("--section", help="put every dispatch in this section")
        parser.add_argument("--language", help="BCP 47 tag for dispatches that do not give one")
        parser.add_argument(
            "--no-attribution", action="store_true", help="do not run quote attribution"
        )

    def handle(self, *args, **options):
        counts = Counter(created=0, updated=0, unchanged=0, failed=0)
        failures: list[str] = []
        notes: list[str] = []
        sources = list(self._sources(options["paths"], failures))
        counts["failed"] = len(failures)
        for number, (name, read) in enumerate(sources, 1):
            try:
                data = read_dispatch(
                    read(), format=options["format"], filename=name, language=options["language"]
                )
                result = import_dispatch(
                    data=data,
                    status=options["status"],
                    section=options["section"],
                    attribute=not options["no_attribution"],
                    filename=name,
                    dry_run=options["dry_run"],
                )
            except IngestError as error:
                failures.append(str(error.with_filename(name)))
                counts["failed"] += 1
                self.stderr.write(f"[{number}/{len(sources)}] FAILED {failures[-1]}")
                continue
            except (OSError, DatabaseError) as error:
                failures.append(f"{name}: {error}")
                counts["failed"] += 1
                self.stderr.write(f"[{number}/{len(sources)}] FAILED {failures[-1]}")
                continue
            counts[result.outcome] += 1
            detail = f"{result.outcome} {result.guid}"
            if result.kept:
                notes.append(f"{name}: kept the editor's {', '.join(result.kept)}")
                detail += f" (kept the editor's {', '.join(result.kept)})"
            if data.legacy_encoding:
                notes.append(f"{name}: read as {data.encoding}, not UTF-8")
            self.stderr.write(f"[{number}/{len(sources)}] {name}: {detail}")

        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(
            prefix
            + ", ".join(
                f"{key}: {counts[key]}" for key in ("created", "updated", "unchanged", "failed")
            )
        )
        for note in notes:
            self.stdout.write(f"note: {note}")
        for failure in failures:
            self.stdout.write(f"failed: {failure}")
        if failures:
            raise CommandError(f"{len(failures)} dispatch file(s) failed", returncode=1)

    def _sources(self, paths, failures):
        """(name, read) for each file to try; paths that cannot be read go to `failures`."""
        for raw in paths:
            if raw == "-":
                yield "<stdin>", lambda: sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
                continue
            path = Path(raw)
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    # Hidden directories (.git, .DS_Store folders…) are skipped, like hidden files.
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        file = Path(root) / name
                        if not name.startswith(".") and file.is_file() and not file.is_symlink():
                            yield str(file), _reader(file)
            elif path.is_file():
                yield str(path), _reader(path)
            else:
                failures.append(f"{raw}: no such file or directory")
                self.stderr.write(f"FAILED {failures[-1]}")


def _reader(path: Path):
    def read() -> bytes:
        # Read one byte past the limit: enough for the reader to refuse it, never the whole file.
        with path.open("rb") as file:
            return file.read(MAX_INPUT_BYTES + 1)

    return read
