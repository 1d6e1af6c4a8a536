"""`manage.py sweep_engine [--limit N] [--corpora DIR] [--jobs J]`: the engine over every corpus.

Each document of `../shared/corpora` (OrangeSum and the Wikinews dev set in French, PolNeAR in
English) goes through the plain-text reader and the quote engine, as an import would. An
exception is listed with its document id and the last line of its traceback, and the sweep goes
on; the last line totals what was seen. Writes nothing, reads no database.
"""

import gzip
import json
import time
import traceback
from collections.abc import Iterator
from multiprocessing import get_context
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.extraction import extract_quotes
from articles.extraction.nlp import get_nlp
from articles.ingest import IngestError, read_dispatch

Document = tuple[str, str, str]  # (document id, language, text)


def corpus_documents(root: Path, limit: int | None = None) -> Iterator[Document]:
    """Every document of the shared corpora found under `root`, at most `limit` per corpus."""
    orangesum = root / "orangesum-fr" / "orangesum_articles.jsonl.gz"
    if orangesum.exists():
        with gzip.open(orangesum, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                row = json.loads(line)
                yield f"orangesum:{row['id']}", "fr", row.get("text") or ""
    wikinews = root / "wikinews-fr-dev" / "gold.jsonl"
    if wikinews.exists():
        with open(wikinews, encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                row = json.loads(line)
                yield f"wikinews:{row['id']}", "fr", row["body"]
    polnear = sorted((root / "polnear-en" / "data").glob("*/text/*.txt"))
    for path in polnear[:limit]:
        yield f"polnear:{path.parent.parent.name}/{path.stem}", "en", path.read_text("utf-8")


def sweep_one(document: Document) -> tuple[str, int, str | None, str | None]:
    """(document id, quotations found, refusal by the reader, exception) for one document."""
    doc_id, language, text = document
    try:
        body = read_dispatch(text.encode(), format="text", filename=doc_id, language=language).body
    except IngestError as exc:
        return doc_id, 0, str(exc), None
    try:
        return doc_id, len(extract_quotes(body, language=language)), None, None
    except Exception as exc:  # noqa: BLE001 — the sweep exists to list every failure
        last = traceback.format_exception_only(exc)[-1].strip()
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return doc_id, 0, None, f"{last} ({Path(frame.filename).name}:{frame.lineno} {frame.name})"


class Command(BaseCommand):
    help = (
        "Run quote extraction over every document of ../shared/corpora (both languages) and "
        "report documents, quotations, reader refusals and engine exceptions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, help="at most N documents per corpus")
        parser.add_argument(
            "--corpora",
            default=str(Path(settings.BASE_DIR).parent / "shared" / "corpora"),
            help="folder of the shared corpora (default: ../shared/corpora)",
        )
        parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")

    def handle(self, *args, **options):
        root = Path(options["corpora"])
        if not root.is_dir():
            raise CommandError(f"no corpora folder at {root}")
        documents = corpus_documents(root, options["limit"])
        started = time.monotonic()
        for language in ("fr", "en"):
            get_nlp(language)  # loaded once here, shared by the forked workers
        totals = {"documents": 0, "quotations": 0, "refused": 0, "exceptions": 0}
        with get_context("fork").Pool(max(1, options["jobs"])) as pool:
            for doc_id, found, refused, error in pool.imap(sweep_one, documents, chunksize=8):
                totals["documents"] += 1
                totals["quotations"] += found
                totals["refused"] += refused is not None
                if error:
                    totals["exceptions"] += 1
                    self.stdout.write(f"exception in {doc_id}: {error}")
                if options["verbosity"] > 1 and refused:
                    self.stderr.write(f"refused by the reader: {doc_id}: {refused}")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"documents: {totals['documents']}, quotations: {totals['quotations']}, "
            f"refused by the reader: {totals['refused']}, exceptions: {totals['exceptions']}"
        )
        self.stdout.write(f"{totals['documents'] / elapsed:.1f} documents/s ({elapsed:.0f} s)")
