"""Staff pages for objections, mounted at /staf/keberatan/."""

from django.urls import URLPattern, URLResolver, path

from ppid.objections import views_register, views_staff

app_name = "objections_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_register.worklist, name="worklist"),
    path("baru/", views_staff.desk_intake, name="intake"),
    path("register/", views_register.register, name="register"),
    path("register/unduh.csv", views_register.register_export, {"fmt": "csv"}, name="register_csv"),
    path("register/unduh.xlsx", views_register.register_export, {"fmt": "xlsx"}, name="register_xlsx"),
    path("<int:pk>/", views_staff.objection_detail, name="detail"),
    path("<int:pk>/aksi/<slug:name>/", views_staff.objection_action, name="action"),
    path("<int:pk>/tanda-terima.pdf", views_staff.receipt_pdf, name="receipt"),
    path("<int:pk>/jawaban.pdf", views_staff.letter_pdf, name="letter"),
]
