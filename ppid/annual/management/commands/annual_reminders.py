"""`manage.py annual_reminders`: remind PPIDs to publish last year's annual report, by hand or cron."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ppid.annual.jobs import annual_reminders


class Command(BaseCommand):
    help = "While the annual report rule says so (1 to 31 March), remind the PPIDs of offices with no published annual report for last year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Run as on this day (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        count = annual_reminders(today=options["today"])
        self.stdout.write(self.style.SUCCESS(f"offices reminded: {count}"))
