"""Routes of ppid.annual: the public reports and the staff pages."""

from django.urls import URLPattern, URLResolver, path

from ppid.annual import views_public, views_staff

app_name = "annual"

urlpatterns: list[URLPattern | URLResolver] = [
    path("laporan/tahunan/", views_public.public_list, name="public_list"),
    path("laporan/tahunan/<int:pk>/", views_public.public_detail, name="public_detail"),
    path("laporan/tahunan/<int:pk>/pdf/", views_public.public_pdf, name="public_pdf"),
    path("laporan/tahunan/<int:pk>/xlsx/", views_public.public_xlsx, name="public_xlsx"),
    path("staf/laporan-tahunan/", views_staff.report_list, name="staff_list"),
    path("staf/laporan-tahunan/<int:pk>/", views_staff.report_detail, name="staff_detail"),
    path("staf/laporan-tahunan/<int:pk>/ubah/", views_staff.report_update, name="staff_update"),
    path("staf/laporan-tahunan/<int:pk>/pdf/", views_staff.report_pdf, name="staff_pdf"),
    path("staf/laporan-tahunan/<int:pk>/xlsx/", views_staff.report_xlsx, name="staff_xlsx"),
    path("staf/laporan-tahunan/<int:pk>/<str:step>/", views_staff.report_step, name="staff_step"),
]
