"""The admin of directions and work plans: lists, searches and filters, and never writes a status."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.guidance.models import Direction, DirectionAddressee, WorkPlan
from ppid.guidance.services import ActivityData, activity_add, workplan_create
from ppid.guidance.workflow import AddresseeStatus
from ppid.offices.models import Office

pytestmark = pytest.mark.django_db

CHANGELISTS = ["guidance_direction", "guidance_directionaddressee", "guidance_workplan"]


def _plan(ppid: User, office: Office) -> WorkPlan:
    plan = workplan_create(office=office, year=2026, actor=ppid)
    activity_add(
        plan=plan,
        actor=ppid,
        data=ActivityData(
            title="Pemutakhiran DIP",
            target="Seluruh informasi berkala mutakhir",
            owner="PPID",
            starts_on=datetime.date(2026, 1, 15),
            ends_on=datetime.date(2026, 6, 30),
        ),
    )
    return plan


@pytest.fixture
def superuser(pembina: User) -> User:
    """A superuser who is also the Pembina PPID of KPU Provinsi Jawa Barat (the admin keeps the office rule)."""
    pembina.is_staff = pembina.is_superuser = True
    pembina.save(update_fields=["is_staff", "is_superuser"])
    return pembina


@pytest.fixture
def admin_client(superuser: User) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(superuser)
    return client


@pytest.fixture
def records(
    issue: Callable[..., Direction], ppid_officer: User, office: Office, staff: Callable[..., User]
) -> dict[str, object]:
    jateng = Office.objects.get(code="33")
    return {
        "direction": issue(),
        "plan": _plan(ppid_officer, office),
        "other_plan": _plan(staff(Role.PPID, jateng), jateng),
    }


@pytest.mark.parametrize("model", CHANGELISTS)
def test_the_changelists_render_for_a_superuser_without_an_add_button(
    admin_client: Client, records: dict[str, object], model: str
) -> None:
    page = admin_client.get(reverse(f"admin:{model}_changelist"))

    assert page.status_code == 200
    html = page.content.decode()
    assert reverse(f"admin:{model}_add") not in html
    expected = "KPU Kota Bandung" if model == "guidance_workplan" else "Perbarui DIP"
    assert expected in html


def test_the_changelists_search_and_filter(admin_client: Client, records: dict[str, object]) -> None:
    found = admin_client.get(reverse("admin:guidance_direction_changelist"), {"q": "Perbarui"})
    missed = admin_client.get(reverse("admin:guidance_direction_changelist"), {"q": "tidak ada"})
    sent = admin_client.get(reverse("admin:guidance_directionaddressee_changelist"), {"status__exact": "sent"})
    closed = admin_client.get(reverse("admin:guidance_directionaddressee_changelist"), {"status__exact": "closed"})

    assert "Perbarui DIP" in found.content.decode()
    assert "Perbarui DIP" not in missed.content.decode()
    assert "Perbarui DIP" in sent.content.decode()
    assert "Perbarui DIP" not in closed.content.decode()


def test_the_detail_pages_link_the_addressees_and_show_activities_read_only(
    admin_client: Client, records: dict[str, object]
) -> None:
    direction = records["direction"]
    plan = records["plan"]
    assert isinstance(direction, Direction) and isinstance(plan, WorkPlan)

    page = admin_client.get(reverse("admin:guidance_direction_change", args=[direction.pk]))
    plan_page = admin_client.get(reverse("admin:guidance_workplan_change", args=[plan.pk]))

    assert page.status_code == 200 and plan_page.status_code == 200
    # The addressees are listed on their own page (552 for a direction to every office below KPU RI).
    link = f'{reverse("admin:guidance_directionaddressee_changelist")}?direction={direction.pk}">1</a>'
    assert link in page.content.decode()
    addressees = admin_client.get(reverse("admin:guidance_directionaddressee_changelist"), {"direction": direction.pk})
    assert addressees.status_code == 200
    assert "KPU Kota Bandung" in addressees.content.decode()
    assert "Pemutakhiran DIP" in plan_page.content.decode()
    for html in (page.content.decode(), plan_page.content.decode()):
        assert 'name="_save"' not in html


def test_adding_changing_and_deleting_are_refused(admin_client: Client, records: dict[str, object]) -> None:
    direction = records["direction"]
    plan = records["plan"]
    assert isinstance(direction, Direction) and isinstance(plan, WorkPlan)
    addressee = DirectionAddressee.objects.get(direction=direction)

    for model in CHANGELISTS:
        assert admin_client.get(reverse(f"admin:{model}_add")).status_code == 403
    change = admin_client.post(
        reverse("admin:guidance_directionaddressee_change", args=[addressee.pk]), {"status": "closed"}
    )
    delete = admin_client.post(reverse("admin:guidance_workplan_delete", args=[plan.pk]), {"post": "yes"})

    assert change.status_code == 403
    assert delete.status_code == 403
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.SENT
    assert WorkPlan.objects.filter(pk=plan.pk).exists()


def test_the_admin_lists_only_what_the_staff_pages_show(admin_client: Client, records: dict[str, object]) -> None:
    page = admin_client.get(reverse("admin:guidance_workplan_changelist"))

    assert "KPU Kota Bandung" in page.content.decode()
    assert "KPU Provinsi Jawa Tengah" not in page.content.decode()
