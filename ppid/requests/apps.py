from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "ppid.requests"
    label = "requests"
    verbose_name = _("Information requests")

    def ready(self) -> None:
        import ppid.requests.worklist  # noqa: F401  (registers the staff-home panel)
        from ppid.requests import deadlines

        deadlines.register_provider()
