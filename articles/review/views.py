"""The review desk: a queue of suggested quotations and one POST view per decision.

Every action answers an HTMX request with the item swapped in place (plus the outcome for the
aria-live region and the counters, out of band) and a plain form POST with a redirect, so the
desk works without JavaScript. Permissions are checked here, on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from articles.highlight import body_segments
from articles.http import clean_params, wants_fragment
from articles.models import Article, PersonMerge, Quote
from articles.review import queries
from articles.review.filters import QueueFilter
from articles.review.forms import (
    AliasForm,
    BulkForm,
    CreatePersonForm,
    DecisionForm,
    MergeForm,
    SpanForm,
    SpeakerForm,
)
from articles.services import quotations, review

PAGE_SIZE = 25
PERMISSION = "articles.review_quote"
SEARCH_FIELDS = ("speaker", "keep", "merge")


def staff_required(view: Callable) -> Callable:
    """Anonymous → the staff login page; staff (with or without the review permission) in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def reviewer_required(view: Callable) -> Callable:
    """Anonymous → the staff login page (a client-side redirect for HTMX); staff without the
    review permission → 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            if request.htmx:
                login = reverse("login") + "?next=" + reverse("review:queue")
                return HttpResponseClientRedirect(login)
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff and user.has_perm(PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("review:queue")


def _items(quotes) -> list[Quote]:
    return queries.prepare(queries.review_items(quotes))


def queue_context(request: HttpRequest, params) -> dict:
    """The queue's page for `params` (the URL's filters): items, counters, pagination."""
    queue_filter = QueueFilter(params, queryset=Quote.objects.all())
    counters = queries.desk_counters()
    paginator = Paginator(queue_filter.qs, PAGE_SIZE)
    if queue_filter.is_whole_queue:
        paginator.count = counters.pending  # the same COUNT, run once
    page = paginator.get_page(params.get("page"))
    # The active filters, for pagination links and to open the filter box.
    query = urlencode({k: v for k, v in params.items() if k != "page" and v})
    return {
        "form": queue_filter.form,
        "page": page,
        "quotes": _items(page.object_list),
        "counters": counters,
        "query": query,
        "here": request.get_full_path(),
    }


@require_GET
@reviewer_required
@vary_on_headers("HX-Request")
def queue(request: HttpRequest) -> HttpResponse:
    context = queue_context(request, clean_params(request.GET))
    if not wants_fragment(request):
        failed = queries.failed_attributions()
        context["failed_attributions"] = failed[: queries.FAILED_SHOWN]
        context["more_failed"] = len(failed) > queries.FAILED_SHOWN
    template = "review/queue.html#results" if wants_fragment(request) else "review/queue.html"
    return render(request, template, context)


@require_GET
@staff_required
def story(request: HttpRequest, pk: int) -> HttpResponse:
    """Story mode: every quotation of one dispatch, reviewed in its full text. Staff without the
    review permission (editors) see the same page read-only, never a 403."""
    article = get_object_or_404(Article.objects.select_related("section"), pk=pk)
    items = queries.prepare(queries.story_items(article.pk))
    anchored = [q for q in items if q.start is not None and not q.anchor_lost]
    context = {
        "article": article,
        "quotes": items,
        "paragraphs": body_segments(article.body, anchored),
        "can_review": request.user.has_perm(PERMISSION),
        "counters": queries.desk_counters(),
        "here": request.get_full_path(),
        "pending": sum(1 for q in items if q.status == Quote.Status.SUGGESTED or q.anchor_lost),
    }
    return render(request, "review/story.html", context)


@require_GET
@reviewer_required
def quote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One quotation with its whole history; `q` lists matching speakers (search without JS)."""
    params = clean_params(request.GET)
    quote = get_object_or_404(_items_queryset(pk))
    [quote] = queries.prepare([quote])
    q = params.get("q", "")
    context = {
        "quote": quote,
        "here": request.get_full_path(),
        "next": _safe_next(request, params.get("next")),
        "q": q,
        "results": queries.search_people(q) if q else None,
    }
    return render(request, "review/quote.html", context)


def _items_queryset(pk: int):
    return queries.review_items(Quote.objects.filter(pk=pk))


