"""`manage.py evaluate_quotes GOLD.jsonl [--ids even|odd|all] [--errors]`: score the engine.

A JSONL gold file (corpora/wikinews-fr-dev format) is scored as French; a PolNeAR data directory
(corpora/polnear-en/data) is scored as English over all attributions, direct and indirect.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.extraction import extract_quotes
from articles.extraction.evaluation import evaluate_gold, evaluate_polnear, load_gold


class Command(BaseCommand):
    help = (
        "Score quote extraction and attribution against a gold file: strict and lenient P/R/F1, "
        "speaker accuracy, end-to-end F1, per kind, per confidence band and per mention type."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", help="gold JSONL (French) or PolNeAR data directory (English)")
        parser.add_argument("--ids", choices=("even", "odd", "all"), default="all")
        parser.add_argument("--errors", action="store_true", help="list every error")
        parser.add_argument("--language", default="fr", help="language of a JSONL gold file")
        parser.add_argument("--split", default="dev", help="PolNeAR split (dev, train, test)")
        parser.add_argument("--limit", type=int, help="PolNeAR: score the first N articles")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        path = Path(options["gold"])
        if path.is_dir():
            report = evaluate_polnear(
                path,
                lambda body: extract_quotes(body, language="en"),
                split=options["split"],
                limit=options["limit"],
            )
        elif path.is_file():
            language = options["language"]
            report = evaluate_gold(
                load_gold(path),
                lambda body: extract_quotes(body, language=language),
                which=options["ids"],
            )
        else:
            raise CommandError(f"no such gold file or directory: {path}")
        if options["json"]:
            self.stdout.write(json.dumps(report.figures, indent=2, ensure_ascii=False))
        else:
            self._print(report.figures)
        if options["errors"]:
            self.stdout.write("\nErrors:")
            for line in report.errors:
                self.stdout.write(f"  {line}")

    def _print(self, figures: dict, indent: str = "") -> None:
        for key, value in figures.items():
            if isinstance(value, dict) and not {"precision", "recall", "f1"} <= value.keys():
                self.stdout.write(f"{indent}{key}:")
                self._print(value, indent + "  ")
            elif isinstance(value, dict):
                self.stdout.write(
                    f"{indent}{key}: P {value['precision']:.3f}  R {value['recall']:.3f}  "
                    f"F1 {value['f1']:.3f}"
                )
            else:
                self.stdout.write(f"{indent}{key}: {value}")
