from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemptionsConfig(AppConfig):
    name = "ppid.exemptions"
    label = "exemptions"
    verbose_name = _("Exempt information (DIK) and consequence tests")

    def ready(self) -> None:
        import ppid.exemptions.worklist  # noqa: F401  (registers the staff-home panel)
