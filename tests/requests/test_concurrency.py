"""Concurrency on PostgreSQL: gapless numbering under parallel submissions, and one winner when two
officers decide the same request at once. Real threads, each with its own database connection.

SQLite serialises every write to the whole database file, so these races cannot happen there: skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from ppid.requests.models import Channel, DeliveryMethod, InformationRequest, RegistrationCounter
from ppid.requests.services import RequestStateError, request_decide, request_submit
from ppid.requests.services.handling import NoticeData
from ppid.requests.workflow import Outcome, Status
from tests.requests.conftest import build_intake

# serialized_rollback: the offices, rule sets and calendar come from data migrations; restored after each flush.
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUBMISSIONS = 100


@pytest.fixture(autouse=True)
def _postgres_only(flushable_events: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises all writes, so there is no race to test")


def in_threads(calls: list[Callable[[], Any]], workers: int) -> list[Any]:
    """Run `calls` in `workers` threads released together; each thread closes its own connection.
    Returns each call's result or the exception it raised."""
    barrier = threading.Barrier(workers)
    share = [calls[i::workers] for i in range(workers)]

    def work(mine: list[Callable[[], Any]]) -> list[Any]:
        results: list[Any] = []
        try:
            barrier.wait(timeout=60)
            for call in mine:
                try:
                    results.append(call())
                except Exception as error:
                    results.append(error)
        finally:
            connections.close_all()
        return results

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return [result for results in pool.map(work, share) for result in results]


def free_connections() -> int:
    """Connections the server still accepts, less a margin for other sessions (max_connections is often 100)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity")
        (free,) = cursor.fetchone() or (0,)
    return int(free) - 10


def test_parallel_submissions_get_numbers_one_to_n_without_gaps_or_duplicates(office_bandung: Office) -> None:
    workers = min(SUBMISSIONS, free_connections())
    assert workers >= 10, "too few free PostgreSQL connections for a meaningful race"
    calls: list[Callable[[], Any]] = [
        partial(request_submit, office=office_bandung, data=build_intake(name=f"Pemohon {i}"), channel=Channel.ONLINE)
        for i in range(SUBMISSIONS)
    ]

    results = in_threads(calls, workers)

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    sequences = sorted(InformationRequest.objects.filter(office=office_bandung).values_list("sequence", flat=True))
    assert sequences == list(range(1, SUBMISSIONS + 1))
    numbers = InformationRequest.objects.values_list("registration_number", flat=True)
    assert len(set(numbers)) == SUBMISSIONS
    assert RegistrationCounter.objects.get(office=office_bandung, series="request").last_sequence == SUBMISSIONS


def test_the_same_submission_key_in_parallel_makes_one_request(office_bandung: Office) -> None:
    calls = [
        lambda: request_submit(office=office_bandung, data=build_intake(), channel=Channel.ONLINE, submission_key="k1")
        for _ in range(10)
    ]

    results = in_threads(calls, 10)

    assert {r.pk for r in results if isinstance(r, InformationRequest)} == {InformationRequest.objects.get().pk}
    assert [r for r in results if isinstance(r, Exception)] == []


def test_two_officers_deciding_at_once_one_wins_the_other_is_told_it_changed(
    office_bandung: Office, staff: Callable[..., User]
) -> None:
    request = request_submit(office=office_bandung, data=build_intake(), channel=Channel.ONLINE)
    officers = [staff(Role.PPID, office_bandung), staff(Role.PPID, office_bandung)]
    notice = NoticeData(
        outcome=Outcome.GRANTED_FULL, delivery_method=DeliveryMethod.EMAIL, information_given="DPT (PDF)"
    )
    calls: list[Callable[[], Any]] = [
        partial(request_decide, request=request, actor=officer, data=notice) for officer in officers
    ]

    results = in_threads(calls, 2)

    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1
    assert isinstance(failures[0], RequestStateError)
    assert request.registration_number in str(failures[0])
    request.refresh_from_db()
    assert request.status == Status.DECIDED
    assert request.notice.signed_by in officers
