"""Import and export of the DIP and DIK (staff import under /staf/dip/impor/, public downloads under /dip/unduh/)."""

from django.urls import URLPattern, URLResolver, path, re_path

from ppid.catalogue import views_transfer as views

app_name = "catalogue_transfer"

# Region codes of KPU offices: "00" (KPU RI), "32" (a province), "32.73" (a regency or city).
OFFICE_CODE = r"(?P<code>[0-9]{2}(?:\.[0-9]{2})?)"

urlpatterns: list[URLPattern | URLResolver] = [
    path("staf/dip/impor/", views.import_items, name="import"),
    path("staf/dip/impor/templat.xlsx", views.import_template, name="import_template"),
    re_path(rf"^dip/unduh/{OFFICE_CODE}\.(?P<fmt>xlsx|pdf)$", views.dip_download, name="dip_download"),
    re_path(r"^dik/unduh\.(?P<fmt>xlsx|pdf)$", views.dik_download, name="dik_download"),
]
