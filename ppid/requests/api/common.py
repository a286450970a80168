"""Shared pieces of the request API: fetching a request the caller may see, calling a service, errors."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import APIException

from ppid.accounts.permissions import can
from ppid.offices.models import Office
from ppid.requests.api.serializers import ErrorOutput
from ppid.requests.models import InformationRequest
from ppid.requests.services import RequestStateError
from ppid.requests.validation import check_upload
from ppid.requests.workflow import Status
from ppid.workdays.explain import deadline_explain
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, rule_spec

T = TypeVar("T")

# A request is named in URLs by its id or by its registration number, whose slashes may be sent
# as they are or URL-encoded as %2F (both reach the view as slashes): see urls.RequestRefConverter.
REF_PARAMETER = OpenApiParameter(
    "ref",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description=(
        "The request's numeric id (e.g. 42) or its registration number (e.g. 00001/PPID/32.73/2026); "
        "the slashes of a registration number may be sent as-is or URL-encoded as %2F."
    ),
)

ERROR_RESPONSES: dict[int, OpenApiResponse] = {
    400: OpenApiResponse(description="Invalid input: an object of field name → list of messages."),
    403: OpenApiResponse(ErrorOutput, description="Your role does not allow this step at this office."),
    404: OpenApiResponse(ErrorOutput, description="No such request, or you may not see it."),
    409: OpenApiResponse(ErrorOutput, description="The request's state does not allow this step (any more)."),
}


class BadRequest(APIException):
    """A 400 whose body is the field → messages mapping of a Django ValidationError."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, detail: dict[str, list[str]]) -> None:
        super().__init__()
        self.detail = detail  # type: ignore[assignment]


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
    return {"non_field_errors": [str(m) for m in error.messages]}


def call(service: Callable[..., T], **kwargs: Any) -> T:
    """Run a service: ValidationError → 400 with field errors, RequestStateError → 409 with its message.
    PermissionDenied passes through, and DRF answers it with 403."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        raise BadRequest(field_errors(error)) from None
    except RequestStateError as error:
        raise Conflict(str(error)) from None
    except NoRuleSet as error:
        raise Conflict(str(error)) from None


def checked_upload_or_400(upload: Any, field: str) -> Any:
    """An optional upload checked for size and type (by content), or a 400 naming `field`."""
    if upload is None:
        return None
    try:
        return check_upload(upload).file
    except DjangoValidationError as error:
        raise BadRequest({field: field_errors(error)["non_field_errors"]}) from None


def office_or_400(code: str, field: str) -> Office:
    office = Office.objects.filter(code=code.strip(), is_active=True).first()
    if office is None:
        raise BadRequest({field: [_("No active KPU office has the code %(code)s.") % {"code": code}]})
    return office


def lookup(ref: str) -> dict[str, Any]:
    return {"pk": int(ref)} if ref.isdigit() else {"registration_number": ref}


def request_for_user(user: Any, ref: str, queryset: QuerySet[InformationRequest] | None = None) -> InformationRequest:
    """The request named `ref`, or 404 when it does not exist or `user` may not see it."""
    rows = queryset if queryset is not None else InformationRequest.objects.all()
    found = rows.select_related("office", "requester", "rule_set", "forwarded_to").filter(**lookup(ref)).first()
    if found is None or not can(user, "request:view", found):
        raise Http404(_("No such request."))
    return found


def explanation_lines(request: InformationRequest) -> list[str]:
    """How the deadline in force was counted (RULES.md §7), in the active language; no personal data."""
    lines: list[str] = []
    if request.status == Status.INCOMPLETE and request.completion_due_on:
        lines.append(
            _(
                "The request is incomplete: it must be completed by %(day)s. The response period starts "
                "only when the request is complete."
            )
            % {"day": request.completion_due_on.isoformat()}
        )
    if request.clock_started_at is None:
        return lines
    try:
        spec = rule_spec(request.rule_set, DeadlineStep.REQUEST_NOTICE)
    except NoRuleSet:
        return lines
    calendar = calendar_for_office(request.office)
    lines += deadline_explain(calendar, request.clock_started_at, spec, office_label=request.office.name).lines()
    if request.extended_due_on:
        lines.append(
            _("Extended once (Pasal 22 ayat (8) UU 14/2008): the deadline is now %(day)s.")
            % {"day": request.extended_due_on.isoformat()}
        )
    return lines


def local_date(request: InformationRequest, moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(request.office.zoneinfo).date()
