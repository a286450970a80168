"""A service's ValidationError on the survey form: on the element it names, 400, the answers kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status
from ppid.surveys import views_public
from ppid.surveys.models import SurveyResponse
from ppid.surveys.services import survey_invite
from tests.surveys.conftest import all_scores
from tests.surveys.test_services import _token_from_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(request_in: Callable[[str], InformationRequest], django_capture_on_commit_callbacks: Any) -> str:
    request = request_in(Status.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        survey_invite(request=request)
    return _token_from_mail(request)


def test_a_service_error_lands_on_the_element_it_names(
    client: Client, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: Any) -> SurveyResponse:
        raise ValidationError({"sarana": ["Choose a score from 1 to 4."], "period": ["Closed."]})

    monkeypatch.setattr(views_public, "survey_submit", refuse)

    page = client.post(reverse("surveys_public:form", kwargs={"token": token}), {**all_scores(2), "comment": "Sempit."})

    assert page.status_code == 400
    form = page.context["form"]
    assert form.errors["sarana"] == ["Choose a score from 1 to 4."]
    assert form.non_field_errors() == ["Closed."]
    html = page.content.decode()
    assert 'id="id_sarana_error"' in html
    assert "Sempit." in html
