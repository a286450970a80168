from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ppid.events"
    label = "events"
    verbose_name = "Riwayat"
