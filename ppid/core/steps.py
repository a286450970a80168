"""The machinery of the staff pages where each workflow step is one form and one POST.

A request, an objection, a dispute, a consequence test and a DIP item each show the steps a user
may take now, one form per step, and take a step the same way: 404 for an unknown step, 403
without the right, the form validated, the one service function called (STYLE.md §2), the
service's ValidationError put back on the form with what was typed, a state error (someone else
moved the record on) said in a message, and on success a message and a redirect. It was written
five times; it lives here once. Each app keeps its own table of steps (domain data) and one
`StepPage` saying how its page is built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from ppid.accounts.permissions import can

T = TypeVar("T", bound=Model)

# (step name, object, user, POST data or None, files or None) -> the step's form, prefixed with its name.
FormMaker = Callable[[str, T, Any, Any, Any], forms.Form]
# (request, object, forms that failed by step name) -> the detail page.
Renderer = Callable[[HttpRequest, T, dict[str, forms.Form]], HttpResponse]


def always(obj: object) -> bool:
    return True


def any_state(transition: str, obj: object) -> bool:
    return True


def holds(permission: str) -> Callable[[Any, Any], bool]:
    """The step is for whoever holds `permission` on the object itself (the scope rule of `can`)."""
    return lambda user, obj: can(user, permission, obj)


@dataclass(frozen=True)
class Step(Generic[T]):
    """One step on a detail page: its form, who may take it, and the one service call."""

    transition: str  # key of the app's workflow.TRANSITIONS; "" where the page has no workflow table
    permitted: Callable[[Any, T], bool]  # (user, object)
    form_class: type[forms.Form]
    perform: Callable[[T, Any, Any], object]  # (object, user, the valid form)
    title: StrOrPromise
    done: StrOrPromise  # completes "Saved: …." after the step
    shown: Callable[[T], bool] = always
    multipart: bool = False
    error_field: str | None = None  # where service errors naming no field of the form go (None: above it)


@dataclass(frozen=True)
class StepPage(Generic[T]):
    """How one app's detail page plugs into the machinery."""

    steps: Mapping[str, Step[T]]
    make_form: FormMaker[T]
    render: Renderer[T]
    reload: Callable[[Any, Any], T]  # (user, pk) -> the object, 404 if the user may not see it
    detail_url: str  # URL name taking `pk`, where a step that succeeded returns to
    allows: Callable[[str, T], bool] = any_state  # (transition, object): the workflow allows it now
    state_errors: tuple[type[Exception], ...] = ()
    # When set, a step the object's state no longer allows is refused before validation with this message.
    stale: Callable[[T], str] | None = None
    labels: Mapping[str, StrOrPromise] | None = None  # names of fields the service checks but the form lacks
    # When set, a PermissionDenied from the service is shown above the form (its text, or this) instead of a 403.
    denied: StrOrPromise | None = None


def _possible(page: StepPage[T], step: Step[T], obj: T) -> bool:
    return page.allows(step.transition, obj) and step.shown(obj)


def allowed_steps(page: StepPage[T], user: Any, obj: T) -> list[str]:
    """The steps `user` may take on `obj` now, in the table's order."""
    return [name for name, step in page.steps.items() if _possible(page, step, obj) and step.permitted(user, obj)]


def step_forms(
    page: StepPage[T], user: Any, obj: T, bound: dict[str, forms.Form] | None = None
) -> list[tuple[str, Step[T], forms.Form]]:
    """A form per allowed step. A form that failed stays with what was typed, even when its step is no
    longer possible (the user sees why)."""
    bound = bound or {}
    shown = set(allowed_steps(page, user, obj)) | set(bound)
    return [
        (name, step, bound[name] if name in bound else page.make_form(name, obj, user, None, None))
        for name, step in page.steps.items()
        if name in shown
    ]


def errors_onto_form(
    form: forms.Form,
    exc: ValidationError,
    *,
    fallback: str | None = None,
    labels: Mapping[str, StrOrPromise] | None = None,
) -> None:
    """Put a service's ValidationError on the form: on the fields it names that the form has; the rest
    on `fallback` (None: above the form), prefixed with the field's label when `labels` knows it."""
    if not hasattr(exc, "error_dict"):
        form.add_error(fallback, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
        elif labels is not None and field in labels:
            form.add_error(fallback, [f"{labels[field]}: {error}" for error in errors])
        else:
            form.add_error(fallback, errors)


def run_step(http: HttpRequest, obj: T, name: str, page: StepPage[T]) -> HttpResponse:
    """The body of a step's POST view, once `obj` was fetched (404 when unseen): 404 for an unknown
    step, 403 without the right, errors re-render the page with the input kept, success redirects."""
    step = page.steps.get(name)
    if step is None:
        raise Http404
    if not step.permitted(http.user, obj):
        raise PermissionDenied
    form = page.make_form(name, obj, http.user, http.POST, http.FILES)
    if page.stale is not None and not _possible(page, step, obj):
        # Someone else moved the record on since the page was loaded: say so, keep what was typed.
        messages.error(http, page.stale(obj))
        return page.render(http, obj, {name: form})
    if form.is_valid():
        try:
            step.perform(obj, http.user, form)
        except ValidationError as exc:
            errors_onto_form(form, exc, fallback=step.error_field, labels=page.labels)
        except PermissionDenied as exc:
            if page.denied is None:
                raise
            form.add_error(None, str(exc) or str(page.denied))
        except page.state_errors as exc:
            messages.error(http, str(exc))
            obj = page.reload(http.user, obj.pk)
        else:
            messages.success(http, _("Saved: %(step)s.") % {"step": step.done})
            return redirect(page.detail_url, pk=obj.pk)
    return page.render(http, obj, {name: form})
