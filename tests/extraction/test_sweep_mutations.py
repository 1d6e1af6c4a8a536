"""`sweep_engine --mutations`: damaged copies of real documents, the same for the same seed, each
named by what was done to it, through the reader and the engine."""

import json
import random
from io import StringIO

import pytest
from django.core.management import call_command

from articles.management.commands.sweep_engine import (
    DAMAGES,
    _damaged,
    mutate,
    mutated_documents,
)

TEXT = (
    "« Nous ne céderons pas », a déclaré mardi Hélène Varenne, maire de Castelmont.\n\n"
    "Selon la préfecture, « la situation reste tendue ». L'élue a ajouté qu'elle recevrait "
    "les riverains."
)


@pytest.mark.parametrize("op", range(DAMAGES))
def test_each_damage_changes_the_text_or_its_language(op):
    text, language = _damaged(TEXT, "fr", op, random.Random(op))  # noqa: S311
    assert (text, language) != (TEXT, "fr")


def test_the_same_seed_gives_the_same_damage():
    first = mutate(TEXT, "fr", random.Random("7:3"))  # noqa: S311
    again = mutate(TEXT, "fr", random.Random("7:3"))  # noqa: S311
    assert first == again
    assert all(part.isdigit() for part in first[2].split("-"))


@pytest.fixture
def corpora(tmp_path):
    wikinews = tmp_path / "wikinews-fr-dev"
    wikinews.mkdir()
    rows = [{"id": str(n), "body": TEXT.replace("mardi", f"le {n + 1} mai")} for n in range(3)]
    (wikinews / "gold.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return tmp_path


def test_mutated_documents_are_named_by_seed_number_source_and_damage(corpora):
    documents = list(mutated_documents(corpora, 5, seed=2))
    assert documents == list(mutated_documents(corpora, 5, seed=2))
    assert [d[0].split(":")[:3] for d in documents] == [["mutated", "2", str(n)] for n in range(5)]
    assert all(d[0].split(":")[3] == "wikinews" for d in documents)


def test_the_sweep_runs_the_damaged_copies_through_reader_and_engine(corpora):
    out = StringIO()
    call_command("sweep_engine", corpora=str(corpora), mutations=12, seed=5, jobs=1, stdout=out)
    assert "documents: 12," in out.getvalue()
    assert "exceptions: 0" in out.getvalue()
