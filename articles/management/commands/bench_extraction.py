"""`manage.py bench_extraction [--limit N] [--model …]`: throughput of the quote engine.

Runs extraction + attribution over OrangeSum articles (field `text`) in one process and reports
dispatches/s and words/s per core, the model load time and the peak memory. Not a test.
"""

import gzip
import json
import os
import resource
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.extraction import extract_quotes
from articles.extraction.nlp import get_nlp

DEFAULT_CORPUS = "corpora/orangesum-fr/orangesum_articles.jsonl.gz"


class Command(BaseCommand):
    help = "Benchmark quote extraction and attribution on French news (one process = one core)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="number of articles")
        parser.add_argument(
            "--model", choices=("fr_core_news_sm", "fr_core_news_md"), default="fr_core_news_sm"
        )
        parser.add_argument(
            "--corpus",
            default=str(Path(settings.BASE_DIR).parent / "shared" / DEFAULT_CORPUS),
            help="gzip JSONL with a `text` field",
        )

    def handle(self, *args, **options):
        corpus = Path(options["corpus"])
        if not corpus.is_file():
            raise CommandError(f"corpus not found: {corpus}")
        texts = []
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                if text.strip():
                    texts.append(text)
                if len(texts) >= options["limit"]:
                    break
        # the engine reads the model name from the environment on first load
        os.environ["NEWSROOM_SPACY_MODEL_FR"] = options["model"]
        get_nlp.cache_clear()
        started = time.perf_counter()
        get_nlp("fr")
        load_time = time.perf_counter() - started
        words = sum(len(t.split()) for t in texts)
        quotes = 0
        cpu_started = time.process_time()
        started = time.perf_counter()
        for text in texts:
            quotes += len(extract_quotes(text, language="fr"))
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"model: {options['model']} (load {load_time:.2f} s)")
        self.stdout.write(f"dispatches: {len(texts)}, words: {words}, quotations found: {quotes}")
        self.stdout.write(f"wall time: {elapsed:.2f} s, CPU time: {cpu:.2f} s")
        self.stdout.write(
            f"dispatches/s per core: {len(texts) / cpu:.1f} (wall {len(texts) / elapsed:.1f})"
        )
        self.stdout.write(f"words/s per core: {words / cpu:,.0f}")
        self.stdout.write(f"peak memory (max RSS): {peak_mb:.0f} MB")