@require_GET
@reviewer_required
@vary_on_headers("HX-Request")
def speaker_search(request: HttpRequest) -> HttpResponse:
    """Type-ahead over names and aliases: a short list of radio buttons named `field`."""
    params = clean_params(request.GET)
    field = params.get("field") if params.get("field") in SEARCH_FIELDS else "speaker"
    # The merge page's two search fields are named keep_q and merge_q (its no-JS form needs both).
    q = params.get("q") or params.get(f"{field}_q", "")
    context = {
        "q": q,
        "field": field,
        "prefix": params.get("quote", "x") if params.get("quote", "").isdigit() else "x",
        "results": queries.search_people(q),
    }
    template = "review/speakers.html#results" if wants_fragment(request) else "review/speakers.html"
    return render(request, template, context)


# --- decisions -------------------------------------------------------------------------------


def _decide(
    request: HttpRequest,
    pk: int,
    form_class: type[DecisionForm],
    perform: Callable[[Quote, dict], str],
) -> HttpResponse:
    """Validate the form, run the decision, answer with the swapped item (HTMX) or a redirect."""
    quote = get_object_or_404(Quote.objects.select_related("article"), pk=pk)
    form = form_class(request.POST, quote=quote)
    outcome = error = conflict = None
    if form.is_valid():
        try:
            outcome = perform(quote, form.cleaned_data)
        except review.ReviewConflict as caught:
            conflict = caught
        except ValidationError as caught:
            error = " ".join(caught.messages)
    else:
        error = " ".join(message for errors in form.errors.values() for message in errors)
    next_url = _safe_next(request, form.data.get("next"))
    if conflict:
        announce = _("Not applied: %(why)s Current state shown.") % {"why": conflict.message}
    else:
        announce = outcome or _("Not applied: %(why)s") % {"why": error}
    if wants_fragment(request):
        [item] = queries.prepare(_items_queryset(pk))
        context = {
            "quote": item,
            "here": next_url,
            "announce": announce,
            "conflict": conflict,
            "error": error,
            "counters": queries.desk_counters(),
            "story": urlsplit(next_url).path.startswith(reverse("review:story", args=[0])[:-2]),
            "decided_action": request.resolver_match.url_name if outcome else "",
        }
        return render(request, "review/queue.html#decided", context)
    if outcome:
        messages.success(request, announce)
        return redirect(f"{next_url}#quote-{pk}")
    messages.error(request, announce)
    back = reverse("review:quote-detail", kwargs={"pk": pk})
    return redirect(f"{back}?{urlencode({'next': next_url})}")


@require_POST
@reviewer_required
def quote_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        review.confirm_quote(
            quote=quote, reviewer=request.user, expected_version=data["version"], note=data["note"]
        )
        return _("Confirmed: %(quote)s") % {"quote": quote}

    return _decide(request, pk, DecisionForm, perform)


