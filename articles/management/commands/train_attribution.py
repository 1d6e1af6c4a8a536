"""`manage.py train_attribution [--language fr] [--check]`: train the speaker scorer.

Reads our annotated corpus (articles/corpus/data, texts from ../shared), never its frozen test
partition; fits the scorer on the development documents, reports 5-fold cross-validation (by
document) against the rules alone, calibrates the confidence on the held-out folds, and writes
`articles/extraction/data/models/attribution-<language>.json`. Deterministic: the same corpus
gives the same file, byte for byte (`--check` compares instead of writing).
"""

import json
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.corpus import corpora, training
from articles.corpus.evaluate import fold_of
from articles.extraction.scoring import MODELS, get_speech_model
from articles.management.generated import write_or_check

CORPUS_OF = training.CORPUS_OF


class Command(BaseCommand):
    help = "Train the speaker scorer from the annotated corpus (test partition excluded)."

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=sorted(CORPUS_OF), default="fr")
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--shared", default=str(Path(settings.BASE_DIR).parent / "shared"))
        parser.add_argument(
            "--check", action="store_true", help="compare with the committed model, write nothing"
        )

    def handle(self, *args, **options):
        language = options["language"]
        if language in training.SPEECH_CORPORA:
            # first: which quoted spans are speech decides which quotations the scorer sees
            self._speech(language, options)
        groups, counts = [], {"matched": 0, "oracle": 0}
        documents = 0
        for name in CORPUS_OF[language]:
            try:
                articles = corpora.load(name, Path(options["shared"]))
            except (OSError, corpora.CorpusError) as exc:
                raise CommandError(f"{name}: {exc}") from exc
            dev = [a for a in articles if corpora.partition(name, a["id"]) == "dev"]
            more, seen = training.groups(dev, language)
            groups += more
            documents += len(dev)
            counts = {k: counts[k] + seen[k] for k in counts}
        # The learner and the margin are chosen on the held-out folds, never on the test
        # partition (training.best_learner: accuracy when a learner may replace the rules'
        # speaker, else the confidence's AUC; on a tie the simpler learner, listed first).
        runs = {
            learner: training.cross_validate(groups, options["folds"], learner)
            for learner in training.LEARNERS
        }
        ordered = _by_fold(groups, options["folds"])
        for learner, run in runs.items():
            auc = training.ranking_quality(run["oof"], ordered).get("auc_model", 0.0)
            self.stdout.write(
                f"  {learner}: held-out {run['held_out']:.4f}, confidence AUC {auc:.3f}"
            )
        learner = training.best_learner(runs, ordered)
        cv = runs[learner]
        model = replace(training.fit(groups, learner), margin=cv["margin"])
        calibration = training.calibrate(cv["oof"])
        summary = {
            "corpora": list(CORPUS_OF[language]),
            "documents": documents,
            "learner": list(learner),
            "quotations": counts["matched"],
            "oracle_recall": round(counts["oracle"] / counts["matched"], 3),
            "cv_scorer_accuracy": round(cv["held_out"], 3),
            "cv_spread": round(cv["spread"], 3),
            "cv_train_accuracy": round(cv["train"], 3),
            "cv_rules_accuracy": round(cv["rules"], 3),
            "override_gain": round(cv["override_gain"], 3),
            "margin": cv["margin"],
            **training.ranking_quality(cv["oof"], ordered),
        }
        for key, value in summary.items():
            self.stdout.write(f"{key}: {value}")
        self._write(
            f"attribution-{language}.json",
            training.model_json(model, calibration, summary),
            options["check"],
        )

    def _speech(self, language: str, options) -> None:
        """Train the speech classifier on the corpora's quoted spans; report its folds against
        the rules alone; write (or compare) `speech-<language>.json`."""
        examples = []
        for name in training.SPEECH_CORPORA[language]:
            articles = corpora.load(name, Path(options["shared"]))
            dev = [a for a in articles if corpora.partition(name, a["id"]) == "dev"]
            examples += training.speech_examples(dev, language)
        cv = training.speech_cross_validate(examples, options["folds"])
        for who, figures in cv.items():
            self.stdout.write(
                f"speech spans, held-out, {who}: precision {figures['precision']:.3f}, "
                f"recall {figures['recall']:.3f}, F1 {figures['f1']:.3f}"
            )
        summary = {
            "corpora": list(training.SPEECH_CORPORA[language]),
            "spans": len(examples),
            "speech": sum(e.speech for e in examples),
            "cv_model": cv["model"],
            "cv_rules": cv["rules"],
        }
        model = training.fit_speech(examples)
        self._write(
            f"speech-{language}.json", training.speech_json(model, summary), options["check"]
        )
        get_speech_model.cache_clear()

    def _write(self, filename: str, data: dict, check: bool) -> None:
        text = json.dumps(data, separators=(",", ":"))
        text = text.replace(',"', ',\n"') + "\n"  # one key a line, trees kept compact
        made = f"{len(text.encode())} bytes"
        write_or_check(MODELS / filename, text, check=check, out=self.stdout, made=made)


def _by_fold(groups: list, folds: int) -> list:
    """The groups in the order cross-validation scores them (fold by fold)."""
    return [g for k in range(folds) for g in groups if fold_of(g.doc_id, folds) == k]
