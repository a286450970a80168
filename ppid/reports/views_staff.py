"""The staff dashboard: one office's figures, or rolled up for a Provinsi or KPU RI, for a period."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import offices_where
from ppid.disputes.workflow import Stage
from ppid.objections.workflow import Outcome as ObjectionOutcome
from ppid.offices.models import Office, OfficeLevel
from ppid.reports import links
from ppid.reports.charts import Chart, bar_chart, rate_band
from ppid.reports.figures import Figures, Period, figures_for, on_time_by_province, period_for_year
from ppid.reports.forms import DashboardFilterForm
from ppid.requests.models import ExemptionGround
from ppid.requests.workflow import Outcome


def dashboard_offices(user: Any) -> QuerySet[Office]:
    """Offices whose figures the user reads (report:view): their own and those below them."""
    return Office.objects.filter(offices_where(user, "report:view")).order_by("path")


def _pick_office(http: HttpRequest, offices: list[Office]) -> Office:
    code = http.GET.get("office", "")
    if not code:
        # The highest office the user reads: KPU RI before a Provinsi before a regency.
        return min(offices, key=lambda office: (office.path.count("/"), office.path))
    office = next((o for o in offices if o.code == code), None)
    if office is None:
        raise Http404
    return office


def _period(form: DashboardFilterForm, office: Office) -> Period:
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("date_from") and data.get("date_to"):
        return Period(data["date_from"], data["date_to"])
    year = data.get("year") or timezone.now().astimezone(office.zoneinfo).year
    return period_for_year(year)


def _request_charts(figures: Figures) -> list[Chart]:
    """Decisions and refusal grounds, shown with the request figures."""
    office, period, rollup = figures.office, figures.period, figures.rollup
    register = links.request_register(office, period, rollup)
    outcomes = figures.requests.outcomes
    grounds = figures.requests.refusal_grounds
    return [
        bar_chart(
            _("Decisions"),
            [
                (
                    str(choice.label),
                    outcomes.get(choice.value, 0),
                    links.request_register(office, period, rollup, outcome=choice.value),
                )
                for choice in Outcome
            ],
        ),
        bar_chart(
            _("Refusal grounds (Pasal 17)"),
            [
                (str(choice.label), grounds[choice.value], register)
                for choice in ExemptionGround
                if choice.value in grounds
            ],
        ),
    ]


def _legal_charts(figures: Figures) -> list[Chart]:
    """Objections by outcome and disputes by stage, shown with the objection and dispute figures."""
    office, period, rollup = figures.office, figures.period, figures.rollup
    return [
        bar_chart(
            _("Objections by outcome"),
            [
                (
                    str(c.label),
                    figures.objections.outcomes.get(c.value, 0),
                    links.objection_register(office, period, rollup, c.value),
                )
                for c in ObjectionOutcome
            ],
        ),
        bar_chart(
            _("Disputes by stage"),
            [
                (str(c.label), figures.disputes.by_stage.get(c.value, 0), links.dispute_list(office, c.value))
                for c in Stage
            ],
        ),
    ]


def _province_grid(period: Period) -> list[dict[str, Any]]:
    return [
        {
            "office": office,
            "decided": decided,
            "on_time": on_time,
            "rate": round(100 * on_time / decided) if decided else None,
            "band": rate_band(decided, on_time),
        }
        for office, decided, on_time in on_time_by_province(period)
    ]


@login_required
def dashboard(http: HttpRequest) -> HttpResponse:
    """Requests, time taken, outcomes, objections, disputes, DIP and satisfaction (issue 6, item 3)."""
    offices = list(dashboard_offices(http.user))
    if not offices:
        raise PermissionDenied
    office = _pick_office(http, offices)
    form = DashboardFilterForm(
        http.GET or None,
        offices=[(o.code, str(o)) for o in offices],
        initial={"office": office.code, "rollup": office.level != OfficeLevel.KABKOTA},
    )
    period = _period(form, office)
    rollup = office.level != OfficeLevel.KABKOTA and (not form.is_bound or bool(form.data.get("rollup")))
    figures = figures_for(office, period, rollup=rollup)
    context = {
        "form": form,
        "office": office,
        "period": period,
        "rollup": rollup,
        "figures": figures,
        "request_charts": _request_charts(figures),
        "legal_charts": _legal_charts(figures),
        "grid": _province_grid(period) if office.level == OfficeLevel.RI else None,
        "links": {
            "register": links.request_register(office, period, rollup),
            **{
                state: links.request_register(office, period, rollup, state=state)
                for state in ("decided", "pending", "extended", "withdrawn", "lapsed", "forwarded")
            },
            "overdue": links.overdue_worklist(office),
            "objections": links.objection_register(office, period, rollup),
            "disputes": links.dispute_list(office),
            "coverage": links.dip_coverage(office),
            "survey": links.survey_results(office, period, rollup),
        },
    }
    return render(http, "reports/staff/dashboard.html", context)
