"""What a fresh process would otherwise do on its first readers' requests, done when it starts.

Measured at 100k dispatches, a new process answered its first dispatch page in ≈ 80 ms
instead of 4 (the URL configuration and every view module imported, the URL patterns
compiled, the templates parsed, the translation catalogues read), and its first speaker page
or search 15 ms more than the next: every reader after a deploy or a worker's restart, and
the long tail of a site just started, paid for it (docs/performance.md). None of it touches
the database, so it runs once in gunicorn's master with --preload (`make serve`), and the
workers share it.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.template.loader import get_template
from django.urls import get_resolver, reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Import the URL configuration and its views, compile the URL patterns, read every
    language's catalogue, make the caches' clients (none connects before its first use) and
    parse the project's templates (the cached loader keeps them)."""
    get_resolver().url_patterns  # noqa: B018 (the import of every view module)
    reverse("healthz")  # the reverse dictionaries, built on the first reverse()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Newsroom")
    for alias in settings.CACHES:
        caches[alias]  # noqa: B018
    for name in _project_templates():
        try:
            get_template(name)
        except Exception:  # noqa: BLE001 (a warm-up never keeps the site from starting)
            # a broken template is reported where it is used, as it would have been
            logger.warning("warm-up: template %s not parsed", name, exc_info=True)


def _project_templates() -> list[str]:
    """The names of the templates in the project's template folders."""
    names = []
    for engine in settings.TEMPLATES:
        for folder in map(Path, engine.get("DIRS", ())):
            names += [
                path.relative_to(folder).as_posix()
                for path in sorted(folder.rglob("*"))
                if path.suffix in (".html", ".xml", ".txt")
            ]
    return names
