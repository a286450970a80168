from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "ppid.catalogue"
    label = "catalogue"
    verbose_name = _("Public information list (DIP)")

    def ready(self) -> None:
        import ppid.catalogue.worklist  # noqa: F401  (registers the staff-home panel)
