from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    name = "ppid.annual"
    label = "annual"
    verbose_name = _("Annual information-service report")
