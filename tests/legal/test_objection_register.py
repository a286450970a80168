"""/staf/keberatan/register/: the objection register (Perki 1/2021) on screen, as XLSX and as CSV."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.objections.models import Objection
from ppid.objections.register_export import register_header
from ppid.objections.services import objection_decide, objection_record_reaction
from ppid.objections.workflow import Outcome, Reaction, Status
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.requests.conftest import VALID_NIK, build_intake, granted_in_full
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

URL = "/staf/keberatan/register/"
with translation.override("en"):  # the pages are read in English (the cookie below)
    HEADER = register_header()
COLUMN = {name: index for index, name in enumerate(HEADER)}


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def xlsx_rows(content: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response: object) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(text)))


def refused(request: InformationRequest, ppid_officer: User) -> InformationRequest:
    data = granted_in_full(
        outcome=RequestOutcome.REFUSED, exemption_ground="h", reasoning="Data pribadi.", information_given=""
    )
    request_decide(request=request, actor=ppid_officer, data=data)
    return request


@pytest.fixture
def new_objection(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, file_objection: Callable[..., Objection]
) -> Callable[..., Objection]:
    """`new_objection(**kwargs)`: ground a on a fresh refusal at KPU Kota Bandung."""

    def make(**kwargs: object) -> Objection:
        return file_objection(refused(request_in(RequestStatus.REGISTERED), ppid_officer), "a", **kwargs)

    return make


@pytest.fixture
def answered(new_objection: Callable[..., Objection], atasan: User, desk: User) -> Objection:
    """Upheld by the Atasan PPID; the requester goes to the Komisi Informasi."""
    objection = objection_decide(objection=new_objection(), actor=atasan, grant=False, reasons="Pengecualian sah.")
    return objection_record_reaction(objection=objection, actor=desk, reaction=Reaction.DISPUTE, note="KI Jabar")


def test_the_register_shows_the_perki_fields(
    answered: Objection, new_objection: Callable[..., Objection], desk: User
) -> None:
    pending = new_objection()

    response = logged_in(desk).get(URL)

    assert response.status_code == 200
    entries = {row.objection_number: row for row in response.context["entries"]}
    assert set(entries) == {answered.objection_number, pending.objection_number}
    html = response.content.decode()
    assert VALID_NIK in html and "Jl. Asia Afrika No. 1" in html  # own office: personal data
    assert answered.signer_name in html and answered.signer_position in html
    assert answered.request.registration_number in html
    assert "Goes to the Information Commission" in html
    summary = response.context["summary"]
    assert summary["total"] == 2 and summary["n_upheld"] == 1 and summary["pending"] == 1


def test_a_parent_office_reads_the_register_without_nik_address_or_contact(
    answered: Objection, staff: Callable[..., User], office_jabar: Office
) -> None:
    client = logged_in(staff(Role.PPID, office_jabar))

    response = client.get(URL)

    assert [row.objection_number for row in response.context["entries"]] == [answered.objection_number]
    html = response.content.decode()
    assert "Siti Rahmawati" in html
    assert VALID_NIK not in html
    assert "Jl. Asia Afrika" not in html
    assert "siti@example.org" not in html
    for rows in (xlsx_rows(client.get(URL + "unduh.xlsx").content), csv_rows(client.get(URL + "unduh.csv"))):
        assert rows[1][COLUMN["Objection number"]] == answered.objection_number
        assert rows[1][COLUMN["Requester"]] == "Siti Rahmawati"
        for column in ("NIK", "Address", "Contact"):
            assert rows[1][COLUMN[column]] in (None, ""), column


def test_staff_of_another_office_see_no_rows(
    answered: Objection, staff: Callable[..., User], office_jateng: Office
) -> None:
    response = logged_in(staff(Role.ATASAN, office_jateng)).get(URL)

    assert list(response.context["entries"]) == []


def test_someone_without_a_role_is_refused(requester_user: User) -> None:
    client = logged_in(requester_user)

    assert client.get(URL).status_code == 403
    assert client.get(URL + "unduh.csv").status_code == 403
    assert client.get(URL + "unduh.xlsx").status_code == 403


def test_the_xlsx_has_every_register_column_in_order(answered: Objection, desk: User) -> None:
    response = logged_in(desk).get(URL + "unduh.xlsx")

    assert response["Content-Disposition"].startswith("attachment;")
    rows = xlsx_rows(response.content)
    assert rows[0] == HEADER
    assert HEADER[:4] == ["Objection number", "Office", "Date received", "Requester"]
    row = rows[1]
    assert row[COLUMN["Objection number"]] == answered.objection_number
    assert isinstance(row[COLUMN["Date received"]], datetime.datetime)  # a real date cell
    assert row[COLUMN["NIK"]] == VALID_NIK
    assert row[COLUMN["Request number"]] == answered.request.registration_number
    assert row[COLUMN["Information requested"]] == answered.request.information_requested
    assert row[COLUMN["Purpose of use"]] == "Penelitian skripsi"
    assert row[COLUMN["Grounds (Pasal 35 ayat (1))"]] == "a"
    assert row[COLUMN["Atasan PPID's decision"]] == "PPID's decision upheld"
    assert isinstance(row[COLUMN["Date of the answer"]], datetime.datetime)
    assert row[COLUMN["Atasan PPID's name"]] == answered.signer_name
    assert row[COLUMN["Atasan PPID's position"]] == answered.signer_position
    assert row[COLUMN["Requester's reaction"]] == "Goes to the Information Commission: KI Jabar"
    assert row[COLUMN["Status"]] == "Answered by the Atasan PPID"
    assert row[COLUMN["Filed late"]] == "No"
    assert isinstance(row[COLUMN["Answer due"]], datetime.datetime)


def test_the_csv_has_the_header_and_the_rows(answered: Objection, desk: User) -> None:
    response = logged_in(desk).get(URL + "unduh.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == HEADER
    assert len(rows) == 2
    assert rows[1][COLUMN["Contact"]] == "siti@example.org / 081234567890"


def test_text_a_spreadsheet_would_run_as_a_formula_is_escaped(
    submit: Callable[..., InformationRequest],
    ppid_officer: User,
    file_objection: Callable[..., Objection],
    desk: User,
    requester_user: User,
) -> None:
    intake = build_intake(purpose='=HYPERLINK("http://evil.example","x")')
    request = refused(submit(data=intake, actor=requester_user), ppid_officer)
    file_objection(request, "a")
    client = logged_in(desk)

    assert csv_rows(client.get(URL + "unduh.csv"))[1][COLUMN["Purpose of use"]].startswith("'=")
    assert str(xlsx_rows(client.get(URL + "unduh.xlsx").content)[1][COLUMN["Purpose of use"]]).startswith("'=")


def test_it_filters_by_ground_outcome_status_late_and_year(
    answered: Objection,
    unanswered_request: Callable[[], InformationRequest],
    file_objection: Callable[..., Objection],
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    desk: User,
) -> None:
    on_c = file_objection(unanswered_request(), "c")
    with frozen_now(timezone.now() - datetime.timedelta(days=70)):
        old_refusal = refused(request_in(RequestStatus.REGISTERED), ppid_officer)
    late = file_objection(old_refusal, "a")
    client = logged_in(desk)

    def shown(**params: str) -> set[str]:
        return {row.objection_number for row in client.get(URL, params).context["entries"]}

    assert shown(ground="c") == {on_c.objection_number}
    assert shown(outcome=Outcome.UPHELD) == {answered.objection_number}
    assert shown(status=Status.AWAITING_ADMISSION) == {late.objection_number}
    assert shown(late="yes") == {late.objection_number}
    assert shown(late="no") == {answered.objection_number, on_c.objection_number}
    assert shown(year=str(answered.year)) >= {answered.objection_number}
    assert shown(year="2009") == set()
    assert [row[0] for row in csv_rows(client.get(URL + "unduh.csv", {"ground": "c"}))[1:]] == [on_c.objection_number]


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if url.endswith(".csv"):
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_register(
    new_objection: Callable[..., Objection], atasan: User, desk: User
) -> None:
    client = logged_in(desk)
    objection_decide(objection=new_objection(), actor=atasan, grant=False, reasons="Sah.")
    screen, export = _count_queries(client, URL), _count_queries(client, URL + "unduh.csv")
    for _ in range(4):
        objection_decide(objection=new_objection(), actor=atasan, grant=False, reasons="Sah.")
    new_objection()

    assert len(client.get(URL).context["entries"]) == 6
    assert _count_queries(client, URL) == screen
    assert _count_queries(client, URL + "unduh.csv") == export
