from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ppid.api"
    label = "api"
    verbose_name = "API"
