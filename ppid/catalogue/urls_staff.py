"""Staff pages for the DIP, mounted at /staf/dip/."""

from django.urls import URLPattern, URLResolver, path

from ppid.catalogue import views_coverage, views_entries, views_items, views_lists, views_policies, views_rounds

app_name = "catalogue_staff"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_items.item_list, name="items"),
    path("informasi/<int:pk>/", views_items.item_detail, name="item"),
    path("informasi/<int:pk>/ubah/", views_items.item_edit, name="item_edit"),
    path("informasi/<int:pk>/aksi/<slug:name>/", views_items.item_step, name="item_step"),
    path("informasi/<int:pk>/dokumen/<int:document_pk>/", views_items.document_download, name="document"),
    path("serta-merta/baru/", views_items.publish_now, name="publish_now"),
    path("penghimpunan/", views_rounds.round_list, name="rounds"),
    path("penghimpunan/baru/", views_rounds.round_open, name="round_open"),
    path("penghimpunan/<int:pk>/", views_rounds.round_detail, name="round"),
    path("daftar-unit/<int:pk>/", views_lists.unit_list_detail, name="unit_list"),
    path("daftar-unit/<int:pk>/aksi/<slug:name>/", views_lists.unit_list_step, name="unit_list_step"),
    path("daftar-unit/<int:pk>/usulan-baru/", views_entries.entry_new, name="entry_new"),
    path("daftar-unit/<int:pk>/usulan-pembaruan/", views_entries.entry_update, name="entry_update"),
    path("entri/<int:pk>/ubah/", views_entries.entry_edit, name="entry_edit"),
    path("entri/<int:pk>/koreksi/", views_entries.entry_correct, name="entry_correct"),
    path("cakupan/", views_coverage.coverage, name="coverage"),
    path("kebijakan/", views_policies.policy_list, name="policies"),
    path("kebijakan/baru/", views_policies.policy_new, name="policy_new"),
    path("kebijakan/<int:pk>/", views_policies.policy_detail, name="policy"),
    path("kebijakan/<int:pk>/versi-baru/", views_policies.policy_new_version, name="policy_version_new"),
    path("kebijakan/versi/<int:pk>/berkas/", views_policies.policy_download, name="policy_download"),
]
