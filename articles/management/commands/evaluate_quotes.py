"""`manage.py evaluate_quotes CORPUS|GOLD [--partition dev|test] [--folds N] [--errors]`.

CORPUS is a corpus we keep (`orangesum-fr`, `wikinews-fr-dev`: see articles/corpus), scored with
the frozen test partition and folds of `articles.corpus.evaluate`. A JSONL gold file (the
wikinews-fr-dev format) or a PolNeAR data directory is scored as before (`--ids`, `--split`).
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.corpus import corpora, training
from articles.corpus.evaluate import (
    calibration,
    cross_validate,
    desk_order,
    held_out,
    learning_curve,
)
from articles.extraction import extract_quotes
from articles.extraction.evaluation import evaluate_gold, evaluate_polnear, load_gold
from articles.extraction.pipeline import marked_spans, rule_quotes
from articles.extraction.scoring import rerank


def trained_engine(name: str, shared: Path):
    """The engine with its trained parts — the speech classifier and the speaker scorer —
    trained on the documents it is given, with the other corpora of its language, as
    `train_attribution` trains the committed ones (the scorer's learner; its margin and
    calibration from folds of those documents): each fold is scored by models that never saw
    it. The spans' features and the marks are read once per body."""
    language = corpora.CORPORA[name]
    learner = training.committed_learner(language)
    others = [
        a
        for other in training.CORPUS_OF[language]
        if other != name
        for a in corpora.load(other, shared)
        if corpora.partition(other, a["id"]) == "dev"
    ]
    speech = language in training.SPEECH_CORPORA
    spans = cache(lambda body: marked_spans(body, language=language))

    def build(train_articles: list[dict]):
        speech_model = None
        if speech:
            examples = [e for a in train_articles + others for e in spans_of(a)]
            speech_model = training.fit_speech(examples)

        @cache
        def rules(body: str):
            return rule_quotes(body, language=language, speech_model=speech_model)

        groups = training.groups(train_articles + others, language, rules)[0]
        model, _ = training.train(groups, learner)

        def extract(body: str):
            return rerank(*rules(body), model)

        return extract

    def spans_of(article: dict):
        return training.label_spans(article, spans(article["body"]))

    return build


