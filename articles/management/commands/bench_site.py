"""``manage.py bench_site``: load N dispatches through the real import path into a throwaway
database, serve the site in production mode with gunicorn on 127.0.0.1, and measure it with real
HTTP requests from 8 concurrent clients. A benchmark, not a test: it prints a table.

It runs twice on one database: at ``--small`` dispatches (default 10,000), then grows the same
database to ``--dispatches`` (default 100,000), so the table shows what grows. Each size reports
p50/p95/p99 latency and throughput per page, queries per page (counted in-process with
CaptureQueriesContext on the same database), import and attribution rates, database size, the
machine's load, and a bare-Django yardstick page doing the same query in the same run. Public
pages are measured twice: as served (from the page cache, newsroom/pagecache.py, warmed first)
and with the page cache off (every request rendered: a page the cache does not hold yet).

Dispatches are built from ../shared/corpora/orangesum-fr (French articles, research use only:
read at run time, never copied into the repository or the database of anyone but the bench),
with variations (sentence order, headline suffix, dates) past its 36k articles. One dispatch in
``--attribute-every`` goes through attribution (spaCy, ~10–20 dispatches/s on this machine:
attributing all 100k would take hours); the rest are imported with ``attribute=False``.

The database is never the developer's: a temporary SQLite file, or PostgreSQL ``newsroom_bench``
(created and dropped here) on the server of DATABASE_URL, or ``--postgres-url``.

Internally the command runs itself in child processes (``--phase``) with DATABASE_URL pointing at
the bench database, so that the developer's settings are never touched.
"""

import argparse
import gzip
import http.client
import itertools
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from html import escape
from operator import itemgetter
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.benchmarks import gunicorn, throwaway_database

CORPUS = Path(settings.BASE_DIR).parent / "shared/corpora/orangesum-fr/orangesum_articles.jsonl.gz"
CLIENTS = 8
DURATION = 8.0  # seconds of load per page
MAX_REQUESTS = 5000  # per page, whatever the duration
REVIEWER = "bench-reviewer"
SEARCHES = [
    "gouvernement",
    "Macron",
    "coronavirus",
    "grève",
    '"réforme des retraites"',
    "police",
    "Trump",
    "incendie",
    "vaccin",
    "municipales Paris",
]
VARIANTS = ["", "suite", "précisions", "nouvel éclairage", "compléments", "synthèse"]
_GLUED = re.compile(r"([a-zà-ÿ0-9»\"')])\.([A-ZÀ-Ý«\"])")
_SENTENCE = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«\"])")


# Pages measured logged in as staff (no page cache for them).
STAFF_PAGES = ("review queue", "sources dashboard")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the corpus, with variations -----------------------------------------------------------------


def read_corpus(path: Path) -> list[dict]:
    if not path.is_file():
        raise CommandError(f"corpus not found: {path} (the ../shared folder)")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [row for row in map(json.loads, lines) if row.get("text") and row.get("title")]


def dispatch_for(corpus: list[dict], n: int):
    """Dispatch number `n`: article n mod len(corpus); each pass over the corpus reorders the
    sentences, suffixes the headline and moves the dates, so copies are distinct dispatches."""
    from articles.ingest import DispatchData

    row = corpus[n % len(corpus)]
    copy = n // len(corpus)
    sentences = _SENTENCE.split(_GLUED.sub(r"\1. \2", row["text"].strip()))
    if copy and len(sentences) > 2:
        cut = copy % (len(sentences) - 1) + 1
        sentences = sentences[cut:] + sentences[:cut]
    body = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
    variant = VARIANTS[copy % len(VARIANTS)] if copy else ""
    headline = row["title"][:250] + (f" ({variant}, {copy})" if copy else "")
    date = datetime.fromisoformat(row["date"]).replace(tzinfo=UTC) + timedelta(days=copy * 3)
    section = (row.get("section") or "depeches").split("/")[-1].replace("-", " ").capitalize()
    return DispatchData(
        guid=f"urn:newsroom:bench:{row['id']}:{copy}",
        version="1",
        headline=headline,
        body=body,
        summary=row.get("heading") or None,
        language="fr",
        section=section,
        tags=[(row.get("section") or "depeches").split("/")[0]],
        first_created=date,
        version_created=date,
        source="Bench",
    )


# --- the throwaway database --------------------------------------------------------------------


# --- child phases (run with DATABASE_URL = the bench database) ----------------------------------


