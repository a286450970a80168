"""When each Pasal 35 ayat (1) ground arises, and the filing window it opens (RULES.md §7)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ppid.objections.workflow import GROUNDS_FROM_DEADLINE, Ground
from ppid.requests.models import Delivery, InformationRequest, WrittenNotice
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus

REFUSING_OUTCOMES = frozenset({RequestOutcome.REFUSED, RequestOutcome.GRANTED_PART})
GRANTING_OUTCOMES = frozenset({RequestOutcome.GRANTED_FULL, RequestOutcome.GRANTED_PART})
# A forwarded request is objected to at the office it went to; a lapsed or withdrawn one is over.
NOT_OBJECTABLE = frozenset({RequestStatus.FORWARDED, RequestStatus.LAPSED, RequestStatus.WITHDRAWN})


@dataclass(frozen=True)
class GroundDate:
    ground: Ground
    arose_on: datetime.date
    basis: str  # what the date is, in words, for the explanation shown with the window


def _local(request: InformationRequest, moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(request.office.zoneinfo).date()


def _notice(request: InformationRequest) -> WrittenNotice | None:
    return WrittenNotice.objects.filter(request=request).first()


def _delivery(request: InformationRequest) -> Delivery | None:
    return Delivery.objects.filter(request=request).first()


def _day_after_deadline(request: InformationRequest, ground: Ground, today: datetime.date) -> GroundDate:
    """Grounds b and c (and g without a delivery) arise the day after the deadline passed."""
    due = request.extended_due_on or request.notice_due_on
    if due is None:
        raise ValidationError(
            {"grounds": _("Ground %(ground)s: the request's deadline has not started yet.") % {"ground": ground}}
        )
    arose = due + datetime.timedelta(days=1)
    if arose > today:
        raise ValidationError(
            {
                "grounds": _(
                    "Ground %(ground)s arises only after the deadline has passed: the request is due on %(due)s."
                )
                % {"ground": ground, "due": date_format(due, "j F Y")}
            }
        )
    return GroundDate(ground, arose, _("the day after the deadline of %(due)s") % {"due": date_format(due, "j F Y")})


def ground_date(request: InformationRequest, ground: Ground, today: datetime.date) -> GroundDate:
    """RULES.md §7: the notice or delivery date (a, d, e, f, g) or the day after the deadline (b, c).

    Pasal 35 ayat (1) UU 14/2008: each ground also has a condition the request must meet (a refusal
    for a, an answer for d-f, no timely answer for c); a ground that does not apply is refused with
    the reason, so the requester can choose another."""
    notice = _notice(request)
    if ground in GROUNDS_FROM_DEADLINE:
        due = request.extended_due_on or request.notice_due_on
        answered_on_time = notice is not None and due is not None and _local(request, notice.issued_at) <= due
        if ground == Ground.C and answered_on_time:
            raise ValidationError(
                {"grounds": _("Ground c: the written notice was issued on time; choose another ground.")}
            )
        return _day_after_deadline(request, ground, today)
    if ground == Ground.G:
        delivery = _delivery(request)
        if delivery is not None:
            return GroundDate(ground, _local(request, delivery.delivered_at), _("the date of delivery"))
        return _day_after_deadline(request, ground, today)
    if notice is None:
        raise ValidationError(
            {"grounds": _("Ground %(ground)s needs a written notice, and none was issued.") % {"ground": ground}}
        )
    if ground == Ground.A and notice.outcome not in REFUSING_OUTCOMES:
        raise ValidationError({"grounds": _("Ground a: the written notice did not refuse any information.")})
    if ground == Ground.E and notice.outcome not in GRANTING_OUTCOMES:
        raise ValidationError({"grounds": _("Ground e: the written notice did not grant any information.")})
    if ground == Ground.E:
        delivery = _delivery(request)
        if delivery is not None:
            return GroundDate(ground, _local(request, delivery.delivered_at), _("the date of delivery"))
    return GroundDate(ground, _local(request, notice.issued_at), _("the date of the written notice"))


def window_start(request: InformationRequest, grounds: list[Ground], today: datetime.date) -> GroundDate:
    """The latest of the grounds' dates: an objection is in time if any of its grounds is
    (the reading most favourable to the requester, Pasal 36 ayat (1))."""
    if request.status in NOT_OBJECTABLE:
        raise ValidationError(
            _("No objection can be filed on request %(number)s: it is “%(status)s”.")
            % {"number": request.registration_number, "status": RequestStatus(request.status).label}
        )
    if not grounds:
        raise ValidationError({"grounds": _("Choose at least one ground of Pasal 35 ayat (1).")})
    dates = [ground_date(request, ground, today) for ground in grounds]
    return max(dates, key=lambda found: found.arose_on)
