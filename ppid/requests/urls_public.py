"""Public pages of requests: asking online, the receipt, tracking and the requester's own actions."""

from django.urls import URLPattern, URLResolver, path

from ppid.requests import views_public as views

app_name = "requests_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("permohonan/baru/", views.request_new, name="new"),
    path("permohonan/<int:pk>/bukti/", views.request_receipt, name="receipt"),
    path("permohonan/<int:pk>/tanda-bukti.pdf", views.request_receipt_pdf, name="receipt_pdf"),
    path("lacak/", views.track, name="track"),
    path("lacak/<int:pk>/", views.track_detail, name="track_detail"),
    path("lacak/<int:pk>/lengkapi/", views.track_complete, name="complete"),
    path("lacak/<int:pk>/tarik/", views.track_withdraw, name="withdraw"),
    path("lacak/<int:pk>/terima/", views.track_confirm_receipt, name="confirm_receipt"),
]
