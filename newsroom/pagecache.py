"""A cache of the public pages readers see, fresh after every change.

Most of a public page's time is spent rendering its template, and readers ask for the same pages
again and again (the home page, a section, a feed, the dispatch everyone reads). Anonymous GETs of
the public site (`articles` URLs) are kept in the ``pages`` cache — Django's cache framework,
local memory by default or Redis (``DJANGO_CACHE_URL``), shared by every worker and app server —
under a key made of the *generation* — one number in the database, bumped after every committed
change a reader could see — and of everything the page depends on: scheme and host (canonical
links and feeds name them), path and query, language, and the HTMX headers that pick a fragment.
So:

- a change is visible on the next request: every statement that writes rows of a table public
  pages show (`PUBLIC_TABLES`: saves, deletes, queryset updates, bulk inserts, whoever sends
  them) bumps the generation when its transaction commits, once per transaction; a rolled-back
  transaction and a request refused before writing (CSRF, permission, invalid form) bump
  nothing — anonymous visitors cannot empty the cache for free;
- time makes dispatches visible too (schedules, embargoes): a cached page is never kept past the
  next publication or embargo moment, nor past ``PAGE_CACHE_SECONDS``, the safety net;
- staff, a visitor with a session or a pending message, and every other URL are never cached;
  a forged ``Host`` (any port on an allowed host) gets its own entry, never another reader's;
- a cached page holds a placeholder where the CSRF token goes (the language switch is a POST
  form): each visitor gets their own token, and their cookie, as on an uncached page.

``PAGE_CACHE_SECONDS = 0`` turns the cache off (the default with ``DEBUG``, and in the tests that
count queries per page).
"""

import hashlib
import re
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connections, router, transaction
from django.db.backends.signals import connection_created
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from articles.prepared import prepared

CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"
HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


# --- the generation ------------------------------------------------------------------------------


def current_generation() -> int:
    """The generation, read on every request (cached or not): its query compiled once
    (`articles.prepared`), a third of what building it cost on PostgreSQL, a quarter on SQLite."""
    found = _generation(row=1)
    return found[0] if found else 0


@prepared
def _generation(*, row: int):
    from articles.models import SiteGeneration

    return SiteGeneration.objects.filter(pk=row).values_list("value", flat=True)


def bump_generation(using: str | None = None) -> None:
    """Pages cached so far are out of date. Inside a transaction it waits for the commit, once;
    writes to `PUBLIC_TABLES` call it by themselves (`watch_writes`)."""
    from articles.models import SiteGeneration

    using = using or router.db_for_write(SiteGeneration)
    connection = connections[using]
    if connection.in_atomic_block:
        pending = (getattr(func, "func", None) is _bump for _, func, _ in connection.run_on_commit)
        if not any(pending):
            transaction.on_commit(partial(_bump, using), using=using)
        return
    _bump(using)


def _bump(using: str) -> None:
    from articles.models import SiteGeneration

    bumped = SiteGeneration.objects.using(using).filter(pk=1).update(value=F("value") + 1)
    if bumped:
        return
    # The row is gone (a flushed database): start again past the "absent" generation, 0. No
    # transaction of its own: this may run while the write that caused it (an INSERT …
    # RETURNING on SQLite) still has rows to hand back, and a COMMIT would fail then.
    try:
        SiteGeneration(pk=1, value=1).save(using=using, force_insert=True)
    except IntegrityError:  # another process created it meanwhile
        SiteGeneration.objects.using(using).filter(pk=1).update(value=F("value") + 1)


