"""Files the repository commits that a command makes from our corpora (the trained models, the
lists derived from news copy): written, or compared with what a fresh run makes (`--check`)."""

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from articles.corpus.standoff import DATA, read_jsonl
from articles.extraction.lexicon import DATA_DIR

# The unannotated news copy the lists are derived from, never a document the engine is scored on.
SOURCES = {
    "fr": "the OrangeSum texts outside our annotated corpus",
    "en": "PolNeAR's train split",
}


def write_or_check(path: Path, text: str, *, check: bool, out: OutputWrapper, made: str) -> None:
    """Write `text` to `path` and say so (`made`: what it holds), or, with `check`, say whether
    the committed file is `text` byte for byte and fail when it is not."""
    if check and not path.exists():
        raise CommandError(f"{path.parent.name}/{path.name}: none is committed to compare with")
    if check:
        same = path.read_text(encoding="utf-8") == text
        out.write(f"{path.parent.name}/{path.name}: {'identical' if same else 'DIFFERENT'}")
        if not same:
            raise CommandError(f"the committed {path.name} differs from a fresh run")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out.write(f"wrote {path} ({made})")


class DeriveCommand(BaseCommand):
    """A command that derives `data/<language>/<filename>` from the news copy of SOURCES:
    `make` turns the texts into the file's text and a summary of what it holds."""

    filename: str

    def add_arguments(self, parser):
        parser.add_argument("--shared", default=str(Path(settings.BASE_DIR).parent / "shared"))
        parser.add_argument("--language", choices=sorted(SOURCES), default="fr")
        parser.add_argument("--jobs", type=int, default=2, help="processes (default 2)")
        parser.add_argument(
            "--check", action="store_true", help="compare with the committed file, write nothing"
        )

    def handle(self, *args, **options):
        language = options["language"]
        texts = outside_texts(language, Path(options["shared"]))
        text, made = self.make(texts, language, options["jobs"])
        path = DATA_DIR / language / self.filename
        write_or_check(path, text, check=options["check"], out=self.stdout, made=made)

    def make(self, texts: Iterator[str], language: str, jobs: int) -> tuple[str, str]:
        raise NotImplementedError


def outside_texts(language: str, shared: Path) -> Iterator[str]:
    """The texts of SOURCES[language]: French, the OrangeSum texts that are no document of our
    annotated corpus (neither its folds nor its frozen test partition); English, PolNeAR's train
    split (its dev and test splits are what the engine is scored on)."""
    if language == "en":
        paths = sorted(_found(shared / "corpora/polnear-en/data/train/text").glob("*.txt"))
        return (path.read_text(encoding="utf-8") for path in paths)
    path = _found(shared / "corpora/orangesum-fr/orangesum_articles.jsonl.gz")
    excluded = {r["id"] for r in read_jsonl(DATA / "orangesum-fr.jsonl")}
    return _outside(path, excluded)


def _found(path: Path) -> Path:
    if not path.exists():
        raise CommandError(f"{path}: not found (the shared corpora are needed)")
    return path


def _outside(path: Path, excluded: set[str]) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["id"]) not in excluded:
                yield row["text"]
