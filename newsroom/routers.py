"""Reads of the public site from PostgreSQL read replicas; everything else from the primary.

Active only when ``DATABASE_REPLICA_URLS`` configures replicas (``DATABASES["replica_N"]``, listed
in ``settings.DATABASE_REPLICAS``); see README.md, "Scaling out". The rules:

- Writes always go to the primary ("default").
- Reads go to a replica only inside a request `ReplicaMiddleware` marked as public: a GET or
  HEAD, outside the staff paths (admin, review desk, login), from a browser that has not
  written recently. Everything else — commands, tasks, the shell, staff pages, POSTs, reads
  inside a transaction — reads the primary, so services never decide on stale rows.
- Read-your-writes: after a request that may have written (POST, PUT, PATCH, DELETE), the
  browser gets a short-lived signed cookie that keeps its reads on the primary for
  ``DATABASE_REPLICA_PIN_SECONDS`` (replication lag is well under that), so the editor who just
  saved sees their change and a fresh login finds its session.
- One replica per request, chosen at random: a page never mixes two replicas' lag.
"""

import random
import time
from contextvars import ContextVar

from django.conf import settings
from django.core import signing
from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
PIN_COOKIE = "newsroom_primary"
PIN_SALT = "newsroom.routers.pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The replica this request reads from, or None: read the primary.
_replica: ContextVar[str | None] = ContextVar("newsroom_replica", default=None)


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def pin_seconds() -> int:
    return int(getattr(settings, "DATABASE_REPLICA_PIN_SECONDS", 15))


def primary_paths() -> tuple[str, ...]:
    return tuple(
        getattr(
            settings,
            "DATABASE_PRIMARY_PATHS",
            ("/admin/", "/review/", "/desk/", "/login/", "/logout/"),
        )
    )


def current_replica() -> str | None:
    """The replica reads go to now, or None when they go to the primary."""
    return _replica.get()


class PrimaryReplicaRouter:
    """Database router: see the module docstring."""

    def db_for_read(self, model, **hints) -> str:
        replica = _replica.get()
        # Inside a transaction the primary holds the truth (and select_for_update needs it).
        if replica is None or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return replica

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # The replicas hold the primary's rows: an object read from one may relate to any.
        known = {PRIMARY, *replicas()}
        if obj1._state.db in known and obj2._state.db in known:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name=None, **hints) -> bool:
        # Replicas follow the primary through replication, never through migrate.
        return db == PRIMARY


def is_pinned(request: HttpRequest) -> bool:
    """Did this browser write less than `pin_seconds` ago?"""
    try:
        request.get_signed_cookie(PIN_COOKIE, salt=PIN_SALT, max_age=pin_seconds())
    except (KeyError, signing.BadSignature):
        return False
    return True


def wants_primary(request: HttpRequest) -> bool:
    """Must this request read from the primary?"""
    return (
        request.method not in SAFE_METHODS
        or request.path_info.startswith(primary_paths())
        or is_pinned(request)
    )


class ReplicaMiddleware:
    """Marks public reads for the replicas, and pins a browser to the primary after it wrote.

    Placed before every middleware that reads the database (sessions, authentication)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        choices = replicas()
        replica = None if not choices or wants_primary(request) else random.choice(choices)  # noqa: S311
        token = _replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            _replica.reset(token)
        if request.method not in SAFE_METHODS and response.status_code < 500:
            response.set_signed_cookie(
                PIN_COOKIE,
                str(int(time.time())),
                salt=PIN_SALT,
                max_age=pin_seconds(),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
