"""The sourcing dashboard: who the dispatches quote, for a period, section, tag or language,
as charts with their tables, and the same figures as CSV. Staff holding
`articles.view_sources` (the Editors group) only; checked here, on the server."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from articles.desk import charts
from articles.desk.figures import Figures, Scope, month_label, sourcing_figures
from articles.desk.forms import ScopeForm
from articles.http import clean_params

PERMISSION = "articles.view_sources"


def sources_permission_required(view: Callable) -> Callable:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (user.is_active and user.is_staff and user.has_perm(PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _scope(request: HttpRequest) -> tuple[ScopeForm, Scope]:
    params = clean_params(request.GET)
    form = ScopeForm(params or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, Scope(
            date_from=data["date_from"],
            date_to=data["date_to"],
            section=data["section"],
            tag=data["tag"],
            language=data["language"],
        )
    return form, Scope()


def _charts(figures: Figures) -> dict:
    months = [month_label(row["month"]) for row in figures.months]

    def monthly(prefix: str, rows) -> dict[str, list[int]]:
        return {row.label: [m[f"{prefix}_{row.key}"] for m in figures.months] for row in rows}

    return {
        "gender": charts.bars(
            [r.label for r in figures.gender],
            [r.quotations for r in figures.gender],
            caption_id="gender-caption",
        ),
        "type": charts.bars(
            [r.label for r in figures.type],
            [r.quotations for r in figures.type],
            caption_id="type-caption",
        ),
        "kind": charts.bars(
            [r.label for r in figures.kind],
            [r.quotations for r in figures.kind],
            caption_id="kind-caption",
        ),
        "most_quoted": charts.bars(
            [row["speaker__name"] for row in figures.most_quoted],
            [row["quotations"] for row in figures.most_quoted],
            caption_id="most-quoted-caption",
        ),
        "months_gender": charts.stacked_months(
            months, monthly("gender", figures.gender), caption_id="months-gender-caption"
        ),
        "months_type": charts.stacked_months(
            months, monthly("type", figures.type), caption_id="months-type-caption"
        ),
        "months_kind": charts.stacked_months(
            months, monthly("kind", figures.kind), caption_id="months-kind-caption"
        ),
    }


@require_GET
@sources_permission_required
def sources(request: HttpRequest) -> HttpResponse:
    form, scope = _scope(request)
    figures = sourcing_figures(scope)
    query = urlencode({k: v for k, v in clean_params(request.GET).items() if v})
    context = {
        "form": form,
        "figures": figures,
        "months": [{"label": month_label(row["month"]), **row} for row in figures.months],
        "charts": _charts(figures) if figures.reviewed else {},
        "query": query,
    }
    return render(request, "desk/sources.html", context)


def csv_rows(figures: Figures) -> list[list]:
    """The dashboard's figures as rows: figure, category, month, people, quotations."""
    rows: list[list] = [["figure", "category", "month", "people", "quotations"]]
    rows.append(["reviewed", "all", "", "", figures.reviewed])
    rows.append(["unreviewed", "all", "", "", figures.unreviewed])
    for row in figures.gender:
        rows.append(["gender", row.key, "", row.people, row.quotations])
    for name in ("type", "kind"):
        for row in getattr(figures, name):
            rows.append([name, row.key, "", "", row.quotations])
    for row in figures.most_quoted:
        rows.append(["most_quoted", row["speaker__name"], "", "", row["quotations"]])
    for month in figures.months:
        label = month_label(month["month"])
        rows.append(["month", "all", label, "", month["total"]])
        for name, items in (("gender", figures.gender), ("type", figures.type)):
            for item in items:
                rows.append([name, item.key, label, "", month[f"{name}_{item.key}"]])
        for item in figures.kind:
            rows.append(["kind", item.key, label, "", month[f"kind_{item.key}"]])
    return rows


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
@sources_permission_required
def sources_csv(request: HttpRequest) -> HttpResponse:
    _form, scope = _scope(request)
    writer = csv.writer(_Echo())
    body = "".join(writer.writerow(_safe_row(row)) for row in csv_rows(sourcing_figures(scope)))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sources.csv"'
    return response


def _safe_row(row: list) -> list:
    # A name starting with = + - @ would be a formula in a spreadsheet: quote it as text.
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in row]
