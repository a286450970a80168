from django.urls import path

from ppid.workdays import views

app_name = "workdays"
urlpatterns = [
    path("hari-kerja/", views.calendar_page, name="calendar"),
]
