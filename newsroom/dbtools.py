"""Run PostgreSQL's client tools against the configured database."""

import os
import shutil
import subprocess

from django.core.management.base import CommandError
from django.db import connection


def pg_command(tool: str, *args: str, dbname_flag: str | None = None) -> None:
    """Run `tool` (pg_dump, pg_restore) on the default database; CommandError on failure."""
    if shutil.which(tool) is None:
        raise CommandError(f"{tool} not found: install PostgreSQL's client tools")
    params = connection.settings_dict
    command = [tool, f"--host={params['HOST'] or 'localhost'}"]
    if params.get("PORT"):
        command.append(f"--port={params['PORT']}")
    if params.get("USER"):
        command.append(f"--username={params['USER']}")
    command += [*args, f"{dbname_flag}={params['NAME']}" if dbname_flag else params["NAME"]]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{tool} failed: {result.stderr.strip()}")
