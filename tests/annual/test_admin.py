"""The admin of annual reports: lists, searches and filters, and never writes a status."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.annual.models import AnnualReport, AnnualReportRule
from ppid.annual.services import annual_report_create
from ppid.annual.workflow import Status
from ppid.offices.models import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(staff: Callable[..., User]) -> User:
    """A superuser who is also the Pembina PPID of KPU Provinsi Jawa Barat (the admin keeps the office rule)."""
    user = staff(Role.PEMBINA, Office.objects.get(code="32"))
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def admin_client(superuser: User) -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(superuser)
    return client


@pytest.fixture
def reports(ppid_officer: User, office: Office, staff: Callable[..., User]) -> dict[str, AnnualReport]:
    """A draft at KPU Kota Bandung (below the superuser's office) and one at KPU Provinsi Jawa Tengah."""
    year = timezone.localdate().year
    jateng = Office.objects.get(code="33")
    return {
        "bandung": annual_report_create(office=office, year=year, actor=ppid_officer),
        "jateng": annual_report_create(office=jateng, year=year, actor=staff(Role.PPID, jateng)),
    }


def test_the_changelist_renders_for_a_superuser_without_an_add_button(
    admin_client: Client, reports: dict[str, AnnualReport]
) -> None:
    page = admin_client.get(reverse("admin:annual_annualreport_changelist"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "KPU Kota Bandung" in html
    assert reverse("admin:annual_annualreport_add") not in html
    # The office rule of the staff pages: Jawa Tengah is not below Jawa Barat.
    assert "KPU Provinsi Jawa Tengah" not in html


def test_the_changelist_searches_and_filters_by_status(admin_client: Client, reports: dict[str, AnnualReport]) -> None:
    url = reverse("admin:annual_annualreport_changelist")

    found = admin_client.get(url, {"q": "Bandung"})
    missed = admin_client.get(url, {"q": "Bekasi"})
    drafts = admin_client.get(url, {"status__exact": Status.DRAFT})
    published = admin_client.get(url, {"status__exact": Status.PUBLISHED})

    assert "KPU Kota Bandung" in found.content.decode()
    assert "KPU Kota Bandung" not in missed.content.decode()
    assert "KPU Kota Bandung" in drafts.content.decode()
    assert "KPU Kota Bandung" not in published.content.decode()


def test_the_report_is_shown_read_only(admin_client: Client, reports: dict[str, AnnualReport]) -> None:
    page = admin_client.get(reverse("admin:annual_annualreport_change", args=[reports["bandung"].pk]))

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_adding_changing_and_deleting_are_refused(admin_client: Client, reports: dict[str, AnnualReport]) -> None:
    report = reports["bandung"]

    add = admin_client.get(reverse("admin:annual_annualreport_add"))
    change = admin_client.post(
        reverse("admin:annual_annualreport_change", args=[report.pk]),
        {"status": Status.PUBLISHED, "year": report.year, "office": report.office_id},
    )
    delete = admin_client.post(reverse("admin:annual_annualreport_delete", args=[report.pk]), {"post": "yes"})

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_the_due_date_rule_is_data_an_administrator_corrects(admin_client: Client) -> None:
    rule = AnnualReportRule.objects.get()
    response = admin_client.get(reverse("admin:annual_annualreportrule_change", args=[rule.pk]))
    assert response.status_code == 200
    assert "Perki 1/2021 Pasal 56" in response.content.decode()
