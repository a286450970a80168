"""Which exemptions apply where (PKPU 22/2023 Pasal 24-26: KPU RI decides for every office)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from ppid.accounts.permissions import can, filter_visible, offices_where
from ppid.exemptions.models import ConsequenceTest, Exemption
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


def visible_tests(user: Any) -> QuerySet[ConsequenceTest]:
    """Tests `user` may read: where the test is run (KPU RI) or where it was asked (and, as
    monitoring, that office's parents), so an asking office follows its own tests."""
    tests = ConsequenceTest.objects.all()
    return filter_visible(user, "exemption:view", tests) | filter_visible(
        user, "exemption:view", tests, office_field="origin_office"
    )


def may_view_test(user: Any, test: ConsequenceTest) -> bool:
    """The detail twin of `visible_tests`."""
    return can(user, "exemption:view", test) or can(user, "exemption:view", test.origin_office)


def visible_exemptions(user: Any) -> QuerySet[Exemption]:
    """The DIK for staff: every exemption decided nationally (it applies to their office too, and the
    DIK is public anyway) and those decided at an office they may read."""
    offices = Office.objects.filter(offices_where(user, "exemption:view")).values("pk")
    return Exemption.objects.filter(Q(national=True) | Q(office__in=offices))
