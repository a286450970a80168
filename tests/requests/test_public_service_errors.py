"""A service's ValidationError on the requester's forms: on the field it names, linked for screen
readers like the form's own errors; errors naming no field above the form (ppid.core.steps)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ppid.offices.models import Office
from ppid.requests import views_public
from ppid.requests.models import InformationRequest
from tests.requests.test_public_views import errors_of, form_data, url


def _refusing(error: ValidationError) -> Any:
    def submit(**kwargs: Any) -> InformationRequest:
        raise error

    return submit


def test_a_service_error_naming_a_field_lands_on_it_with_its_error_linked(
    client: Client, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusal = ValidationError({"name": ["Give your full name."], "deadline": ["Not today."]})
    monkeypatch.setattr(views_public, "request_submit", _refusing(refusal))

    response = client.post(url(office), form_data())

    assert response.status_code == 200
    assert errors_of(response)["name"] == ["Give your full name."]
    assert response.context["form"].non_field_errors() == ["Not today."]
    html = response.content.decode()
    # the error first, then the help text: as the form's own errors are linked (AccessibleForm)
    assert 'aria-describedby="id_name_error id_name_helptext"' in html
    assert "Penelitian skripsi" in html  # what was typed is kept
    assert InformationRequest.objects.count() == 0


def test_a_service_error_naming_no_field_is_shown_above_the_form(
    client: Client, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_public, "request_submit", _refusing(ValidationError("This form was already used.")))

    response = client.post(url(office), form_data())

    assert response.status_code == 200
    assert errors_of(response) == {"__all__": ["This form was already used."]}
