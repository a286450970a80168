"""/staf/permohonan/register/: the request register on screen, as XLSX and as CSV."""

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
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest, WrittenNotice
from ppid.requests.register_export import register_header
from ppid.requests.workflow import Status
from tests.requests.conftest import build_intake
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

URL = "/staf/permohonan/register/"
WIB = datetime.timezone(datetime.timedelta(hours=7))


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def xlsx_rows(content: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response: object) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(text)))


def test_the_register_shows_the_official_fields_and_days_taken(
    submit: Callable[..., InformationRequest], request_in: Callable[[str], InformationRequest], desk: User
) -> None:
    decided = request_in(Status.DELIVERED)
    submit()
    # Received Monday 2 March 2026 10:00 WIB (day 0), notice on Friday 6 March: 4 working days.
    InformationRequest.objects.filter(pk=decided.pk).update(
        clock_started_at=datetime.datetime(2026, 3, 2, 10, tzinfo=WIB)
    )
    WrittenNotice.objects.filter(request=decided).update(issued_at=datetime.datetime(2026, 3, 6, 9, tzinfo=WIB))

    response = logged_in(desk).get(URL)

    assert response.status_code == 200
    entries = {row.registration_number: row for row in response.context["entries"]}
    assert entries[decided.registration_number].days_taken == 4
    html = response.content.decode()
    assert "Jl. Asia Afrika No. 1" in html
    assert "siti@example.org" in html
    assert response.context["summary"]["total"] == 2
    assert response.context["summary"]["n_granted_full"] == 1


def test_it_filters_by_the_period_received(submit: Callable[..., InformationRequest], desk: User) -> None:
    now = timezone.now()
    with frozen_now(now - datetime.timedelta(days=40)):
        old = submit()
    recent = submit()
    since = (now - datetime.timedelta(days=10)).date().isoformat()

    response = logged_in(desk).get(URL, {"date_from": since})

    shown = [row.registration_number for row in response.context["entries"]]
    assert shown == [recent.registration_number]
    assert old.registration_number not in response.content.decode()


def test_a_parent_office_sees_its_childrens_register_without_address_or_contact(
    submit: Callable[..., InformationRequest], staff: Callable[..., User], office_jabar: Office, office_jateng: Office
) -> None:
    child = submit()
    submit(office=office_jateng)
    client = logged_in(staff(Role.PPID, office_jabar))

    response = client.get(URL)

    assert [row.registration_number for row in response.context["entries"]] == [child.registration_number]
    html = response.content.decode()
    assert "Siti Rahmawati" in html
    assert "Jl. Asia Afrika" not in html
    assert "siti@example.org" not in html
    rows = xlsx_rows(client.get(URL + "unduh.xlsx").content)
    address = 6  # column "Address"
    assert rows[1][0] == child.registration_number
    assert rows[1][address] in (None, "")


def test_staff_of_another_office_see_no_rows(
    submit: Callable[..., InformationRequest], staff: Callable[..., User], office_jateng: Office
) -> None:
    submit()

    response = logged_in(staff(Role.DESK, office_jateng)).get(URL)

    assert list(response.context["entries"]) == []


def test_someone_without_a_role_is_refused(requester_user: User) -> None:
    assert logged_in(requester_user).get(URL).status_code == 403
    assert logged_in(requester_user).get(URL + "unduh.csv").status_code == 403


def test_the_xlsx_opens_with_the_header_and_the_rows(submit: Callable[..., InformationRequest], desk: User) -> None:
    first, second = submit(), submit()

    response = logged_in(desk).get(URL + "unduh.xlsx")

    assert response["Content-Disposition"].startswith("attachment;")
    rows = xlsx_rows(response.content)
    assert rows[0] == register_header()
    assert [row[0] for row in rows[1:]] == [first.registration_number, second.registration_number]
    assert rows[1][6] == "Jl. Asia Afrika No. 1, Bandung"
    assert isinstance(rows[1][2], datetime.datetime)  # a real date cell, not text


def test_the_csv_has_the_header_and_the_rows(submit: Callable[..., InformationRequest], desk: User) -> None:
    only = submit()

    response = logged_in(desk).get(URL + "unduh.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == register_header()
    assert len(rows) == 2
    assert rows[1][0] == only.registration_number
    assert rows[1][7] == "siti@example.org / 081234567890"


def test_text_a_spreadsheet_would_run_as_a_formula_is_escaped(
    submit: Callable[..., InformationRequest], desk: User
) -> None:
    submit(data=build_intake(information_requested='=HYPERLINK("http://evil.example","x")'))
    client = logged_in(desk)

    assert csv_rows(client.get(URL + "unduh.csv"))[1][8].startswith("'=")
    assert str(xlsx_rows(client.get(URL + "unduh.xlsx").content)[1][8]).startswith("'=")


def test_the_downloads_keep_the_screen_filters(submit: Callable[..., InformationRequest], desk: User) -> None:
    with frozen_now(timezone.now() - datetime.timedelta(days=40)):
        submit()
    recent = submit()
    since = (timezone.now() - datetime.timedelta(days=10)).date().isoformat()

    rows = csv_rows(logged_in(desk).get(URL + "unduh.csv", {"date_from": since}))

    assert [row[0] for row in rows[1:]] == [recent.registration_number]


def _count_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_register(
    request_in: Callable[[str], InformationRequest], desk: User
) -> None:
    client = logged_in(desk)
    for _ in range(3):
        request_in(Status.DELIVERED)
    with_three = _count_queries(client)
    for _ in range(12):
        request_in(Status.DECIDED)

    assert _count_queries(client) == with_three


def test_the_period_is_read_in_each_office_s_own_time_zone(
    submit: Callable[..., InformationRequest], staff: Callable[..., User]
) -> None:
    papua = Office.objects.filter(time_zone="WIT").order_by("path").first()
    assert papua is not None
    # 23:30 WIB on Monday 2 March 2026 is already 01:30 on Tuesday 3 March in Jayapura (WIT).
    with frozen_now(datetime.datetime(2026, 3, 2, 23, 30, tzinfo=WIB)):
        late = submit(office=papua)
    client = logged_in(staff(Role.DESK, papua))

    on_tuesday = client.get(URL, {"date_from": "2026-03-03", "date_to": "2026-03-03"})
    on_monday = client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-02"})

    assert [row.pk for row in on_tuesday.context["entries"]] == [late.pk]
    assert list(on_monday.context["entries"]) == []
