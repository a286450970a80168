"""The daily job of the survey: invite requesters whose request was recently completed.

Run once a day (Celery beat task "ppid.surveys.daily", or `manage.py surveys_daily`). It is
idempotent: a request has at most one invitation, so a second run invites no one twice.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from ppid.requests.models import InformationRequest
from ppid.surveys.services import SURVEYABLE_STATUSES, SurveyStateError, survey_invite

logger = logging.getLogger(__name__)

# Requests completed longer ago than this are not surveyed: the memory of the service has faded.
LOOK_BACK = datetime.timedelta(days=30)


@dataclass
class SurveyDailyReport:
    invited: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"surveys: {len(self.invited)} invited, {len(self.skipped)} skipped"


def surveys_daily(*, now: datetime.datetime | None = None) -> SurveyDailyReport:
    """Invite every delivered or closed request, delivered in the last 30 days, not yet invited."""
    now = now or timezone.now()
    report = SurveyDailyReport()
    candidates = (
        InformationRequest.objects.filter(
            status__in=SURVEYABLE_STATUSES,
            delivery__delivered_at__gte=now - LOOK_BACK,
            survey_invitation__isnull=True,
        )
        .exclude(requester__email="")
        .order_by("pk")
    )
    for request in candidates:
        try:
            survey_invite(request=request)
        except SurveyStateError:  # changed since the query (another run, or a reopening): skip it
            report.skipped.append(request.registration_number)
            continue
        report.invited.append(request.registration_number)
    if report.invited:
        logger.info("%s", report.summary())
    return report
