"""Staff and public pages of the annual report: permissions per step, downloads, the public list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid.accounts.models import User
from ppid.annual.models import AnnualReport
from ppid.annual.services import annual_report_approve, annual_report_publish, annual_report_submit
from ppid.annual.workflow import Status
from ppid.core.spreadsheets import XLSX_TYPE
from ppid.offices.models import Office
from tests.annual.conftest import REPORT_YEAR

pytestmark = pytest.mark.django_db


def _published(report: AnnualReport, ppid: User, atasan: User) -> AnnualReport:
    report = annual_report_submit(report=report, actor=ppid)
    report = annual_report_approve(report=report, actor=atasan)
    return annual_report_publish(report=report, actor=ppid)


def test_the_ppid_starts_a_report_from_the_list(client: Client, ppid_officer: User, office: Office) -> None:
    client.force_login(ppid_officer)
    response = client.post(reverse("annual:staff_list"), {"office": office.pk, "year": REPORT_YEAR})
    report = AnnualReport.objects.get(office=office, year=REPORT_YEAR)
    assert response.status_code == 302 and response["Location"] == reverse("annual:staff_detail", args=[report.pk])
    again = client.post(reverse("annual:staff_list"), {"office": office.pk, "year": REPORT_YEAR})
    assert again.status_code == 400
    assert AnnualReport.objects.count() == 1


def test_staff_pages_need_a_login_and_hide_other_offices(
    client: Client, draft: AnnualReport, staff: object, office_jateng: Office
) -> None:
    url = reverse("annual:staff_detail", args=[draft.pk])
    assert client.get(url).status_code == 302
    from ppid.accounts.roles import Role

    outsider = staff(Role.PPID, office_jateng)  # type: ignore[operator]
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "submit"])).status_code == 404


def test_the_wrong_role_gets_403_and_the_right_one_moves_the_report(
    client: Client, draft: AnnualReport, ppid_officer: User, atasan: User
) -> None:
    client.force_login(atasan)
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "submit"])).status_code == 403
    client.force_login(ppid_officer)
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "submit"])).status_code == 302
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "approve"])).status_code == 403
    client.force_login(atasan)
    response = client.post(reverse("annual:staff_step", args=[draft.pk, "return"]), {"note": ""})
    assert response.status_code == 400
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "approve"])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED
    # approving twice is a clear conflict, not a crash
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "approve"])).status_code == 409
    assert client.post(reverse("annual:staff_step", args=[draft.pk, "nonsense"])).status_code == 404


def test_narrative_errors_keep_what_was_typed(
    client: Client, draft: AnnualReport, ppid_officer: User, atasan: User
) -> None:
    annual_report_submit(report=draft, actor=ppid_officer)
    client.force_login(ppid_officer)
    response = client.post(reverse("annual:staff_update", args=[draft.pk]), {"budget": "Anggaran baru"})
    assert response.status_code == 400
    assert "Anggaran baru" in response.content.decode()


def test_the_pdf_preview_and_the_xlsx_download(client: Client, draft: AnnualReport, ppid_officer: User) -> None:
    client.force_login(ppid_officer)
    pdf = client.get(reverse("annual:staff_pdf", args=[draft.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("annual:staff_xlsx", args=[draft.pk]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"] == XLSX_TYPE


def test_the_public_page_lists_only_published_reports(
    client: Client, draft: AnnualReport, ppid_officer: User, atasan: User, office_jabar: Office, staff: object
) -> None:
    from ppid.accounts.roles import Role
    from ppid.annual.services import annual_report_create

    ppid_jabar = staff(Role.PPID, office_jabar)  # type: ignore[operator]
    unpublished = annual_report_create(office=office_jabar, year=REPORT_YEAR, actor=ppid_jabar)
    assert client.get(reverse("annual:public_detail", args=[draft.pk])).status_code == 404
    report = _published(draft, ppid_officer, atasan)
    page = client.get(reverse("annual:public_list")).content.decode()
    assert reverse("annual:public_detail", args=[report.pk]) in page
    assert reverse("annual:public_detail", args=[unpublished.pk]) not in page
    assert client.get(reverse("annual:public_detail", args=[unpublished.pk])).status_code == 404
    detail = client.get(reverse("annual:public_detail", args=[report.pk]))
    assert detail.status_code == 200 and "Isi bagian follow_up." in detail.content.decode()
    pdf = client.get(reverse("annual:public_pdf", args=[report.pk]))
    content = b"".join(pdf.streaming_content)  # type: ignore[attr-defined]
    assert content.startswith(b"%PDF")
    assert client.get(reverse("annual:public_xlsx", args=[report.pk]))["Content-Type"] == XLSX_TYPE
    own = client.get(reverse("annual:public_list"), {"kantor": report.office.code}).content.decode()
    assert reverse("annual:public_detail", args=[report.pk]) in own
    other = client.get(reverse("annual:public_list"), {"kantor": office_jabar.code}).content.decode()
    assert reverse("annual:public_detail", args=[report.pk]) not in other
    other_year = client.get(reverse("annual:public_list"), {"tahun": REPORT_YEAR - 1}).content.decode()
    assert reverse("annual:public_detail", args=[report.pk]) not in other_year


def test_list_pages_use_a_constant_number_of_queries(
    client: Client, draft: AnnualReport, ppid_officer: User, atasan: User, staff: object
) -> None:
    from ppid.accounts.roles import Role
    from ppid.annual.services import annual_report_create

    client.force_login(ppid_officer)
    _published(draft, ppid_officer, atasan)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    staff_before, public_before = count(reverse("annual:staff_list")), count(reverse("annual:public_list"))
    for office in Office.objects.exclude(pk=draft.office_id)[:3]:
        report = annual_report_create(office=office, year=REPORT_YEAR, actor=staff(Role.PPID, office))  # type: ignore[operator]
        report.status = Status.PUBLISHED  # only the count matters here
        report.save(update_fields=["status"])
    assert count(reverse("annual:staff_list")) == staff_before
    assert count(reverse("annual:public_list")) == public_before


def test_the_report_page_states_its_due_date_from_the_rule(
    client: Client, draft: AnnualReport, ppid_officer: User
) -> None:
    client.force_login(ppid_officer)
    html = client.get(reverse("annual:staff_detail", args=[draft.pk])).content.decode()
    assert f"31 Maret {draft.year + 1}" in html
    assert "Perki 1/2021 Pasal 56" in html