def phase_load(
    start: int, end: int, attribute_every: int, password: str, import_limit: int | None
) -> dict:
    """Import dispatches [start, end) through the import path (those past `import_limit` are
    cloned in bulk instead, see `clone_dispatches`); return the rates."""
    from django.contrib.auth.models import Group, User

    from articles import summaries
    from articles.services import (
        IMPORT_BATCH_SIZE,
        ImportResult,
        import_dispatch,
        import_dispatches,
    )
    from articles.services.quotations import group_all_quotes

    corpus = read_corpus(CORPUS)
    reviewer = User.objects.filter(username=REVIEWER).first()
    if reviewer is None:
        reviewer = User.objects.create_user(REVIEWER, password=password, is_staff=True)
        # Reviewer, and editor for the sourcing dashboard: one staff login measures both.
        reviewer.groups.add(*Group.objects.filter(name__in=["Reviewers", "Editors"]))
    plain_time = attributed_time = 0.0
    plain = attributed = 0
    began = time.perf_counter()
    imported_end = end if import_limit is None else max(start, min(end, import_limit))
    # As `import_dispatches --no-attribution` imports them: batches, one transaction each. The
    # dispatches to attribute go one by one, as the command does without --no-attribution.
    for numbers in itertools.batched(range(start, imported_end), IMPORT_BATCH_SIZE):
        to_attribute = [n for n in numbers if attribute_every > 0 and n % attribute_every == 0]
        dispatches = [(dispatch_for(corpus, n), "") for n in numbers if n not in to_attribute]
        t0 = time.perf_counter()
        outcomes = import_dispatches(dispatches=dispatches, status="published", attribute=False)
        plain, plain_time = plain + len(dispatches), plain_time + time.perf_counter() - t0
        failed = [o for o in outcomes if not isinstance(o, ImportResult)]
        if failed:
            raise CommandError(f"{len(failed)} dispatches failed to import: {failed[0]}")
        for n in to_attribute:
            data = dispatch_for(corpus, n)
            t0 = time.perf_counter()
            import_dispatch(data=data, status="published", attribute=True)
            attributed, attributed_time = attributed + 1, attributed_time + time.perf_counter() - t0
        if (numbers[-1] + 1) // 5000 > numbers[0] // 5000:
            log(f"  {numbers[-1] + 1:,} dispatches loaded ({time.perf_counter() - began:.0f} s)")
    t0 = time.perf_counter()
    confirmed = confirm_every_other(reviewer)
    confirm_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    cloned = clone_dispatches(imported_end, end, import_limit or end)
    clone_seconds = time.perf_counter() - t0
    # Copies quote their originals' words: each becomes an occurrence of the same quotation
    # (one quotation with many repeats, the case the speaker pages must not pay for per row).
    t0 = time.perf_counter()
    grouped = group_all_quotes()
    group_seconds = time.perf_counter() - t0
    # The speaker pages' summaries, as the worker (refresh_speaker_summaries) keeps them.
    t0 = time.perf_counter()
    summarised = summaries.refresh()
    return {
        "cloned": cloned,
        "clone_seconds": clone_seconds,
        "grouped": grouped,
        "group_seconds": group_seconds,
        "summaries": summarised,
        "summary_seconds": time.perf_counter() - t0,
        "plain": plain,
        "plain_rate": plain / plain_time if plain_time else None,
        "attributed": attributed,
        "attributed_rate": attributed / attributed_time if attributed_time else None,
        "confirmed": confirmed,
        "confirm_seconds": confirm_seconds,
        "seconds": time.perf_counter() - began,
    }


def confirm_every_other(reviewer) -> int:
    """Reviewers confirm every other named suggestion (the real review service), so speaker
    pages have public quotations and the review queue keeps pending ones."""
    from django.core.exceptions import ValidationError

    from articles.models import Quote
    from articles.services.review import ReviewConflict, confirm_quote

    confirmed = 0
    pending = Quote.objects.filter(
        status=Quote.Status.SUGGESTED,
        speaker__isnull=False,
        article__guid__startswith="urn:newsroom:bench:",
    )
    for quote in pending.order_by("id").iterator():
        if quote.pk % 2 == 0:
            try:
                confirm_quote(quote=quote, reviewer=reviewer, expected_version=quote.version)
            except (ReviewConflict, ValidationError):
                continue
            confirmed += 1
    return confirmed


