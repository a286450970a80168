"""Filing an objection: grounds, the window from the day each ground arose, late filings and
their admission, numbers (Pasal 35-36 UU 14/2008; RULES.md §5, §7)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.formats import date_format

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.objections.models import Objection
from ppid.objections.services import (
    ObjectionData,
    objection_admit,
    objection_file,
    objection_refuse_admission,
)
from ppid.objections.workflow import Outcome, Status
from ppid.offices.models import Office
from ppid.requests.models import Channel, InformationRequest
from ppid.requests.services import request_decide, request_deliver
from ppid.requests.timeline import request_timeline
from ppid.requests.workflow import Status as RequestStatus
from tests.factories import RequesterFactory
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
D = datetime.date


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The assertions below read the services' messages in English (their msgids)."""
    with translation.override("en"):
        yield


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=WIB)


def test_ground_a_window_counts_30_working_days_from_the_notice(
    refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    notice_day = refused_request.notice.issued_at.astimezone(WIB).date()
    objection = file_objection(refused_request, "a")

    assert objection.ground_arose_on == notice_day
    assert objection.filing_due_on > notice_day + datetime.timedelta(days=30)  # 30 working days, not calendar days
    assert not objection.is_late
    assert objection.status == Status.REGISTERED
    assert objection.objection_number.endswith(f"/KEB/32.73/{objection.year}")
    event = Event.objects.for_object(objection).get()
    assert event.event_type == "objection.filed"
    assert event.actor_role == "requester"
    assert event.payload["basis"]


def test_the_window_and_answer_due_under_the_normal_rule_set_by_hand(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, file_objection: Callable[..., Objection]
) -> None:
    # Notice issued Wednesday 1 April 2026. Day 0 is 1 April; 30 working days later, skipping
    # Good Friday (3 April), Labour Day (1 May), Ascension (14-15 May) and weekends: 15 May is off,
    # so the 30th working day is Thursday 14 May?  No: 14 May is a holiday too. Counted by hand:
    # April: 2,6,7,8,9,10,13,14,15,16,17,20,21,22,23,24,27,28,29,30 (20 days);
    # May: 4,5,6,7,8,11,12,13,18,19 (10 days) → Tuesday 19 May 2026.
    with frozen_now(at(D(2026, 3, 30))):
        request = request_in(RequestStatus.REGISTERED)
    with frozen_now(at(D(2026, 4, 1))):
        request_decide(
            request=request,
            actor=ppid_officer,
            data=granted_in_full(
                outcome="refused", exemption_ground="h", reasoning="Data pribadi.", information_given=""
            ),
        )
    with frozen_now(at(D(2026, 4, 6))):
        objection = file_objection(request, "a")

    assert objection.filing_due_on == D(2026, 5, 19)
    # Received Monday 6 April 10:00 → day 0; 30 working days: April 7..30 (18), May 4..13 (8),
    # 18..21 (4) → Thursday 21 May 2026.
    assert objection.answer_due_on == D(2026, 5, 21)
    assert objection.rule_set.kind == "normal"


def test_ground_c_arises_the_day_after_the_deadline(
    unanswered_request: Callable[[], InformationRequest], file_objection: Callable[..., Objection]
) -> None:
    request = unanswered_request()
    objection = file_objection(request, "c")

    assert request.notice_due_on is not None
    assert objection.ground_arose_on == request.notice_due_on + datetime.timedelta(days=1)
    assert objection.grounds == "c"


def test_ground_c_before_the_deadline_is_refused_with_the_date(
    request_in: Callable[[str], InformationRequest], file_objection: Callable[..., Objection]
) -> None:
    request = request_in(RequestStatus.REGISTERED)
    with pytest.raises(ValidationError) as error:
        file_objection(request, "c")

    assert request.notice_due_on is not None
    assert date_format(request.notice_due_on, "j F Y") in str(error.value)
    assert not Objection.objects.exists()


@pytest.mark.parametrize("ground", ["a", "d", "e", "f"])
def test_grounds_that_need_a_notice_are_refused_without_one(
    unanswered_request: Callable[[], InformationRequest], file_objection: Callable[..., Objection], ground: str
) -> None:
    with pytest.raises(ValidationError, match="written notice"):
        file_objection(unanswered_request(), ground)


def test_ground_a_needs_a_refusal(
    request_in: Callable[[str], InformationRequest], file_objection: Callable[..., Objection]
) -> None:
    with pytest.raises(ValidationError, match="did not refuse"):
        file_objection(request_in(RequestStatus.DECIDED), "a")


def test_ground_g_counts_from_delivery(
    request_in: Callable[[str], InformationRequest], file_objection: Callable[..., Objection]
) -> None:
    request = request_in(RequestStatus.DELIVERED)
    objection = file_objection(request, "g")

    assert objection.ground_arose_on == request.delivery.delivered_at.astimezone(WIB).date()


def test_several_grounds_count_from_the_latest(
    ppid_officer: User,
    desk: User,
    request_in: Callable[[str], InformationRequest],
    file_objection: Callable[..., Objection],
) -> None:
    with frozen_now(at(D(2026, 4, 1))):
        request = request_in(RequestStatus.REGISTERED)
        request_decide(request=request, actor=ppid_officer, data=granted_in_full())
    with frozen_now(at(D(2026, 4, 8))):
        request_deliver(request=request, actor=desk, method="email")
    with frozen_now(at(D(2026, 4, 9))):
        objection = file_objection(request, "fg")

    assert objection.ground_arose_on == D(2026, 4, 8)  # delivery (g) is later than the notice (f)
    assert objection.grounds == "fg"


def test_a_late_objection_is_registered_flagged_and_waits_for_admission(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], atasan: User
) -> None:
    with frozen_now(refused_request.notice.issued_at + datetime.timedelta(days=70)):
        objection = file_objection(refused_request, "a")

    assert objection.is_late
    assert objection.status == Status.AWAITING_ADMISSION
    assert Event.objects.for_object(objection).get().event_type == "objection.filed_late"
    with pytest.raises(ValidationError):
        objection_admit(objection=objection, actor=atasan, reasons=" ")
    admitted = objection_admit(objection=objection, actor=atasan, reasons="Pemohon sakit, ada surat dokter.")
    assert admitted.status == Status.REGISTERED
    assert admitted.admission_reasons.startswith("Pemohon sakit")


