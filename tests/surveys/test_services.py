"""Inviting and answering the survey: only after completion, once, before expiry, all nine scored."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ppid.events.models import Event
from ppid.notifications.models import OutboxMessage
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status
from ppid.surveys.jobs import surveys_daily
from ppid.surveys.models import SurveyInvitation, SurveyResponse, SurveyScore
from ppid.surveys.services import SURVEY_INVITED, SurveyStateError, survey_invite, survey_submit
from tests.surveys.conftest import all_scores
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db(transaction=False)


def _token_from_mail(request: InformationRequest) -> str:
    message = OutboxMessage.objects.get(dedupe_key=f"request:{request.pk}:survey")
    line = next(line for line in message.body.splitlines() if "/survei/" in line)
    return line.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def invited(
    request_in: Callable[[str], InformationRequest], django_capture_on_commit_callbacks: Any
) -> tuple[InformationRequest, str]:
    request = request_in(Status.DELIVERED)
    with django_capture_on_commit_callbacks(execute=True):
        survey_invite(request=request)
    return request, _token_from_mail(request)


@pytest.mark.parametrize("status", [Status.REGISTERED, Status.IN_PROGRESS, Status.DECIDED, Status.WITHDRAWN])
def test_requests_not_yet_completed_are_not_invited(
    request_in: Callable[[str], InformationRequest], status: str
) -> None:
    request = request_in(status)
    with pytest.raises(SurveyStateError):
        survey_invite(request=request)
    assert not SurveyInvitation.objects.exists()


@pytest.mark.parametrize("status", [Status.DELIVERED, Status.CLOSED])
def test_a_completed_request_is_invited_once_by_mail(
    request_in: Callable[[str], InformationRequest], status: str, django_capture_on_commit_callbacks: Any
) -> None:
    request = request_in(status)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = survey_invite(request=request)
    assert invitation is not None
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=30)
    message = OutboxMessage.objects.get(dedupe_key=f"request:{request.pk}:survey")
    assert message.to == [request.requester.email]
    token = _token_from_mail(request)
    assert len(token) >= 40
    assert token not in invitation.token_hash  # only the hash is stored
    assert invitation.token == token  # the new object carries the link's token ...
    assert SurveyInvitation.objects.get(pk=invitation.pk).token == ""  # ... the database does not
    assert Event.objects.filter(event_type=SURVEY_INVITED, object_id=str(request.pk)).count() == 1

    with pytest.raises(SurveyStateError):
        survey_invite(request=request)
    assert SurveyInvitation.objects.count() == 1


def test_a_requester_without_email_is_not_invited(request_in: Callable[[str], InformationRequest]) -> None:
    request = request_in(Status.DELIVERED)
    request.requester.email = ""
    request.requester.save(update_fields=["email"])
    assert survey_invite(request=request) is None
    assert not SurveyInvitation.objects.exists()
    assert not OutboxMessage.objects.filter(dedupe_key__endswith=":survey").exists()


def test_submit_records_the_nine_scores_and_closes_the_invitation(invited: tuple[InformationRequest, str]) -> None:
    request, token = invited
    response = survey_submit(token=token, scores=all_scores(3), comment="  Petugas ramah.  ")
    assert response.office_id == request.office_id
    assert response.comment == "Petugas ramah."
    assert SurveyScore.objects.filter(response=response, value=3).count() == 9
    assert SurveyInvitation.objects.get(request=request).answered_at is not None


def test_a_used_token_is_refused_and_nothing_more_is_saved(invited: tuple[InformationRequest, str]) -> None:
    _, token = invited
    survey_submit(token=token, scores=all_scores(4))
    with pytest.raises(SurveyStateError, match="already been answered"):
        survey_submit(token=token, scores=all_scores(1))
    assert SurveyResponse.objects.count() == 1
    assert SurveyScore.objects.filter(value=1).count() == 0


def test_a_wrong_token_is_refused(invited: tuple[InformationRequest, str]) -> None:
    with pytest.raises(SurveyStateError, match="not valid"):
        survey_submit(token="not-the-token", scores=all_scores(4))
    assert not SurveyResponse.objects.exists()


def test_an_expired_token_is_refused(invited: tuple[InformationRequest, str]) -> None:
    _, token = invited
    with frozen_now(timezone.now() + datetime.timedelta(days=31)), pytest.raises(SurveyStateError, match="expired"):
        survey_submit(token=token, scores=all_scores(4))
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("bad", [None, "", "0", "5", "x"])
def test_every_element_needs_a_score_from_1_to_4(invited: tuple[InformationRequest, str], bad: str | None) -> None:
    _, token = invited
    scores: dict[str, Any] = all_scores(4)
    scores["waktu"] = bad
    with pytest.raises(ValidationError) as raised:
        survey_submit(token=token, scores=scores)
    assert set(raised.value.message_dict) == {"waktu"}
    assert not SurveyResponse.objects.exists()
    assert SurveyInvitation.objects.get().answered_at is None


def test_the_daily_job_invites_recent_completions_once(
    request_in: Callable[[str], InformationRequest], django_capture_on_commit_callbacks: Any
) -> None:
    delivered = request_in(Status.DELIVERED)
    closed = request_in(Status.CLOSED)
    request_in(Status.DECIDED)

    with django_capture_on_commit_callbacks(execute=True):
        report = surveys_daily()
    assert sorted(report.invited) == sorted([delivered.registration_number, closed.registration_number])
    assert OutboxMessage.objects.filter(dedupe_key__endswith=":survey").count() == 2

    assert surveys_daily().invited == []
    assert SurveyInvitation.objects.count() == 2


def test_the_daily_job_leaves_requests_delivered_over_30_days_ago(
    request_in: Callable[[str], InformationRequest],
) -> None:
    request_in(Status.DELIVERED)
    report = surveys_daily(now=timezone.now() + datetime.timedelta(days=31))
    assert report.invited == []
    assert not SurveyInvitation.objects.exists()