def clone_dispatches(start: int, end: int, import_limit: int) -> int:
    """Dispatches [start, end) as bulk copies of imported ones (body, section, tags and
    quotations), for sizes the import path cannot reach within the time at hand: each is a new
    row with its own guid, slug and headline; the database's search triggers index it."""
    from django.utils import timezone

    from articles.models import Article, Quote

    if start >= end:
        return 0
    sources = list(Article.objects.order_by("id").values_list("id", flat=True)[:import_limit])
    copied = ("body", "summary", "language", "section_id", "dateline", "byline", "source")
    copied += ("urgency", "status", "first_created", "version_created", "version")
    quote_fields = ("text", "start", "end", "kind", "speaker_id", "speaker_type", "mention")
    quote_fields += ("cue", "confidence", "status", "origin")
    Tagging = Article.tags.through
    for first in range(start, end, 1000):
        numbers = range(first, min(end, first + 1000))
        originals = Article.objects.in_bulk([sources[n % len(sources)] for n in numbers])
        clones = []
        for n in numbers:
            original = originals[sources[n % len(sources)]]
            clone = Article(
                guid=f"urn:newsroom:bench-clone:{n}",
                slug=f"{original.slug[:100]}-c{n}",
                headline=f"{original.headline[:280]} (copie {n})",
                published_at=timezone.now(),
                **{name: getattr(original, name) for name in copied},
            )
            clone._original = original.pk
            clones.append(clone)
        Article.objects.bulk_create(clones)
        by_original: dict[int, list[Article]] = {}
        for clone in clones:
            by_original.setdefault(clone._original, []).append(clone)
        quotes = Quote.objects.filter(article_id__in=by_original).exclude(status="rejected")
        Quote.objects.bulk_create(
            Quote(article_id=clone.pk, **{f: getattr(q, f) for f in quote_fields})
            for q in quotes
            for clone in by_original[q.article_id]
        )
        taggings = Tagging.objects.filter(article_id__in=by_original)
        Tagging.objects.bulk_create(
            Tagging(article_id=clone.pk, tag_id=t.tag_id)
            for t in taggings
            for clone in by_original[t.article_id]
        )
        if (first - start) % 10_000 == 0:
            log(f"  {first + len(numbers):,} dispatches (bulk copies past {import_limit:,})")
    return end - start


