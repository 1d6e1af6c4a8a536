"""`manage.py extract_quotes [--language auto|fr|en] FILE...`: quotations as JSON lines.

Reads each file through the plain-text reader, runs the quote engine and prints one JSON object
per file on stdout, in order. Writes nothing to the database; the person registry of a migrated
database is read for name linking when there is one.
"""

import json
import logging

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from articles.extraction import KnownName, extract_quotes
from articles.ingest import IngestError, read_dispatch
from articles.languages import ATTRIBUTION_LANGUAGES, primary_language

logger = logging.getLogger(__name__)


def _known_names(body: str) -> dict[str, KnownName]:
    """The registry's names found in `body`, or none when the database is absent/unmigrated."""
    try:
        from articles.services import registry_names

        return registry_names(body)
    except DatabaseError as exc:
        logger.debug("no person registry available: %s", exc)
        return {}


class Command(BaseCommand):
    help = (
        "Extract quotations and their speakers from plain-text dispatches. Prints one JSON object "
        "per file on stdout (file and error for a file that failed; the others are still "
        "processed); logs go to stderr; exit code 1 when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--language",
            choices=("auto", "fr", "en"),
            default="auto",
            help="language of the dispatches (auto: as the dispatch says, or detected)",
        )

    def handle(self, *args, **options):
        forced = None if options["language"] == "auto" else options["language"]
        failed = 0
        for path in options["files"]:
            try:
                record = self._extract(path, forced)
            except (OSError, IngestError) as exc:
                record = {"file": path, "error": str(exc)}
            except Exception as exc:  # noqa: BLE001 — one file's failure never stops the others
                logger.exception("quote extraction failed on %s", path)
                record = {"file": path, "error": f"{type(exc).__name__}: {exc}"}
            if "error" in record:
                failed += 1
                self.stderr.write(f"{path}: {record['error']}")
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} of {len(options['files'])} file(s) failed")

    def _extract(self, path: str, forced: str | None) -> dict:
        """The JSON record of one file: its language and quotations."""
        with open(path, "rb") as f:
            data = f.read()
        dispatch = read_dispatch(data, format="text", filename=path, language=forced)
        language = primary_language(forced or dispatch.language or "fr")
        if language not in ATTRIBUTION_LANGUAGES:
            self.stderr.write(f"{path}: no attribution for language {language!r}")
            return {"file": path, "language": language, "quotes": []}
        found = extract_quotes(
            dispatch.body, language=language, known_names=_known_names(dispatch.body)
        )
        return {"file": path, "language": language, "quotes": [q.as_dict() for q in found]}
