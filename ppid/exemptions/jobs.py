"""The daily check of the DIK: flag exemptions that end soon for review, and mark those whose duration
has ended as expired (Pasal 20 UU 14/2008; PKPU 22/2023 Pasal 26; RULES.md §6).

Run once a day (Celery beat, task "ppid.exemptions.review_daily", or `manage.py exemptions_daily`).
It is idempotent: the service flags an exemption once and expires it once, so a second run on the
same day changes nothing, and a day the job did not run is caught up by the next run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from ppid.exemptions.services import exemption_review_due
from ppid.exemptions.services.consequence import national_office

# How long before its end an exemption is flagged, unless settings.EXEMPTION_REVIEW_NOTICE_DAYS says otherwise.
DEFAULT_NOTICE_DAYS = 60


@dataclass
class ReviewReport:
    flagged: list[str] = field(default_factory=list)
    expired: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"flagged={len(self.flagged)} expired={len(self.expired)}"


def national_today() -> datetime.date:
    """Exemptions are decided and counted at KPU RI: its own calendar day (WIB)."""
    return timezone.now().astimezone(national_office().zoneinfo).date()


def exemptions_daily(*, today: datetime.date | None = None, notice_days: int | None = None) -> ReviewReport:
    day = today or national_today()
    days = (
        notice_days
        if notice_days is not None
        else getattr(settings, "EXEMPTION_REVIEW_NOTICE_DAYS", DEFAULT_NOTICE_DAYS)
    )
    flagged, expired = exemption_review_due(today=day, notice_days=days)
    return ReviewReport(
        flagged=[str(e) for e in flagged],
        expired=[str(e) for e in expired],
    )
