"""`manage.py extract_quotes`: one JSON line per file, a failing file isolated."""

import json

import pytest
from django.core.management import CommandError, call_command

from articles.management.commands import extract_quotes as command

GOOD = "date 2026-03 Monde\n\n« Nous partirons demain », a déclaré Lina Ferrat.\n"


@pytest.fixture(autouse=True)
def _no_registry(monkeypatch):
    monkeypatch.setattr(command, "_known_names", lambda body: {})


def _run(paths, capsys) -> tuple[list[dict], str, CommandError | None]:
    error = None
    try:
        call_command("extract_quotes", *map(str, paths))
    except CommandError as exc:
        error = exc
    out, err = capsys.readouterr()
    return [json.loads(line) for line in out.splitlines()], err, error


def test_every_file_gives_one_line_without_an_error_key(tmp_path, capsys):
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for p in paths:
        p.write_text(GOOD, encoding="utf-8")
    lines, _, error = _run(paths, capsys)
    assert error is None
    assert [line["file"] for line in lines] == [str(p) for p in paths]
    assert all("error" not in line for line in lines)
    assert lines[0]["quotes"][0]["speaker"] == "Lina Ferrat"


def test_an_engine_failure_in_one_file_is_its_own_line_and_the_others_are_printed(
    tmp_path, capsys, monkeypatch
):
    real = command.extract_quotes

    def failing(body, **kwargs):
        if "explose" in body:
            raise IndexError("list index out of range")
        return real(body, **kwargs)

    monkeypatch.setattr(command, "extract_quotes", failing)
    paths = [tmp_path / "1.txt", tmp_path / "2.txt", tmp_path / "3.txt"]
    paths[0].write_text(GOOD, encoding="utf-8")
    paths[1].write_text(GOOD.replace("demain", "demain, tout explose"), encoding="utf-8")
    paths[2].write_text(GOOD, encoding="utf-8")
    lines, err, error = _run(paths, capsys)
    assert [line["file"] for line in lines] == [str(p) for p in paths]
    assert lines[1] == {"file": str(paths[1]), "error": "IndexError: list index out of range"}
    assert "error" not in lines[0] and "error" not in lines[2]
    assert lines[2]["quotes"][0]["speaker"] == "Lina Ferrat"
    assert error is not None and "1 of 3" in str(error)
    assert str(paths[1]) in err


def test_an_unreadable_file_is_reported_as_an_error_line(tmp_path, capsys):
    good, missing, binary = tmp_path / "ok.txt", tmp_path / "missing.txt", tmp_path / "bin.txt"
    good.write_text(GOOD, encoding="utf-8")
    binary.write_bytes(b"\x00\x01\x02" * 50)
    lines, _, error = _run([missing, binary, good], capsys)
    assert [set(line) for line in lines[:2]] == [{"file", "error"}, {"file", "error"}]
    assert "error" not in lines[2]
    assert error is not None
