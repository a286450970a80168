"""The daily job's entry points: the management command and the Celery task."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import call_command

from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status
from ppid.surveys.models import SurveyInvitation
from ppid.surveys.tasks import daily

pytestmark = pytest.mark.django_db


def test_the_command_invites_and_reports(request_in: Callable[[str], InformationRequest]) -> None:
    request = request_in(Status.CLOSED)
    out = StringIO()
    call_command("surveys_daily", stdout=out)
    assert f"invited: {request.registration_number}" in out.getvalue()
    assert "1 invited" in out.getvalue()
    assert SurveyInvitation.objects.filter(request=request).exists()


def test_the_celery_task_runs_the_same_job(request_in: Callable[[str], InformationRequest]) -> None:
    request_in(Status.DELIVERED)
    assert daily.name == "ppid.surveys.daily"
    assert daily() == "surveys: 1 invited, 0 skipped"
    assert SurveyInvitation.objects.count() == 1
