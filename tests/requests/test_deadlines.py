"""The response clock: completeness stop and restart, lapse, the one extension, recomputation.

Dates are hand-counted against the 2026 SKB calendar the workdays migration loads: Imlek
(cuti bersama Mon 16, holiday Tue 17 February), Nyepi and Idul Fitri (18-24 March, every day off),
Good Friday (3 April).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import (
    RequestStateError,
    request_complete,
    request_extend,
    request_lapse,
    request_mark_incomplete,
)
from ppid.requests.workflow import Status
from ppid.workdays.models import CalendarDayKind, CalendarScope, ElectionStage, ElectionStageKind
from ppid.workdays.providers import providers
from ppid.workdays.selectors import deadline_for
from ppid.workdays.services import calendar_day_create
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")

Submit = Callable[..., InformationRequest]


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=WIB)


def d(month: int, day: int) -> datetime.date:
    return datetime.date(2026, month, day)


def events(request: InformationRequest, event_type: str) -> list[Event]:
    return list(Event.objects.for_object(request).filter(event_type=event_type))


# --- completeness: the clock stops and restarts ----------------------------------------------


def test_marking_incomplete_stops_the_clock_and_completion_restarts_it(
    submit: Submit, desk: User, requester_user: User
) -> None:
    with frozen_now(at(2, 4)):
        request = submit(actor=requester_user)
    assert request.notice_due_on == d(2, 20)

    with frozen_now(at(2, 5)):
        request = request_mark_incomplete(request=request, actor=desk, missing="Scan KTP tidak terbaca")
    assert request.status == Status.INCOMPLETE
    assert request.clock_started_at is None
    assert request.notice_due_on is None
    assert request.due_on is None
    assert request.completion_due_on == d(2, 10)  # Fri 6, Mon 9, Tue 10
    assert request.missing_requirements == "Scan KTP tidak terbaca"

    with frozen_now(at(2, 9, 11)):
        request = request_complete(request=request, actor=requester_user)
    assert request.status == Status.REGISTERED
    assert request.clock_started_at == at(2, 9, 11)
    # Day 0 Mon 9 Feb: 10 11 12 13 | 16-17 Imlek | 18 19 20 23 24 25.
    assert request.notice_due_on == d(2, 25)
    assert request.received_at == at(2, 4)  # receipt itself is not rewritten
    [event] = events(request, "request.completed")
    assert event.actor_role == "requester"
    assert event.after == {"status": "registered", "notice_due_on": "2026-02-25"}


def test_a_completion_after_office_hours_counts_from_the_next_working_day(
    request_in: Callable[[str], InformationRequest], desk: User
) -> None:
    with frozen_now(at(2, 4)):
        request = request_in(Status.INCOMPLETE)
    with frozen_now(at(2, 9, 17)):
        request = request_complete(request=request, actor=desk)

    assert request.notice_due_on == d(2, 26)  # day 0 is Tue 10 February


def test_the_completeness_check_closes_after_its_period(submit: Submit, desk: User) -> None:
    with frozen_now(at(2, 4)):
        late, in_time = submit(), submit()
    assert late.completeness_check_due_on == d(2, 9)

    with frozen_now(at(2, 10, 8, 30)), pytest.raises(RequestStateError):
        request_mark_incomplete(request=late, actor=desk, missing="Surat kuasa")
    with frozen_now(at(2, 9, 15, 59)):
        request_mark_incomplete(request=in_time, actor=desk, missing="Surat kuasa")

    late.refresh_from_db()
    in_time.refresh_from_db()
    assert (late.status, in_time.status) == (Status.REGISTERED, Status.INCOMPLETE)
    assert events(late, "request.marked_incomplete") == []


def test_marking_incomplete_names_what_is_missing(submit: Submit, desk: User) -> None:
    with frozen_now(at(2, 4)):
        request = submit()
        with pytest.raises(ValidationError) as caught:
            request_mark_incomplete(request=request, actor=desk, missing="   ")

    assert set(caught.value.message_dict) == {"missing"}


def test_completion_after_the_period_is_refused(
    request_in: Callable[[str], InformationRequest], requester_user: User
) -> None:
    with frozen_now(at(2, 5)):
        request = request_in(Status.INCOMPLETE)
    assert request.completion_due_on == d(2, 10)

    with frozen_now(at(2, 11, 9)), pytest.raises(RequestStateError):
        request_complete(request=request, actor=requester_user)
    with frozen_now(at(2, 10, 15)):
        request_complete(request=request, actor=requester_user)

    request.refresh_from_db()
    assert request.status == Status.REGISTERED


def test_a_request_lapses_only_after_the_completion_period(
    request_in: Callable[[str], InformationRequest],
) -> None:
    with frozen_now(at(2, 5)):
        request = request_in(Status.INCOMPLETE)

    with frozen_now(at(2, 10, 23, 59)):
        assert request_lapse(request=request).status == Status.INCOMPLETE
    with frozen_now(at(2, 11, 0, 1)):
        assert request_lapse(request=request).status == Status.LAPSED
        request_lapse(request=request)  # the job running twice changes nothing

    [event] = events(request, "request.lapsed")
    assert event.actor is None
    assert event.created_at == at(2, 11, 0, 1)


# --- the one extension (Pasal 22 ayat (8)) -----------------------------------------------------


def test_extension_around_idul_fitri_2026_is_counted_by_hand(submit: Submit, ppid_officer: User) -> None:
    with frozen_now(at(3, 17)):  # Tuesday, 10:00 WIB: day 0
        request = submit()
    # 18 Nyepi cuti, 19 Nyepi, 20 Idul Fitri cuti, 21-22 weekend/Idul Fitri, 23-24 cuti bersama;
    # then 25 26 27 30 31 | 1 2 | 3 Good Friday | 6 7 8 April.
    assert request.notice_due_on == d(4, 8)
    assert deadline_for(request.office, request.received_at).deadline == request.notice_due_on

    with frozen_now(at(4, 8, 15)):
        request = request_extend(request=request, actor=ppid_officer, reason="Dokumen di arsip inaktif")
    # Seven working days after 8 April: 9 10 13 14 15 16 17.
    assert request.extended_due_on == d(4, 17)
    assert request.due_on == d(4, 17)
    assert request.notice_due_on == d(4, 8)
    assert request.extension_reason == "Dokumen di arsip inaktif"
    [event] = events(request, "request.extended")
    assert (event.before, event.after) == ({"due_on": "2026-04-08"}, {"due_on": "2026-04-17"})
    assert event.actor_role == Role.PPID


def test_only_one_extension(submit: Submit, ppid_officer: User) -> None:
    with frozen_now(at(3, 17)):
        request = submit()
        request_extend(request=request, actor=ppid_officer, reason="Pertama")
        with pytest.raises(RequestStateError):
            request_extend(request=request, actor=ppid_officer, reason="Kedua")

    request.refresh_from_db()
    assert request.extended_due_on == d(4, 17)
    assert len(events(request, "request.extended")) == 1


def test_no_extension_after_the_deadline_has_passed(submit: Submit, ppid_officer: User) -> None:
    with frozen_now(at(3, 17)):
        request = submit()
    with frozen_now(at(4, 9, 8)), pytest.raises(RequestStateError):
        request_extend(request=request, actor=ppid_officer, reason="Terlambat")

    request.refresh_from_db()
    assert request.extended_due_on is None


def test_an_extension_needs_a_written_reason(submit: Submit, ppid_officer: User) -> None:
    with frozen_now(at(3, 17)):
        request = submit()
        with pytest.raises(ValidationError) as caught:
            request_extend(request=request, actor=ppid_officer, reason=" ")

    assert set(caught.value.message_dict) == {"reason"}


def test_during_election_stages_the_notice_takes_three_days_and_the_extension_two(
    submit: Submit, ppid_officer: User
) -> None:
    ElectionStage.objects.create(
        name="Pemungutan suara", kind=ElectionStageKind.PEMILU, starts_on=d(2, 1), ends_on=d(2, 28), all_offices=True
    )
    with frozen_now(at(2, 4)):
        request = submit()
        request = request_extend(request=request, actor=ppid_officer, reason="Rekap berjenjang")

    assert request.notice_due_on == d(2, 9)  # Thu 5, Fri 6, Mon 9
    assert request.extended_due_on == d(2, 11)  # Tue 10, Wed 11


# --- recomputation when the calendar changes --------------------------------------------------


@pytest.fixture
def sysadmin(staff: Callable[..., User], office_ri: Office) -> User:
    return staff(Role.SYSADMIN, office_ri)


def close(office: Office, day: datetime.date, actor: User) -> None:
    calendar_day_create(
        actor=actor,
        date=day,
        kind=CalendarDayKind.CLOSURE,
        name="Kantor ditutup (banjir)",
        scope=CalendarScope.OFFICE,
        office=office,
    )


def test_the_requests_deadline_provider_is_registered() -> None:
    assert "requests" in {provider.name for provider in providers()}


def test_a_closure_at_the_office_moves_the_deadline_and_is_recorded(
    submit: Submit, office: Office, sysadmin: User
) -> None:
    with frozen_now(at(2, 4)):
        request = submit()
        close(office, d(2, 19), sysadmin)

    request.refresh_from_db()
    assert request.notice_due_on == d(2, 23)
    [event] = events(request, "deadline.recomputed")
    assert (event.before, event.after) == ({"deadline": "2026-02-20"}, {"deadline": "2026-02-23"})
    assert event.actor == sysadmin
    assert event.office == office
    assert event.note  # why it moved: the calendar day added


def test_a_closure_moves_the_extended_deadline_too(
    submit: Submit, office: Office, sysadmin: User, ppid_officer: User
) -> None:
    with frozen_now(at(3, 17)):
        request = submit()
        request_extend(request=request, actor=ppid_officer, reason="Arsip")
        close(office, d(4, 14), sysadmin)

    request.refresh_from_db()
    assert (request.notice_due_on, request.extended_due_on) == (d(4, 8), d(4, 20))
    [event] = events(request, "deadline.recomputed")
    assert (event.before, event.after) == ({"deadline": "2026-04-17"}, {"deadline": "2026-04-20"})


def test_an_extra_working_day_brings_the_deadline_forward(submit: Submit, office: Office, sysadmin: User) -> None:
    with frozen_now(at(2, 4)):
        request = submit()
        calendar_day_create(
            actor=sysadmin,
            date=d(2, 14),  # a Saturday
            kind=CalendarDayKind.EXTRA_WORKING_DAY,
            name="Pelayanan Sabtu",
            scope=CalendarScope.OFFICE,
            office=office,
        )

    request.refresh_from_db()
    assert request.notice_due_on == d(2, 19)


def test_a_closure_elsewhere_or_after_the_deadline_moves_nothing(
    submit: Submit, office: Office, office_jateng: Office, sysadmin: User
) -> None:
    with frozen_now(at(2, 4)):
        request = submit()
        close(office_jateng, d(2, 19), sysadmin)
        close(office, d(2, 23), sysadmin)

    request.refresh_from_db()
    assert request.notice_due_on == d(2, 20)
    assert events(request, "deadline.recomputed") == []


@pytest.mark.parametrize("status", [Status.DECIDED, Status.INCOMPLETE, Status.FORWARDED])
def test_requests_without_a_running_clock_are_not_recomputed(
    request_in: Callable[[str], InformationRequest], office: Office, sysadmin: User, status: Status
) -> None:
    with frozen_now(at(2, 4)):
        request = request_in(status)
        before = (request.notice_due_on, request.status)
        close(office, d(2, 19), sysadmin)

    request.refresh_from_db()
    assert (request.notice_due_on, request.status) == before
    assert events(request, "deadline.recomputed") == []


def test_a_closure_moves_the_completion_period_of_an_incomplete_request(
    request_in: Callable[[str], InformationRequest], office: Office, sysadmin: User
) -> None:
    with frozen_now(at(2, 5)):
        request = request_in(Status.INCOMPLETE)
        assert request.completion_due_on == d(2, 10)
        close(office, d(2, 9), sysadmin)

    request.refresh_from_db()
    assert request.completion_due_on == d(2, 11)
