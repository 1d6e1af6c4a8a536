"""A cache of the public pages readers see, fresh after every change.

Most of a public page's time is spent rendering its template, and readers ask for the same pages
again and again (the home page, a section, a feed, the dispatch everyone reads). Anonymous GETs of
the public site (`articles` URLs) are kept in the ``pages`` cache under a key made of the
*generation* — one number in the database, bumped after every committed change a reader could
see — and of everything the page depends on: path and query, language, and the HTMX headers
that pick a fragment. So:

- a change is visible on the next request: saves and deletes of public models bump the
  generation when their transaction commits (signals), so does every POST, PUT, PATCH or DELETE
  answered by the site (admin bulk actions write without signals), and code writing in bulk calls
  `bump_generation()`;
- time makes dispatches visible too (schedules, embargoes): a cached page is never kept past the
  next publication or embargo moment, nor past ``PAGE_CACHE_SECONDS``, the safety net;
- staff, a visitor with a session or a pending message, and every other URL are never cached;
- a cached page holds a placeholder where the CSRF token goes (the language switch is a POST
  form): each visitor gets their own token, and their cookie, as on an uncached page.

Every process keeps its own copy by default (``LocMemCache``): only the generation is shared,
read with one query per request. ``PAGE_CACHE_SECONDS = 0`` turns the cache off (the default
with ``DEBUG``, and in the tests that count queries per page).
"""

import hashlib
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"
HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


# --- the generation ------------------------------------------------------------------------------


def current_generation() -> int:
    from articles.models import SiteGeneration

    value = SiteGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def bump_generation() -> None:
    """Pages cached so far are out of date. Call it after a committed write that bypasses model
    signals (queryset.update, bulk_create); inside a transaction it waits for the commit, once."""
    from articles.models import SiteGeneration

    using = router.db_for_write(SiteGeneration)
    connection = connections[using]
    if connection.in_atomic_block:
        pending = (getattr(func, "func", None) is _bump for _, func, _ in connection.run_on_commit)
        if not any(pending):
            transaction.on_commit(partial(_bump, using), using=using)
        return
    _bump(using)


def _bump(using: str) -> None:
    from articles.models import SiteGeneration

    if not SiteGeneration.objects.using(using).filter(pk=1).update(value=F("value") + 1):
        # The row is gone (a flushed database): start again past the "absent" generation, 0.
        SiteGeneration.objects.using(using).get_or_create(pk=1, defaults={"value": 1})


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    bump_generation()


def connect_signals() -> None:
    """Bump the generation on every save and delete of what public pages show."""
    from articles.models import Article, Person, PersonAlias, Quote, Section, Tag

    for model in (Article, Quote, Person, PersonAlias, Section, Tag):
        post_save.connect(_changed, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}"
        )
    m2m_changed.connect(_changed, sender=Article.tags.through, dispatch_uid="pagecache-tags")


def next_visibility_change(now: datetime) -> datetime | None:
    """The next moment a dispatch becomes visible without a write: a scheduled publication or
    the end of an embargo (two index lookups)."""
    from articles.models import Article

    shown = Article.objects.filter(status__in=(Article.Status.PUBLISHED, Article.Status.CORRECTED))
    moments = [
        shown.filter(published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)[:1],
        shown.filter(embargo_until__gt=now)
        .order_by("embargo_until")
        .values_list("embargo_until", flat=True)[:1],
    ]
    found = [row for query in moments for row in query]
    return min(found, default=None)


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
    """The generation, and a digest of what picks the page (any length, any characters)."""
    headers = "|".join(request.headers.get(name, "") for name in HTMX_HEADERS)
    page = f"{get_language()}\n{headers}\n{request.get_full_path()}"
    return f"page:{generation}:{hashlib.sha256(page.encode()).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of the public site from the ``pages`` cache (see the module's doc).
    Sits after the CSRF, authentication and message middleware, so the security headers, the
    CSRF cookie and `Vary` are still added to every response it serves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            response = self.get_response(request)
            if request.method not in SAFE_METHODS and enabled():
                bump_generation()
            return response
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key = _key(request, current_generation())
        now = timezone.now()
        stored = cache.get(key)
        if stored is not None and stored["until"] > now:
            return self._serve(request, stored)
        request.page_cache_placeholder = True
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response
        until = now + timedelta(seconds=settings.PAGE_CACHE_SECONDS)
        stored = {
            "status": response.status_code,
            "headers": list(response.items()),
            "content": response.content,
            "until": min(until, next_visibility_change(now) or until),
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
