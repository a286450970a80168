"""The requester's objection pages, reached from the tracking page (mounted at /lacak/keberatan/)."""

from django.urls import URLPattern, URLResolver, path

from ppid.objections import views_public as views

app_name = "objections_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("baru/<int:request_pk>/", views.objection_new, name="new"),
    path("<int:pk>/", views.objection_detail, name="detail"),
    path("<int:pk>/setuju/", views.objection_settlement, name="settlement"),
    path("<int:pk>/tanggapan/", views.objection_reaction, name="reaction"),
    path("<int:pk>/sengketa/", views.objection_dispute, name="dispute"),
    path("<int:pk>/surat.pdf", views.objection_letter_pdf, name="letter_pdf"),
    path("<int:pk>/tanda-terima.pdf", views.objection_receipt_pdf, name="receipt_pdf"),
]
