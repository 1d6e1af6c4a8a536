"""Reading a request, for the public and the review views alike: its parameters without NUL
characters, and which HTMX fragment it asks for."""

from django.http import HttpRequest, QueryDict


def clean_params(params: QueryDict) -> QueryDict:
    """A copy of the query parameters without NUL characters (PostgreSQL refuses them, and
    Django's form fields reject them with an error the reader did not cause on purpose)."""
    cleaned = QueryDict(mutable=True)
    for key in params:
        cleaned.setlist(
            key.replace("\x00", ""), [v.replace("\x00", "") for v in params.getlist(key)]
        )
    return cleaned


def wants_fragment(request: HttpRequest) -> bool:
    """An HTMX request for a fragment (not a boosted navigation nor a history restore)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def fragment_name(request: HttpRequest, *, items_id: str) -> str | None:
    """Which partial an HTMX request wants: `more` when "load more" targets the list
    `items_id`, `results` for any other swap; None for a full page (no HTMX, a boosted link, or
    htmx restoring history)."""
    if not wants_fragment(request):
        return None
    return "more" if request.htmx.target == items_id else "results"
