from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ppid.offices.loading import load_offices
from ppid.offices.models import Office, WorkUnit


class Command(BaseCommand):
    help = "Add KPU offices from the shipped list that the database lacks (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        offices, units = load_offices(Office, WorkUnit)
        self.stdout.write(f"{offices} offices and {units} work units added; {Office.objects.count()} offices in all.")