def phase_inspect() -> dict:
    """Sample URLs, queries per page (in-process, same database) and the database size."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from articles.models import Article, Person, Quote

    # Fresh planner statistics, as after any bulk load: without them SQLite sorts every published
    # dispatch for the home page instead of walking the date index (README, "Performance").
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Article.objects.count()
    urls = sample_urls(total)
    client = Client(HTTP_HOST="127.0.0.1")
    reviewer_client = Client(HTTP_HOST="127.0.0.1")
    reviewer_client.force_login(User.objects.get(username=REVIEWER))
    long_tail = long_tail_urls()
    queries, cached = count_queries(urls, client, reviewer_client)
    size = database_bytes()
    profile = profile_pages(urls, client, reviewer_client)
    return {
        "urls": urls,
        "long_tail": long_tail,
        "profile": profile,
        "queries": queries,
        "cached_queries": cached,
        "db_bytes": size,
        "articles": total,
        "quotes": Quote.objects.count(),
        "public_quotes": Quote.objects.public().count(),
        "people": Person.objects.count(),
    }


def sample_urls(total: int) -> dict[str, list[str]]:
    """The URLs measured for each kind of page, among the `total` dispatches."""
    from django.db.models import Count

    from articles.models import Article, Person, Quotation, Quote, Section

    published = Article.objects.published()
    # Dispatches spread over the archive, half of them with quotations.
    step = max(total // 40, 1)
    ids = list(published.order_by("id").values_list("id", flat=True)[::step])[:40]
    quoted = list(
        Quote.objects.public().order_by("-id").values_list("article_id", flat=True).distinct()[:20]
    )
    slugs = list(Article.objects.filter(pk__in=ids + quoted).values_list("slug", flat=True))
    speakers = list(
        Person.objects.public()
        .filter(quotes__status__in=["confirmed", "corrected"])
        .order_by("id")
        .values_list("slug", flat=True)
        .distinct()[:30]
    )
    sections = list(Section.objects.values_list("slug", flat=True)[:8])
    # The most repeated quotations (a copy repeats its original's): the quotation page's worst case.
    repeated = list(
        Quotation.objects.filter(pk__in=Quote.objects.public().values("quotation_id")[:2000])
        .annotate(n=Count("occurrences"))
        .order_by("-n")
        .values_list("pk", flat=True)[:20]
    )
    return {
        "home": ["/"],
        "filtered list": [f"/?section={s}" for s in sections] or ["/"],
        "search": ["/?" + urlencode({"q": q}) for q in SEARCHES],
        "dispatch": [f"/dispatches/{s}/" for s in slugs],
        "speaker": [f"/people/{s}/" for s in speakers],
        "review queue": ["/review/"],
        "feed": ["/feeds/latest.rss"],
        "quote search": ["/quotes/?" + urlencode({"q": q}) for q in SEARCHES[:5]],
        "quotation": [f"/quotes/{pk}/" for pk in repeated],
        "sources dashboard": ["/desk/sources/"]
        + [f"/desk/sources/?section={s}" for s in sections[:3]],
    }


def count_queries(urls: dict, client, reviewer_client) -> tuple[dict, dict]:
    """Queries of each page's first URL: rendered (page cache off) and served from the page
    cache; None for a page that does not answer 200."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    queries, cached = {}, {}
    for name, paths in urls.items():
        if not paths:
            continue
        use = reviewer_client if name in STAFF_PAGES else client
        use.get(paths[0])  # warm caches (ContentType, sessions, the page cache) before counting
        with CaptureQueriesContext(connection) as captured:
            response = use.get(paths[0])
        cached[name] = len(captured) if response.status_code == 200 else None
        with override_settings(PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as captured:
            response = use.get(paths[0])
        queries[name] = len(captured) if response.status_code == 200 else None
    return queries, cached


def database_bytes() -> int:
    """The bench database's size on disk (an SQLite file with its write-ahead log)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    name = connection.settings_dict["NAME"]
    return sum(os.path.getsize(p) for p in (name, f"{name}-wal") if os.path.exists(p))


LONG_TAIL = 400  # distinct URLs per kind of page, each asked once


def long_tail_urls() -> dict:
    """What most of a news site's traffic is: an old dispatch, a speaker nobody opened today, a
    search nobody typed before. Distinct URLs spread over the archive, each asked once."""
    from articles.models import Article, Person

    published = Article.objects.published()
    total = published.count()
    step = max(total // LONG_TAIL, 1)
    ids = list(published.order_by("id").values_list("id", flat=True)[::step][:LONG_TAIL])
    slugs = list(Article.objects.filter(pk__in=ids).values_list("slug", flat=True))
    speakers = list(Person.objects.public().order_by("id").values_list("slug", flat=True))
    # One word of six letters or more from each headline, a word no earlier headline gave, until
    # there are LONG_TAIL: the sampled dispatches' own headlines repeat (the archive is made of
    # copies of the dispatches imported), which gave 39 words, too few for a 95th percentile.
    words: list[str] = []
    headlines = published.order_by("id").values_list("headline", flat=True)
    for headline in headlines.iterator(chunk_size=1000):
        for word in re.findall(r"[A-Za-zÀ-ÿ]{6,}", headline):
            if word.lower() not in words:
                words.append(word.lower())
                break
        if len(words) >= LONG_TAIL:
            break
    return {
        "dispatch": [f"/dispatches/{s}/" for s in slugs],
        "speaker": [f"/people/{s}/" for s in speakers[:LONG_TAIL]],
        "search": ["/?" + urlencode({"q": w}) for w in words[:LONG_TAIL]],
    }


PROFILE_ROUNDS = 3  # timed requests per sample URL in-process, after one to warm up


def profile_pages(
    urls: dict, client, reviewer_client, *, per_page: int = 12, rounds: int = PROFILE_ROUNDS
) -> dict:
    """In-process, page cache off: what rendering each page costs (Django's test client, no
    HTTP), the time of its SQL and its slowest statement. Each sample URL is asked once to warm
    up, then `rounds` times, and its fastest request is kept: a served site keeps its
    connections, compiled queries and PostgreSQL's prepared statements, whereas one timing
    per URL in a fresh process measured first uses and the machine's noise as much as the page
    (docs/performance.md, pages20h). Reported: medians over the URLs of the cost, of the time
    inside `execute` (round trips included) and of the slowest statement, and the worst
    statement seen with its table."""
    from django.test.utils import override_settings

    found = {}
    for name, paths in urls.items():
        use = reviewer_client if name == "review queue" else client
        costs, sql, slowest = [], [], []
        with override_settings(PAGE_CACHE_SECONDS=0):
            for path in paths[:per_page]:
                use.get(path)  # warm: templates, compiled queries, the database's pages
                cost, timings = min(
                    (_timed_get(use, path) for _ in range(rounds)), key=itemgetter(0)
                )
                costs.append(cost)
                sql.append(sum(t for t, _ in timings))
                if timings:
                    slowest.append(max(timings, key=itemgetter(0)))
        if not costs:
            continue
        worst = max(slowest, key=itemgetter(0)) if slowest else (0.0, "")
        table = re.search(r'FROM\s+"?(\w+)', worst[1])
        found[name] = {
            "cost_ms": statistics.median(costs),
            "sql_ms": statistics.median(sql),
            "slowest_query_ms": statistics.median(t for t, _ in slowest) if slowest else 0.0,
            "worst_query_ms": worst[0],
            "worst_table": table.group(1) if table else "",
        }
    return found


def _timed_get(client, path: str) -> tuple[float, list[tuple[float, str]]]:
    """One request's time (ms) and each of its statements' (time inside `execute`, SQL)."""
    from django.db import connection

    timings: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - t0) * 1000, sql))

    t0 = time.perf_counter()
    with connection.execute_wrapper(timed):
        client.get(path)
    return (time.perf_counter() - t0) * 1000, timings


# --- the bare-Django yardstick (served by its own gunicorn) ---------------------------------------

_ready = False


def yardstick_app(environ, start_response):
    """Bare Django: the ORM and an f-string, no middleware, no templates. `/list` runs the home
    page's query (21 newest published dispatches with their sections); `/article/<slug>` the
    dispatch page's (the dispatch, its section and public quotations with speakers)."""
    global _ready
    import django

    if not _ready:
        django.setup(set_prefix=False)
        _ready = True
    from django.db import close_old_connections

    from articles.models import Article, Quote

    close_old_connections()
    path = environ.get("PATH_INFO", "")
    try:
        if path == "/list":
            rows = (
                Article.objects.published()
                .select_related("section")
                .order_by("-published_at", "-id")[:21]
            )
            items = "".join(
                f'<li><a href="/dispatches/{a.slug}/">{escape(a.headline)}</a> '
                f"{escape(a.section.name if a.section else '')} {a.published_at:%Y-%m-%d %H:%M}"
                f"<p>{escape(a.summary)}</p></li>"
                for a in rows[:20]
            )
            body = f"<!doctype html><title>List</title><ul>{items}</ul>"
        elif path.startswith("/article/"):
            article = (
                Article.objects.published()
                .select_related("section")
                .get(slug=path.removeprefix("/article/"))
            )
            quotes = Quote.objects.public().filter(article=article).select_related("speaker")
            items = "".join(
                f"<li>{escape(q.text)} — {escape(q.speaker.name if q.speaker else '')}</li>"
                for q in quotes
            )
            paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
            body = f"<!doctype html><h1>{escape(article.headline)}</h1>{paragraphs}<ul>{items}</ul>"
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
    finally:
        close_old_connections()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body.encode()]


