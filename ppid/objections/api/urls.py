"""/api/v1/objections/… and /api/v1/requests/<ref>/objections/ (filing on a request)."""

from django.urls import URLPattern, URLResolver, path

# The request_ref converter (a request id or registration number) is registered there.
import ppid.requests.api.urls  # noqa: F401
from ppid.objections.api import actions, views

ACTIONS = [
    ("admit", actions.AdmitView),
    ("refuse-admission", actions.RefuseAdmissionView),
    ("propose-settlement", actions.ProposeSettlementView),
    ("confirm-settlement", actions.ConfirmSettlementView),
    ("reject-settlement", actions.RejectSettlementView),
    ("decide", actions.DecideView),
    ("fulfil-order", actions.FulfilOrderView),
    ("reaction", actions.ReactionView),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("objections/", views.ObjectionListView.as_view(), name="api-objections"),
    path("objections/<int:pk>/", views.ObjectionDetailView.as_view(), name="api-objection-detail"),
    path("objections/<int:pk>/letter.pdf", views.ObjectionLetterView.as_view(), name="api-objection-letter"),
    *(path(f"objections/<int:pk>/{name}/", view.as_view(), name=f"api-objection-{name}") for name, view in ACTIONS),
    path(
        "requests/<request_ref:ref>/objections/",
        views.RequestObjectionsView.as_view(),
        name="api-request-objections",
    ),
]
