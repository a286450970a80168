from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from ppid.api import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("v1/auth/token/", views.TokenLoginView.as_view(), name="api-token"),
    path("v1/offices/", views.OfficeListView.as_view(), name="api-offices"),
    path("v1/offices/<str:code>/", views.OfficeDetailView.as_view(), name="api-office-detail"),
    path("v1/me/", views.MeView.as_view(), name="api-me"),
    path("v1/workdays/", include("ppid.workdays.api_urls")),
    path("v1/", include("ppid.requests.api.urls")),
    path("v1/", include("ppid.objections.api.urls")),
    path("v1/", include("ppid.disputes.api.urls")),
    path("v1/", include("ppid.catalogue.api.urls")),
    path("v1/", include("ppid.exemptions.api.urls")),
]
