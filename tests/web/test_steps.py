"""ppid.core.steps: the shared machinery of the "one POST per step" staff pages.

A made-up page with two steps on an unsaved Office stands in for a request, an objection, a
dispute, a test or an item; each page's own tests check its table and messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from ppid.core.steps import Step, StepPage, allowed_steps, errors_onto_form, run_step, step_forms
from ppid.offices.models import Office


class NoteForm(forms.Form):
    note = forms.CharField(max_length=20)
    amount = forms.IntegerField(required=False)


class StaleError(Exception):
    pass


@dataclass
class Recorder:
    """What the fake services and page were asked to do."""

    performed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reloaded: list[Any] = field(default_factory=list)
    raises: Exception | None = None


def _form() -> NoteForm:
    form = NoteForm({"note": "typed", "amount": "3"})
    assert form.is_valid()
    return form


# --- errors_onto_form ---


def test_errors_naming_a_field_of_the_form_go_on_that_field() -> None:
    form = _form()

    errors_onto_form(form, ValidationError({"note": ["Too vague."]}))

    assert form.errors["note"] == ["Too vague."]
    assert form.non_field_errors() == []
    assert "note" not in form.cleaned_data


def test_errors_naming_no_field_of_the_form_go_above_it() -> None:
    form = _form()

    errors_onto_form(form, ValidationError({"deadline": ["Too late."], "__all__": ["Not now."]}))

    assert sorted(str(e) for e in form.non_field_errors()) == ["Not now.", "Too late."]
    assert "deadline" not in form.errors


def test_a_plain_error_goes_above_the_form() -> None:
    form = _form()

    errors_onto_form(form, ValidationError(["First.", "Second."]))

    assert form.non_field_errors() == ["First.", "Second."]


def test_errors_without_a_field_go_to_the_fallback_field_when_given() -> None:
    form = _form()

    errors_onto_form(form, ValidationError("Bad file."), fallback="amount")
    errors_onto_form(form, ValidationError({"upload": ["Too big."], "note": ["Empty."]}), fallback="amount")

    assert form.errors["amount"] == ["Bad file.", "Too big."]
    assert form.errors["note"] == ["Empty."]
    assert form.non_field_errors() == []


def test_labels_name_the_field_the_form_lacks() -> None:
    form = _form()

    errors_onto_form(form, ValidationError({"basis": ["Required."], "other": ["Odd."]}), labels={"basis": "Basis"})

    assert form.non_field_errors() == ["Basis: Required.", "Odd."]


# --- a page of two steps ---


def _page(recorder: Recorder, **overrides: Any) -> StepPage[Office]:
    def perform(name: str) -> Any:
        def call(obj: Office, user: Any, form: forms.Form) -> object:
            if recorder.raises is not None:
                raise recorder.raises
            recorder.performed.append((name, dict(form.cleaned_data)))
            return obj

        return call

    steps = {
        "open": Step(
            "office_open", lambda user, obj: obj.code != "locked", NoteForm, perform("open"), "Open", "opened"
        ),
        "close": Step(
            "office_close", lambda user, obj: True, NoteForm, perform("close"), "Close", "closed",
            shown=lambda obj: obj.is_active, error_field="amount",
        ),
    }  # fmt: skip

    def render(http: HttpRequest, obj: Office, bound: dict[str, forms.Form]) -> HttpResponse:
        page = {
            "object": obj.name,
            "bound": {name: form.errors.get_json_data() for name, form in bound.items()},
            "typed": {name: form["note"].value() for name, form in bound.items()},
        }
        return HttpResponse(json.dumps(page), content_type="application/json")

    def reload(user: Any, pk: Any) -> Office:
        recorder.reloaded.append(pk)
        return Office(pk=pk, code="32", name="reloaded")

    page = StepPage(
        steps=steps,
        make_form=lambda name, obj, user, data, files: steps[name].form_class(data, files, prefix=name),
        render=render,
        reload=reload,
        detail_url="requests_staff:detail",
        # the made-up workflow: an office in state "32" may only be closed
        allows=lambda transition, obj: transition == "office_close" or obj.code != "32",
        state_errors=(StaleError,),
    )
    return replace(page, **overrides)


def _office(code: str = "33", *, active: bool = True) -> Office:
    return Office(pk=7, code=code, name="the office", is_active=active)


def _post(data: dict[str, str]) -> HttpRequest:
    http = RequestFactory().post("/", data)
    http.user = AnonymousUser()
    http._messages = CookieStorage(http)  # type: ignore[attr-defined]
    return http


def _messages(http: HttpRequest) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(http)]


def test_allowed_steps_follow_the_workflow_what_is_shown_and_the_right() -> None:
    page = _page(Recorder())
    user = AnonymousUser()

    assert allowed_steps(page, user, _office("33")) == ["open", "close"]
    assert allowed_steps(page, user, _office("32")) == ["close"]  # the workflow refuses "open"
    assert allowed_steps(page, user, _office("33", active=False)) == ["open"]  # "close" is not shown
    assert allowed_steps(page, user, _office("locked")) == ["close"]  # no right to "open"


def test_step_forms_keep_a_failed_form_even_when_its_step_is_gone() -> None:
    page = _page(Recorder())
    failed = NoteForm({"open-note": ""}, prefix="open")

    rows = step_forms(page, AnonymousUser(), _office("32"), {"open": failed})

    assert [(name, step.title) for name, step, _form in rows] == [("open", "Open"), ("close", "Close")]
    assert rows[0][2] is failed
    assert rows[1][2].is_bound is False
    assert rows[1][2].prefix == "close"


def test_an_unknown_step_is_404() -> None:
    recorder = Recorder()

    with pytest.raises(Http404):
        run_step(_post({"nope-note": "x"}), _office(), "nope", _page(recorder))

    assert recorder.performed == []


def test_a_step_without_the_right_is_403_and_calls_no_service() -> None:
    recorder = Recorder()

    with pytest.raises(PermissionDenied):
        run_step(_post({"open-note": "x"}), _office("locked"), "open", _page(recorder))

    assert recorder.performed == []


def test_success_says_so_and_returns_to_the_page() -> None:
    recorder = Recorder()
    http = _post({"open-note": "ready", "open-amount": "5"})

    with translation.override("en"):
        response = run_step(http, _office(), "open", _page(recorder))

    assert response.status_code == 302
    assert response["Location"] == reverse("requests_staff:detail", kwargs={"pk": 7})
    assert recorder.performed == [("open", {"note": "ready", "amount": 5})]
    assert _messages(http) == [("success", "Saved: opened.")]


def test_an_invalid_form_comes_back_with_what_was_typed_and_calls_no_service() -> None:
    recorder = Recorder()
    http = _post({"open-note": "x" * 25})

    response = run_step(http, _office(), "open", _page(recorder))

    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["typed"] == {"open": "x" * 25}
    assert list(body["bound"]["open"]) == ["note"]
    assert recorder.performed == []
    assert _messages(http) == []


def test_a_service_validation_error_lands_on_the_fields_it_names() -> None:
    recorder = Recorder(raises=ValidationError({"note": ["Too vague."], "deadline": ["Too late."]}))
    http = _post({"close-note": "typed"})

    response = run_step(http, _office(), "close", _page(recorder))

    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["typed"] == {"close": "typed"}
    assert [e["message"] for e in body["bound"]["close"]["note"]] == ["Too vague."]
    # "close" sends errors that name no field of its form to its amount field
    assert [e["message"] for e in body["bound"]["close"]["amount"]] == ["Too late."]
    assert _messages(http) == []


def test_a_service_refusal_is_403_unless_the_page_says_it_on_the_form() -> None:
    with pytest.raises(PermissionDenied):
        run_step(_post({"open-note": "x"}), _office(), "open", _page(Recorder(raises=PermissionDenied("No."))))

    page = _page(Recorder(raises=PermissionDenied()), denied="You may not.")
    body = json.loads(run_step(_post({"open-note": "x"}), _office(), "open", page).content)
    assert [e["message"] for e in body["bound"]["open"]["__all__"]] == ["You may not."]

    page = _page(Recorder(raises=PermissionDenied("Only the unit.")), denied="You may not.")
    body = json.loads(run_step(_post({"open-note": "x"}), _office(), "open", page).content)
    assert [e["message"] for e in body["bound"]["open"]["__all__"]] == ["Only the unit."]


def test_a_state_error_is_a_message_on_the_reloaded_page_with_the_form_kept() -> None:
    recorder = Recorder(raises=StaleError("Someone closed it first."))
    http = _post({"open-note": "typed"})

    response = run_step(http, _office(), "open", _page(recorder))

    body = json.loads(response.content)
    assert response.status_code == 200
    assert recorder.reloaded == [7]
    assert body["object"] == "reloaded"
    assert body["typed"] == {"open": "typed"}
    assert body["bound"]["open"] == {}
    assert _messages(http) == [("error", "Someone closed it first.")]


def test_other_errors_are_not_taken_for_state_errors() -> None:
    with pytest.raises(KeyError):
        run_step(_post({"open-note": "x"}), _office(), "open", _page(Recorder(raises=KeyError("bug"))))


def test_a_page_that_checks_staleness_refuses_a_step_the_state_no_longer_allows() -> None:
    recorder = Recorder()
    page = _page(recorder, stale=lambda obj: f"{obj.name} moved on.")
    http = _post({"open-note": "typed"})

    response = run_step(http, _office("32"), "open", page)

    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["typed"] == {"open": "typed"}
    assert recorder.performed == []
    assert _messages(http) == [("error", "the office moved on.")]


def test_without_a_staleness_check_the_service_decides() -> None:
    recorder = Recorder()

    response = run_step(_post({"open-note": "typed"}), _office("32"), "open", _page(recorder))

    assert response.status_code == 302
    assert recorder.performed == [("open", {"note": "typed", "amount": None})]
