"""seed_demo's requests: every status through the services; --scale volumes bulk-inserted consistently."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Max

from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.demo_bulk import bulk_fill_requests
from ppid.requests.models import InformationRequest, RegistrationCounter, WrittenNotice
from ppid.requests.workflow import OPEN_STATUSES, Outcome, Status
from tests.demo_support import seed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
DEMO_CODES = ["00", "32", "32.73"]


def assert_numbering_consistent() -> None:
    """Each office's register per year is 1..n without gaps, and its counter stands at n."""
    sequences: dict[tuple[int, int], list[int]] = defaultdict(list)
    for office_id, year, sequence in InformationRequest.objects.values_list("office_id", "year", "sequence"):
        sequences[(office_id, year)].append(sequence)
    for key, found in sequences.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key
    counters = {(c.office_id, c.year): c.last_sequence for c in RegistrationCounter.objects.filter(series="request")}
    assert counters == {key: len(found) for key, found in sequences.items()}


def test_seed_demo_fills_every_status_and_outcome_at_each_demo_office() -> None:
    output = seed()

    assert "Demo requests:" in output
    for code in DEMO_CODES:
        rows = InformationRequest.objects.filter(office__code=code)
        # A request is reopened only by a granted objection: the objection demo makes those
        # (tests/legal/test_demo.py), and the objection demo runs only where its staff exist.
        assert set(rows.values_list("status", flat=True)) | {Status.REOPENED} == set(Status), code
        assert set(rows.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome), code


def test_seeded_requests_went_through_the_services() -> None:
    seed()

    for request in InformationRequest.objects.filter(office__code="32.73"):
        types = set(Event.objects.for_object(request).values_list("event_type", flat=True))
        assert types & {"request.submitted", "request.received_by_forward"}, request
        if request.status == Status.CLOSED:
            assert "request.receipt_confirmed" in types
        if request.status == Status.LAPSED:
            assert "request.lapsed" in types
    assert_numbering_consistent()


def test_the_worklist_has_due_soon_and_overdue_demo_requests() -> None:
    seed()
    from ppid.requests.selectors import Urgency, with_urgency

    rows = InformationRequest.objects.filter(office__code="32.73", status__in=OPEN_STATUSES).select_related("office")
    urgencies = {row.urgency for row in with_urgency(rows)}  # type: ignore[attr-defined]

    assert {Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.NORMAL} <= urgencies


def test_seed_demo_runs_again_without_adding_requests() -> None:
    seed()
    before = InformationRequest.objects.count()

    assert "0 new" in seed()
    assert InformationRequest.objects.count() == before


def test_scale_bulk_inserts_requests_over_all_offices_and_says_events_are_skipped() -> None:
    output = seed("--scale", "1200")

    assert "no events written" in output
    seeded = InformationRequest.objects.filter(submission_key__startswith="demo:").count()
    forwarded_copies = InformationRequest.objects.filter(forwarded_from__isnull=False).count()
    assert InformationRequest.objects.count() == 1200 + seeded + forwarded_copies
    offices = InformationRequest.objects.filter(submission_key__isnull=True).values("office").distinct().count()
    assert offices == Office.objects.filter(is_active=True).count()
    # Only the requests made through the services have events.
    request_type = ContentType.objects.get_for_model(InformationRequest)
    with_events = Event.objects.filter(content_type=request_type).values("object_id").distinct().count()
    assert with_events == seeded + forwarded_copies
    assert_numbering_consistent()


def test_bulk_rows_are_internally_consistent() -> None:
    UserFactory.create()  # someone to sign the notices
    bulk_fill_requests(2000, write=lambda _line: None)

    rows = InformationRequest.objects.all()
    assert rows.count() == 2000
    assert not rows.filter(status__in=OPEN_STATUSES, notice_due_on__isnull=True).exists()
    assert not rows.filter(status__in=[Status.INCOMPLETE, Status.LAPSED], completion_due_on__isnull=True).exists()
    decided = rows.filter(status__in=[Status.DECIDED, Status.DELIVERED, Status.CLOSED])
    assert decided.count() == WrittenNotice.objects.count() > 0
    assert not decided.filter(outcome="").exists()
    assert not rows.filter(status=Status.CLOSED, delivery__isnull=True).exists()
    assert not rows.filter(notice_due_on__lt=F("received_at__date")).exists()
    assert rows.filter(status__in=OPEN_STATUSES).exists()
    assert_numbering_consistent()


def test_bulk_numbers_continue_after_requests_made_by_the_service() -> None:
    seed()
    before = InformationRequest.objects.filter(office__code="32.73").aggregate(m=Max("sequence"))["m"]

    bulk_fill_requests(553 * 3, write=lambda _line: None)

    assert InformationRequest.objects.filter(office__code="32.73").count() >= before + 3
    assert_numbering_consistent()
