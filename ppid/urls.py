from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("ppid.web.urls")),
    path("", include("ppid.requests.urls")),
    path("", include("ppid.workdays.urls")),
    path("", include("ppid.objections.urls")),
    path("staf/sengketa/", include("ppid.disputes.urls")),
    path("", include("ppid.catalogue.urls_public")),
    path("", include("ppid.catalogue.urls_transfer")),
    path("staf/dip/", include("ppid.catalogue.urls_staff")),
    path("staf/uji-konsekuensi/", include("ppid.exemptions.urls")),
    path("", include("ppid.guidance.urls")),
    path("", include("ppid.surveys.urls")),
    path("", include("ppid.reports.urls")),
    path("", include("ppid.annual.urls")),
    path("api/", include("ppid.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
