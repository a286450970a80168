from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "ppid.workdays"
    label = "workdays"
    verbose_name = _("Working days and deadlines")

    def ready(self) -> None:
        # Event types are registered next to the services that write them.
        from ppid.workdays import services, stages  # noqa: F401