class Command(BaseCommand):
    help = (
        "Score quote extraction and attribution: on a corpus we keep (orangesum-fr, "
        "wikinews-fr-dev) with a frozen test partition and cross-validation folds, or on a gold "
        "JSONL file / PolNeAR directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", help="corpus name, gold JSONL (French) or PolNeAR directory")
        parser.add_argument(
            "--partition",
            choices=("dev", "test"),
            default="dev",
            help="corpus: dev (default) or the frozen test partition, with the dev figure beside",
        )
        parser.add_argument("--folds", type=int, help="corpus: N-fold cross-validation on dev")
        parser.add_argument(
            "--shared",
            default=str(Path(settings.BASE_DIR).parent / "shared"),
            help="the shared data folder (default ../shared)",
        )
        parser.add_argument("--ids", choices=("even", "odd", "all"), default="all")
        parser.add_argument("--errors", action="store_true", help="list every error")
        parser.add_argument("--language", default="fr", help="language of a JSONL gold file")
        parser.add_argument("--split", default="dev", help="PolNeAR split (dev, train, test)")
        parser.add_argument("--limit", type=int, help="PolNeAR: score the first N articles")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--learning-curve",
            metavar="FRACTIONS",
            help="corpus: the folds' held-out figures with each fold's models trained on these "
            "fractions of the other folds' documents (comma-separated, e.g. 0.25,0.5,1)",
        )
        parser.add_argument(
            "--desk-order",
            action="store_true",
            help="corpus: where the review desk puts the right speaker of a wrong attribution "
            "(dev documents, the committed engine)",
        )

    def handle(self, *args, **options):
        name = options["gold"]
        if name in corpora.CORPORA:
            return self._corpus(name, options)
        path = Path(name)
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
            raise CommandError(
                f"no corpus, gold file or directory named {name!r} "
                f"(corpora: {', '.join(corpora.CORPORA)})"
            )
        if options["json"]:
            self.stdout.write(json.dumps(report.figures, indent=2, ensure_ascii=False))
        else:
            self._print(report.figures)
        if options["errors"]:
            self.stdout.write("\nErrors:")
            for line in report.errors:
                self.stdout.write(f"  {line}")

    def _corpus(self, name: str, options) -> None:
        shared = Path(options["shared"])
        try:
            articles = corpora.load(name, shared)
        except (OSError, corpora.CorpusError) as exc:
            raise CommandError(f"{name}: {exc}") from exc
        build = trained_engine(name, shared)
        dev = [a for a in articles if corpora.partition(name, a["id"]) == "dev"]
        test = [a for a in articles if corpora.partition(name, a["id"]) == "test"]
        n_quotes = sum(len(a["quotes"]) for a in dev)
        self.stdout.write(f"{name}: {len(dev)} dev documents ({n_quotes} quotations)")
        if options["desk_order"]:
            language = corpora.CORPORA[name]
            c = desk_order(dev, lambda body: extract_quotes(body, language=language))
            self.stdout.write(
                f"\nwrong attributions whose right speaker another quotation names: {c['wrong']}"
            )
            for order in ("nearest", "alphabetical"):
                self.stdout.write(
                    f"  {order} order: right speaker first {c[order + ':first']}, "
                    f"in the first three {c[order + ':top3']}"
                )
            return
        if options["learning_curve"]:
            self._learning_curve(dev, build, options["learning_curve"], options["folds"] or 5)
            return
        if options["folds"]:
            table = cross_validate(dev, build, options["folds"])
            self.stdout.write(f"\n{options['folds']}-fold cross-validation on dev")
            self._table(table, ("held-out", "spread", "train", "gap"), options)
        if options["partition"] == "test":
            if not test:
                raise CommandError(f"{name} has no test partition")
            n_test = sum(len(a["quotes"]) for a in test)
            table, counts = held_out(dev, test, build)
            self.stdout.write(
                f"\nfrozen test partition: {len(test)} documents ({n_test} quotations)"
            )
            self._table(table, ("test", "dev", "gap"), options)
        elif not options["folds"]:
            table, counts = held_out(dev, dev, build)
            self._table({k: {"dev": v["dev"]} for k, v in table.items()}, ("dev",), options)
        else:
            return
        self.stdout.write("\ncalibration (predictions: share right, quotation and speaker)")
        for band, (n, accuracy) in calibration(counts).items():
            self.stdout.write(f"  confidence {band}: {n:5d} predictions, {accuracy:.3f} right")

    def _learning_curve(self, dev: list[dict], build, fractions: str, folds: int) -> None:
        try:
            wanted = [float(f) for f in fractions.split(",")]
        except ValueError:
            message = f"--learning-curve: fractions such as 0.25,0.5,1, not {fractions!r}"
            raise CommandError(message) from None
        if not all(0 < f <= 1 for f in wanted):
            raise CommandError("--learning-curve: each fraction between 0 (excluded) and 1")
        self.stdout.write(f"\nlearning curve, {folds} folds (held-out counts summed over folds)")
        curve = learning_curve(dev, build, wanted, folds)
        family = "all" if "all F1" in curve[wanted[0]] else "quoted"
        names = [f"{family} F1", f"{family} speaker", f"{family} end-to-end F1"]
        self.stdout.write(f"  {'fraction':>8}  {'documents':>9}  " + "  ".join(names))
        for fraction, figures in curve.items():
            values = "  ".join(f"{figures[n]:>{len(n)}.3f}" for n in names)
            self.stdout.write(f"  {fraction:>8.2f}  {figures['documents']:>9d}  {values}")

    def _table(self, table: dict, columns: tuple[str, ...], options) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(table, indent=2))
            return
        self.stdout.write(f"  {'figure':32}" + "".join(f"{c:>10}" for c in columns))
        for figure, row in table.items():
            self.stdout.write(f"  {figure:32}" + "".join(f"{row[c]:>10.3f}" for c in columns))

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
