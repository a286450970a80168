"""office_update and work_unit_update: the administrator's corrections, each with one audit event."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.offices.models import Office, WorkUnit
from ppid.offices.services import (
    OFFICE_CREATED,
    OFFICE_UPDATED,
    WORK_UNIT_CREATED,
    WORK_UNIT_UPDATED,
    office_create,
    office_update,
    work_unit_create,
    work_unit_update,
)
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_jabar(office_jabar: Office) -> User:
    return user_with_role(Role.SYSADMIN, office_jabar)


def test_it_updates_an_office_and_records_before_and_after(admin_jabar: User, office_jabar: Office) -> None:
    office_update(
        actor=admin_jabar, office=office_jabar,
        changes={"phone": "022-1234567", "opens_at": datetime.time(7, 30)}, note="jam baru",
    )  # fmt: skip

    office_jabar.refresh_from_db()
    assert office_jabar.phone == "022-1234567"
    assert office_jabar.opens_at == datetime.time(7, 30)
    event = Event.objects.get(event_type=OFFICE_UPDATED)
    assert event.before == {"phone": "", "opens_at": "08:00:00"}
    assert event.after == {"phone": "022-1234567", "opens_at": "07:30:00"}
    assert event.actor == admin_jabar
    assert event.actor_role == Role.SYSADMIN
    assert event.office == office_jabar
    assert event.note == "jam baru"
    assert event.object_id == str(office_jabar.pk)


def test_it_records_nothing_when_nothing_changes(admin_jabar: User, office_jabar: Office) -> None:
    office_update(
        actor=admin_jabar, office=office_jabar, changes={"name": office_jabar.name, "opens_at": datetime.time(8)}
    )

    assert not Event.objects.filter(event_type=OFFICE_UPDATED).exists()


def test_it_refuses_a_sysadmin_of_another_office(office_jabar: Office, office_jateng: Office) -> None:
    admin_jateng = user_with_role(Role.SYSADMIN, office_jateng)

    with pytest.raises(PermissionDenied):
        office_update(actor=admin_jateng, office=office_jabar, changes={"phone": "022"})

    office_jabar.refresh_from_db()
    assert office_jabar.phone == ""
    assert not Event.objects.filter(event_type=OFFICE_UPDATED).exists()


def test_it_refuses_a_sysadmin_of_the_parent_office(office_ri: Office, office_bandung: Office) -> None:
    admin_ri = user_with_role(Role.SYSADMIN, office_ri)

    with pytest.raises(PermissionDenied):
        office_update(actor=admin_ri, office=office_bandung, changes={"phone": "022"})


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSADMIN])
def test_it_refuses_anyone_but_a_sysadmin(role: Role, office_jabar: Office) -> None:
    actor = user_with_role(role, office_jabar)

    with pytest.raises(PermissionDenied):
        office_update(actor=actor, office=office_jabar, changes={"phone": "022"})


def test_it_refuses_fields_that_are_not_editable(admin_jabar: User, office_jabar: Office) -> None:
    with pytest.raises(ValidationError, match="code"):
        office_update(actor=admin_jabar, office=office_jabar, changes={"code": "99"})


def test_it_refuses_closing_hours_before_opening(admin_jabar: User, office_jabar: Office) -> None:
    with pytest.raises(ValidationError):
        office_update(actor=admin_jabar, office=office_jabar, changes={"closes_at": datetime.time(7, 0)})

    office_jabar.refresh_from_db()
    assert office_jabar.closes_at == datetime.time(16, 0)
    assert not Event.objects.filter(event_type=OFFICE_UPDATED).exists()


def test_it_keeps_the_path_when_an_office_is_renamed(admin_jabar: User, office_jabar: Office) -> None:
    updated = office_update(actor=admin_jabar, office=office_jabar, changes={"name": "KPU Provinsi Jabar"})

    assert updated.path == "00/32"
    assert Office.objects.get(code="32").name == "KPU Provinsi Jabar"


def test_it_creates_a_new_regency_under_its_province(admin_jabar: User, office_jabar: Office) -> None:
    office = office_create(
        actor=admin_jabar,
        parent=office_jabar,
        code="32.99",
        name="KPU Kabupaten Baru",
        level="kabkota",
        time_zone="WIB",
    )

    assert office.path == "00/32/32.99"
    assert office.province_code == "32"
    assert Event.objects.get(event_type=OFFICE_CREATED).after["code"] == "32.99"


def test_it_moves_the_legal_unit_flag_to_another_unit(admin_jabar: User, office_jabar: Office) -> None:
    previous = office_jabar.legal_unit
    assert previous is not None
    unit = office_jabar.work_units.filter(is_legal_unit=False).first()
    assert unit is not None

    work_unit_update(actor=admin_jabar, unit=unit, changes={"is_legal_unit": True}, note="reorganisasi")

    assert office_jabar.legal_unit == unit
    assert WorkUnit.objects.filter(office=office_jabar, is_legal_unit=True).count() == 1
    events = Event.objects.filter(event_type=WORK_UNIT_UPDATED)
    assert {(e.object_id, e.before["is_legal_unit"], e.after["is_legal_unit"]) for e in events} == {
        (str(previous.pk), True, False),
        (str(unit.pk), False, True),
    }


def test_it_records_nothing_when_the_legal_unit_is_flagged_again(admin_jabar: User, office_jabar: Office) -> None:
    unit = office_jabar.legal_unit
    assert unit is not None

    work_unit_update(actor=admin_jabar, unit=unit, changes={"is_legal_unit": True})

    assert office_jabar.legal_unit == unit
    assert not Event.objects.filter(event_type=WORK_UNIT_UPDATED).exists()


def test_it_refuses_to_correct_a_unit_of_another_office(office_jabar: Office, office_jateng: Office) -> None:
    admin_jateng = user_with_role(Role.SYSADMIN, office_jateng)
    unit = office_jabar.work_units.first()
    assert unit is not None

    with pytest.raises(PermissionDenied):
        work_unit_update(actor=admin_jateng, unit=unit, changes={"name": "Bagian Baru"})


def test_it_adds_a_legal_unit_and_moves_the_flag_to_it(admin_jabar: User, office_jabar: Office) -> None:
    unit = work_unit_create(
        actor=admin_jabar, office=office_jabar, name="Bagian Hukum", kind="bagian", is_legal_unit=True
    )

    assert office_jabar.legal_unit == unit
    assert Event.objects.filter(event_type=WORK_UNIT_CREATED).count() == 1
    assert Event.objects.filter(event_type=WORK_UNIT_UPDATED).count() == 1
