"""Routes of ppid.reports: the staff dashboard, the public Pasal 12 announcement, open data."""

from django.urls import URLPattern, URLResolver, path

from ppid.reports import api, views_public, views_staff

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("staf/dasbor/", views_staff.dashboard, name="dashboard"),
    path("laporan/pengumuman/", views_public.announcement_offices, name="announcement_offices"),
    path("laporan/pengumuman/<str:code>/", views_public.announcement_index, name="announcement_index"),
    path("laporan/pengumuman/<str:code>/<int:year>/", views_public.announcement, name="announcement"),
    path("api/v1/statistics/", api.StatisticsView.as_view(), name="api_statistics"),
    path("api/v1/statistics.csv", api.StatisticsView.as_view(), {"format": "csv"}, name="api_statistics_csv"),
]