# Tables whose rows public pages show (and the summaries derived from them).
PUBLIC_TABLES = frozenset(
    {
        "articles_article",
        "articles_article_tags",
        "articles_article_people",
        "articles_quote",
        "articles_person",
        "articles_personalias",
        "articles_section",
        "articles_tag",
    }
)
_WRITE = re.compile(r'(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)


def _watch_writes(execute, sql, params, many, context):
    """Execute wrapper: a statement that changed rows of a public table bumps the generation
    (at the commit). Reads pay one string comparison."""
    result = execute(sql, params, many, context)
    verb = sql[:6].upper()
    if verb in ("INSERT", "UPDATE", "DELETE"):
        match = _WRITE.match(sql)
        # An UPDATE or DELETE that matched nothing changed nothing. (An INSERT … RETURNING
        # reports its rows only once fetched: every INSERT counts.)
        changed = verb == "INSERT" or context["cursor"].rowcount != 0
        if match and match.group(1) in PUBLIC_TABLES and changed:
            bump_generation(context["connection"].alias)
    return result


def _install(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_writes() -> None:
    """Bump the generation after every committed write of what public pages show, whatever
    sends it: model saves, queryset updates, bulk inserts, deletes, raw ORM writes."""
    connection_created.connect(_install, dispatch_uid="pagecache-watch-writes")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def next_visibility_change(now: datetime, generation: int | None = None) -> datetime | None:
    """The next moment a dispatch becomes visible without a write: a scheduled publication or
    the end of an embargo (two index lookups, compiled once per process: building them cost a
    page not yet cached more than running them). Given the generation, looked up once for it:
    only a write, which bumps the generation, can bring that moment nearer, so it is kept in the
    ``pages`` cache until it has passed (the long tail's pages, each asked once, pay two
    statements less)."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"next-change:{generation}"
    kept = cache.get(key) if generation is not None else None
    if kept is not None and kept["since"] <= now and (kept["at"] is None or now < kept["at"]):
        return kept["at"]
    found = [moment for query in _NEXT_CHANGES for moment in query(now=now)]
    moment = min(found, default=None)
    if generation is not None:
        cache.set(key, {"since": now, "at": moment}, settings.PAGE_CACHE_SECONDS)
    return moment


def _next_change(field: str):
    def build(*, now: datetime):
        from articles.models import Article

        shown = Article.objects.filter(
            status__in=(Article.Status.PUBLISHED, Article.Status.CORRECTED)
        )
        later = shown.filter(**{f"{field}__gt": now}).order_by(field)
        return later.values_list(field, flat=True)[:1]

    build.__qualname__ = f"next_{field}"
    return prepared(build)


_NEXT_CHANGES = (_next_change("published_at"), _next_change("embargo_until"))


# --- the middleware ------------------------------------------------------------------------------


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
        and not request.user.is_authenticated
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    match = request.resolver_match
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and match is not None
        and match.namespace == "articles"
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request: HttpRequest, generation: int) -> str:
    """The generation, and a digest of what picks the page (any length, any characters): the
    scheme and host the page's absolute links are built from, so a forged ``Host`` port never
    reaches another reader."""
    headers = "|".join(request.headers.get(name, "") for name in HTMX_HEADERS)
    origin = f"{request.scheme}://{request.get_host()}"
    page = f"{origin}\n{get_language()}\n{headers}\n{request.get_full_path()}"
    return f"page:{generation}:{hashlib.sha256(page.encode()).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of the public site from the ``pages`` cache (see the module's doc).
    Sits after the CSRF, authentication and message middleware, so the security headers, the
    CSRF cookie and `Vary` are still added to every response it serves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        generation = current_generation()
        key = _key(request, generation)
        now = timezone.now()
        stored = cache.get(key)
        if stored is not None and stored["until"] > now:
            return self._serve(request, stored)
        request.page_cache_placeholder = True
        request.page_cache_generation = generation  # for what views keep per generation
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response
        until = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        stored = {
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "until": min(until, next_visibility_change(now, generation) or until),
        }
        timeout = (stored["until"] - now).total_seconds()
        if timeout > 0:
            cache.set(key, stored, timeout)
        return self._serve(request, stored)

    @staticmethod
    def _serve(request: HttpRequest, stored: dict) -> HttpResponse:
        placeholder = CSRF_PLACEHOLDER.encode()
        content = stored["content"]
        if placeholder in content:
            # get_token() also has the CSRF middleware set this visitor's cookie.
            content = content.replace(placeholder, get_token(request).encode())
        response = HttpResponse(content, status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        return response


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor: on a page that will be cached, the CSRF token is a placeholder the
    middleware replaces with each visitor's own token."""
    if getattr(request, "page_cache_placeholder", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}
