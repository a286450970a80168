"""API routes (mounted under /api/v1/): consequence tests and their steps."""

from django.urls import URLPattern, URLResolver, path

from ppid.exemptions.api import actions, views

ACTIONS = [
    ("forward", actions.ForwardView),
    ("screen", actions.ScreenView),
    ("dismiss", actions.DismissView),
    ("steps", actions.StepsView),
    ("opinions", actions.OpinionView),
    ("classify", actions.ClassifyView),
    ("hand-over", actions.HandOverView),
    ("decision", actions.DecisionView),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("consequence-tests/", views.ConsequenceListCreateView.as_view(), name="api-consequence-tests"),
    path("consequence-tests/<int:pk>/", views.ConsequenceDetailView.as_view(), name="api-consequence-test-detail"),
    *(
        path(f"consequence-tests/<int:pk>/{name}/", view.as_view(), name=f"api-consequence-test-{name}")
        for name, view in ACTIONS
    ),
]
