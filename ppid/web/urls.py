from django.urls import path

from ppid.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("kantor/", views.office_directory, name="office_directory"),
    path("kantor/<str:code>/", views.office_detail, name="office_detail"),
    path("masuk/", views.PpidLoginView.as_view(), name="login"),
    path("keluar/", views.PpidLogoutView.as_view(), name="logout"),
    path("staf/", views.staff_home, name="staff_home"),
    path("staf/riwayat/", views.audit_timeline, name="audit_timeline"),
]
