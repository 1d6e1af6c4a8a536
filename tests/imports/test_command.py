"""manage.py import_dispatches: files, directories, stdin; summary, progress and exit code."""

import io
import json
import os

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, DispatchRevision

pytestmark = pytest.mark.django_db

PROSE = (
    "La maire fictive de Castelmont, Irène Vasseur, a inauguré samedi le nouveau pont.\n\n"
    "« Ce pont relie enfin les deux rives », a-t-elle déclaré devant les habitants."
)


def run(*args, stdin: bytes | None = None, monkeypatch=None):
    """Call the command; return (stdout, stderr, error or None)."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        call_command("import_dispatches", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def mixed_dir(tmp_path, shared_dir):
    """Good files (the seed, a ninjs example, a plain text in a subfolder) and two bad ones."""
    (tmp_path / "seed.txt").write_bytes(
        (shared_dir / "seeds" / "000_95765011fa2cb2aa.txt").read_bytes()
    )
    example = shared_dir / "standards" / "ninjs" / "examples" / "005_complex_text_article.json"
    (tmp_path / "item.json").write_bytes(example.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pont").write_text(f"date 2024-05-04 Régions\n\n{PROSE}")
    (tmp_path / "truncated.json").write_bytes(example.read_bytes()[:400])
    (tmp_path / "random.bin").write_bytes(os.urandom(4096))
    return tmp_path


def test_directory_imports_the_good_files(mixed_dir):
    run(str(mixed_dir))
    assert Article.objects.count() == 3


def test_directory_with_bad_files_exits_non_zero(mixed_dir):
    _out, _err, error = run(str(mixed_dir))
    assert error is not None and error.returncode == 1


def test_each_bad_file_is_named_with_its_reason(mixed_dir):
    out, err, _error = run(str(mixed_dir))
    truncated, random = mixed_dir / "truncated.json", mixed_dir / "random.bin"
    assert f"failed: {truncated}:" in out and "not valid JSON" in out
    assert f"failed: {random}" in out
    assert f"FAILED {truncated}:" in err and f"FAILED {random}" in err


def test_truncated_file_is_reported_with_its_line(mixed_dir):
    out, _err, _error = run(str(mixed_dir / "truncated.json"))
    line = next(line for line in out.splitlines() if line.startswith("failed:"))
    assert line.split(":")[2].isdigit()


def test_summary_counts_on_stdout(mixed_dir):
    out, _err, _error = run(str(mixed_dir))
    assert out.splitlines()[0] == "created: 3, updated: 0, unchanged: 0, failed: 2"


def test_progress_goes_to_stderr(mixed_dir):
    _out, err, _error = run(str(mixed_dir))
    assert "[1/5]" in err and "[5/5]" in err


def test_second_run_reports_unchanged(shared_dir):
    seed = str(shared_dir / "seeds" / "000_95765011fa2cb2aa.txt")
    run(seed)
    out, _err, error = run(seed)
    assert error is None
    assert out.splitlines()[0] == "created: 0, updated: 0, unchanged: 1, failed: 0"


def test_hidden_files_and_directories_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_text(PROSE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(PROSE + " Autre.")
    out, _err, _error = run(str(tmp_path))
    assert out.splitlines()[0] == "created: 0, updated: 0, unchanged: 0, failed: 0"


def test_every_file_is_tried_whatever_its_extension(tmp_path):
    (tmp_path / "depeche.dat").write_text(PROSE)
    run(str(tmp_path))
    assert Article.objects.get().body == PROSE


def test_stdin_is_read_for_dash(monkeypatch):
    out, _err, _error = run("-", stdin=PROSE.encode(), monkeypatch=monkeypatch)
    assert out.startswith("created: 1")
    assert Article.objects.get().body == PROSE


def test_missing_path_fails(tmp_path):
    out, _err, error = run(str(tmp_path / "absent.txt"))
    assert error is not None
    assert "no such file or directory" in out


def test_dry_run_writes_nothing(mixed_dir):
    out, _err, _error = run(str(mixed_dir), "--dry-run")
    assert out.startswith("dry run, nothing written: created: 3")
    assert not Article.objects.exists()


def test_status_and_section_options(tmp_path):
    (tmp_path / "a.txt").write_text(PROSE)
    run(str(tmp_path), "--status", "published", "--section", "Régions")
    article = Article.objects.get()
    assert (article.status, article.section.name) == ("published", "Régions")


def test_format_option_forces_the_reader(tmp_path):
    (tmp_path / "a.txt").write_text(json.dumps({"uri": "urn:x", "body_text": PROSE}))
    out, _err, _error = run(str(tmp_path), "--format", "newsml")
    assert "not well-formed XML" in out
    assert not Article.objects.exists()


def test_legacy_encoding_is_reported(tmp_path):
    (tmp_path / "ancien.txt").write_bytes(PROSE.encode("cp1252"))
    out, _err, _error = run(str(tmp_path))
    assert "read as cp1252" in out


def test_kept_editor_fields_are_reported(tmp_path):
    item = {"uri": "urn:x", "headline": "Le pont", "body_text": PROSE}
    (tmp_path / "a.json").write_text(json.dumps(item))
    run(str(tmp_path))
    Article.objects.update(headline="Le pont de Castelmont")
    item |= {"headline": "Le nouveau pont", "body_text": PROSE + "\n\nSuite."}
    (tmp_path / "a.json").write_text(json.dumps(item))
    out, _err, _error = run(str(tmp_path))
    assert out.splitlines()[0] == "created: 0, updated: 1, unchanged: 0, failed: 0"
    assert "kept the editor's headline" in out


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary",
        b'{"uri": "urn:x", "bodies": [{"value": 3}]}',
        b'<!DOCTYPE x [<!ENTITY a "b">]><newsItem guid="x">&a;</newsItem>',
        PROSE.encode() + b"\x00",
    ],
    ids=["empty", "binary", "wrong-type", "xml-entity", "nul"],
)
def test_malformed_file_writes_nothing(tmp_path, content):
    (tmp_path / "bad").write_bytes(content)
    _out, _err, error = run(str(tmp_path / "bad"))
    assert error is not None
    assert not Article.objects.exists() and not DispatchRevision.objects.exists()


def test_ten_megabyte_file_is_refused_and_nothing_written(tmp_path):
    (tmp_path / "huge.txt").write_bytes((PROSE + "\n\n").encode() * 60_000)
    out, _err, error = run(str(tmp_path))
    assert error is not None and "over the" in out
    assert not Article.objects.exists()


def _export_all() -> bytes:
    out = io.StringIO()
    call_command("export_ninjs", "--all", stdout=out)
    return out.getvalue().encode()


def _published(headline: str, body: str) -> None:
    Article.objects.create(headline=headline, body=body, language="fr", status="published")


def test_export_all_piped_into_import_round_trips(monkeypatch):
    _published("Le pont de Castelmont inauguré", PROSE)
    _published("La crue de la Varenne recule", "La crue de la Varenne recule enfin ce matin.")
    exported = _export_all()
    assert exported.count(b"\n") == 2
    out, err, error = run("-", stdin=exported, monkeypatch=monkeypatch)
    assert error is None
    assert "created: 0, updated: 0, unchanged: 2, failed: 0" in out
    assert "<stdin>:1" in err and "<stdin>:2" in err
    assert Article.objects.count() == 2


def test_json_lines_file_imports_line_by_line_and_refuses_a_bad_line_alone(tmp_path):
    _published("Le pont de Castelmont inauguré", PROSE)
    line = _export_all().strip()
    other = json.loads(line) | {"uri": "urn:newsroom:test:second", "headline": "Autre titre"}
    stream = tmp_path / "export.jsonl"
    stream.write_bytes(b"\n".join([line, b'{"uri": "broken"', json.dumps(other).encode()]))
    out, _err, error = run(str(stream), "--no-attribution")
    assert error is not None and error.returncode == 1
    assert "created: 1, updated: 0, unchanged: 1, failed: 1" in out
    assert f"failed: {stream}:2:" in out
    assert Article.objects.filter(guid="urn:newsroom:test:second").exists()


def test_one_pretty_printed_ninjs_on_stdin_is_one_dispatch(monkeypatch):
    _published("Le pont de Castelmont inauguré", PROSE)
    pretty = json.dumps(json.loads(_export_all()), indent=2, ensure_ascii=False).encode()
    out, err, error = run("-", stdin=pretty, monkeypatch=monkeypatch)
    assert error is None and "unchanged: 1" in out and "<stdin>:1" not in err


def test_a_json_lines_file_in_a_directory_is_read_line_by_line(tmp_path):
    _published("Le pont de Castelmont inauguré", PROSE)
    _published("La crue de la Varenne recule", "La crue de la Varenne recule enfin ce matin.")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "export.ndjson").write_bytes(_export_all())
    out, _err, error = run(str(tmp_path))
    assert error is None and "unchanged: 2" in out


def test_a_20_mb_file_is_reported_with_its_real_size_in_mib(tmp_path):
    (tmp_path / "huge.txt").write_bytes(b"x" * 20_000_000)
    out, _err, _error = run(str(tmp_path))
    assert "file is 19.1 MiB, over the 8 MiB limit" in out


def test_a_stray_control_character_is_removed_and_reported(tmp_path):
    (tmp_path / "pont.txt").write_text(f"date 2024-05-04 Régions\n\n{PROSE}\u0083")
    out, _err, error = run(str(tmp_path))
    assert error is None
    assert "removed 1 stray control character(s) (U+0083)" in out
    assert "\u0083" not in Article.objects.get().body
