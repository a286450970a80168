"""`manage.py requests_daily`: the daily job of requests (lapses and deadline warnings), by hand or cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ppid.requests.jobs import requests_daily


class Command(BaseCommand):
    help = "Lapse incomplete requests past their completion period and warn staff of near and missed deadlines."

    def handle(self, *args: Any, **options: Any) -> None:
        report = requests_daily()
        for label, numbers in (("lapsed", report.lapsed), ("due soon", report.due_soon), ("overdue", report.overdue)):
            for number in numbers:
                self.stdout.write(f"{label}: {number}")
        for number in report.without_recipients:
            self.stderr.write(f"no one to warn (no PPID, Atasan or liaison e-mail): {number}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
