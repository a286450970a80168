from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ppid.web"
    label = "web"
    verbose_name = "Web"
