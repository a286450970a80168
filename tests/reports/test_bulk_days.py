"""Bulk benchmark requests carry working_days_taken, counted as request_decide counts it."""

from __future__ import annotations

import pytest

from ppid.requests.demo_bulk import bulk_fill_requests
from ppid.requests.models import InformationRequest
from ppid.requests.services.handling import _working_days_taken

pytestmark = pytest.mark.django_db


def test_bulk_decided_requests_have_working_days_taken(national: object, sysadmin: object) -> None:
    bulk_fill_requests(553 * 2, write=lambda _line: None)
    decided = InformationRequest.objects.exclude(outcome="").select_related("office", "notice")
    assert decided.exists()
    assert not decided.filter(working_days_taken__isnull=True).exists()
    for request in decided[:40]:
        assert request.working_days_taken == _working_days_taken(request, request.notice.issued_at)
    assert not InformationRequest.objects.filter(outcome="", working_days_taken__isnull=False).exists()
