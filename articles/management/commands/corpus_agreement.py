"""`manage.py corpus_agreement`: inter-annotator agreement of our corpora, from the stand-off
readings in the repository and the texts in ../shared (before adjudication)."""

from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.corpus.annotation import agreement_figures, compare, same_speaker
from articles.corpus.standoff import DATA, orangesum_texts, read_jsonl


class Command(BaseCommand):
    help = "Agreement of the two annotators on our French and English corpora, per kind."

    def add_arguments(self, parser):
        parser.add_argument("--shared", default=str(Path(settings.BASE_DIR).parent / "shared"))

    def handle(self, *args, **options):
        shared = Path(options["shared"])
        readings = read_jsonl(DATA / "orangesum-fr.readings.jsonl")
        texts = orangesum_texts(
            shared / "corpora" / "orangesum-fr" / "orangesum_articles.jsonl.gz",
            {r["id"] for r in readings},
        )
        by_doc: dict[str, dict] = {}
        for r in readings:
            by_doc.setdefault(r["id"], {})[r["annotator"]] = r["quotes"]
        counts: Counter = Counter()
        for doc_id, pair in by_doc.items():
            compare(texts[doc_id], pair["A"], pair["B"], counts)
        self.stdout.write(f"orangesum-fr: {len(by_doc)} documents, two annotators each")
        for kind, row in agreement_figures(counts).items():
            self.stdout.write(f"  {kind:9} " + "  ".join(f"{k} {v}" for k, v in row.items()))
        self._english()

    def _english(self) -> None:
        readings = read_jsonl(DATA / "polnear-en.readings.jsonl")
        by_article: dict[str, dict] = {}
        for r in readings:
            by_article.setdefault(r["id"], {})[r["annotator"]] = {
                x["rel"]: x for x in r["relations"]
            }
        counts: Counter = Counter()
        for pair in by_article.values():
            for rel, a in pair["A"].items():
                b = pair["B"].get(rel)
                counts["relations"] += 1
                counts["speaker"] += b is not None and same_speaker(a, b)
                counts["type"] += b is not None and a["speaker_type"] == b["speaker_type"]
        n = counts["relations"]
        self.stdout.write(
            f"polnear-en: {len(by_article)} articles, {n} attribution relations; canonical "
            f"speaker agreement {counts['speaker'] / n:.3f}, speaker type {counts['type'] / n:.3f}"
        )
