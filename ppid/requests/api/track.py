"""Public tracking: a requester follows their request with its number and a second factor.

Never personal data of anyone: the answer holds the status, the deadline and how it was counted,
and the timeline as labels and dates. An unknown number and a wrong factor get the same 404, and
the endpoint is throttled (scope "track"), so numbers cannot be tried out.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ppid.events.models import Event
from ppid.requests.api.common import explanation_lines, local_date
from ppid.requests.api.serializers import ErrorOutput, TrackInput, TrackOutput
from ppid.requests.models import InformationRequest
from ppid.requests.selectors import find_tracked_request
from ppid.requests.workflow import Outcome, Status


def tracked_request(number: str, factor: str) -> InformationRequest:
    found = find_tracked_request(number.strip().upper(), factor.strip())
    if found is None:
        raise NotFound(_("No request matches this registration number and e-mail or telephone."))
    return found


class TrackView(APIView):
    """Where does my request stand? Status, deadline with its explanation and the timeline."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "track"

    @extend_schema(
        request=TrackInput,
        responses={
            200: TrackOutput,
            400: OpenApiResponse(description="Invalid input."),
            404: OpenApiResponse(ErrorOutput, description="No request matches the number and second factor."),
            429: OpenApiResponse(ErrorOutput, description="Too many attempts; try again later."),
        },
    )
    def post(self, request: Request) -> Response:
        form = TrackInput(data=request.data)
        form.is_valid(raise_exception=True)
        found = tracked_request(form.validated_data["registration_number"], form.validated_data["second_factor"])
        events = Event.objects.for_object(found).order_by("created_at", "id")
        output = {
            "registration_number": found.registration_number,
            "office": found.office.code,
            "office_name": found.office.name,
            "status": found.status,
            "status_label": Status(found.status).label,
            "outcome": found.outcome,
            "outcome_label": Outcome(found.outcome).label if found.outcome else "",
            "received_on": local_date(found, found.received_at),
            "due_on": found.due_on,
            "extended": found.extended_due_on is not None,
            "completion_due_on": found.completion_due_on if found.status == Status.INCOMPLETE else None,
            "forwarded_to": found.forwarded_to.registration_number if found.forwarded_to else None,
            "explanation": explanation_lines(found),
            "timeline": [{"label": event.label, "date": local_date(found, event.created_at)} for event in events],
        }
        return Response(TrackOutput(output).data)
