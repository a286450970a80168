"""The Atasan PPID's legal-matters register (seed c.4): objections and disputes of the office and,
read-only, of its subordinate offices, by next deadline."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.disputes.legal_matters import Matter
from ppid.disputes.models import Dispute
from ppid.disputes.services import (
    RulingData,
    dispute_end_mediation,
    dispute_record_ruling,
    dispute_schedule_session,
)
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.legal.test_dispute_views import logged_in, record, upheld_refusal
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

URL = "/staf/sengketa/perkara-hukum/"


@pytest.fixture
def refused(request_in: Callable[[str], InformationRequest], ppid_officer: User) -> Callable[[], InformationRequest]:
    """`refused()`: another request the PPID refused under Pasal 17 (ground a applies)."""

    def make() -> InformationRequest:
        request = request_in(RequestStatus.REGISTERED)
        request_decide(
            request=request,
            actor=ppid_officer,
            data=granted_in_full(
                outcome=RequestOutcome.REFUSED, exemption_ground="h", reasoning="Data pribadi.", information_given=""
            ),
        )
        request.refresh_from_db()
        return request

    return make


@pytest.fixture
def pending_objection(refused: Callable[[], InformationRequest], file_objection: Callable[..., Objection]) -> Objection:
    """Registered, waiting for the Atasan's answer (Pasal 36 ayat (2))."""
    return file_objection(refused(), "a")


def rows_of(response: Any) -> dict[str, Matter]:
    return {row.number: row for row in response.context["rows"]}


def test_the_atasan_sees_the_offices_open_matters_by_next_deadline(
    atasan: User, pending_objection: Objection, dispute_at_ki: Dispute, office: Office
) -> None:
    response = logged_in(atasan).get(URL)

    assert response.status_code == 200
    rows = rows_of(response)
    # The upheld objection behind the dispute has nothing left to do: it is not an open matter.
    assert set(rows) == {pending_objection.objection_number, dispute_at_ki.dispute_number}
    objection_row = rows[pending_objection.objection_number]
    assert objection_row.kind == "objection"
    assert objection_row.next_due == pending_objection.answer_due_on
    assert objection_row.responsible == str(Role.ATASAN.label)
    assert objection_row.request_number == pending_objection.request.registration_number
    dispute_row = rows[dispute_at_ki.dispute_number]
    assert dispute_row.next_due == dispute_at_ki.ki_start_due_on
    assert dispute_row.responsible == office.legal_unit.name  # type: ignore[union-attr]
    assert not objection_row.read_only and not dispute_row.read_only
    dues = [row.next_due for row in response.context["rows"]]
    assert dues == sorted(dues)  # type: ignore[type-var]
    assert f'href="/staf/sengketa/{dispute_at_ki.pk}/"' in response.content.decode()


def test_closed_and_all_and_kind_filters(
    atasan: User, pending_objection: Objection, dispute_at_ki: Dispute, upheld_objection: Objection
) -> None:
    client = logged_in(atasan)

    closed = rows_of(client.get(URL, {"state": "closed"}))
    everything = rows_of(client.get(URL, {"state": "all"}))
    disputes_only = rows_of(client.get(URL, {"state": "all", "kind": "dispute"}))

    assert set(closed) == {upheld_objection.objection_number}
    assert len(everything) == 3
    assert set(disputes_only) == {dispute_at_ki.dispute_number}


def test_a_granted_order_is_the_ppids_until_carried_out(
    atasan: User, pending_objection: Objection, office: Office
) -> None:
    due = timezone.localdate() + datetime.timedelta(days=10)
    objection_decide(
        objection=pending_objection, actor=atasan, grant=True, reasons="Informasi terbuka.", order_text="Salinan DPT",
        order_due_on=due,
    )  # fmt: skip

    row = rows_of(logged_in(atasan).get(URL))[pending_objection.objection_number]

    assert row.responsible == str(Role.PPID.label)
    assert row.next_due == due
    assert row.next_due == Objection.objects.get().next_due_on


def test_follow_up_tasks_are_counted_and_linked_for_the_own_office_only(
    atasan: User, dispute_at_ki: Dispute, legal_unit: User, staff: Callable[..., User], office_jabar: Office
) -> None:
    today = timezone.localdate()
    dispute_schedule_session(dispute=dispute_at_ki, actor=legal_unit, kind="adjudication", held_on=today)
    dispute_record_ruling(
        dispute=dispute_at_ki,
        actor=legal_unit,
        data=RulingData(forum="ki", number="9/KIP", ruled_on=today, received_on=today, orders=["disclose_full"]),
    )
    dispute_at_ki.refresh_from_db()
    parent_atasan = staff(Role.ATASAN, office_jabar)

    own = logged_in(atasan).get(URL)
    parent = logged_in(parent_atasan).get(URL)

    own_row = rows_of(own)[dispute_at_ki.dispute_number]
    parent_row = rows_of(parent)[dispute_at_ki.dispute_number]
    assert own_row.open_tasks == 2 and own_row.next_due == dispute_at_ki.appeal_due_on
    assert not own_row.read_only
    assert f"/staf/sengketa/{dispute_at_ki.pk}/#tugas" in own.content.decode()
    # The parent office follows the subordinate's matters read-only: no action links.
    assert parent_row.read_only and parent_row.open_tasks == 2
    assert "#tugas" not in parent.content.decode()
    assert f'href="/staf/sengketa/{dispute_at_ki.pk}/"' in parent.content.decode()


