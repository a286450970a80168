"""`manage.py exemptions_daily`: flag exemptions ending soon and expire ended ones, by hand or cron."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ppid.exemptions.jobs import exemptions_daily


class Command(BaseCommand):
    help = "Flag exemptions (DIK) that end soon for review and mark those whose duration has ended as expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="Run as on this day (YYYY-MM-DD); default today (WIB)."
        )
        parser.add_argument("--notice-days", type=int, help="Flag this many days before the end (default: setting).")

    def handle(self, *args: Any, **options: Any) -> None:
        report = exemptions_daily(today=options["today"], notice_days=options["notice_days"])
        for label, numbers in (("flagged for review", report.flagged), ("expired", report.expired)):
            for number in numbers:
                self.stdout.write(f"{label}: {number}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
