"""`manage.py surveys_daily`: invite requesters of recently completed requests to the survey."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ppid.surveys.jobs import surveys_daily


class Command(BaseCommand):
    help = "Invite the requesters of requests delivered in the last 30 days to the satisfaction survey."

    def handle(self, *args: Any, **options: Any) -> None:
        report = surveys_daily()
        for number in report.invited:
            self.stdout.write(f"invited: {number}")
        for number in report.skipped:
            self.stdout.write(f"skipped: {number}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
