"""Every role × every permission × every office position, against the rule written in permissions.py.

The rule: a role acts only at its own office and reads (``:view``) its own office and its
descendants; it never acts or reads at a parent or a sibling office.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import AccountKind, RoleMembership, User
from ppid.accounts.permissions import (
    ALL_PERMISSIONS,
    DUTIES,
    READ_ACTIONS,
    REQUESTER_PERMISSIONS,
    ROLE_PERMISSIONS,
    UnknownPermission,
    can,
    filter_visible,
    roles_with,
)
from ppid.accounts.roles import UNIT_ROLES, Role
from ppid.offices.models import Office, WorkUnit

pytestmark = pytest.mark.django_db

HOME = "32"  # KPU Provinsi Jawa Barat holds every role in the table
POSITIONS = {"own": "32", "child": "32.73", "parent": "00", "other": "33"}
STAFF_PERMISSIONS = frozenset().union(*ROLE_PERMISSIONS.values())
REQUESTER_ONLY = REQUESTER_PERMISSIONS - STAFF_PERMISSIONS
TABLE_PERMISSIONS = sorted(ALL_PERMISSIONS - REQUESTER_ONLY)
SEED_DUTY_CODES = [
    "a.1", "a.2", "b.1", "b.2", "b.3", "c.1", "c.2", "c.3", "c.4", "c.5",
    "d.1", "d.2", "d.3", "d.4", "d.5", "d.6", "e.1", "e.2", "e.3", "f",
]  # fmt: skip


@dataclass
class Record:
    """A stand-in for a record that belongs to an office, maybe owned by a requester or held by units."""

    office: Office
    owner_user_id: int | None = None
    work_unit_ids: list[int] | None = field(default=None)


def _unit_of(office: Office, role: Role) -> WorkUnit | None:
    if role == Role.LEGAL_UNIT:
        return office.legal_unit
    if role == Role.TIM_PENGHUBUNG:
        return office.work_units.filter(is_legal_unit=False).order_by("name").first()
    return None


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """One user per role at HOME, created once for the module and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        offices = {code: Office.objects.get(code=code) for code in {HOME, *POSITIONS.values()}}
        users: dict[Role, User] = {}
        for role in Role:
            user = User.objects.create(username=f"table-{role.value}", kind=AccountKind.STAFF)
            RoleMembership.objects.create(
                user=user, office=offices[HOME], role=role, work_unit=_unit_of(offices[HOME], role)
            )
            users[role] = user
        yield {"offices": offices, "users": users}
        transaction.set_rollback(True)


def _expected(role: Role, permission: str, position: str) -> bool:
    if permission not in ROLE_PERMISSIONS[role]:
        return False
    is_read = permission.split(":", 1)[1] in READ_ACTIONS
    return position == "own" or (position == "child" and is_read)


@pytest.mark.parametrize("position", list(POSITIONS))
@pytest.mark.parametrize("permission", TABLE_PERMISSIONS)
@pytest.mark.parametrize("role", list(Role))
def test_it_grants_each_role_exactly_its_permissions_by_office_position(
    world: dict[str, Any], role: Role, permission: str, position: str
) -> None:
    user = world["users"][role]
    office = world["offices"][POSITIONS[position]]

    assert can(user, permission, office) is _expected(role, permission, position)


def test_it_builds_a_table_of_more_than_a_thousand_cases() -> None:
    assert len(Role) * len(TABLE_PERMISSIONS) * len(POSITIONS) > 1000


@pytest.mark.parametrize("role", list(Role))
def test_it_filters_offices_as_can_decides(world: dict[str, Any], role: Role) -> None:
    user = world["users"][role]
    offices = Office.objects.filter(code__in=POSITIONS.values())
    writes = sorted(p for p in ROLE_PERMISSIONS[role] if p.split(":", 1)[1] not in READ_ACTIONS)
    for permission in ["office:view", "audit:view", writes[0], "dip:approve"]:
        visible = set(filter_visible(user, permission, offices, office_field="").values_list("code", flat=True))
        allowed = {office.code for office in offices if can(user, permission, office)}
        assert visible == allowed, permission


def test_it_lets_filter_visible_follow_a_path_to_the_office(world: dict[str, Any]) -> None:
    user = world["users"][Role.PPID]
    units = WorkUnit.objects.filter(office__code__in=POSITIONS.values())

    visible = filter_visible(user, "office:view", units, office_field="office")

    assert {unit.office.code for unit in visible} == {"32", "32.73"}


@pytest.mark.parametrize("duty", DUTIES, ids=lambda d: d.code)
def test_it_gives_each_seed_duty_to_its_role_and_no_other(duty: Any) -> None:
    for permission in duty.permissions:
        assert roles_with(permission) == {duty.role}, permission


def test_it_lists_every_seed_duty_exactly_once() -> None:
    assert sorted(duty.code for duty in DUTIES) == sorted(SEED_DUTY_CODES)
    assert len({duty.code for duty in DUTIES}) == len(DUTIES)


def test_it_gives_every_role_office_view() -> None:
    assert all("office:view" in ROLE_PERMISSIONS[role] for role in Role)


