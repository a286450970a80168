"""Staff pages for disputes and the legal-matters register, mounted at /staf/sengketa/."""

from django.urls import URLPattern, URLResolver, path

from ppid.disputes import views, views_actions, views_legal

app_name = "disputes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dispute_list, name="list"),
    path("baru/", views.dispute_new, name="new"),
    path("perkara-hukum/", views_legal.legal_matters, name="legal_matters"),
    path("perkara-hukum/unduh.csv", views_legal.legal_matters_export, {"fmt": "csv"}, name="legal_matters_csv"),
    path("perkara-hukum/unduh.xlsx", views_legal.legal_matters_export, {"fmt": "xlsx"}, name="legal_matters_xlsx"),
    path("<int:pk>/", views_actions.dispute_detail, name="detail"),
    path("<int:pk>/aksi/<slug:name>/", views_actions.dispute_action, name="action"),
    path("<int:pk>/dokumen/<int:document_pk>/", views.document_download, name="document"),
    path("tugas/<int:pk>/selesai/", views_actions.task_complete, name="task_complete"),
]
