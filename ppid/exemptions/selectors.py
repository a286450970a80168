"""Which exemptions apply where (PKPU 22/2023 Pasal 24-26: KPU RI decides for every office)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from ppid.exemptions.models import Exemption
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office


def applying_to(office: Office) -> Q:
    """Exemptions that concern `office`: national ones (decided by KPU RI for every office) and
    those decided for it or an office above it (PKPU 22/2023 Pasal 24-25)."""
    # The path holds region codes ("00/32/32.73"): the office and its ancestors by code.
    return Q(national=True) | Q(office__code__in=office.path.split("/"))


def applicable_exemptions(office: Office, day: datetime.date) -> QuerySet[Exemption]:
    """Exemptions in force on `day` for `office`."""
    return Exemption.objects.filter(
        applying_to(office),
        status=ExemptionStatus.ACTIVE,
        valid_from__lte=day,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def public_exemptions() -> QuerySet[Exemption]:
    """The DIK as the public sees it: every exemption decided, with its ground and duration."""
    return Exemption.objects.exclude(status=ExemptionStatus.REVOKED).select_related("office")
