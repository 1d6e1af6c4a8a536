"""`manage.py sweep_engine [--limit N] [--corpora DIR] [--jobs J] [--mutations N [--seed S]]`:
the engine over every corpus.

Each document of `../shared/corpora` (OrangeSum and the Wikinews dev set in French, PolNeAR in
English) goes through the plain-text reader and the quote engine, as an import would. An
exception is listed with its document id and the last line of its traceback, and the sweep goes
on; the last line totals what was seen. Writes nothing, reads no database.

`--mutations N` sweeps instead N damaged copies of the corpora's documents (`mutate`: the
damage wire copy and careless pasting do — capitals everywhere, marks swapped or dropped, odd
characters, a text cut anywhere, lines run together, the wrong language tag…), each named by the
seed, its number and what was done to it, so that a failure can be made again.
"""

import gzip
import json
import random
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
        return doc_id, len(extract_quotes(body, language=language)), None, None
    except IngestError as exc:
        return doc_id, 0, str(exc), None
    except Exception as exc:  # noqa: BLE001 — the sweep exists to list every failure
        last = traceback.format_exception_only(exc)[-1].strip()
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return doc_id, 0, None, f"{last} ({Path(frame.filename).name}:{frame.lineno} {frame.name})"


_MARKS = ('"', "“", "”", "«", "»", "« ", " »", "‘", "’", "'", "„", "‹", "›", "``", "''", "—")
_ODD = (
    "\u200b",  # zero-width space
    "\u200e",  # left-to-right mark
    "\u202e",  # right-to-left override
    "\ufeff",  # byte order mark
    "\u00a0",
    "\u202f",
    "\u2028",  # line separator
    "\u0301",  # a combining accent on whatever precedes it
    "\t",
    "😀",
    "ﬁ",
    "İ",
    "ǅ",
    "①",
    "𝐀",
)


def _damaged(text: str, language: str, op: int, rnd: random.Random) -> tuple[str, str]:
    if op == 0:
        return text.upper(), language
    if op == 1:
        return text.lower(), language
    if op == 2:  # marks put anywhere
        chars = list(text)
        for _ in range(rnd.randint(1, 30)):
            chars[rnd.randrange(len(chars))] = rnd.choice(_MARKS)
        return "".join(chars), language
    if op == 3:  # odd characters slipped in
        for _ in range(rnd.randint(1, 20)):
            k = rnd.randrange(len(text) + 1)
            text = text[:k] + rnd.choice(_ODD) + text[k:]
        return text, language
    if op == 4:  # a piece cut anywhere
        a, b = sorted(rnd.randrange(len(text) + 1) for _ in range(2))
        return text[a:b] or text, language
    if op == 5:
        return text.replace("\n", " "), language
    if op == 6:
        return text.replace(". ", ".\n\n"), language
    if op == 7:  # every sign dropped
        return "".join(c for c in text if c.isalnum() or c.isspace()), language
    if op == 8:  # a mark for another throughout
        for mark in ('"', "«", "»", "“", "”"):
            text = text.replace(mark, rnd.choice(_MARKS))
        return text, language
    if op == 9:  # the other language's tag
        return text, "en" if language == "fr" else "fr"
    if op == 10:  # a transcript: every line after a speaker's label
        labels = ("JOHN SMITH", "M. Dupont", "Q", "A", "-")
        return "\n".join(f"{rnd.choice(labels)}: {line}" for line in text.split("\n")), language
    if op == 11:
        return text.replace(" ", rnd.choice(("  ", "\u00a0", " \n ", "\t"))), language
    if op == 12:  # the words shuffled
        words = text.split(" ")
        rnd.shuffle(words)
        return " ".join(words), language
    if op == 13:
        return text.replace("’", "'").replace("'", rnd.choice(("`", "´", "ʼ", "’"))), language
    return f"&quot;{text.replace('"', '&quot;')}<br/>", language  # HTML left in


DAMAGES = 15  # the cases of `_damaged`


def mutate(text: str, language: str, rnd: random.Random) -> tuple[str, str, str]:
    """`text` damaged one to four ways (`_damaged`), its language tag (perhaps the wrong one),
    and which damages, in order ("3-0")."""
    ops = [rnd.randrange(DAMAGES) for _ in range(rnd.randint(1, 4))]
    for op in ops:
        if text:
            text, language = _damaged(text, language, op, rnd)
    return text, language, "-".join(map(str, ops))


MUTATION_SOURCES = 50  # one corpus document in this many is a source of damaged copies


def mutated_documents(root: Path, count: int, seed: int) -> Iterator[Document]:
    """`count` damaged copies of every MUTATION_SOURCES-th document of the corpora, the same for
    the same seed."""
    sources = [d for n, d in enumerate(corpus_documents(root)) if n % MUTATION_SOURCES == 0]
    if not sources:
        return
    for n in range(count):
        rnd = random.Random(f"{seed}:{n}")  # noqa: S311 (reproducible damage, no secret)
        doc_id, language, text = rnd.choice(sources)
        text, language, ops = mutate(text, language, rnd)
        yield f"mutated:{seed}:{n}:{doc_id}:{ops}", language, text


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
        parser.add_argument(
            "--mutations",
            type=int,
            default=0,
            help="sweep N damaged copies of the documents instead (see `mutate`)",
        )
        parser.add_argument("--seed", type=int, default=0, help="of the damaged copies")

    def handle(self, *args, **options):
        root = Path(options["corpora"])
        if not root.is_dir():
            raise CommandError(f"no corpora folder at {root}")
        documents = corpus_documents(root, options["limit"])
        if options["mutations"]:
            documents = mutated_documents(root, options["mutations"], options["seed"])
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
