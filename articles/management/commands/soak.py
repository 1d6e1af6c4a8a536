"""`manage.py soak`: concurrent readers, editors and reviewers against gunicorn on 127.0.0.1.

It builds a throwaway database (a temporary SQLite file, or `--database-url`), starts gunicorn in
production mode on a loopback port, runs N client threads for M minutes mixing page reads, dispatch
uploads through the admin and review decisions through the desk, then checks the database: every
decision a client saw accepted is on record exactly once and is the quote's current state, every
uploaded dispatch exists exactly once. Errors (5xx, refused connections, unexpected answers) must
be 0.
"""

# Random choices here pick test traffic, not secrets.
# ruff: noqa: S311

import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.benchmarks import HOST, gunicorn

PASSWORD = "soak-password-not-secret"  # noqa: S105 - throwaway accounts in a throwaway database
TOWNS = ("Castelmont", "Bréval", "Vaudrenne", "Sorvane", "Tarvelle", "Hautefaye", "Miraval")
NAMES = ("Hélène Varenne", "Joseph Malicorne", "Odette Ravel", "Marc Ostende", "Lina Corvo")


def soak_dispatch(n: int) -> tuple[str, bytes]:
    """An original, fictional dispatch in the plain-text wire format, with a guid."""
    guid = f"urn:newsroom:soak:{uuid.uuid4()}"
    town, name = random.choice(TOWNS), random.choice(NAMES)
    surname = name.split()[-1]
    text = (
        f"date 2026-11 Politique\nguid {guid}\n\n"
        f"Le maire de {town}, {name}, a présenté mardi le budget numéro {n} de la commune "
        f"devant le conseil municipal.\n\n"
        f"« Nous investirons d'abord dans les écoles et les ponts », a déclaré M. {surname}.\n\n"
        f"« Les impôts ne bougeront pas, a-t-il ajouté, et la dette baissera. »\n\n"
        f"Selon l'opposition, ce budget reste trop prudent pour une ville de cette taille."
    )
    return guid, text.encode()


@dataclass
class Tally:
    """What the clients saw; merged under a lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    decisions: list[tuple[int, str, str]] = field(default_factory=list)  # quote, action, user
    conflicts: int = 0
    uploads: list[str] = field(default_factory=list)

    def timing(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class Browser:
    """One client: a keep-alive connection, its cookies and its CSRF token."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = {"Host": HOST, **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()  # reconnect once: the server may have recycled the connection
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, data.decode("utf-8", "replace")

    @property
    def csrf(self) -> str:
        return next((v for k, v in self.cookies.items() if k.endswith("csrftoken")), "")

    def post(self, path: str, fields: dict, files: dict[str, tuple[str, bytes]] | None = None):
        fields = {**fields, "csrfmiddlewaretoken": self.csrf}
        if files:
            boundary = secrets.token_hex(16)
            parts = []
            for name, value in fields.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            body = urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request("POST", path, body, {"Content-Type": content_type})

    def login(self, username: str) -> None:
        self.request("GET", "/login/")
        status, headers, _ = self.post("/login/", {"username": username, "password": PASSWORD})
        if status != 302:
            raise CommandError(f"soak: login of {username} failed ({status})")


