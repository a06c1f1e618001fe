"""Grant development over the years (page, CSV, PDF) and each organisation's
grant history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cooperation.lib import exports
from cooperation.lib.charts import bar_chart
from cooperation.lib.pdf import pdf_response
from cooperation.templatetags.kumppani import euro
from grants import permissions, selectors
from grants.forms import (
    StatisticsForm,
)

# --- Statistics and history ------------------------------------------------


def _statistics(request: HttpRequest):
    form = StatisticsForm(request.GET)
    filters = form.filters()
    return form, filters, selectors.grant_statistics(**filters)


def _dimension_label(dimension: str) -> str:
    return {
        "municipality": _("Municipality"),
        "theme": _("Theme"),
        "size": _("Size of the organisation"),
    }[dimension]


def _statistics_charts(statistics) -> list[tuple[str, str, object]]:
    by_dimension = {
        "municipality": _("Granted by municipality"),
        "theme": _("Granted by theme"),
        "size": _("Granted by size of the organisation"),
    }
    return [
        (
            "years",
            _("Granted by year"),
            bar_chart([(str(f.year), f.granted) for f in statistics.by_year], display=euro),
        ),
        (
            "dimension",
            by_dimension[statistics.dimension],
            bar_chart([(row.label, row.total) for row in statistics.rows], display=euro),
        ),
    ]


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form, _filters, figures = _statistics(request)
    return render(
        request,
        "grants/statistics.html",
        {
            "form": form,
            "statistics": figures,
            "charts": _statistics_charts(figures),
            "dimension_label": _dimension_label(figures.dimension),
            "query": request.GET.urlencode(),
            "can_export_pdf": permissions.can_export_statistics(request.user),
        },
    )


@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse:
    _form, _filters, figures = _statistics(request)
    response, writer = exports.csv_response("grant-statistics.csv")
    writer.writerow([_("Break down by"), _("Value"), _("Year"), _("Grants"), _("Granted (€)")])
    for figures_of_year in figures.by_year:
        writer.writerow(
            [
                _("all"),
                "",
                figures_of_year.year,
                figures_of_year.grants,
                exports.cell(figures_of_year.granted),
            ]
        )
    dimension = _dimension_label(figures.dimension)
    for row in figures.rows:
        for year, granted in zip(figures.years, row.granted_by_year, strict=True):
            if granted:
                writer.writerow(
                    [dimension, exports.cell(row.label), year, "", exports.cell(granted)]
                )
    return response


@login_required
@require_GET
def statistics_pdf(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export_statistics(request.user):
        raise Http404
    _form, filters, figures = _statistics(request)
    return pdf_response(
        "grants/pdf/statistics.html",
        {
            "statistics": figures,
            "charts": _statistics_charts(figures),
            "dimension_label": _dimension_label(figures.dimension),
            "filters": filters,
            "generated_at": timezone.now(),
        },
        filename="grant-statistics.pdf",
    )


@require_GET
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, years, visible_ids = selectors.organisation_grant_history(request.user, pk)
    return render(
        request,
        "grants/organisation_history.html",
        {"organisation": organisation, "years": years, "visible_ids": visible_ids},
    )
