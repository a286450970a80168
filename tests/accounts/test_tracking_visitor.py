"""A requester without an account, verified by the tracking second factor, acts on their own requests only."""

from dataclasses import dataclass

import pytest

from ppid.accounts.permissions import REQUESTER_PERMISSIONS, TrackingVisitor, acting_role, can
from ppid.offices.models import Office


@dataclass
class TrackedThing:
    office: Office
    tracking_request_id: int
    owner_user_id: int | None = None


@pytest.fixture
def office(db: None) -> Office:
    return Office.objects.get(code="32.73")


@pytest.mark.parametrize("action", sorted(REQUESTER_PERMISSIONS))
def test_it_grants_requester_permissions_on_the_proven_request(office: Office, action: str) -> None:
    visitor = TrackingVisitor(request_ids=frozenset({7}))

    assert can(visitor, action, TrackedThing(office=office, tracking_request_id=7))
    assert acting_role(visitor, action, TrackedThing(office=office, tracking_request_id=7)) == "requester"


@pytest.mark.parametrize("action", sorted(REQUESTER_PERMISSIONS))
def test_it_refuses_other_requests(office: Office, action: str) -> None:
    visitor = TrackingVisitor(request_ids=frozenset({7}))

    assert not can(visitor, action, TrackedThing(office=office, tracking_request_id=8))


@pytest.mark.parametrize("action", ["request:decide", "request:assign", "office:view", "audit:view"])
def test_it_never_grants_staff_permissions(office: Office, action: str) -> None:
    visitor = TrackingVisitor(request_ids=frozenset({7}))

    assert not can(visitor, action, TrackedThing(office=office, tracking_request_id=7))
    assert not can(visitor, action, office)
