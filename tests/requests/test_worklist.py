"""/staf/permohonan/: each officer's requests in deadline order, coloured by urgency; the staff-home panel."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.selectors import Urgency
from ppid.requests.services import request_assign
from ppid.requests.workflow import Status

pytestmark = pytest.mark.django_db

URL = "/staf/permohonan/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def today_at(office: Office) -> datetime.date:
    return timezone.now().astimezone(office.zoneinfo).date()


def set_due(request: InformationRequest, due: datetime.date) -> None:
    InformationRequest.objects.filter(pk=request.pk).update(notice_due_on=due)


def numbers(response: object) -> list[str]:
    return [row.registration_number for row in response.context["rows"]]  # type: ignore[attr-defined]


def test_it_lists_the_nearest_deadline_first_with_its_urgency(
    submit: Callable[..., InformationRequest], desk: User, office: Office
) -> None:
    today = today_at(office)
    normal, overdue, soon = submit(), submit(), submit()
    set_due(normal, today + datetime.timedelta(days=30))
    set_due(overdue, today - datetime.timedelta(days=1))
    set_due(soon, today)

    response = logged_in(desk).get(URL)

    assert numbers(response) == [overdue.registration_number, soon.registration_number, normal.registration_number]
    assert [row.urgency for row in response.context["rows"]] == [Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.NORMAL]
    html = response.content.decode()
    assert 'class="urgency-overdue"' in html
    assert 'class="urgency-due_soon"' in html


def test_an_extension_moves_the_request_by_its_new_deadline(
    submit: Callable[..., InformationRequest], desk: User, office: Office
) -> None:
    today = today_at(office)
    extended, plain = submit(), submit()
    InformationRequest.objects.filter(pk=extended.pk).update(
        notice_due_on=today - datetime.timedelta(days=3), extended_due_on=today + datetime.timedelta(days=20)
    )
    set_due(plain, today + datetime.timedelta(days=10))

    response = logged_in(desk).get(URL)

    assert numbers(response) == [plain.registration_number, extended.registration_number]
    assert response.context["rows"][1].urgency == Urgency.NORMAL


def test_filters_overdue_only_and_by_status(
    request_in: Callable[[str], InformationRequest], desk: User, office: Office
) -> None:
    late = request_in(Status.REGISTERED)
    set_due(late, today_at(office) - datetime.timedelta(days=2))
    waiting = request_in(Status.INCOMPLETE)
    request_in(Status.CLOSED)
    client = logged_in(desk)

    assert numbers(client.get(URL, {"overdue": "on"})) == [late.registration_number]
    assert numbers(client.get(URL, {"status": Status.INCOMPLETE})) == [waiting.registration_number]
    assert len(numbers(client.get(URL))) == 2  # finished requests leave the default list


def test_the_desk_of_another_office_sees_none_of_them(
    submit: Callable[..., InformationRequest], staff: Callable[..., User], office_jateng: Office
) -> None:
    submit()

    response = logged_in(staff(Role.DESK, office_jateng)).get(URL)

    assert numbers(response) == []


def test_the_liaison_team_sees_only_requests_assigned_to_its_unit(
    submit: Callable[..., InformationRequest], desk: User, liaison: User, office: Office
) -> None:
    theirs, other_unit, unassigned = submit(), submit(), submit()
    units = list(office.work_units.filter(is_legal_unit=False).order_by("name"))
    request_assign(request=theirs, actor=desk, work_units=[units[0]])
    request_assign(request=other_unit, actor=desk, work_units=[units[1]])

    response = logged_in(liaison).get(URL)

    assert numbers(response) == [theirs.registration_number]
    assert unassigned.registration_number not in response.content.decode()


def test_a_parent_office_monitors_its_childrens_requests_read_only(
    submit: Callable[..., InformationRequest], staff: Callable[..., User], office_jabar: Office, office: Office
) -> None:
    child_request = submit()
    own_request = submit(office=office_jabar)
    parent_ppid = staff(Role.PPID, office_jabar)
    client = logged_in(parent_ppid)

    response = client.get(URL)

    rows = {row.registration_number: row.monitoring_only for row in response.context["rows"]}
    assert rows == {child_request.registration_number: True, own_request.registration_number: False}
    assert numbers(client.get(URL, {"office": office.pk})) == [child_request.registration_number]


def test_a_requester_has_no_worklist(requester_user: User) -> None:
    assert logged_in(requester_user).get(URL).status_code == 403


def _count_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_list(
    submit: Callable[..., InformationRequest], desk: User
) -> None:
    client = logged_in(desk)
    for _ in range(5):
        submit()
    with_five = _count_queries(client)
    for _ in range(25):
        submit()

    assert _count_queries(client) == with_five


def test_the_staff_home_shows_the_five_most_urgent(
    submit: Callable[..., InformationRequest], desk: User, office: Office
) -> None:
    today = today_at(office)
    created = [submit() for _ in range(7)]
    for offset, request in enumerate(created):
        set_due(request, today + datetime.timedelta(days=10 - offset))

    response = logged_in(desk).get("/staf/")

    html = response.content.decode()
    shown = [r.registration_number for r in created if r.registration_number in html]
    assert shown == [r.registration_number for r in created[2:]]
    assert 'href="/staf/permohonan/"' in html


def test_the_staff_home_has_no_request_panel_without_a_role(requester_user: User) -> None:
    response = logged_in(requester_user).get("/staf/")

    assert 'href="/staf/permohonan/"' not in response.content.decode()


def test_the_atasan_follows_the_requests_of_their_own_office_without_acting(
    submit: Callable[..., InformationRequest], atasan: User
) -> None:
    request = submit()

    response = logged_in(atasan).get(URL)

    assert numbers(response) == [request.registration_number]
    assert [row.monitoring_only for row in response.context["rows"]] == [True]
