"""Files the repository commits that a command makes from our corpora (the trained models, the
lists derived from news copy): written, or compared with what a fresh run makes (`--check`)."""

from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper


def write_or_check(path: Path, text: str, *, check: bool, out: OutputWrapper, made: str) -> None:
    """Write `text` to `path` and say so (`made`: what it holds), or, with `check`, say whether
    the committed file is `text` byte for byte and fail when it is not."""
    if check:
        same = path.exists() and path.read_text(encoding="utf-8") == text
        out.write(f"{path.parent.name}/{path.name}: {'identical' if same else 'DIFFERENT'}")
        if not same:
            raise CommandError(f"the committed {path.name} differs from a fresh run")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out.write(f"wrote {path} ({made})")
