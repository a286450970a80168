from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ppid.demo"
    label = "demo"
    verbose_name = "Data demo"
