"""What the benchmarks (`bench_site`, `bench_import`) and the soak (`soak`) share: a throwaway
database, and gunicorn serving the site on a loopback port for as long as a block runs.

These commands measure; they are no part of running the newsroom (README, "Commands").
"""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import CommandError

HOST = "127.0.0.1"


def throwaway_database(
    engine: str, *, name: str, postgres_url: str | None, workdir: Path, keep: bool
) -> tuple[str, Callable[[], None]]:
    """(DATABASE_URL, drop) of an empty database for a benchmark: an SQLite file in `workdir`
    (in the temporary folder when kept), or PostgreSQL database `name`, dropped and created on the
    server of `postgres_url`, DATABASE_URL or postgres://postgres@127.0.0.1:5432."""
    if engine == "sqlite":
        # Kept databases live outside the temporary folder, which is always removed.
        path = workdir / f"{name}.sqlite3"
        if keep:
            path = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
            for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                stale.unlink(missing_ok=True)
        return f"sqlite:///{path}", lambda: None
    import psycopg

    base = postgres_url or os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise CommandError("the bench only runs against a PostgreSQL server on this machine")
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def execute(sql: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql)

    execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}")), lambda: execute(
        f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, path: str = "/healthz", timeout: float = 60.0) -> None:
    """Return once the server on `port` answers `path` (any HTTP answer), else raise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", path, headers={"Host": HOST})
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"the server on port {port} did not answer within {timeout:.0f} s")


@contextmanager
def gunicorn(
    app: str = "newsroom.wsgi",
    *,
    env: dict,
    workers: int = 2,
    port: int | None = None,
    logfile: Path | None = None,
    options: Sequence[str] = (),
    probe: str = "/healthz",
    quiet: bool = True,
) -> Iterator[int]:
    """Run gunicorn with `app` on `port` (a free one by default) of 127.0.0.1 until the block
    ends; yield the port once the server answers `probe`."""
    port = port or free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        app,
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        *options,
    ]
    if logfile is not None:
        command += ["--error-logfile", str(logfile)]
    output = subprocess.DEVNULL if quiet else None
    server = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=settings.BASE_DIR, stdout=output, stderr=output
    )
    try:
        wait_for(port, probe)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
