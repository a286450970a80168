from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "ppid.offices"
    label = "offices"
    verbose_name = "Kantor"
