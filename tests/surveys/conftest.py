"""Fixtures for the survey: the request fixtures, and a maker of answered surveys for the results."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.utils import timezone, translation

from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.surveys.models import SurveyElement, SurveyInvitation, SurveyResponse, SurveyScore
from ppid.surveys.services import token_hash
from tests.requests.conftest import (  # noqa: F401  (fixtures shared with the request tests)
    _media_root,
    atasan,
    desk,
    intake,
    office,
    ppid_officer,
    request_in,
    requester_user,
    staff,
    submit,
    valid_nik,
)

_serial = itertools.count()


@pytest.fixture(autouse=True)
def _english(client: Client) -> Iterator[None]:
    """Assertions read the English msgids, in services (active language) and pages (the cookie)."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def answered(
    submit: Callable[..., InformationRequest],
) -> Callable[..., SurveyResponse]:
    """`answered(office, day, scores, comment="")`: a response stored directly (the results read
    the tables only); `scores` is one score for every element, or a list in element order."""

    def make(office: Office, day: datetime.date, scores: int | list[int], comment: str = "") -> SurveyResponse:
        request = submit(office=office)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        invitation = SurveyInvitation.objects.create(
            request=request,
            token_hash=token_hash(f"token-{next(_serial)}"),
            sent_at=moment,
            expires_at=moment + datetime.timedelta(days=30),
            answered_at=moment,
        )
        response = SurveyResponse.objects.create(
            invitation=invitation, office=office, comment=comment, submitted_at=moment
        )
        elements = list(SurveyElement.objects.filter(is_active=True))
        values = scores if isinstance(scores, list) else [scores] * len(elements)
        SurveyScore.objects.bulk_create(
            SurveyScore(response=response, element=element, value=value)
            for element, value in zip(elements, values, strict=True)
        )
        return response

    return make


def all_scores(value: int) -> dict[str, str]:
    """The form data scoring every active element `value`."""
    return {code: str(value) for code in SurveyElement.objects.filter(is_active=True).values_list("code", flat=True)}