def test_a_case_closed_by_agreement_stays_open_while_its_follow_up_waits(
    atasan: User,
    legal_unit: User,
    unanswered_request: Callable[[], InformationRequest],
    file_objection: Callable[..., Objection],
) -> None:
    objection = file_objection(unanswered_request(), "c")
    objection_decide(objection=objection, actor=atasan, grant=False, reasons="Sudah dijawab.")
    dispute = record(objection, legal_unit)
    dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="mediation", held_on=timezone.localdate())
    dispute_end_mediation(dispute=dispute, actor=legal_unit, agreed=True, note="Salinan diserahkan.")

    row = rows_of(logged_in(atasan).get(URL))[dispute.dispute_number]

    assert row.is_open and row.next_due is None
    assert row.responsible == str(Role.ATASAN.label)  # seed c.5: the Atasan follows up the agreement


def test_the_register_is_for_the_atasan_only(
    dispute_at_ki: Dispute, ppid_officer: User, legal_unit: User, desk: User, requester_user: User
) -> None:
    for user in (ppid_officer, legal_unit, desk, requester_user):
        assert logged_in(user).get(URL).status_code == 403
        assert logged_in(user).get(f"{URL}unduh.csv").status_code == 403
    assert Client().get(URL).status_code == 302


def test_another_provinces_atasan_sees_nothing_of_ours(
    dispute_at_ki: Dispute, pending_objection: Objection, staff: Callable[..., User], office_jateng: Office
) -> None:
    response = logged_in(staff(Role.ATASAN, office_jateng)).get(URL, {"state": "all"})

    assert response.status_code == 200
    assert list(response.context["rows"]) == []


def test_the_overdue_filter_uses_each_offices_today(
    atasan: User, pending_objection: Objection, dispute_at_ki: Dispute
) -> None:
    client = logged_in(atasan)
    assert rows_of(client.get(URL, {"overdue": "on"})) == {}

    with frozen_now(timezone.now() + datetime.timedelta(days=200)):
        later = rows_of(logged_in(atasan).get(URL, {"overdue": "on"}))  # a fresh session at the later moment

    assert set(later) == {pending_objection.objection_number, dispute_at_ki.dispute_number}
    assert all(row.overdue for row in later.values())


def test_a_page_costs_the_same_queries_however_many_matters(
    atasan: User,
    legal_unit: User,
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    file_objection: Callable[..., Objection],
    refused: Callable[[], InformationRequest],
    staff: Callable[..., User],
    office_jabar: Office,
) -> None:
    parent_atasan = staff(Role.ATASAN, office_jabar)
    record(upheld_refusal(request_in, ppid_officer, file_objection, atasan), legal_unit)
    file_objection(refused(), "a")
    client = logged_in(parent_atasan)
    with CaptureQueriesContext(connection) as few:
        first = client.get(URL, {"state": "all"})
    for _ in range(2):
        record(upheld_refusal(request_in, ppid_officer, file_objection, atasan), legal_unit)
        file_objection(refused(), "a")
    with CaptureQueriesContext(connection) as many:
        second = client.get(URL, {"state": "all"})

    assert len(first.context["rows"]) == 3
    assert len(second.context["rows"]) == 9
    assert len(many) == len(few)


def test_the_csv_and_xlsx_exports_hold_the_filtered_rows(
    atasan: User, pending_objection: Objection, dispute_at_ki: Dispute
) -> None:
    client = logged_in(atasan)

    response = client.get(f"{URL}unduh.csv", {"kind": "dispute"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    workbook = load_workbook(io.BytesIO(client.get(f"{URL}unduh.xlsx").content))

    lines = list(csv.reader(io.StringIO(text)))
    assert response["Content-Type"].startswith("text/csv")
    assert len(lines) == 2 and lines[1][1] == dispute_at_ki.dispute_number
    assert lines[1][6] == dispute_at_ki.ki_start_due_on.isoformat()  # type: ignore[union-attr]
    sheet = workbook.active
    assert sheet is not None
    numbers = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == {pending_objection.objection_number, dispute_at_ki.dispute_number}


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.ATASAN, ["/staf/sengketa/perkara-hukum/", "/staf/keberatan/register/"], []),
        (Role.DESK, ["/staf/keberatan/register/"], ["/staf/sengketa/perkara-hukum/", "/staf/sengketa/"]),
        (Role.LEGAL_UNIT, ["/staf/sengketa/"], ["/staf/sengketa/perkara-hukum/"]),
    ],
)
def test_the_staff_home_links_the_registers_each_role_may_open(
    client: Client, staff: Callable[..., User], office: Office, role: str, shown: list[str], hidden: list[str]
) -> None:
    extra = {"work_unit": office.work_units.get(is_legal_unit=True)} if role == Role.LEGAL_UNIT else {}
    client.force_login(staff(role, office, **extra))
    html = client.get("/staf/").content.decode()
    for url in shown:
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200
    for url in hidden:
        assert f'href="{url}"' not in html
