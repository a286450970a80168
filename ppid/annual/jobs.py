"""Reminder to publish last year's annual report before it is due (Perki 1/2021 Pasal 56: 31 March).

When reminders start and the due date are data (`AnnualReportRule`), not constants here.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ppid.accounts.models import RoleMembership
from ppid.accounts.roles import Role
from ppid.annual.models import AnnualReport, AnnualReportRule
from ppid.annual.workflow import Status
from ppid.notifications.models import OutboxMessage
from ppid.notifications.services import outbox_enqueue
from ppid.offices.models import Office


def annual_reminders(*, today: datetime.date | None = None) -> int:
    """Remind the PPIDs of every office with no published report for last year, once per ISO week.

    Returns the number of offices reminded today; the outbox dedupe key keeps it to one a week.
    """
    day = today or timezone.localdate()
    year = day.year - 1
    rule = AnnualReportRule.for_year(year)
    if rule is None or not rule.reminders_from(year) <= day <= rule.due_on(year):
        return 0
    due = formats.date_format(rule.due_on(year), "j F Y")
    week = day.isocalendar().week
    published = AnnualReport.objects.filter(office=OuterRef("office"), year=year, status=Status.PUBLISHED)
    memberships = (
        RoleMembership.objects.active_on(day)
        .filter(role=Role.PPID)
        .exclude(Exists(published))
        .select_related("user", "office")
        .order_by("office__path")
    )
    addresses: dict[int, list[str]] = {}
    offices: dict[int, Office] = {}
    for membership in memberships:
        offices[membership.office_id] = membership.office
        addresses.setdefault(membership.office_id, []).append(membership.user.email)
    reminded = 0
    for office_id, to in addresses.items():
        office = offices[office_id]
        key = f"annual-reminder:{office_id}:{year}:w{week}"
        if OutboxMessage.objects.filter(dedupe_key=key).exists():
            continue  # already reminded this week
        subject = _("Reminder: publish the annual report %(year)s of %(office)s by %(due)s") % {
            "year": year,
            "office": office.name,
            "due": due,
        }
        body = _(
            "The annual report on public information services %(year)s of %(office)s has not been published yet. "
            "%(citation)s asks for it by %(due)s. Prepare it under Staff › Annual reports."
        ) % {"year": year, "office": office.name, "due": due, "citation": rule.citation}
        outbox_enqueue(to=to, subject=subject, body=body, office=office, dedupe_key=key)
        reminded += 1
    return reminded
