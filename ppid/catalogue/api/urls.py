"""API routes (mounted under /api/v1/): the public DIP and DIK, collection rounds and unit lists."""

from django.urls import URLPattern, URLResolver, path

from ppid.catalogue.api import actions, views

UNIT_LIST_ACTIONS = [
    ("new-item", actions.NewItemView),
    ("update", actions.UpdateView),
    ("submit", actions.SubmitView),
    ("return", actions.ReturnView),
    ("arrange", actions.ArrangeView),
    ("correct", actions.CorrectView),
    ("approve", actions.ApproveView),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("dip/items/", views.ItemListView.as_view(), name="api-dip-items"),
    path("dip/items/<int:pk>/", views.ItemDetailView.as_view(), name="api-dip-item-detail"),
    path("dip/documents/<int:pk>/download/", views.DocumentDownloadView.as_view(), name="api-dip-document-download"),
    path("dik/", views.DikListView.as_view(), name="api-dik"),
    path("dip/rounds/", views.RoundListCreateView.as_view(), name="api-dip-rounds"),
    path("dip/rounds/<int:pk>/", views.RoundDetailView.as_view(), name="api-dip-round-detail"),
    path("dip/unit-lists/<int:pk>/", views.UnitListDetailView.as_view(), name="api-dip-unit-list-detail"),
    *(
        path(f"dip/unit-lists/<int:pk>/{name}/", view.as_view(), name=f"api-dip-unit-list-{name}")
        for name, view in UNIT_LIST_ACTIONS
    ),
]
