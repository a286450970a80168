from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "ppid.guidance"
    label = "guidance"
    verbose_name = _("Guidance, directions and work plans")

    def ready(self) -> None:
        import ppid.guidance.worklist  # noqa: F401  (registers the staff-home panel)
