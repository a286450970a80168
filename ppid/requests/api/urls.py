"""/api/v1/requests/… and /api/v1/track/. A request is addressed by its id or its registration number."""

from django.urls import URLPattern, URLResolver, path, register_converter

from ppid.requests.api import actions, track, views


class RequestRefConverter:
    """A request id (42) or a registration number (00001/PPID/32.73/2026): the number's slashes arrive
    as slashes whether sent raw or URL-encoded (%2F), so the pattern allows exactly that shape."""

    regex = r"[0-9]+(?:/PPID/[0-9.]+/[0-9]{4})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)


register_converter(RequestRefConverter, "request_ref")

ACTIONS = [
    ("assign", actions.AssignView),
    ("mark-incomplete", actions.MarkIncompleteView),
    ("complete", actions.CompleteView),
    ("extend", actions.ExtendView),
    ("decide", actions.DecideView),
    ("deliver", actions.DeliverView),
    ("forward", actions.ForwardView),
    ("withdraw", actions.WithdrawView),
    ("confirm-receipt", actions.ConfirmReceiptView),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("requests/", views.RequestListCreateView.as_view(), name="api-requests"),
    path("requests/<request_ref:ref>/", views.RequestDetailView.as_view(), name="api-request-detail"),
    *(
        path(f"requests/<request_ref:ref>/{name}/", view.as_view(), name=f"api-request-{name}")
        for name, view in ACTIONS
    ),
    path("track/", track.TrackView.as_view(), name="api-track"),
]
