"""/api/v1/disputes/…, /api/v1/objections/<id>/disputes/, /api/v1/dispute-tasks/… and /api/v1/legal-matters/"""

from django.urls import URLPattern, URLResolver, path

from ppid.disputes.api import actions, views

ACTIONS = [
    ("confirm-registration", actions.ConfirmRegistrationView),
    ("parties", actions.PartiesView),
    ("sessions", actions.SessionsView),
    ("end-mediation", actions.EndMediationView),
    ("rulings", actions.RulingsView),
    ("appeal", actions.AppealView),
    ("close", actions.CloseView),
    ("documents", actions.DocumentsView),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("disputes/", views.DisputeListView.as_view(), name="api-disputes"),
    path("disputes/<int:pk>/", views.DisputeDetailView.as_view(), name="api-dispute-detail"),
    *(path(f"disputes/<int:pk>/{name}/", view.as_view(), name=f"api-dispute-{name}") for name, view in ACTIONS),
    path("objections/<int:pk>/disputes/", views.ObjectionDisputesView.as_view(), name="api-objection-disputes"),
    path("dispute-tasks/<int:pk>/complete/", actions.TaskCompleteView.as_view(), name="api-dispute-task-complete"),
    path("legal-matters/", views.LegalMattersView.as_view(), name="api-legal-matters"),
]
