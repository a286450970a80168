from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "ppid.disputes"
    label = "disputes"
    verbose_name = _("Information disputes")

    def ready(self) -> None:
        # The jobs module registers the reminder event types the timelines show.
        from ppid.disputes import deadlines, jobs, worklist  # noqa: F401  (worklist: the staff-home panel)
        from ppid.disputes.models import Dispute
        from ppid.requests.timeline import timeline_source_register

        deadlines.register_provider()
        timeline_source_register("disputes", lambda request: Dispute.objects.filter(request=request))
