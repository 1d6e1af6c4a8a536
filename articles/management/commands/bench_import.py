"""``manage.py bench_import``: how many dispatches per second ``import_dispatches
--no-attribution`` stores, on a throwaway database. A benchmark, not a test: it prints a table.

N dispatches are built from the OrangeSum corpus (as ``bench_site`` builds them), written as ninjs
files into a temporary folder and imported by the real command, from the files: new dispatches,
then the same files again ("unchanged"). Then N more go straight to ``services.import_dispatches``
from memory (what ``bench_site``'s load phase times), and for comparison in the same run, M more
one by one through ``services.import_dispatch``, the path the command took before batching.

The database is never the developer's: a temporary SQLite file, or PostgreSQL
``newsroom_importbench`` (created and dropped here) on the server of DATABASE_URL, or
``--postgres-url``. The measurement runs in a child process whose DATABASE_URL points at it.
"""

import argparse
import contextlib
import io
import itertools
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.benchmarks import throwaway_database
from articles.management.commands.bench_site import CORPUS, dispatch_for, read_corpus

DATABASE_NAME = "newsroom_importbench"


def phase_run(dispatches: int, one_by_one: int) -> dict:
    """Import `dispatches` files through the command twice, as many more dispatches from memory
    through `services.import_dispatches`, then `one_by_one` more through `import_dispatch`;
    return the rates."""
    from articles.ingest.ninjs import dumps_ninjs, write_ninjs
    from articles.services import (
        IMPORT_BATCH_SIZE,
        ImportResult,
        import_dispatch,
        import_dispatches,
    )

    corpus = read_corpus(CORPUS)
    folder = Path(tempfile.mkdtemp(prefix="newsroom-importbench-"))
    try:
        for n in range(dispatches):
            item = write_ninjs(dispatch_for(corpus, n))
            (folder / f"{n:07d}.json").write_text(dumps_ninjs(item), encoding="utf-8")
        rates = {}
        for run in ("new", "unchanged"):
            out = io.StringIO()
            t0 = time.perf_counter()
            # A few corpus articles hold control characters: refused (exit code 1), and counted.
            with contextlib.suppress(CommandError):
                call_command(
                    "import_dispatches",
                    "--no-attribution",
                    "--status=published",
                    str(folder),
                    stdout=out,
                    stderr=io.StringIO(),
                )
            rates[run] = dispatches / (time.perf_counter() - t0)
            rates[f"{run}_summary"] = out.getvalue().splitlines()[0]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    # The service alone, from dispatches in memory: what bench_site's load phase measures.
    batches = itertools.batched(range(dispatches, 2 * dispatches), IMPORT_BATCH_SIZE)
    spent = 0.0
    for numbers in batches:
        batch = [(dispatch_for(corpus, n), "") for n in numbers]
        t0 = time.perf_counter()
        outcomes = import_dispatches(dispatches=batch, status="published", attribute=False)
        spent += time.perf_counter() - t0
        if failed := [o for o in outcomes if not isinstance(o, ImportResult)]:
            raise CommandError(f"{len(failed)} dispatches failed, the first: {failed[0]}")
    rates["service"] = dispatches / spent
    spent = 0.0
    for n in range(2 * dispatches, 2 * dispatches + one_by_one):
        data = dispatch_for(corpus, n)
        t0 = time.perf_counter()
        import_dispatch(data=data, status="published", attribute=False)
        spent += time.perf_counter() - t0
    rates["one_by_one"] = one_by_one / spent if spent else None
    return rates


class Command(BaseCommand):
    help = (
        "Benchmark `import_dispatches --no-attribution` on a throwaway database (dispatches "
        "per second, new and unchanged), against the one-by-one `import_dispatch`."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dispatches", type=int, default=5000, help="files imported")
        parser.add_argument(
            "--one-by-one",
            type=int,
            default=500,
            help="further dispatches imported one by one through import_dispatch (0: none)",
        )
        parser.add_argument(
            "--database",
            choices=("sqlite", "postgresql"),
            help="engine of the throwaway database (default: the engine of DATABASE_URL)",
        )
        parser.add_argument(
            "--postgres-url",
            help=f"server for the throwaway database (its database {DATABASE_NAME} is dropped "
            "and created)",
        )
        parser.add_argument("--phase", choices=("run",), help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if options["phase"] == "run":
            self.stdout.write(json.dumps(phase_run(options["dispatches"], options["one_by_one"])))
            return
        engine = options["database"] or (
            "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
        )
        workdir = Path(tempfile.mkdtemp(prefix="newsroom-importbench-"))
        url, drop = throwaway_database(
            engine,
            name=DATABASE_NAME,
            postgres_url=options["postgres_url"],
            workdir=workdir,
            keep=False,
        )
        # Production mode, as an operator's import runs: DEBUG would also log every statement.
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_TASKS_BACKEND": "immediate",
        }
        env.pop("DATABASE_REPLICA_URLS", None)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        try:
            for args in (
                ["migrate", "--no-input", "-v0"],
                [
                    "bench_import",
                    "--phase=run",
                    f"--dispatches={options['dispatches']}",
                    f"--one-by-one={options['one_by_one']}",
                ],
            ):
                done = subprocess.run(manage + args, env=env, capture_output=True, text=True)  # noqa: S603
                if done.returncode:
                    raise CommandError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
            rates = json.loads(done.stdout.splitlines()[-1])
        finally:
            drop()
            shutil.rmtree(workdir, ignore_errors=True)
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        one_by_one = f"{rates['one_by_one']:.0f}" if rates["one_by_one"] else "–"
        self.stdout.write(
            f"bench_import — {engine}, {os.cpu_count()} CPUs, load average {load}\n"
            f"| import_dispatches --no-attribution | dispatches/s |\n|---|---|\n"
            f"| {options['dispatches']:,} new files ({rates['new_summary']}) | "
            f"{rates['new']:.0f} |\n"
            f"| the same files again ({rates['unchanged_summary']}) | {rates['unchanged']:.0f} |\n"
            f"| {options['dispatches']:,} more, services.import_dispatches from memory (no files: "
            f"bench_site's import rate) | {rates['service']:.0f} |\n"
            f"| before batching: import_dispatch one by one ({options['one_by_one']:,} more) | "
            f"{one_by_one} |"
        )