@require_POST
@reviewer_required
def quote_repeats(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision taken on this quotation, taken for each of its repeats awaiting review."""

    def perform(quote: Quote, data: dict) -> str:
        result = quotations.apply_to_repeats(
            quote=quote, reviewer=request.user, expected_version=data["version"]
        )
        return _("Same decision for %(n)d repeat(s); %(skipped)d left as they were.") % {
            "n": len(result.applied),
            "skipped": len(result.conflicts) + len(result.refused),
        }

    return _decide(request, pk, DecisionForm, perform)


@require_POST
@reviewer_required
def quote_reject(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        review.reject_quote(
            quote=quote, reviewer=request.user, expected_version=data["version"], note=data["note"]
        )
        return _("Marked as not a quotation: %(quote)s") % {"quote": quote}

    return _decide(request, pk, DecisionForm, perform)


@require_POST
@reviewer_required
def quote_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        review.reassign_quote(
            quote=quote,
            reviewer=request.user,
            expected_version=data["version"],
            speaker=data["speaker"],
            note=data["note"],
        )
        return _("Attributed to %(person)s: %(quote)s") % {
            "person": data["speaker"],
            "quote": quote,
        }

    return _decide(request, pk, SpeakerForm, perform)


@require_POST
@reviewer_required
def quote_alias(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        alias = review.add_alias(
            quote=quote,
            reviewer=request.user,
            expected_version=data["version"],
            person=data["speaker"],
            note=data["note"],
        )
        return _("“%(alias)s” is now an alias of %(person)s.") % {
            "alias": alias.name,
            "person": alias.person,
        }

    return _decide(request, pk, AliasForm, perform)


@require_POST
@reviewer_required
def quote_create_person(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        person = review.create_person_from_mention(
            quote=quote,
            reviewer=request.user,
            expected_version=data["version"],
            name=data["name"],
            kind=data["kind"],
            note=data["note"],
        )
        return _("%(person)s created and attributed: %(quote)s") % {
            "person": person,
            "quote": quote,
        }

    return _decide(request, pk, CreatePersonForm, perform)


@require_POST
@reviewer_required
def quote_span(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        corrected = review.correct_span(
            quote=quote,
            reviewer=request.user,
            expected_version=data["version"],
            start=data["start"],
            end=data["end"],
            note=data["note"],
        )
        return _("Span corrected: %(quote)s") % {"quote": corrected}

    return _decide(request, pk, SpanForm, perform)


@require_POST
@reviewer_required
def quote_undo(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(quote: Quote, data: dict) -> str:
        review.undo_decision(quote=quote, reviewer=request.user, expected_version=data["version"])
        return _("Decision undone: %(quote)s") % {"quote": quote}

    return _decide(request, pk, DecisionForm, perform)


@require_POST
@reviewer_required
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    form = BulkForm(request.POST)
    next_url = _safe_next(request, form.data.get("next"))
    result = None
    if form.is_valid():
        result = review.bulk_confirm(
            selection=form.cleaned_data["selected"],
            reviewer=request.user,
            note=form.cleaned_data["note"],
        )
        parts = [
            ngettext(
                "%(n)d quotation confirmed.", "%(n)d quotations confirmed.", len(result.confirmed)
            )
            % {"n": len(result.confirmed)}
        ]
        parts += [
            _("Not applied to %(quote)s: %(why)s") % {"quote": c.quote, "why": c.message}
            for c in result.conflicts
        ]
        parts += [
            _("Not applied to %(quote)s: %(why)s") % {"quote": q, "why": why}
            for q, why in result.refused
        ]
        announce = " ".join(parts)
    else:
        announce = " ".join(form.errors.get("selected", [])) or _("Nothing was selected.")
    if wants_fragment(request):
        # The list as it now stands for the reviewer's filters (decided items leave an "awaiting
        # review" view), its heading's count and the desk counters: one fresh render.
        query = urlsplit(next_url).query
        context = queue_context(request, clean_params(QueryDict(query)))
        context |= {"here": next_url, "announce": announce, "bulk": True}
        return render(request, "review/queue.html#bulk_decided", context)
    level = (
        messages.SUCCESS if result and not (result.conflicts or result.refused) else messages.ERROR
    )
    messages.add_message(request, level, announce)
    return redirect(next_url)


# --- people ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@reviewer_required
def merge(request: HttpRequest) -> HttpResponse:
    """Merge two records of one person. GET searches (`keep_q`, `merge_q`), POST merges."""
    if request.method == "POST":
        form = MergeForm(request.POST)
        if form.is_valid():
            try:
                record = review.merge_people(
                    keep=form.cleaned_data["keep"],
                    merge=form.cleaned_data["merge"],
                    reviewer=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(merged)s merged into %(keep)s.")
                    % {"merged": record.merged_name, "keep": record.keep},
                )
                return redirect(record)
        params = clean_params(request.POST)
    else:
        form = MergeForm()
        params = clean_params(request.GET)
    context = {
        "form": form,
        "keep_q": params.get("keep_q", ""),
        "merge_q": params.get("merge_q", ""),
        "keep_results": queries.search_people(params.get("keep_q", "")),
        "merge_results": queries.search_people(params.get("merge_q", "")),
        "recent": PersonMerge.objects.select_related("keep", "reviewer", "undone_by")[:20],
    }
    return render(request, "review/merge.html", context, status=400 if form.errors else 200)


@require_GET
@reviewer_required
def merge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(
        PersonMerge.objects.select_related("keep", "reviewer", "undone_by"), pk=pk
    )
    decisions = record.decisions.select_related("quote__article", "reviewer").order_by("at", "pk")
    return render(request, "review/merge_detail.html", {"record": record, "decisions": decisions})


@require_POST
@reviewer_required
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(PersonMerge, pk=pk)
    try:
        result = review.undo_merge(record=record, reviewer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("%(person)s restored.") % {"person": result.person}
        if result.kept:
            text += " " + _(
                "%(n)d quotation(s) reassigned since the merge kept their new speaker."
            ) % {"n": len(result.kept)}
        messages.success(request, text)
    return redirect(record)
