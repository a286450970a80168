"""Staff pages for consequence tests and exemptions, mounted at /staf/uji-konsekuensi/."""

from django.urls import URLPattern, URLResolver, path

from ppid.exemptions import views, views_actions

app_name = "exemptions"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.consequence_test_list, name="list"),
    path("baru/", views.consequence_test_new, name="start"),
    path("<int:pk>/", views_actions.consequence_test_detail, name="detail"),
    path("<int:pk>/aksi/<slug:name>/", views_actions.consequence_test_action, name="action"),
    path("dik/", views.exemption_list, name="exemptions"),
    path("dik/<int:pk>/keputusan/", views.decision_file, name="decision_file"),
]
