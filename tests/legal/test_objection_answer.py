"""After filing: settlement by agreement (Pasal 35(2)), the Atasan PPID's answer (Pasal 36(2)-(3)),
the order it gives the PPID, the requester's reaction, and the answer deadline under both rule sets."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.objections.models import Objection
from ppid.objections.services import (
    ObjectionStateError,
    objection_confirm_settlement,
    objection_decide,
    objection_fulfil_order,
    objection_propose_settlement,
    objection_record_reaction,
    objection_reject_settlement,
)
from ppid.objections.workflow import Outcome, Status
from ppid.offices.models import Office
from ppid.requests.models import Delivery, InformationRequest
from ppid.requests.services import request_decide, request_deliver
from ppid.requests.workflow import Status as RequestStatus
from ppid.workdays.models import CalendarDayKind, CalendarScope, ElectionStage, RuleSet
from ppid.workdays.services import calendar_day_create
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


@pytest.fixture
def ground_c(
    unanswered_request: Callable[[], InformationRequest], file_objection: Callable[..., Objection]
) -> Objection:
    return file_objection(unanswered_request(), "c")


# --- settlement by agreement --------------------------------------------------------------------


def test_the_ppid_records_an_agreement_the_requester_confirms(
    ground_c: Objection, ppid_officer: User, requester_user: User
) -> None:
    pending = objection_propose_settlement(objection=ground_c, actor=ppid_officer, terms="Salinan dikirim 3 hari lagi.")
    assert pending.status == Status.SETTLEMENT_PENDING

    closed = objection_confirm_settlement(objection=pending, actor=requester_user)
    assert (closed.status, closed.outcome) == (Status.CLOSED, Outcome.SETTLED)
    assert closed.settlement_confirmed_at is not None
    roles = list(Event.objects.for_object(closed).order_by("id").values_list("actor_role", flat=True))
    assert roles == ["requester", Role.PPID, "requester"]


def test_the_ppid_records_a_confirmation_given_outside_the_system_and_must_say_how(
    ground_c: Objection, ppid_officer: User
) -> None:
    pending = objection_propose_settlement(objection=ground_c, actor=ppid_officer, terms="Disepakati.")
    with pytest.raises(ValidationError) as error:
        objection_confirm_settlement(objection=pending, actor=ppid_officer)
    assert "confirmation" in error.value.message_dict

    closed = objection_confirm_settlement(
        objection=pending, actor=ppid_officer, confirmation="Berita acara bertanda tangan"
    )
    assert closed.settlement_confirmation == "Berita acara bertanda tangan"


def test_a_rejected_agreement_goes_back_to_the_atasan(
    ground_c: Objection, ppid_officer: User, requester_user: User
) -> None:
    pending = objection_propose_settlement(objection=ground_c, actor=ppid_officer, terms="Disepakati.")
    back = objection_reject_settlement(objection=pending, actor=requester_user, note="Belum sesuai.")

    assert back.status == Status.REGISTERED


def test_ground_a_cannot_be_settled(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], ppid_officer: User
) -> None:
    objection = file_objection(refused_request, "a")
    with pytest.raises(ValidationError, match="Pasal 17"):
        objection_propose_settlement(objection=objection, actor=ppid_officer, terms="x")
    objection.refresh_from_db()
    assert objection.status == Status.REGISTERED


def test_only_the_ppid_records_agreements(ground_c: Objection, desk: User, atasan: User) -> None:
    for actor in (desk, atasan):
        with pytest.raises(PermissionDenied):
            objection_propose_settlement(objection=ground_c, actor=actor, terms="x")


# --- the Atasan's answer ------------------------------------------------------------------------


def test_upholding_needs_reasons(ground_c: Objection, atasan: User) -> None:
    with pytest.raises(ValidationError) as error:
        objection_decide(objection=ground_c, actor=atasan, grant=False, reasons=" ")
    assert "Pasal 36 ayat (3)" in str(error.value)
    ground_c.refresh_from_db()
    assert ground_c.status == Status.REGISTERED


def test_upholding_answers_and_leaves_the_request_alone(upheld_objection: Objection) -> None:
    assert (upheld_objection.status, upheld_objection.outcome) == (Status.ANSWERED, Outcome.UPHELD)
    assert upheld_objection.signer_position
    assert upheld_objection.request.status == RequestStatus.DECIDED
    event = Event.objects.for_object(upheld_objection).order_by("id").last()
    assert event is not None and event.event_type == "objection.upheld" and event.payload["on_time"] is True


def test_granting_needs_an_order_and_a_date(ground_c: Objection, atasan: User) -> None:
    with pytest.raises(ValidationError) as error:
        objection_decide(objection=ground_c, actor=atasan, grant=True, reasons="Berhak.")
    assert {"order_text", "order_due_on"} <= set(error.value.message_dict)


def test_granting_reopens_the_request_with_the_order_date(ground_c: Objection, atasan: User) -> None:
    due = timezone.localdate() + datetime.timedelta(days=10)
    granted = objection_decide(
        objection=ground_c,
        actor=atasan,
        grant=True,
        reasons="Wajib dijawab.",
        order_text="Berikan DPT.",
        order_due_on=due,
    )

    request = InformationRequest.objects.get(pk=granted.request_id)
    assert (request.status, request.ordered_due_on, request.due_on) == (RequestStatus.REOPENED, due, due)
    assert granted.order_open and granted.next_due_on == due
    assert Event.objects.for_object(request).order_by("id").last().event_type == "request.reopened"  # type: ignore[union-attr]


def test_an_order_date_in_the_past_is_refused(ground_c: Objection, atasan: User) -> None:
    with pytest.raises(ValidationError):
        objection_decide(
            objection=ground_c,
            actor=atasan,
            grant=True,
            reasons="x",
            order_text="y",
            order_due_on=timezone.localdate() - datetime.timedelta(days=1),
        )


def test_only_the_atasan_of_the_office_decides(
    ground_c: Objection, ppid_officer: User, staff: Callable[..., User]
) -> None:
    provincial_atasan = staff(Role.ATASAN, Office.objects.get(code="32"))
    for actor in (ppid_officer, provincial_atasan):
        with pytest.raises(PermissionDenied):
            objection_decide(objection=ground_c, actor=actor, grant=False, reasons="x")


def test_a_second_answer_is_refused(upheld_objection: Objection, atasan: User) -> None:
    with pytest.raises(ObjectionStateError):
        objection_decide(objection=upheld_objection, actor=atasan, grant=False, reasons="lagi")


def test_the_ppid_carries_out_the_order_on_a_request_never_answered(
    ground_c: Objection, atasan: User, ppid_officer: User, desk: User
) -> None:
    due = timezone.localdate() + datetime.timedelta(days=5)
    granted = objection_decide(
        objection=ground_c, actor=atasan, grant=True, reasons="x", order_text="Berikan.", order_due_on=due
    )
    # A request that never had a notice still gets one, then the ordered information.
    request_decide(request=granted.request, actor=ppid_officer, data=granted_in_full())
    with pytest.raises(ObjectionStateError, match="hand the information over"):
        objection_fulfil_order(objection=granted, actor=ppid_officer, method="email")
    request_deliver(request=granted.request, actor=desk, method="email")

    done = objection_fulfil_order(objection=granted, actor=ppid_officer, method="email")
    assert not done.order_open
    assert InformationRequest.objects.get(pk=done.request_id).status == RequestStatus.DELIVERED


def test_fulfilling_an_order_on_a_refused_request_delivers_it(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], atasan: User, ppid_officer: User
) -> None:
    objection = file_objection(refused_request, "a")
    due = timezone.localdate() + datetime.timedelta(days=5)
    granted = objection_decide(
        objection=objection,
        actor=atasan,
        grant=True,
        reasons="Tidak dikecualikan.",
        order_text="Salinan.",
        order_due_on=due,
    )
    with pytest.raises(ValidationError):
        objection_fulfil_order(objection=granted, actor=ppid_officer, method="pigeon")

    done = objection_fulfil_order(objection=granted, actor=ppid_officer, method="email", note="Dikirim ke surel.")
    request = InformationRequest.objects.get(pk=done.request_id)
    assert request.status == RequestStatus.DELIVERED
    assert Delivery.objects.filter(request=request).count() == 1
    assert not done.order_open and done.next_due_on is None
    last = Event.objects.for_object(done).order_by("id").last()
    assert last is not None and last.payload["on_time"] is True


def test_the_requester_reacts_and_the_desk_may_record_it(
    upheld_objection: Objection, requester_user: User, desk: User, liaison: User
) -> None:
    reacted = objection_record_reaction(objection=upheld_objection, actor=requester_user, reaction="dispute")
    assert reacted.reaction == "dispute"
    again = objection_record_reaction(objection=reacted, actor=desk, reaction="accepted", note="Lewat telepon.")
    assert Event.objects.for_object(again).order_by("id").last().actor_role == Role.DESK  # type: ignore[union-attr]
    with pytest.raises(PermissionDenied):
        objection_record_reaction(objection=again, actor=liaison, reaction="accepted")
    with pytest.raises(ValidationError):
        objection_record_reaction(objection=again, actor=desk, reaction="maybe")


# --- the answer deadline under both rule sets ---------------------------------------------------


def test_the_answer_is_due_in_3_working_days_during_an_election_stage(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, file_objection: Callable[..., Objection]
) -> None:
    election = RuleSet.objects.get(kind="election")
    ElectionStage.objects.create(
        name="Pilkada 2026",
        kind="pilkada",
        starts_on=D(2026, 7, 1),
        ends_on=D(2026, 12, 31),
        all_offices=True,
        rule_set=election,
    )
    with frozen_now(at(D(2026, 6, 29))):
        request = request_in(RequestStatus.REGISTERED)
        request_decide(
            request=request,
            actor=ppid_officer,
            data=granted_in_full(outcome="refused", exemption_ground="h", reasoning="x", information_given=""),
        )
    # Thursday 2 July 2026, 10:00: day 0; three working days → Tuesday 7 July.
    with frozen_now(at(D(2026, 7, 2))):
        objection = file_objection(request, "a")

    assert objection.rule_set == election
    assert objection.answer_due_on == D(2026, 7, 7)
    # The filing window in the election set is still 30 working days (Perki 1/2019 [verify]).
    assert objection.filing_due_on == D(2026, 8, 10)


def test_a_closure_added_later_moves_the_answer_deadline(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], sysadmin: User
) -> None:
    objection = file_objection(refused_request, "a")
    before = objection.answer_due_on
    calendar_day_create(
        actor=sysadmin,
        date=before,
        kind=CalendarDayKind.CLOSURE,
        name="Kantor ditutup (banjir)",
        scope=CalendarScope.OFFICE,
        office=objection.office,
    )

    objection.refresh_from_db()
    assert objection.answer_due_on > before
    assert Event.objects.filter(event_type="deadline.recomputed", object_id=str(objection.pk)).exists()


def test_a_reopened_request_is_on_the_ppid_worklist_by_the_order_date(
    ground_c: Objection, atasan: User, ppid_officer: User
) -> None:
    from ppid.requests.selectors import worklist_for

    due = timezone.localdate() + datetime.timedelta(days=2)
    objection_decide(objection=ground_c, actor=atasan, grant=True, reasons="x", order_text="Berikan.", order_due_on=due)

    [row] = [r for r in worklist_for(ppid_officer) if r.pk == ground_c.request_id]
    assert (row.status, row.due) == (RequestStatus.REOPENED, due)
