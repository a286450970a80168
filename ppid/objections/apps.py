from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectionsConfig(AppConfig):
    name = "ppid.objections"
    label = "objections"
    verbose_name = _("Objections")

    def ready(self) -> None:
        from ppid.objections import deadlines
        from ppid.requests.timeline import timeline_source_register

        deadlines.register_provider()
        timeline_source_register("objections", lambda request: request.objections.all())
