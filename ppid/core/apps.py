from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ppid.core"
    label = "core"
    verbose_name = "Inti"
