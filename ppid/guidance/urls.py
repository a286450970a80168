"""Staff pages of directions (/staf/arahan/) and work plans (/staf/rencana-kerja/)."""

from django.urls import URLPattern, URLResolver, path

from ppid.guidance import views_directions as d
from ppid.guidance import views_workplans as w

app_name = "guidance"

urlpatterns: list[URLPattern | URLResolver] = [
    path("staf/arahan/", d.direction_list, name="direction_list"),
    path("staf/arahan/baru/", d.direction_new, name="direction_new"),
    path("staf/arahan/<int:pk>/", d.direction_detail, name="direction_detail"),
    path("staf/arahan/<int:pk>/aksi/<slug:name>/", d.direction_action, name="direction_action"),
    path(
        "staf/arahan/<int:pk>/penerima/<int:addressee_pk>/<slug:name>/",
        d.direction_action,
        name="addressee_action",
    ),
    path("staf/arahan/laporan/<int:pk>/dokumen/", d.report_document, name="report_document"),
    path("staf/rencana-kerja/", w.workplan_list, name="workplan_list"),
    path("staf/rencana-kerja/<int:pk>/", w.workplan_detail, name="workplan_detail"),
    path("staf/rencana-kerja/<int:pk>/aksi/<slug:name>/", w.workplan_action, name="workplan_action"),
    path(
        "staf/rencana-kerja/<int:pk>/kegiatan/<int:activity_pk>/<slug:name>/",
        w.workplan_action,
        name="activity_action",
    ),
]
