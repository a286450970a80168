"""A service's ValidationError on the requester's objection form: on the field it names, linked
for screen readers like the form's own errors (ppid.core.steps.errors_onto_form)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ppid.objections import views_public
from ppid.objections.models import Objection
from ppid.requests.models import InformationRequest
from tests.legal.conftest import QUIET_MONDAY
from tests.legal.test_objection_public import REASONS, new_url, track
from tests.workdays.conftest import frozen_now


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with frozen_now(QUIET_MONDAY):
        yield


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


def test_a_service_error_naming_a_field_lands_on_it_with_its_error_linked(
    client: Client, unanswered_request: Callable[[], InformationRequest], monkeypatch: pytest.MonkeyPatch
) -> None:
    obj = unanswered_request()
    track(client, obj)

    def refuse(**kwargs: Any) -> Objection:
        raise ValidationError({"reasons": ["Say why the answer is wrong."], "filed_at": ["Too late."]})

    monkeypatch.setattr(views_public, "objection_file", refuse)

    response = client.post(new_url(obj), {"grounds": ["c"], "reasons": REASONS, "submission_key": "kunci-1"})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["reasons"] == ["Say why the answer is wrong."]
    assert form.non_field_errors() == ["Too late."]
    html = response.content.decode()
    assert 'aria-describedby="id_reasons_error' in html
    assert REASONS in html
    assert not Objection.objects.exists()
