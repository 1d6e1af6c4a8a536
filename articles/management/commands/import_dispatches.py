"""`manage.py import_dispatches PATH...`: plain-text wire, ninjs and NewsML-G2 files."""

import json
import multiprocessing
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import batched
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.ingest import FORMATS, MAX_INPUT_BYTES, DispatchData, IngestError, read_dispatch
from articles.ingest.text import too_big
from articles.services import IMPORT_BATCH_SIZE, IMPORT_STATUSES, import_dispatches
from articles.services.attribution import engine_processes, expect

# A file named *.jsonl or *.ndjson, or standard input, may hold one ninjs document per line.
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
MAX_JSON_LINES_BYTES = 1 << 30


class Command(BaseCommand):
    help = (
        "Import dispatches from files, directories (recursively: every regular, non-hidden file) "
        "or '-' for standard input; JSON Lines (standard input, *.jsonl, *.ndjson: one ninjs "
        "document per line, as export_ninjs --all writes) import line by line. A malformed "
        "file (or line) is rejected whole, the others still import (a few hundred to a "
        "transaction). Progress goes to stderr, the summary to stdout; the exit code is 1 when "
        "any file failed."
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
        self.counts = Counter(created=0, updated=0, unchanged=0, failed=0)
        self.failures: list[str] = []
        self.notes: list[str] = []
        sources = list(self._sources(options["paths"], self.failures))
        self.counts["failed"] = len(self.failures)
        read = partial(read_files, format=options["format"], language=options["language"])
        chunks = batched(enumerate(sources, 1), IMPORT_BATCH_SIZE)
        # A batch of files is read, imported together (one transaction), then reported file by
        # file, in order; the engine's processes serve every batch's attribution.
        with engine_processes():
            self._import(read_ahead(read, chunks), len(sources), options)
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(
            prefix
            + ", ".join(
                f"{key}: {self.counts[key]}"
                for key in ("created", "updated", "unchanged", "failed")
            )
        )
        for note in self.notes:
            self.stdout.write(f"note: {note}")
        for failure in self.failures:
            self.stdout.write(f"failed: {failure}")
        if self.failures:
            raise CommandError(f"{len(self.failures)} dispatch file(s) failed", returncode=1)

    def _import(self, batches, total: int, options) -> None:
        """Import each batch of `(chunk, dispatches read)` and report its files."""
        attribute = not options["no_attribution"] and not options["dry_run"]
        for chunk, dispatches in batches:
            read = [
                (data, name)
                for (_, (name, _)), data in zip(chunk, dispatches, strict=True)
                if isinstance(data, DispatchData)
            ]
            if attribute:
                # The engine's processes start on the batch while it is written.
                expect(dispatches=[(data.body, data.language) for data, _ in read])
            outcomes = iter(
                import_dispatches(
                    dispatches=read,
                    status=options["status"],
                    section=options["section"],
                    attribute=not options["no_attribution"],
                    dry_run=options["dry_run"],
                )
            )
            for (number, (name, _)), data in zip(chunk, dispatches, strict=True):
                outcome = next(outcomes) if isinstance(data, DispatchData) else data
                self._report(f"[{number}/{total}]", name, data, outcome)

    def _report(self, progress: str, name: str, data, outcome) -> None:
        """Count one file's outcome (an `ImportResult`, or the error that rejected it) and say it
        on stderr."""
        if isinstance(outcome, Exception):
            if isinstance(outcome, IngestError):
                self.failures.append(str(outcome.with_filename(name)))
            else:
                self.failures.append(f"{name}: {outcome}")
            self.counts["failed"] += 1
            self.stderr.write(f"{progress} FAILED {self.failures[-1]}")
            return
        self.counts[outcome.outcome] += 1
        detail = f"{outcome.outcome} {outcome.guid}"
        if outcome.kept:
            self.notes.append(f"{name}: kept the editor's {', '.join(outcome.kept)}")
            detail += f" (kept the editor's {', '.join(outcome.kept)})"
        if data.legacy_encoding:
            self.notes.append(f"{name}: read as {data.encoding}, not UTF-8")
        self.notes.extend(f"{name}: {note}" for note in data.notes)
        self.stderr.write(f"{progress} {name}: {detail}")

    def _sources(self, paths, failures):
        """(name, path or bytes) for each file to try, standard input read already; paths that
        cannot be read go to `failures`."""
        for raw in paths:
            if raw == "-":
                yield from json_lines("<stdin>", sys.stdin.buffer.read(MAX_JSON_LINES_BYTES + 1))
                continue
            path = Path(raw)
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    # Hidden directories (.git, .DS_Store folders…) are skipped, like hidden files.
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        file = Path(root) / name
                        if not name.startswith(".") and file.is_file() and not file.is_symlink():
                            yield from file_sources(file)
            elif path.is_file():
                yield from file_sources(path)
            else:
                failures.append(f"{raw}: no such file or directory")
                self.stderr.write(f"FAILED {failures[-1]}")


def file_sources(path: Path):
    """The file, or each line of a JSON Lines file (*.jsonl, *.ndjson)."""
    if path.suffix not in JSON_LINES_SUFFIXES:
        yield str(path), path
        return
    try:
        with path.open("rb") as file:
            data = file.read(MAX_JSON_LINES_BYTES + 1)
    except OSError as error:
        yield str(path), error
        return
    yield from json_lines(str(path), data, declared=True)


def json_lines(name: str, data: bytes, *, declared: bool = False):
    """A JSON Lines stream (what `export_ninjs --all` writes: one ninjs document per line) as
    one source per line, named ``name:line``; any other content as one source. A stream is
    JSON Lines when `declared` (a *.jsonl file) or when its first line is a whole JSON object
    and more lines follow. Each line is a dispatch, read, accepted or refused on its own."""
    lines = [(n, line) for n, line in enumerate(data.splitlines(), 1) if line.strip()]
    if not declared and (len(lines) < 2 or not _whole_object(lines[0][1])):
        yield name, data[: MAX_INPUT_BYTES + 1]  # the reader refuses what is past its limit
        return
    if len(data) > MAX_JSON_LINES_BYTES:
        yield name, IngestError(f"more than {MAX_JSON_LINES_BYTES:,} bytes of JSON Lines")
        return
    for number, line in lines:
        yield f"{name}:{number}", line


def _whole_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def read_files(chunk, *, format: str, language: str | None) -> list[DispatchData | Exception]:
    """The dispatch in each ``(number, (name, path or bytes))`` of `chunk`, or why it cannot be
    read (an `IngestError` or `OSError`)."""
    dispatches: list[DispatchData | Exception] = []
    for _number, (name, source) in chunk:
        try:
            if isinstance(source, IngestError | OSError):
                raise source
            if isinstance(source, Path):
                with source.open("rb") as file:
                    size = os.fstat(file.fileno()).st_size
                    if size > MAX_INPUT_BYTES:
                        raise too_big(size)
                    # One byte past the limit (a file growing meanwhile): the reader refuses it.
                    source = file.read(MAX_INPUT_BYTES + 1)
            dispatches.append(
                read_dispatch(source, format=format, filename=name, language=language)
            )
        except (IngestError, OSError) as error:
            dispatches.append(error)
    return dispatches


def read_ahead(read, chunks):
    """``(chunk, read(chunk))`` for each chunk. While the caller imports one chunk, a reader
    process reads the next: the readers are pure Python and take about as long as the database
    writes, so the two then share the machine's cores."""
    chunks = list(chunks)
    if len(chunks) < 2:
        for chunk in chunks:
            yield chunk, read(chunk)
        return
    # Forked: the reader inherits the loaded code and never touches the database.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        ahead = pool.submit(read, chunks[1])
        yield chunks[0], read(chunks[0])
        for chunk, following in zip(chunks[1:], [*chunks[2:], None], strict=True):
            current = ahead
            if following is not None:
                ahead = pool.submit(read, following)
            yield chunk, current.result()
