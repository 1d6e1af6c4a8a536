"""The engine is Django-free and loads spaCy only when it is first used."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_engine_import_loads_no_django_module():
    code = (
        "import sys; import articles.extraction as e; "
        "e.extract_quotes('« Bonjour à tous », a dit Lina Ferrat.', language='fr'); "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    assert _run(code) == "[]"


def test_engine_import_does_not_load_spacy():
    code = "import sys; import articles.extraction; print('spacy' in sys.modules)"
    assert _run(code) == "False"
