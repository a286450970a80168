"""Every state change of an annual report (Perki 1/2021 Pasal 56): one function per step.

Each locks the row, checks the state and the actor's right, writes, and records one event
(STYLE.md §2-3). Views, the admin and jobs only call these.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.annual.figures import collect_figures
from ppid.annual.models import AnnualReport
from ppid.annual.workflow import NARRATIVE_FIELDS, Status, allowed_from
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.offices.models import Office, OfficeLevel

ANNUAL_CREATED = register_event_type("annual_report.created", gettext_lazy("Annual report started"))
ANNUAL_UPDATED = register_event_type("annual_report.updated", gettext_lazy("Annual report narrative edited"))
ANNUAL_SUBMITTED = register_event_type("annual_report.submitted", gettext_lazy("Annual report submitted"))
ANNUAL_APPROVED = register_event_type("annual_report.approved", gettext_lazy("Annual report approved"))
ANNUAL_RETURNED = register_event_type("annual_report.returned", gettext_lazy("Annual report returned"))
ANNUAL_PUBLISHED = register_event_type("annual_report.published", gettext_lazy("Annual report published"))


class AnnualReportStateError(Exception):
    """The report is not in a state that allows this step (often: someone else changed it first)."""


def _lock(report: AnnualReport, action: str, *, actor: Any, permission: str) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().select_related("office").get(pk=report.pk)
    if not can(actor, permission, locked):
        raise PermissionDenied(_("You may not do this with the annual report %(report)s.") % {"report": locked})
    if locked.status not in allowed_from(action):
        raise AnnualReportStateError(
            _("The annual report %(report)s is now “%(status)s”; this step is not possible any more. Reload the page.")
            % {"report": locked, "status": Status(locked.status).label}
        )
    return locked


def _record(report: AnnualReport, event_type: str, *, actor: Any, permission: str, **kwargs: Any) -> None:
    event_record(
        event_type=event_type,
        obj=report,
        actor=actor,
        actor_role=acting_role(actor, permission, report) if actor is not None else "",
        office=report.office,
        **kwargs,
    )


@transaction.atomic
def annual_report_create(*, office: Office, year: int, actor: Any) -> AnnualReport:
    """Start the report of `office` for `year`; KPU Provinsi and KPU RI reports roll up the offices below."""
    if not can(actor, "report:write", office):
        raise PermissionDenied(_("You may not prepare the annual report of %(office)s.") % {"office": office.name})
    this_year = timezone.now().astimezone(office.zoneinfo).year
    if not 2000 <= year <= this_year:
        raise ValidationError({"year": _("Choose a year up to %(year)s.") % {"year": this_year}})
    if AnnualReport.objects.filter(office=office, year=year).exists():
        raise ValidationError(
            {"year": _("%(office)s already has a report for %(year)s.") % {"office": office.name, "year": year}}
        )
    report = AnnualReport(
        office=office,
        year=year,
        rollup=office.level != OfficeLevel.KABKOTA,
        created_at=timezone.now(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise ValidationError(
            {"year": _("%(office)s already has a report for %(year)s.") % {"office": office.name, "year": year}}
        ) from None
    _record(report, ANNUAL_CREATED, actor=actor, permission="report:write", after={"year": year})
    return report


@transaction.atomic
def annual_report_update(*, report: AnnualReport, actor: Any, narrative: dict[str, str]) -> AnnualReport:
    """Edit the narrative sections (PPID) while the report is a draft."""
    report = _lock(report, "annual_report_update", actor=actor, permission="report:write")
    changed = [name for name in NARRATIVE_FIELDS if name in narrative and narrative[name] != getattr(report, name)]
    if not changed:
        return report
    before = {name: getattr(report, name) for name in changed}
    for name in changed:
        setattr(report, name, narrative[name])
    report.save(update_fields=changed)
    _record(
        report,
        ANNUAL_UPDATED,
        actor=actor,
        permission="report:write",
        before=before,
        after={name: narrative[name] for name in changed},
    )
    return report


@transaction.atomic
def annual_report_submit(*, report: AnnualReport, actor: Any) -> AnnualReport:
    """Freeze the figures and send the report to the Atasan PPID; every narrative section is required."""
    report = _lock(report, "annual_report_submit", actor=actor, permission="report:write")
    missing = {
        name: _("Write this section before submitting.")
        for name in NARRATIVE_FIELDS
        if not getattr(report, name).strip()
    }
    if missing:
        raise ValidationError(missing)
    report.figures = collect_figures(office=report.office, year=report.year, rollup=report.rollup)
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.return_note = ""
    report.save(update_fields=["figures", "status", "submitted_at", "return_note"])
    _record(
        report,
        ANNUAL_SUBMITTED,
        actor=actor,
        permission="report:write",
        before={"status": Status.DRAFT},
        after={"status": Status.SUBMITTED},
    )
    return report


@transaction.atomic
def annual_report_approve(*, report: AnnualReport, actor: Any) -> AnnualReport:
    """The Atasan PPID approves what the office will publish (seed c.1)."""
    report = _lock(report, "annual_report_approve", actor=actor, permission="report:approve")
    report.status = Status.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = actor
    report.save(update_fields=["status", "approved_at", "approved_by"])
    _record(
        report,
        ANNUAL_APPROVED,
        actor=actor,
        permission="report:approve",
        before={"status": Status.SUBMITTED},
        after={"status": Status.APPROVED},
    )
    return report


@transaction.atomic
def annual_report_return(*, report: AnnualReport, actor: Any, note: str) -> AnnualReport:
    """The Atasan PPID sends the report back to the PPID with what to change."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say what the PPID should change.")})
    report = _lock(report, "annual_report_return", actor=actor, permission="report:approve")
    report.status = Status.DRAFT
    report.return_note = note
    report.save(update_fields=["status", "return_note"])
    _record(
        report,
        ANNUAL_RETURNED,
        actor=actor,
        permission="report:approve",
        before={"status": Status.SUBMITTED},
        after={"status": Status.DRAFT},
        note=note,
    )
    return report


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, actor: Any) -> AnnualReport:
    """Publish the approved report on the portal and keep its PDF, which never changes afterwards."""
    from ppid.annual.pdf import annual_report_pdf, pdf_filename

    report = _lock(report, "annual_report_publish", actor=actor, permission="report:write")
    report.status = Status.PUBLISHED
    report.published_at = timezone.now()
    report.pdf.save(pdf_filename(report), ContentFile(annual_report_pdf(report)), save=False)
    report.save(update_fields=["status", "published_at", "pdf"])
    _record(
        report,
        ANNUAL_PUBLISHED,
        actor=actor,
        permission="report:write",
        before={"status": Status.APPROVED},
        after={"status": Status.PUBLISHED},
    )
    return report
