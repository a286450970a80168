"""Which exemptions apply where (PKPU 22/2023 Pasal 24-26: KPU RI decides for every office)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from ppid.exemptions.models import Exemption
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office


def applicable_exemptions(office: Office, day: datetime.date) -> QuerySet[Exemption]:
    """Exemptions in force on `day` for `office`: national ones, and those decided for it or an ancestor."""
    # The path holds region codes ("00/32/32.73"): the office and its ancestors by code.
    return Exemption.objects.filter(
        Q(national=True) | Q(office__code__in=office.path.split("/")),
        status=ExemptionStatus.ACTIVE,
        valid_from__lte=day,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def public_exemptions() -> QuerySet[Exemption]:
    """The DIK as the public sees it: every exemption decided, with its ground and duration."""
    return Exemption.objects.exclude(status=ExemptionStatus.REVOKED).select_related("office")
