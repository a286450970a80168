"""The /staf/arahan/ and /staf/rencana-kerja/ pages: who sees what (404), who may act (403), errors
kept on the page, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.guidance.models import Direction, DirectionAddressee, WorkPlan
from ppid.guidance.services import direction_acknowledge
from ppid.guidance.workflow import AddresseeStatus, DirectionScope, WorkPlanStatus
from ppid.offices.models import Office
from tests.guidance.conftest import NOW
from tests.requests.conftest import PDF_BYTES
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"  # assertions read the English msgids
    return client


def detail(direction: Direction) -> str:
    return f"/staf/arahan/{direction.pk}/"


def step(direction: Direction, addressee: DirectionAddressee, slug: str) -> str:
    return f"/staf/arahan/{direction.pk}/penerima/{addressee.pk}/{slug}/"


def test_the_pembina_issues_from_the_form(pembina: User, province: Office, office: Office) -> None:
    with frozen_now(NOW):
        response = logged_in(pembina).post(
            "/staf/arahan/baru/",
            {
                "office": province.pk,
                "title": "Laporan berkala",
                "text": "Kirim laporan layanan informasi.",
                "due_on": "2026-03-20",
                "scope": DirectionScope.ALL_BELOW,
            },
        )
    direction = Direction.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(direction)
    assert direction.addressees.count() == 27


def test_a_bad_form_is_shown_again_with_what_was_typed(pembina: User, province: Office) -> None:
    other = Office.objects.get(code="33")
    with frozen_now(NOW):
        response = logged_in(pembina).post(
            "/staf/arahan/baru/",
            {
                "office": province.pk,
                "title": "Judul tetap",
                "text": "Isi",
                "due_on": "2026-03-20",
                "scope": "one_office",
                "target": other.pk,
            },
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Judul tetap" in page and "Select a valid choice" in page
    assert not Direction.objects.exists()


def test_those_who_may_not_issue_get_403(atasan: User, ppid_officer: User) -> None:
    assert logged_in(atasan).get("/staf/arahan/baru/").status_code == 403
    assert logged_in(ppid_officer).get("/staf/arahan/baru/").status_code == 403
    assert Client().get("/staf/arahan/").status_code == 302  # login first


def test_the_addressed_ppid_sees_and_acts_another_gets_404(
    issue: Callable[..., Direction], ppid_officer: User, other_ppid: User, pembina: User
) -> None:
    direction = issue()
    addressee = direction.addressees.get()
    assert logged_in(other_ppid).get(detail(direction)).status_code == 404
    assert logged_in(other_ppid).post(step(direction, addressee, "terima")).status_code == 404
    client = logged_in(ppid_officer)
    assert direction.title in client.get("/staf/arahan/").content.decode()
    assert client.post(step(direction, addressee, "terima")).status_code == 302
    upload = SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(step(direction, addressee, "laporan"), {"text": "DIP dimutakhirkan.", "document": upload})
    assert response.status_code == 302
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.REPORTED
    report = addressee.reports.get()
    download = client.get(f"/staf/arahan/laporan/{report.pk}/dokumen/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert logged_in(other_ppid).get(f"/staf/arahan/laporan/{report.pk}/dokumen/").status_code == 404
    issuer_page = logged_in(pembina).get(detail(direction)).content.decode()
    assert "DIP dimutakhirkan." in issuer_page and "Follow-up reported" in issuer_page
    # The PPID may not close; the issuer may.
    assert client.post(step(direction, addressee, "tutup"), {"note": ""}).status_code == 403
    assert logged_in(pembina).post(step(direction, addressee, "tutup"), {"note": "Baik."}).status_code == 302
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.CLOSED


def test_an_empty_report_is_shown_again_with_its_error(issue: Callable[..., Direction], ppid_officer: User) -> None:
    direction = issue()
    addressee = direction_acknowledge(addressee=direction.addressees.get(), actor=ppid_officer)
    response = logged_in(ppid_officer).post(step(direction, addressee, "laporan"), {"text": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_a_step_no_longer_possible_says_so(issue: Callable[..., Direction], ppid_officer: User) -> None:
    direction = issue()
    addressee = direction.addressees.get()
    client = logged_in(ppid_officer)
    client.post(step(direction, addressee, "terima"))
    response = client.post(step(direction, addressee, "terima"), follow=True)
    assert "this step is not possible any more" in response.content.decode()


def test_overdue_is_marked_on_both_sides_and_on_the_staff_home(
    issue: Callable[..., Direction], ppid_officer: User, pembina: User
) -> None:
    issue(scope=DirectionScope.ALL_BELOW, target=None)
    with frozen_now(NOW.replace(day=20)):
        assert "Overdue" not in logged_in(ppid_officer).get("/staf/arahan/?overdue=on").content.decode()
        assert "Directions you issued with overdue" not in logged_in(pembina).get("/staf/").content.decode()
    with frozen_now(NOW.replace(month=4, day=2)):
        inbox_page = logged_in(ppid_officer).get("/staf/arahan/?overdue=on").content.decode()
        assert "Perbarui DIP" in inbox_page and "badge" in inbox_page
        home = logged_in(pembina).get("/staf/").content.decode()
        assert "Directions you issued with overdue follow-ups: 1" in home and "27 / 27" in home
        assert "Open directions to your office: 1 (1 overdue)" in logged_in(ppid_officer).get("/staf/").content.decode()


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_direction_pages_cost_the_same_queries_for_more_rows(
    issue: Callable[..., Direction], pembina: User, ppid_officer: User, office: Office
) -> None:
    first = issue(scope=DirectionScope.ALL_BELOW, target=None)
    direction_acknowledge(addressee=first.addressees.get(office=office), actor=ppid_officer)
    issuer, ppid = logged_in(pembina), logged_in(ppid_officer)
    few = [
        count(issuer, "/staf/arahan/"),
        count(ppid, "/staf/arahan/"),
        count(issuer, detail(first)),
        count(issuer, "/staf/"),
    ]
    for _ in range(3):
        issue(scope=DirectionScope.ALL_BELOW, target=None)
    for addressee in DirectionAddressee.objects.filter(office=office, status=AddresseeStatus.SENT):
        direction_acknowledge(addressee=addressee, actor=ppid_officer)
    many = [
        count(issuer, "/staf/arahan/"),
        count(ppid, "/staf/arahan/"),
        count(issuer, detail(first)),
        count(issuer, "/staf/"),
    ]
    assert many == few


# --- work plans ---


def test_the_workplan_flow_through_the_pages(
    office: Office, ppid_officer: User, atasan: User, staff: Callable[..., User]
) -> None:
    client = logged_in(ppid_officer)
    with frozen_now(NOW):
        assert client.post("/staf/rencana-kerja/", {"office": office.pk, "year": 2026}).status_code == 302
        plan = WorkPlan.objects.get()
        url = f"/staf/rencana-kerja/{plan.pk}/"
        activity = {
            "title": "Sosialisasi",
            "target": "4 kali",
            "owner": "Subbagian Teknis",
            "starts_on": "2026-02-01",
            "ends_on": "2026-01-01",
        }
        response = client.post(f"{url}aksi/kegiatan/", activity)
        assert response.status_code == 200 and "Sosialisasi" in response.content.decode()  # kept with its error
        assert client.post(f"{url}aksi/kegiatan/", {**activity, "ends_on": "2026-10-01"}).status_code == 302
        assert client.post(f"{url}aksi/aktifkan/").status_code == 302
        item = plan.activities.get()
        assert (
            client.post(f"{url}kegiatan/{item.pk}/kemajuan/", {"progress": 60, "note": "Tiga kali."}).status_code == 302
        )
        early = client.post(f"{url}aksi/evaluasi/", {"evaluation": "Terlalu dini."})
        assert early.status_code == 200 and "The evaluation can be written from" in early.content.decode()
    # The Atasan reads the plan but may not change it; a PPID of another province does not see it.
    assert logged_in(atasan).get(url).status_code == 200
    assert logged_in(atasan).post(f"{url}aksi/aktifkan/").status_code == 403
    assert logged_in(staff(Role.PPID, Office.objects.get(code="33"))).get(url).status_code == 404
    with frozen_now(datetime.datetime(2026, 12, 5, 3, 0, tzinfo=datetime.UTC)):
        assert client.post(f"{url}aksi/evaluasi/", {"evaluation": "Sebagian tercapai."}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == WorkPlanStatus.EVALUATED
    page = client.get(url).content.decode()
    assert "Sebagian tercapai." in page and "Progress of an activity updated" in page


def test_the_workplan_list_costs_the_same_queries_for_more_plans(ppid_officer: User, office: Office) -> None:
    from ppid.guidance.services import workplan_create

    client = logged_in(ppid_officer)
    workplan_create(office=office, year=2024, actor=ppid_officer)
    few = count(client, "/staf/rencana-kerja/")
    for year in (2021, 2022, 2023):
        workplan_create(office=office, year=year, actor=ppid_officer)
    assert count(client, "/staf/rencana-kerja/") == few
