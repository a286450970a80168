"""Import and export of the DIP and DIK (staff import under /staf/dip/impor/, public downloads under /dip/unduh/)."""

from django.urls import URLPattern, URLResolver

app_name = "catalogue_transfer"

urlpatterns: list[URLPattern | URLResolver] = []