# --- HTTP load --------------------------------------------------------------------------------


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        return response.status, response.read(), response
    finally:
        conn.close()


def timed_get(port: int, path: str, cookie: str = "") -> tuple[float, int | str]:
    """Milliseconds a GET of `path` took, and its status (the error, when it failed)."""
    t0 = time.perf_counter()
    try:
        status, _, _ = get(port, path, cookie)
    except OSError as error:
        status = str(error)
    return (time.perf_counter() - t0) * 1000, status


def load(port: int, paths: list[str], *, cookie: str = "", warm: list[str] | None = None) -> dict:
    """GET `paths` in turn from CLIENTS threads for DURATION seconds (at most MAX_REQUESTS),
    after unmeasured requests to `warm` (default: the first ten paths)."""
    for path in paths[:10] if warm is None else warm:
        get(port, path, cookie)
    latencies: list[float] = []
    errors: list[str] = []
    counter = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + DURATION

    def client() -> None:
        while time.monotonic() < deadline:
            n = next(counter)
            if n >= MAX_REQUESTS:
                return
            path = paths[n % len(paths)]
            elapsed, status = timed_get(port, path, cookie)
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{status} {path}")

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "rps": len(latencies) / wall,
        "errors": len(errors),
        "error_sample": errors[:3],
    }


def load_once(port: int, paths: list[str]) -> dict:
    """Each of `paths` asked once, by CLIENTS threads sharing the list: the long tail."""
    latencies: list[float] = []
    errors: list[str] = []
    queue = iter(paths)
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                path = next(queue, None)
            if path is None:
                return
            elapsed, status = timed_get(port, path)
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{status} {path}")

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "p50": cuts[49],
        "p95": cuts[94],
        "errors": len(errors),
        "error_sample": errors[:3],
    }


