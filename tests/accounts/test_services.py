"""membership_grant and membership_end: appointing people to roles and ending appointments."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ppid.accounts.models import AccountKind, RoleMembership
from ppid.accounts.permissions import can
from ppid.accounts.roles import Role
from ppid.accounts.services import MEMBERSHIP_ENDED, MEMBERSHIP_GRANTED, membership_end, membership_grant
from ppid.events.models import Event
from ppid.offices.models import Office
from tests.factories import RequesterFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_it_grants_a_role_and_records_it(office_jabar: Office) -> None:
    admin = user_with_role(Role.SYSADMIN, office_jabar)
    person = UserFactory()

    membership = membership_grant(
        actor=admin, user=person, office=office_jabar, role=Role.PPID, decree_number="12/2025"
    )

    assert membership.valid_from == TODAY()
    assert membership.valid_until is None
    assert can(person, "request:decide", office_jabar)
    event = Event.objects.get(event_type=MEMBERSHIP_GRANTED)
    assert event.actor == admin
    assert event.office == office_jabar
    assert event.after["role"] == "ppid"
    assert event.after["user"] == person.pk
    assert event.after["decree_number"] == "12/2025"


def test_it_turns_a_requester_account_into_a_staff_account(office_jabar: Office) -> None:
    person = RequesterFactory()

    membership_grant(actor=None, user=person, office=office_jabar, role=Role.DESK)

    person.refresh_from_db()
    assert person.kind == AccountKind.STAFF


def test_it_grants_a_unit_role_in_a_unit_of_the_office(office_jabar: Office) -> None:
    unit = office_jabar.work_units.filter(is_legal_unit=False).first()

    membership = membership_grant(
        actor=None, user=UserFactory(), office=office_jabar, role=Role.TIM_PENGHUBUNG, work_unit=unit
    )

    assert membership.work_unit == unit


def test_it_refuses_a_unit_role_without_a_unit(office_jabar: Office) -> None:
    with pytest.raises(ValidationError):
        membership_grant(actor=None, user=UserFactory(), office=office_jabar, role=Role.TIM_PENGHUBUNG)

    assert not RoleMembership.objects.exists()
    assert not Event.objects.filter(event_type=MEMBERSHIP_GRANTED).exists()


def test_it_refuses_a_work_unit_of_another_office(office_jabar: Office, office_jateng: Office) -> None:
    unit = office_jateng.work_units.filter(is_legal_unit=False).first()

    with pytest.raises(ValidationError) as excinfo:
        membership_grant(actor=None, user=UserFactory(), office=office_jabar, role=Role.TIM_PENGHUBUNG, work_unit=unit)

    assert "work_unit" in excinfo.value.message_dict
    assert not RoleMembership.objects.exists()


def test_it_refuses_the_legal_unit_role_outside_the_legal_unit(office_jabar: Office) -> None:
    unit = office_jabar.work_units.filter(is_legal_unit=False).first()

    with pytest.raises(ValidationError) as excinfo:
        membership_grant(actor=None, user=UserFactory(), office=office_jabar, role=Role.LEGAL_UNIT, work_unit=unit)

    assert "work_unit" in excinfo.value.message_dict


def test_it_grants_the_legal_unit_role_in_the_legal_unit(office_jabar: Office) -> None:
    membership = membership_grant(
        actor=None, user=UserFactory(), office=office_jabar, role="legal_unit", work_unit=office_jabar.legal_unit
    )

    assert membership.work_unit == office_jabar.legal_unit


def test_it_refuses_a_period_that_ends_before_it_starts(office_jabar: Office) -> None:
    with pytest.raises(ValidationError):
        membership_grant(
            actor=None, user=UserFactory(), office=office_jabar, role=Role.PPID,
            valid_from=TODAY(), valid_until=TODAY() - datetime.timedelta(days=1),
        )  # fmt: skip


def test_it_refuses_a_sysadmin_of_another_office(office_jabar: Office, office_jateng: Office) -> None:
    admin_jateng = user_with_role(Role.SYSADMIN, office_jateng)

    with pytest.raises(PermissionDenied):
        membership_grant(actor=admin_jateng, user=UserFactory(), office=office_jabar, role=Role.PPID)


def test_it_refuses_a_sysadmin_of_the_parent_office(office_ri: Office, office_jabar: Office) -> None:
    admin_ri = user_with_role(Role.SYSADMIN, office_ri)

    with pytest.raises(PermissionDenied):
        membership_grant(actor=admin_ri, user=UserFactory(), office=office_jabar, role=Role.PPID)


def test_it_refuses_an_actor_who_is_not_a_sysadmin(office_jabar: Office) -> None:
    ppid = user_with_role(Role.PPID, office_jabar)

    with pytest.raises(PermissionDenied):
        membership_grant(actor=ppid, user=UserFactory(), office=office_jabar, role=Role.DESK)


def test_it_ends_a_membership_and_records_it(office_jabar: Office) -> None:
    admin = user_with_role(Role.SYSADMIN, office_jabar)
    membership = membership_grant(
        actor=None,
        user=UserFactory(),
        office=office_jabar,
        role=Role.PPID,
        valid_from=TODAY() - datetime.timedelta(days=10),
    )
    yesterday = TODAY() - datetime.timedelta(days=1)

    ended = membership_end(actor=admin, membership=membership, on=yesterday, note="mutasi")

    assert ended.valid_until == yesterday
    assert RoleMembership.objects.get(pk=membership.pk).valid_until == yesterday
    event = Event.objects.get(event_type=MEMBERSHIP_ENDED)
    assert event.before == {"valid_until": None}
    assert event.after == {"valid_until": yesterday.isoformat()}
    assert event.note == "mutasi"
    person = RoleMembership.objects.get(pk=membership.pk).user
    assert not can(person, "request:decide", office_jabar)


def test_it_keeps_the_role_through_the_last_day(office_jabar: Office) -> None:
    membership = membership_grant(actor=None, user=UserFactory(), office=office_jabar, role=Role.PPID)

    membership_end(actor=None, membership=membership, on=TODAY())

    assert can(RoleMembership.objects.get(pk=membership.pk).user, "request:decide", office_jabar)


def test_it_records_nothing_when_the_membership_already_ended_earlier(office_jabar: Office) -> None:
    start = TODAY() - datetime.timedelta(days=10)
    membership = membership_grant(
        actor=None, user=UserFactory(), office=office_jabar, role=Role.PPID,
        valid_from=start, valid_until=start + datetime.timedelta(days=2),
    )  # fmt: skip

    unchanged = membership_end(actor=None, membership=membership, on=TODAY())

    assert unchanged.valid_until == start + datetime.timedelta(days=2)
    assert not Event.objects.filter(event_type=MEMBERSHIP_ENDED).exists()


def test_it_refuses_to_end_a_membership_before_it_started(office_jabar: Office) -> None:
    membership = membership_grant(actor=None, user=UserFactory(), office=office_jabar, role=Role.PPID)

    with pytest.raises(ValidationError):
        membership_end(actor=None, membership=membership, on=TODAY() - datetime.timedelta(days=1))


def test_it_refuses_to_end_a_membership_for_a_sysadmin_of_another_office(
    office_jabar: Office, office_jateng: Office
) -> None:
    membership = membership_grant(actor=None, user=UserFactory(), office=office_jabar, role=Role.PPID)

    with pytest.raises(PermissionDenied):
        membership_end(actor=user_with_role(Role.SYSADMIN, office_jateng), membership=membership, on=TODAY())

    assert RoleMembership.objects.get(pk=membership.pk).valid_until is None
