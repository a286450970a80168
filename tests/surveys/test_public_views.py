"""The public survey form /survei/<token>/: anonymous, CSRF-protected, clear about bad links."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status
from ppid.surveys.models import SurveyInvitation, SurveyResponse
from ppid.surveys.services import survey_invite
from tests.surveys.conftest import all_scores
from tests.surveys.test_services import _token_from_mail
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(request_in: Callable[[str], InformationRequest], django_capture_on_commit_callbacks: Any) -> str:
    request = request_in(Status.CLOSED)
    with django_capture_on_commit_callbacks(execute=True):
        survey_invite(request=request)
    return _token_from_mail(request)


def _url(token: str) -> str:
    return reverse("surveys_public:form", kwargs={"token": token})


def test_the_form_shows_a_radio_group_with_a_legend_per_element(client: Client, token: str) -> None:
    page = client.get(_url(token))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<legend>") == 9
    assert html.count('type="radio"') == 36
    assert "Persyaratan" in html
    assert "csrfmiddlewaretoken" in html


def test_answering_without_login_records_the_response_and_thanks(client: Client, token: str) -> None:
    data = {**all_scores(4), "comment": "Cepat."}
    page = client.post(_url(token), data)
    assert page.status_code == 302
    assert page["Location"] == reverse("surveys_public:thanks")
    assert SurveyResponse.objects.get().comment == "Cepat."
    assert client.get(page["Location"]).status_code == 200


def test_a_missing_score_is_shown_and_the_chosen_ones_are_kept(client: Client, token: str) -> None:
    data = {**all_scores(2), "comment": "Ruang tunggu sempit."}
    del data["sarana"]
    page = client.post(_url(token), data)
    assert page.status_code == 400
    html = page.content.decode()
    assert "error-summary" in html
    assert 'id="id_sarana_error"' in html
    assert html.count("checked") == 8  # the eight answered elements keep their choice
    assert "Ruang tunggu sempit." in html
    assert not SurveyResponse.objects.exists()


def test_a_wrong_link_says_so_and_shows_no_form(client: Client, token: str) -> None:
    page = client.get(_url("wrong-token"))
    assert page.status_code == 410
    assert "not valid" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[-1]


def test_a_used_link_says_it_was_answered(client: Client, token: str) -> None:
    client.post(_url(token), all_scores(3))
    page = client.post(_url(token), all_scores(1))
    assert page.status_code == 410
    assert "already been answered" in page.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_an_expired_link_says_it_expired(client: Client, token: str) -> None:
    with frozen_now(timezone.now() + datetime.timedelta(days=31)):
        page = client.post(_url(token), all_scores(3))
    assert page.status_code == 410
    assert "expired" in page.content.decode()
    assert SurveyInvitation.objects.get().answered_at is None


def test_the_form_requires_the_csrf_token(token: str) -> None:
    strict = Client(enforce_csrf_checks=True)
    page = strict.post(_url(token), all_scores(3))
    assert page.status_code == 403
    assert not SurveyResponse.objects.exists()
