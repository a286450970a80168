"""Staff pages for requests, mounted at /staf/permohonan/."""

from django.urls import URLPattern, URLResolver, path

from ppid.requests import views_staff as views

app_name = "requests_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.worklist, name="worklist"),
    path("baru/", views.desk_intake, name="intake"),
    path("register/", views.register, name="register"),
    path("register/unduh.csv", views.register_export, {"fmt": "csv"}, name="register_csv"),
    path("register/unduh.xlsx", views.register_export, {"fmt": "xlsx"}, name="register_xlsx"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/aksi/<slug:name>/", views.request_action, name="action"),
    path("<int:pk>/tanda-bukti.pdf", views.receipt_pdf, name="receipt"),
    path("<int:pk>/pemberitahuan.pdf", views.notice_pdf, name="notice_pdf"),
    path("<int:pk>/lampiran/<int:attachment_pk>/", views.attachment_download, name="attachment"),
]