@pytest.mark.parametrize("role", sorted(UNIT_ROLES))
def test_it_limits_a_unit_role_to_its_work_unit(world: dict[str, Any], role: Role) -> None:
    user = world["users"][role]
    office = world["offices"][HOME]
    own_unit = _unit_of(office, role)
    assert own_unit is not None
    other_unit = office.work_units.exclude(pk=own_unit.pk).first()
    assert other_unit is not None
    write = sorted(p for p in ROLE_PERMISSIONS[role] if not p.endswith(":view"))[0]

    assert can(user, write, Record(office=office, work_unit_ids=[own_unit.pk]))
    assert can(user, write, Record(office=office, work_unit_ids=[other_unit.pk, own_unit.pk]))
    assert not can(user, write, Record(office=office, work_unit_ids=[other_unit.pk]))
    assert not can(user, write, Record(office=office, work_unit_ids=[]))
    # Reading is not limited to the unit: the unit sees its office's records.
    assert can(user, "request:view", Record(office=office, work_unit_ids=[other_unit.pk]))


def test_it_does_not_limit_an_office_role_to_a_work_unit(world: dict[str, Any]) -> None:
    office = world["offices"][HOME]
    unit = office.work_units.first()
    assert unit is not None

    assert can(world["users"][Role.PPID], "request:decide", Record(office=office, work_unit_ids=[unit.pk]))


def _membership_user(username: str, **period: datetime.date) -> User:
    office = Office.objects.get(code=HOME)
    user = User.objects.create(username=username, kind=AccountKind.STAFF)
    RoleMembership.objects.create(user=user, office=office, role=Role.PPID, **period)
    return user


def test_it_grants_nothing_through_an_expired_membership() -> None:
    today = timezone.localdate()
    user = _membership_user(
        "expired", valid_from=today - datetime.timedelta(days=30), valid_until=today - datetime.timedelta(days=1)
    )

    assert not can(user, "request:decide", Office.objects.get(code=HOME))
    assert not can(user, "office:view", Office.objects.get(code=HOME))


def test_it_grants_through_a_membership_on_its_last_day() -> None:
    today = timezone.localdate()
    user = _membership_user("last-day", valid_from=today - datetime.timedelta(days=30), valid_until=today)

    assert can(user, "request:decide", Office.objects.get(code=HOME))


def test_it_grants_nothing_through_a_membership_not_yet_valid() -> None:
    user = _membership_user("future", valid_from=timezone.localdate() + datetime.timedelta(days=1))

    assert not can(user, "request:decide", Office.objects.get(code=HOME))
    assert not filter_visible(user, "office:view", Office.objects.all(), office_field="").exists()


def test_it_grants_nothing_to_an_inactive_user() -> None:
    user = _membership_user("inactive")
    user.is_active = False
    user.save()
    office = Office.objects.get(code=HOME)

    assert not can(user, "request:decide", office)
    assert not can(user, "office:view", office)
    assert not filter_visible(user, "office:view", Office.objects.all(), office_field="").exists()


def test_it_grants_nothing_to_an_anonymous_visitor() -> None:
    office = Office.objects.get(code=HOME)
    anonymous = AnonymousUser()

    assert not any(can(anonymous, permission, office) for permission in ALL_PERMISSIONS)
    assert not can(anonymous, "request:view", Record(office=office, owner_user_id=None))
    assert not filter_visible(anonymous, "office:view", Office.objects.all(), office_field="").exists()


@pytest.mark.parametrize("check", [can, lambda user, action, obj: filter_visible(user, action, obj, office_field="")])
def test_it_raises_on_an_unknown_permission(check: Any) -> None:
    user = _membership_user("typo")

    with pytest.raises(UnknownPermission):
        check(user, "request:decidee", Office.objects.all())


def test_it_raises_on_an_unknown_permission_even_for_anonymous() -> None:
    with pytest.raises(UnknownPermission):
        can(AnonymousUser(), "nothing:here", Office.objects.get(code=HOME))


@pytest.mark.parametrize("permission", sorted(REQUESTER_PERMISSIONS))
def test_it_lets_a_requester_act_only_on_records_they_own(permission: str) -> None:
    office = Office.objects.get(code=HOME)
    requester = User.objects.create(username="pemohon", kind=AccountKind.REQUESTER)
    someone_else = User.objects.create(username="pemohon-lain", kind=AccountKind.REQUESTER)

    assert can(requester, permission, Record(office=office, owner_user_id=requester.pk))
    assert not can(requester, permission, Record(office=office, owner_user_id=someone_else.pk))
    assert not can(requester, permission, Record(office=office))
    assert not can(requester, permission, office)


def test_it_gives_a_requester_no_staff_permission_on_their_own_record() -> None:
    office = Office.objects.get(code=HOME)
    requester = User.objects.create(username="pemohon", kind=AccountKind.REQUESTER)
    own = Record(office=office, owner_user_id=requester.pk)

    assert [p for p in sorted(STAFF_PERMISSIONS - REQUESTER_PERMISSIONS) if can(requester, p, own)] == []


@pytest.mark.parametrize("permission", sorted(REQUESTER_ONLY))
def test_it_gives_no_staff_role_a_requester_only_permission(world: dict[str, Any], permission: str) -> None:
    office = world["offices"][HOME]
    for user in world["users"].values():
        assert not can(user, permission, Record(office=office, owner_user_id=None))


def test_it_lets_a_role_at_kpu_ri_read_a_regency_two_levels_down_but_not_act_there() -> None:
    user = _membership_user("pusat")
    RoleMembership.objects.filter(user=user).update(office=Office.objects.get(code="00"))
    regency = Office.objects.get(code="32.73")

    assert can(user, "request:view", regency)
    assert not can(user, "request:decide", regency)


def test_it_does_not_let_a_province_read_a_regency_of_another_province(world: dict[str, Any]) -> None:
    jakarta_pusat = Office.objects.get(code="31.71")

    assert not can(world["users"][Role.PPID], "request:view", jakarta_pusat)
    assert not can(world["users"][Role.PPID], "request:decide", jakarta_pusat)