def login(port: int, password: str) -> str:
    """Log the reviewer in through the real login form; return the Cookie header."""
    status, body, response = get(port, "/login/")
    cookies = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name] = rest.split(";", 1)[0]
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"username": REVIEWER, "password": password, "csrfmiddlewaretoken": token})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        },
    )
    response = conn.getresponse()
    response.read()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name] = rest.split(";", 1)[0]
    conn.close()
    if response.status != 302:
        raise CommandError(f"reviewer login failed: HTTP {response.status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


# --- the command ------------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Benchmark the site: load dispatches through the real import path into a throwaway "
        "database, serve it with gunicorn (production mode) and measure pages over HTTP."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dispatches", type=int, default=100_000, help="final size")
        parser.add_argument(
            "--small", type=int, default=10_000, help="first size measured (0: only the final)"
        )
        parser.add_argument(
            "--database",
            choices=("sqlite", "postgresql"),
            help="engine of the bench database (default: the engine of DATABASE_URL)",
        )
        parser.add_argument(
            "--postgres-url",
            help="server for the bench database (default: DATABASE_URL's server, or "
            "postgres://postgres@127.0.0.1:5432); its database --name is dropped and created",
        )
        parser.add_argument(
            "--name",
            default="newsroom_bench",
            help="name of the bench database (PostgreSQL database, or SQLite file kept in the "
            "temporary folder): engineers sharing a server each use their own",
        )
        parser.add_argument(
            "--attribute-every",
            type=int,
            default=100,
            help="attribute one dispatch in this many (0: none); the others skip attribution",
        )
        parser.add_argument(
            "--import-limit",
            type=int,
            help="import only this many dispatches through the import path and reach the "
            "sizes with bulk copies of them (default: import every dispatch)",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument(
            "--seconds", type=float, default=DURATION, help="seconds of load per page"
        )
        parser.add_argument("--json", help="also write the results to this JSON file")
        parser.add_argument("--keep", action="store_true", help="keep the bench database")
        # Internal: the child processes.
        parser.add_argument("--phase", choices=("load", "inspect"), help=argparse.SUPPRESS)
        parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)

    def handle(self, *args, **options) -> None:
        if options["phase"] == "load":
            result = phase_load(
                options["start"],
                options["dispatches"],
                options["attribute_every"],
                os.environ["BENCH_PASSWORD"],
                options["import_limit"],
            )
            self.stdout.write(json.dumps(result))
            return
        if options["phase"] == "inspect":
            self.stdout.write(json.dumps(phase_inspect()))
            return
        self.run(options)

    # The orchestrator: never touches the developer's database.

    def run(self, options) -> None:
        engine = options["database"] or (
            "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
        )
        sizes = [s for s in (options["small"], options["dispatches"]) if s > 0]
        sizes = sorted(set(sizes))
        workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
        database_url, drop = throwaway_database(
            engine,
            name=options["name"],
            postgres_url=options["postgres_url"],
            workdir=workdir,
            keep=options["keep"],
        )
        password = secrets.token_urlsafe(16)
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_TASKS_BACKEND": "immediate",
            "DJANGO_AXES_FAILURE_LIMIT": "1000",
            "BENCH_PASSWORD": password,
        }
        self.env.pop("DATABASE_REPLICA_URLS", None)
        global DURATION
        DURATION = options["seconds"]
        results = {
            "engine": engine,
            "sizes": {},
            "attribute_every": options["attribute_every"],
            "started": datetime.now(UTC).isoformat(),
        }
        try:
            log(f"bench database: {database_url}")
            self.child(["migrate", "--no-input", "-v0"])
            self.child(["collectstatic", "--no-input", "-v0"])
            loaded = 0
            for size in sizes:
                log(f"loading dispatches {loaded:,} → {size:,} …")
                stats = json.loads(
                    self.child(
                        [
                            "bench_site",
                            "--phase=load",
                            f"--start={loaded}",
                            f"--dispatches={size}",
                            f"--attribute-every={options['attribute_every']}",
                            *(
                                [f"--import-limit={options['import_limit']}"]
                                if options["import_limit"]
                                else []
                            ),
                        ]
                    ).splitlines()[-1]
                )
                loaded = size
                log(f"  {stats}")
                info = json.loads(self.child(["bench_site", "--phase=inspect"]).splitlines()[-1])
                pages = self.measure(
                    info["urls"], info["long_tail"], workdir, options["workers"], password
                )
                results["sizes"][size] = {"load": stats, **info, **pages}
        finally:
            if not options["keep"]:
                drop()
            shutil.rmtree(workdir, ignore_errors=True)
        results["finished"] = datetime.now(UTC).isoformat()
        self.stdout.write(self.table(results))
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(results, indent=2, default=str))

    def child(self, args: list[str]) -> str:
        command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args]
        done = subprocess.run(command, env=self.env, capture_output=True, text=True)  # noqa: S603
        if done.returncode:
            raise CommandError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
        if done.stderr.strip():
            log(done.stderr.rstrip())
        return done.stdout

    def serving(self, app: str, workers: int, logfile: Path, env: dict | None = None, **kwargs):
        return gunicorn(app, env=self.env | (env or {}), workers=workers, logfile=logfile, **kwargs)

    def measure(
        self, urls: dict, long_tail: dict, workdir: Path, workers: int, password: str
    ) -> dict:
        pages, yard, tail = {}, {}, {}
        loads = [os.getloadavg()]
        with self.serving("newsroom.wsgi", workers, workdir / "gunicorn.log") as port:
            # First, while the page cache is cold: every URL asked once, as served.
            log("  measuring the long tail …")
            for name, paths in long_tail.items():
                if paths:
                    tail[name] = load_once(port, paths)
                    # The yardstick at the same concurrency, as many requests.
                    tail[f"{name}: /healthz"] = load_once(port, ["/healthz"] * len(paths))
            cookie = login(port, password)
            for name, paths in urls.items():
                if not paths:
                    continue
                log(f"  measuring {name} …")
                # Public pages come from the page cache once stored; each worker keeps its own.
                if name in STAFF_PAGES:
                    pages[name] = load(port, paths, cookie=cookie)
                else:
                    pages[name] = load(port, paths, warm=paths * workers * 3)
                loads.append(os.getloadavg())
        # The same public pages rendered on every request: what a page the cache does not
        # hold yet costs (a rare search, an old dispatch).
        uncached = {"DJANGO_PAGE_CACHE_SECONDS": "0"}
        with self.serving("newsroom.wsgi", workers, workdir / "uncached.log", uncached) as port:
            for name, paths in urls.items():
                if not paths or name in STAFF_PAGES:
                    continue
                log(f"  measuring {name}, page cache off …")
                pages[f"{name} (uncached)"] = load(port, paths)
                loads.append(os.getloadavg())
        yardstick = "articles.management.commands.bench_site:yardstick_app"
        with self.serving(yardstick, workers, workdir / "yardstick.log", probe="/list") as port:
            log("  measuring the bare-Django yardstick …")
            yard["list"] = load(port, ["/list"])
            slugs = [p.removeprefix("/dispatches/").rstrip("/") for p in urls["dispatch"]]
            yard["dispatch"] = load(port, [f"/article/{s}" for s in slugs])
            loads.append(os.getloadavg())
        return {"pages": pages, "yardstick": yard, "long_tail_results": tail, "loadavg": loads}

    # --- the report ---------------------------------------------------------------------------

    # Targets of issue 20: the long tail against /healthz at the same concurrency; in-process
    # cost with the page cache off at 100k; the slowest query per page (≤ 2 ms at 100k).
    LONG_TAIL_TARGETS = {"dispatch": 4.0, "speaker": 4.0, "search": 6.0}
    COST_TARGETS = {"dispatch": 5.0, "speaker": 8.0, "home": 6.0}
    QUERY_TARGET_MS = 2.0

    def long_tail_table(self, results: dict, sizes: list) -> list[str]:
        out = [
            "Long tail, served (page cache on, each URL asked once, "
            f"{CLIENTS} clients): p95 against /healthz at the same concurrency",
            "",
            "| size | page | URLs | p50 / p95 ms | /healthz p95 ms | ratio | target | err |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for s in sizes:
            tail = results["sizes"][s].get("long_tail_results", {})
            for name, target in self.LONG_TAIL_TARGETS.items():
                m, h = tail.get(name), tail.get(f"{name}: /healthz")
                if not m or not h:
                    continue
                ratio = m["p95"] / h["p95"]
                out.append(
                    f"| {s:,} | {name} | {m['requests']} | {m['p50']:.1f} / {m['p95']:.1f} | "
                    f"{h['p95']:.1f} | {ratio:.1f}× | ≤ {target:.0f}× "
                    f"{'met' if ratio <= target else 'missed'} | {m['errors']} |"
                )
        return [*out, ""]

    def profile_table(self, results: dict, sizes: list) -> list[str]:
        out = [
            "In-process, page cache off (test client, no HTTP): each sample URL's fastest of "
            f"{PROFILE_ROUNDS} requests after a warm-up; medians over the URLs of its cost, of its "
            "time in SQL and of its slowest SQL statement (worst seen, with its table)",
            "",
            "| size | page | cost ms | target | of which SQL ms "
            "| slowest query ms (median / worst) | table |",
            "|---|---|---|---|---|---|---|",
        ]
        for s in sizes:
            for name, m in results["sizes"][s].get("profile", {}).items():
                target = self.COST_TARGETS.get(name)
                verdict = (
                    f"≤ {target:.0f} {'met' if m['cost_ms'] <= target else 'missed'}"
                    if target
                    else "–"
                )
                query = m["slowest_query_ms"]
                q_verdict = "met" if query <= self.QUERY_TARGET_MS else "missed"
                if name == "review queue":
                    q_verdict = "staff"
                out.append(
                    f"| {s:,} | {name} | {m['cost_ms']:.1f} | {verdict} | "
                    f"{m.get('sql_ms', 0.0):.1f} | {query:.2f} / "
                    f"{m['worst_query_ms']:.2f} ({q_verdict}) | {m['worst_table']} |"
                )
        return [*out, ""]

    def table(self, results: dict) -> str:
        sizes = list(results["sizes"])
        out = [
            f"\nNewsroom bench_site — {results['engine']} — {CLIENTS} concurrent clients, "
            f"{DURATION:.0f} s per page, gunicorn sync workers, DEBUG off — "
            f"{results['started'][:16]}Z, {os.cpu_count()} CPUs\n"
        ]
        head = "| page |" + "".join(
            f" {s:,}: p50 / p95 / p99 ms | req/s | err | queries |" for s in sizes
        )
        out += [head, "|---|" + "---|---|---|---|" * len(sizes)]
        names = list(results["sizes"][sizes[0]]["pages"])
        for name in names:
            row = f"| {name} |"
            for s in sizes:
                m = results["sizes"][s]["pages"].get(name)
                uncached = name.endswith(" (uncached)")
                counts = results["sizes"][s]["queries" if uncached else "cached_queries"]
                q = counts.get(name.removesuffix(" (uncached)"))
                row += (
                    f" {m['p50']:.1f} / {m['p95']:.1f} / {m['p99']:.1f} | {m['rps']:.0f} | "
                    f"{m['errors']} | {q if q is not None else '–'} |"
                    if m
                    else " – | – | – | – |"
                )
            out.append(row)
        for name in ("list", "dispatch"):
            row = f"| yardstick: bare Django {name} |"
            for s in sizes:
                m = results["sizes"][s]["yardstick"][name]
                row += f" {m['p50']:.1f} / {m['p95']:.1f} / {m['p99']:.1f} | {m['rps']:.0f} | "
                row += f"{m['errors']} | – |"
            out.append(row)
        out.append("")
        out += self.long_tail_table(results, sizes)
        out += self.profile_table(results, sizes)
        for s in sizes:
            r = results["sizes"][s]
            ld, pages, yard = r["load"], r["pages"], r["yardstick"]
            home_ratio = pages["home"]["rps"] / yard["list"]["rps"]
            dispatch_ratio = pages["dispatch"]["rps"] / yard["dispatch"]["rps"]
            home_cold = pages["home (uncached)"]["rps"] / yard["list"]["rps"]
            dispatch_cold = pages["dispatch (uncached)"]["rps"] / yard["dispatch"]["rps"]
            load_avgs = ", ".join(f"{a[0]:.1f}" for a in r["loadavg"])
            plain_rate = f"{ld['plain_rate']:.0f}" if ld["plain_rate"] else "–"
            attributed_rate = f"{ld['attributed_rate']:.1f}" if ld["attributed_rate"] else "–"
            out += [
                f"At {s:,} dispatches ({r['articles']:,} in the database, {r['quotes']:,} "
                f"quotations of which {r['public_quotes']:,} public, {r['people']:,} people):",
                f"- loaded this step: {ld['plain'] + ld['attributed']:,} dispatches through "
                f"the import path, {ld['cloned']:,} as bulk copies of them "
                f"({ld['clone_seconds']:.0f} s)",
                f"- import without attribution: {plain_rate} dispatches/s "
                f"({ld['plain']:,} dispatches this step)",
                f"- import with attribution: {attributed_rate} dispatches/s "
                f"({ld['attributed']:,} dispatches this step: one in every "
                f"{results['attribute_every']:,} is attributed, the rest are not; "
                f"{ld['confirmed']:,} suggestions confirmed through the review service)",
                f"- database size: {r['db_bytes'] / 1e6:.0f} MB",
                f"- site / bare Django throughput: home {home_ratio:.2f}, dispatch "
                f"{dispatch_ratio:.2f} (page cache off: home {home_cold:.2f}, dispatch "
                f"{dispatch_cold:.2f})",
                f"- load average (1 min) during the run: {load_avgs}",
                "",
            ]
        return "\n".join(out)
