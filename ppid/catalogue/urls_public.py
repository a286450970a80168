"""The public catalogue: /dip/, /dik/, /kebijakan/. Anyone may read them without logging in."""

from django.urls import URLPattern, URLResolver, path

from ppid.catalogue import views_public as views

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = [
    path("dip/", views.dip, name="dip"),
    path("dip/kantor/<str:code>/", views.dip_office, name="office"),
    path("dip/informasi/<int:pk>/", views.item_detail, name="item"),
    path("dip/dokumen/<int:pk>/", views.document_download, name="document"),
    path("dik/", views.dik, name="dik"),
    path("dik/<int:pk>/", views.exemption_detail, name="exemption"),
    path("kebijakan/", views.policies, name="policies"),
    path("kebijakan/<int:pk>/", views.policy_detail, name="policy"),
    path("kebijakan/<int:pk>/versi/<int:version>/", views.policy_download, name="policy_file"),
]
