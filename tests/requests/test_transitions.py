"""Every transition of ppid.requests.workflow.TRANSITIONS: state, right, office, one event, acting role."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ppid.accounts.models import User
from ppid.accounts.permissions import filter_visible
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.models import Delivery, DeliveryMethod, ExemptionGround, InformationRequest, WrittenNotice
from ppid.requests.services import (
    RequestStateError,
    request_assign,
    request_complete,
    request_confirm_receipt,
    request_decide,
    request_deliver,
    request_extend,
    request_forward,
    request_fulfil_order,
    request_lapse,
    request_mark_incomplete,
    request_reopen,
    request_withdraw,
)
from ppid.requests.workflow import TRANSITIONS, Outcome, Status, allowed_from, target_of
from tests.factories import RequesterFactory
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)  # Wednesday, a working day
REQUESTER = "requester"  # the request's owner acts, not a staff role


@dataclass(frozen=True)
class Action:
    name: str
    role: str  # who may do it
    lacking: str  # a staff role without the permission
    call: Callable[..., Any]
    kwargs: Callable[[Office], dict[str, Any]]


def _last_unit(office: Office) -> dict[str, Any]:
    # request_in(IN_PROGRESS) assigns the first unit by name: this one is new to it.
    return {"work_units": [office.work_units.filter(is_legal_unit=False).order_by("-name").first()]}


ACTIONS = {
    a.name: a
    for a in (
        Action(
            "request_mark_incomplete",
            Role.DESK,
            Role.TIM_PENGHUBUNG,
            request_mark_incomplete,
            lambda o: {"missing": "Scan KTP"},
        ),
        Action("request_complete", REQUESTER, Role.TIM_PENGHUBUNG, request_complete, lambda o: {}),
        Action("request_assign", Role.DESK, Role.TIM_PENGHUBUNG, request_assign, _last_unit),
        Action("request_extend", Role.PPID, Role.DESK, request_extend, lambda o: {"reason": "Data tersebar"}),
        Action("request_decide", Role.PPID, Role.DESK, request_decide, lambda o: {"data": granted_in_full()}),
        Action(
            "request_forward",
            Role.PPID,
            Role.DESK,
            request_forward,
            lambda o: {"to_office": Office.objects.get(code="00")},
        ),
        Action("request_deliver", Role.DESK, Role.PPID, request_deliver, lambda o: {"method": DeliveryMethod.POST}),
        Action("request_confirm_receipt", REQUESTER, Role.DESK, request_confirm_receipt, lambda o: {}),
        Action("request_withdraw", REQUESTER, Role.DESK, request_withdraw, lambda o: {}),
        Action(
            "request_reopen",
            Role.ATASAN,
            Role.PPID,
            request_reopen,
            lambda o: {"due_on": NOW.date() + datetime.timedelta(days=14), "objection_number": "00001/KEB/32.73/2026"},
        ),
        Action(
            "request_fulfil_order",
            Role.PPID,
            Role.TIM_PENGHUBUNG,
            request_fulfil_order,
            lambda o: {"method": DeliveryMethod.EMAIL, "delivered_at": NOW},
        ),
    )
}


def test_every_transition_with_an_actor_is_covered() -> None:
    assert set(ACTIONS) | {"request_lapse"} == set(TRANSITIONS)


@pytest.fixture
def actor_for(staff: Callable[..., User], office: Office, requester_user: User) -> Callable[[str], User]:
    def pick(role: str) -> User:
        return requester_user if role == REQUESTER else staff(role, office)

    return pick


def another_requester() -> User:
    user: User = RequesterFactory()  # type: ignore[no-untyped-call,assignment]
    return user


def perform(action: Action, request: InformationRequest, actor: User) -> Any:
    return action.call(request=request, actor=actor, **action.kwargs(request.office))


def events_of(request: InformationRequest) -> list[Event]:
    return list(Event.objects.for_object(request).order_by("id"))


CASES = [(name, status) for name in ACTIONS for status in Status]


@pytest.mark.parametrize(("name", "status"), CASES, ids=[f"{n[8:]}-from-{s.value}" for n, s in CASES])
def test_transition_is_allowed_exactly_from_its_statuses(
    request_in: Callable[[str], InformationRequest], actor_for: Callable[[str], User], name: str, status: Status
) -> None:
    action = ACTIONS[name]
    with frozen_now(NOW):
        request = request_in(status)
        actor = actor_for(action.role)
        before = events_of(request)
        if status in allowed_from(name):
            perform(action, request, actor)
        else:
            with pytest.raises(RequestStateError):
                perform(action, request, actor)

    request.refresh_from_db()
    new_events = events_of(request)[len(before) :]
    if status not in allowed_from(name):
        assert request.status == status
        assert new_events == []
        return
    assert request.status == (TRANSITIONS[name][1] or status)
    [event] = new_events
    assert event.actor == actor
    assert event.actor_role == action.role


@pytest.mark.parametrize("name", list(ACTIONS))
def test_a_role_without_the_permission_is_refused(
    request_in: Callable[[str], InformationRequest], actor_for: Callable[[str], User], name: str
) -> None:
    action = ACTIONS[name]
    with frozen_now(NOW):
        request = request_in(sorted(allowed_from(name))[0])
        before = events_of(request)
        with pytest.raises(PermissionDenied):
            perform(action, request, actor_for(action.lacking))

    assert events_of(request) == before


@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.role != REQUESTER])
@pytest.mark.parametrize("elsewhere", ["32", "33", "32.04"], ids=["parent", "other-province", "sibling"])
def test_the_same_role_at_another_office_is_refused(
    request_in: Callable[[str], InformationRequest], staff: Callable[..., User], name: str, elsewhere: str
) -> None:
    action = ACTIONS[name]
    with frozen_now(NOW):
        request = request_in(sorted(allowed_from(name))[0])
        with pytest.raises(PermissionDenied):
            perform(action, request, staff(action.role, Office.objects.get(code=elsewhere)))


@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.role == REQUESTER])
def test_another_requester_cannot_act_on_the_request(
    request_in: Callable[[str], InformationRequest], name: str
) -> None:
    with frozen_now(NOW):
        request = request_in(sorted(allowed_from(name))[0])
        with pytest.raises(PermissionDenied):
            perform(ACTIONS[name], request, another_requester())


def test_the_desk_records_a_completion_in_its_own_role(
    request_in: Callable[[str], InformationRequest], desk: User
) -> None:
    with frozen_now(NOW):
        request = request_complete(request=request_in(Status.INCOMPLETE), actor=desk, note="KTP dibawa ke meja")

    assert request.status == Status.REGISTERED
    assert events_of(request)[-1].actor_role == Role.DESK


# --- the daily lapse job ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [s for s in Status if s not in allowed_from("request_lapse")])
def test_lapse_leaves_other_statuses_alone(request_in: Callable[[str], InformationRequest], status: Status) -> None:
    with frozen_now(NOW):
        request = request_in(status)
    before = events_of(request)
    with frozen_now(NOW + datetime.timedelta(days=60)):
        request_lapse(request=request)

    request.refresh_from_db()
    assert request.status == status
    assert events_of(request) == before


# --- two officers at once ---------------------------------------------------------------------


def test_the_second_of_two_deciders_is_told_the_request_changed(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, staff: Callable[..., User], office: Office
) -> None:
    colleague = staff(Role.PPID, office)
    with frozen_now(NOW):
        request = request_in(Status.IN_PROGRESS)
        stale = InformationRequest.objects.get(pk=request.pk)  # both opened the page
        request_decide(request=request, actor=ppid_officer, data=granted_in_full())
        with pytest.raises(RequestStateError, match=request.registration_number):
            request_decide(
                request=stale,
                actor=colleague,
                data=granted_in_full(outcome=Outcome.NOT_DOCUMENTED, reasoning="Belum ada"),
            )

    assert WrittenNotice.objects.get(request=request).signed_by == ppid_officer
    assert InformationRequest.objects.get(pk=request.pk).outcome == Outcome.GRANTED_FULL


# --- decision ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        ({"outcome": Outcome.REFUSED, "information_given": ""}, {"exemption_ground", "reasoning"}),
        ({"outcome": Outcome.REFUSED, "exemption_ground": ExemptionGround.H}, {"reasoning"}),
        ({"outcome": Outcome.GRANTED_PART}, {"exemption_ground", "blacked_out"}),
        ({"outcome": Outcome.GRANTED_PART, "exemption_ground": "h", "blacked_out": "NIK"}, set()),
        ({"outcome": Outcome.GRANTED_FULL, "information_given": " "}, {"information_given"}),
        ({"outcome": Outcome.NOT_HELD, "holder_body": ""}, {"holder_body"}),
        ({"outcome": Outcome.NOT_HELD, "holder_body": "Bawaslu Kota Bandung"}, set()),
        ({"outcome": Outcome.NOT_DOCUMENTED}, {"reasoning"}),
        ({"outcome": Outcome.REFUSED, "exemption_ground": "h", "reasoning": "Uji konsekuensi no. 3"}, set()),
    ],
)
def test_the_notice_carries_what_its_outcome_needs(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, overrides: dict[str, Any], fields: set[str]
) -> None:
    with frozen_now(NOW):
        request = request_in(Status.REGISTERED)
        data = granted_in_full(**overrides)
        if not fields:
            notice = request_decide(request=request, actor=ppid_officer, data=data)
            assert notice.outcome == overrides["outcome"]
            return
        with pytest.raises(ValidationError) as caught:
            request_decide(request=request, actor=ppid_officer, data=data)

    assert set(caught.value.message_dict) == fields
    request.refresh_from_db()
    assert request.status == Status.REGISTERED


def test_a_refusal_must_name_a_real_pasal_17_ground(
    request_in: Callable[[str], InformationRequest], ppid_officer: User
) -> None:
    data = granted_in_full(outcome=Outcome.REFUSED, exemption_ground="z", reasoning="Uji konsekuensi")
    with frozen_now(NOW):
        request = request_in(Status.REGISTERED)
        with pytest.raises(ValidationError) as caught:
            request_decide(request=request, actor=ppid_officer, data=data)

    assert set(caught.value.message_dict) == {"exemption_ground"}
    assert not WrittenNotice.objects.exists()


def test_the_notice_is_signed_by_the_deciding_ppid_with_its_costs(
    request_in: Callable[[str], InformationRequest], ppid_officer: User
) -> None:
    data = granted_in_full(costs=[("Fotokopi A4", 20, 500), ("Pengiriman pos", 1, 15000)])
    with frozen_now(NOW):
        request = request_in(Status.IN_PROGRESS)
        notice = request_decide(request=request, actor=ppid_officer, data=data)

    assert notice.signed_by == ppid_officer
    assert notice.signer_name == str(ppid_officer)
    assert notice.signer_position  # the PPID's position, or "PPID of <office>"
    assert notice.issued_at == NOW
    assert notice.total_cost == 20 * 500 + 15000
    request.refresh_from_db()
    assert (request.status, request.outcome) == (Status.DECIDED, Outcome.GRANTED_FULL)
    assert events_of(request)[-1].payload["on_time"] is True


# --- forwarding ---------------------------------------------------------------------------------


def test_forward_creates_a_linked_request_with_its_own_number_at_the_other_office(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    staff: Callable[..., User],
    office: Office,
    office_jateng: Office,
) -> None:
    with frozen_now(NOW):
        original = request_in(Status.REGISTERED)
        copy = request_forward(request=original, actor=ppid_officer, to_office=office_jateng, note="DPT Jateng")

    original.refresh_from_db()
    assert original.status == Status.FORWARDED
    assert original.forwarded_to == copy
    assert list(copy.forwarded_from.all()) == [original]
    assert copy.office == office_jateng
    assert copy.registration_number == "00001/PPID/33/2026"
    assert copy.status == Status.REGISTERED
    assert copy.requester == original.requester
    assert copy.clock_started_at == NOW
    assert copy.notice_due_on == datetime.date(2026, 2, 20)
    [received] = events_of(copy)
    assert received.event_type == "request.received_by_forward"
    assert received.payload["forwarded_from"] == original.registration_number

    requests = InformationRequest.objects.all()
    here, there = staff(Role.PPID, office), staff(Role.PPID, office_jateng)
    assert list(filter_visible(here, "request:view", requests)) == [original]
    assert list(filter_visible(there, "request:view", requests)) == [copy]
    owner = original.requester.user
    mine = filter_visible(owner, "request:view", requests, owner_field="requester__user")
    assert set(mine) == {original, copy}


def test_the_event_on_the_forwarded_copy_names_the_senders_role(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, office_jateng: Office
) -> None:
    with frozen_now(NOW):
        copy = request_forward(request=request_in(Status.REGISTERED), actor=ppid_officer, to_office=office_jateng)

    [received] = events_of(copy)
    assert received.actor == ppid_officer
    assert received.actor_role == Role.PPID


def test_forward_to_the_same_office_is_refused(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, office: Office
) -> None:
    with frozen_now(NOW):
        request = request_in(Status.REGISTERED)
        with pytest.raises(ValidationError) as caught:
            request_forward(request=request, actor=ppid_officer, to_office=office)

    assert set(caught.value.message_dict) == {"to_office"}
    assert InformationRequest.objects.count() == 1


# --- routing, delivery, receipt, withdrawal -------------------------------------------------------


def test_assign_refuses_units_of_another_office_and_ignores_repeats(
    request_in: Callable[[str], InformationRequest], desk: User, office_jateng: Office
) -> None:
    foreign = office_jateng.work_units.get(is_legal_unit=True)
    with frozen_now(NOW):
        request = request_in(Status.IN_PROGRESS)
        count = len(events_of(request))
        with pytest.raises(ValidationError):
            request_assign(request=request, actor=desk, work_units=[foreign])
        with pytest.raises(ValidationError):
            request_assign(request=request, actor=desk, work_units=[])
        request_assign(
            request=request, actor=desk, work_units=list(request.office.work_units.filter(pk__in=request.work_unit_ids))
        )

    assert len(events_of(request)) == count
    assert request.assignments.count() == 1


def test_delivery_is_recorded_with_method_date_payment_and_confirmation(
    request_in: Callable[[str], InformationRequest], desk: User, requester_user: User
) -> None:
    handed_over = NOW - datetime.timedelta(hours=2)
    with frozen_now(NOW):
        request = request_in(Status.DECIDED)
        delivery = request_deliver(
            request=request, actor=desk, method=DeliveryMethod.PICK_UP, delivered_at=handed_over, amount_paid=10000
        )
        request_confirm_receipt(request=request, actor=requester_user)

    delivery.refresh_from_db()
    assert (delivery.method, delivery.delivered_at, delivery.amount_paid) == ("pick_up", handed_over, 10000)
    assert delivery.paid_at == handed_over
    assert delivery.confirmed_at == NOW
    request.refresh_from_db()
    assert request.status == Status.CLOSED


def test_delivery_cannot_be_dated_in_the_future(request_in: Callable[[str], InformationRequest], desk: User) -> None:
    with frozen_now(NOW):
        request = request_in(Status.DECIDED)
        with pytest.raises(ValidationError):
            request_deliver(
                request=request, actor=desk, method=DeliveryMethod.POST, delivered_at=NOW + datetime.timedelta(days=1)
            )

    assert not Delivery.objects.exists()


@pytest.mark.parametrize("status", sorted(allowed_from("request_withdraw")))
def test_the_requester_may_withdraw_an_open_request(
    request_in: Callable[[str], InformationRequest], requester_user: User, status: Status
) -> None:
    with frozen_now(NOW):
        request = request_withdraw(request=request_in(status), actor=requester_user, reason="Sudah dapat")

    assert request.status == Status.WITHDRAWN
    assert events_of(request)[-1].note == "Sudah dapat"


def test_target_of_refuses_an_action_that_keeps_the_status() -> None:
    with pytest.raises(ValueError, match="does not change the status"):
        target_of("request_extend")