class Client(threading.Thread):
    """Reads pages, uploads dispatches and takes review decisions until the deadline."""

    def __init__(self, number: int, port: int, deadline: float, tally: Tally, mix) -> None:
        super().__init__(daemon=True)
        self.number, self.port, self.deadline, self.tally, self.mix = (
            number,
            port,
            deadline,
            tally,
            mix,
        )
        self.random = random.Random(number)
        self.links: list[str] = ["/"]

    def run(self) -> None:
        reader, editor, reviewer = Browser(self.port), Browser(self.port), Browser(self.port)
        try:
            editor.login("soak-editor")
            reviewer.login(f"soak-reviewer-{self.number}")
        except (CommandError, OSError, http.client.HTTPException) as failure:
            self.tally.error(f"client {self.number}: {failure}")
            return
        operations = {"read": self.read, "import": self.upload, "review": self.review}
        names, weights = zip(*self.mix, strict=True)
        count = 0
        while time.monotonic() < self.deadline:
            kind = self.random.choices(names, weights)[0]
            browser = {"read": reader, "import": editor, "review": reviewer}[kind]
            started = time.monotonic()
            try:
                operations[kind](browser, count)
            except (OSError, http.client.HTTPException) as failure:
                self.tally.error(f"{kind}: {type(failure).__name__}: {failure}")
            self.tally.timing(kind, time.monotonic() - started)
            count += 1

    def check(self, kind: str, path: str, status: int, expected: tuple[int, ...]) -> bool:
        if status not in expected:
            self.tally.error(f"{kind} {path}: HTTP {status}")
            return False
        return True

    def read(self, browser: Browser, n: int) -> None:
        path = self.random.choice(self.links)
        if n % 7 == 0:
            path = "/?" + urlencode({"q": self.random.choice(("budget", "pont", "ministre"))})
        status, _, text = browser.request("GET", path)
        if self.check("read", path, status, (200,)):
            found = re.findall(r'href="(/(?:dispatches|people)/[^"/]+/)"', text)
            self.links = list(dict.fromkeys(["/", *self.links, *found]))[-200:]

    def upload(self, browser: Browser, n: int) -> None:
        guid, content = soak_dispatch(n)
        path = "/admin/articles/article/import/"
        fields = {"format": "auto", "status": "published", "section": "", "attribute": "on"}
        status, _, text = browser.post(path, fields, {"files": (f"soak-{n}.txt", content)})
        if self.check("import", path, status, (200,)) and guid.rsplit(":", 1)[-1]:
            with self.tally.lock:
                self.tally.uploads.append(guid)

    def review(self, browser: Browser, n: int) -> None:
        status, _, text = browser.request("GET", "/review/")
        if not self.check("review", "/review/", status, (200,)):
            return
        items = re.findall(
            r'<li id="quote-(\d+)" class="review-item status-suggested[^"]*"[^>]*'
            r'data-version="(\d+)"',
            text,
        )
        if not items:
            return
        pk, version = self.random.choice(items[:10])
        action = "confirm" if self.random.random() < 0.8 else "reject"
        path = f"/review/quotes/{pk}/{action}/"
        status, headers, _ = browser.post(
            path, {"version": version, "note": "", "next": "/review/"}
        )
        if not self.check("review", path, status, (302,)):
            return
        location = urlsplit(headers.get("Location", "")).path
        with self.tally.lock:
            if location.startswith(f"/review/quotes/{pk}/"):
                self.tally.conflicts += 1  # another reviewer decided first: shown, not applied
            else:
                self.tally.decisions.append((int(pk), action, f"soak-reviewer-{self.number}"))


SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from articles import services
from articles.models import Article
User = get_user_model()
editor = User.objects.create_superuser("soak-editor", "soak@example.org", {password!r})
for i in range({clients}):
    user = User.objects.create_user(f"soak-reviewer-{{i}}", password={password!r}, is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewers"))
for article in Article.objects.all():
    services.attribute_quotes(article=article)
"""

VERIFY = """
import json
from collections import Counter
from articles.models import Article, QuoteDecision, Quote
seen = json.loads(open({path!r}).read())
rows = QuoteDecision.objects.filter(reviewer__username__startswith="soak-reviewer-")
on_record = Counter(
    (d.quote_id, d.action, d.reviewer.username) for d in rows.select_related("reviewer")
)
accepted = Counter(tuple(d) for d in seen["decisions"])
status = dict(Quote.objects.values_list("pk", "status"))
last = {{}}
for d in rows.order_by("at", "id"):
    last[d.quote_id] = d.action
wrong_state = [pk for pk, action in last.items()
               if status.get(pk) != {{"confirm": "confirmed", "reject": "rejected"}}[action]]
guids = Counter(Article.objects.filter(guid__in=seen["uploads"]).values_list("guid", flat=True))
print(json.dumps({{
    "decisions_accepted": sum(accepted.values()),
    "decisions_on_record": sum(on_record.values()),
    "decisions_lost": sum((accepted - on_record).values()),
    "decisions_unexpected": sum((on_record - accepted).values()),
    "quotes_in_wrong_state": len(wrong_state),
    "uploads_accepted": len(seen["uploads"]),
    "uploads_missing": len(set(seen["uploads"]) - set(guids)),
    "uploads_duplicated": sum(1 for n in guids.values() if n > 1),
    "articles": Article.objects.count(),
}}))
"""


class Command(BaseCommand):
    help = (
        "Soak test: N concurrent clients for M minutes against gunicorn on 127.0.0.1 (reads, "
        "uploads, review decisions); reports errors and checks that no decision was lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--minutes", type=float, default=2.0)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument(
            "--database-url",
            help="Throwaway database to use (default: a new temporary SQLite file). "
            "It is migrated and filled: never point this at real data.",
        )

    def handle(self, *args, clients, minutes, workers, port, database_url, **options):
        if not 1 <= clients <= 64 or not 0 < minutes <= 60:
            raise CommandError("--clients must be 1..64 and --minutes 0..60")
        workdir = Path(tempfile.mkdtemp(prefix="newsroom-soak-"))
        env = {
            **os.environ,
            "DATABASE_URL": database_url or f"sqlite:///{workdir / 'soak.sqlite3'}",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_TASKS_BACKEND": "immediate",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        run = {"env": env, "cwd": settings.BASE_DIR, "check": True}
        self.stderr.write(f"soak: preparing a throwaway database in {workdir}")
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], **run)  # noqa: S603
        subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], **run)  # noqa: S603
        subprocess.run([*manage, "load_sample"], **run, capture_output=True)  # noqa: S603
        setup = SETUP.format(password=PASSWORD, clients=clients)
        subprocess.run([*manage, "shell", "-c", setup], **run, capture_output=True)  # noqa: S603

        options = ("--timeout", "120", "--log-level", "warning", "--preload")
        with gunicorn(env=env, workers=workers, port=port, options=options, quiet=False):
            tally = Tally()
            mix = (("read", 70), ("import", 10), ("review", 20))
            deadline = time.monotonic() + minutes * 60
            threads = [Client(i, port, deadline, tally, mix) for i in range(clients)]
            self.stderr.write(f"soak: {clients} clients for {minutes:g} min on {HOST}:{port}")
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=minutes * 60 + 180)

        seen = workdir / "seen.json"
        seen.write_text(json.dumps({"decisions": tally.decisions, "uploads": tally.uploads}))
        verify = subprocess.run(  # noqa: S603
            [*manage, "shell", "-c", VERIFY.format(path=str(seen))],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        checks = json.loads(verify.stdout.strip().splitlines()[-1])
        self.report(tally, checks, minutes)
        lost = checks["decisions_lost"] + checks["uploads_missing"] + checks["uploads_duplicated"]
        if tally.errors or lost or checks["quotes_in_wrong_state"]:
            raise CommandError("soak failed: errors or lost writes (see above)")

    def report(self, tally: Tally, checks: dict, minutes: float) -> None:
        out = self.stdout.write
        out(
            f"{'operation':<10} {'count':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
        )
        for kind, values in sorted(tally.latencies.items()):
            values = sorted(values)
            q = statistics.quantiles(values, n=100) if len(values) > 1 else values * 99
            out(
                f"{kind:<10} {len(values):>7} {len(values) / (minutes * 60):>7.1f} "
                f"{q[49] * 1000:>8.1f} {q[94] * 1000:>8.1f} {q[98] * 1000:>8.1f}"
            )
        out(f"errors: {len(tally.errors)}")
        for message, count in Counter(tally.errors).most_common(10):
            out(f"  {count} × {message}")
        out(f"review conflicts shown to the second reviewer (not errors): {tally.conflicts}")
        for key, value in checks.items():
            out(f"{key}: {value}")
