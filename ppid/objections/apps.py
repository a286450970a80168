from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObjectionsConfig(AppConfig):
    name = "ppid.objections"
    label = "objections"
    verbose_name = _("Objections")

    def ready(self) -> None:
        import ppid.objections.worklist  # noqa: F401  (registers the staff-home panel)

        # The jobs module registers the reminder event types the timelines show.
        from ppid.objections import deadlines, jobs  # noqa: F401
        from ppid.requests.timeline import timeline_source_register

        deadlines.register_provider()
        timeline_source_register("objections", lambda request: request.objections.all())