def test_the_atasan_may_refuse_to_admit_a_late_objection(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], atasan: User, ppid_officer: User
) -> None:
    with frozen_now(refused_request.notice.issued_at + datetime.timedelta(days=70)):
        objection = file_objection(refused_request, "a")
    with pytest.raises(PermissionDenied):
        objection_refuse_admission(objection=objection, actor=ppid_officer, reasons="Terlambat.")

    closed = objection_refuse_admission(objection=objection, actor=atasan, reasons="Terlambat tanpa alasan.")
    assert (closed.status, closed.outcome) == (Status.CLOSED, Outcome.NOT_ADMITTED)


def test_the_desk_registers_a_written_objection_back_dated(refused_request: InformationRequest, desk: User) -> None:
    received = refused_request.notice.issued_at + datetime.timedelta(days=2)
    with frozen_now(received + datetime.timedelta(days=3)):
        objection = objection_file(
            request=refused_request,
            data=ObjectionData(grounds=["a"], reasons="Surat keberatan tertulis.", proxy_name="Budi (kuasa)"),
            actor=desk,
            channel=Channel.LETTER,
            received_at=received,
        )

    assert objection.received_at == received
    assert objection.proxy_name == "Budi (kuasa)"
    assert Event.objects.for_object(objection).get().actor_role == Role.DESK


def test_a_liaison_team_cannot_register_and_a_stranger_cannot_file(
    refused_request: InformationRequest, liaison: User
) -> None:
    data = ObjectionData(grounds=["a"], reasons="x")
    with pytest.raises(PermissionDenied):
        objection_file(request=refused_request, data=data, actor=liaison, channel=Channel.LETTER)
    stranger: User = RequesterFactory()  # type: ignore[no-untyped-call]
    with pytest.raises(PermissionDenied):
        objection_file(request=refused_request, data=data, actor=stranger)


def test_one_pending_objection_per_request(
    refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    first = file_objection(refused_request, "a")
    with pytest.raises(ValidationError, match=first.objection_number):
        file_objection(refused_request, "a", reasons="lagi")


def test_the_same_submission_key_files_once(
    refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    first = file_objection(refused_request, "a", submission_key="k-1")
    again = file_objection(refused_request, "a", submission_key="k-1")

    assert again.pk == first.pk
    assert Objection.objects.count() == 1


def test_numbers_are_a_gapless_series_of_their_own(
    refused_request: InformationRequest,
    request_in: Callable[[str], InformationRequest],
    file_objection: Callable[..., Objection],
    ppid_officer: User,
) -> None:
    second_request = request_in(RequestStatus.REGISTERED)
    request_decide(
        request=second_request,
        actor=ppid_officer,
        data=granted_in_full(outcome="refused", exemption_ground="h", reasoning="x", information_given=""),
    )
    first = file_objection(refused_request, "a")
    second = file_objection(second_request, "a")

    assert (first.sequence, second.sequence) == (1, 2)
    assert refused_request.sequence == 1 and second_request.sequence == 2  # requests count separately


@pytest.mark.parametrize("status", [RequestStatus.WITHDRAWN, RequestStatus.FORWARDED, RequestStatus.LAPSED])
def test_no_objection_on_a_request_that_is_over(
    request_in: Callable[[str], InformationRequest], file_objection: Callable[..., Objection], status: str
) -> None:
    with pytest.raises(ValidationError, match="No objection"):
        file_objection(request_in(status), "c")


def test_unknown_grounds_and_empty_reasons_are_refused(
    refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    with pytest.raises(ValidationError, match="Unknown ground"):
        file_objection(refused_request, "az")
    with pytest.raises(ValidationError) as error:
        file_objection(refused_request, "a", reasons="  ")
    assert "reasons" in error.value.message_dict


def test_the_objection_shows_on_the_request_timeline(
    refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    objection = file_objection(refused_request, "a")
    types = list(request_timeline(refused_request).values_list("event_type", "object_id"))

    assert ("objection.filed", str(objection.pk)) in types
    assert ("request.decided", str(refused_request.pk)) in types


def test_a_monitoring_office_cannot_register(refused_request: InformationRequest, staff: Callable[..., User]) -> None:
    provincial_desk = staff(Role.DESK, Office.objects.get(code="32"))
    with pytest.raises(PermissionDenied):
        objection_file(
            request=refused_request,
            data=ObjectionData(grounds=["a"], reasons="x"),
            actor=provincial_desk,
            channel=Channel.LETTER,
        )
