"""`manage.py legal_daily`: the daily warnings of objections, disputes and follow-up tasks, by hand or cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ppid.disputes.jobs import legal_daily


class Command(BaseCommand):
    help = (
        "Warn the Atasan PPID, the PPID and the legal unit of objection, order, dispute and follow-up "
        "deadlines that are near or were missed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = legal_daily()
        for label, items in (("due soon", report.due_soon), ("overdue", report.overdue)):
            for item in items:
                self.stdout.write(f"{label}: {item}")
        for item in report.without_recipients:
            self.stderr.write(f"no one to warn (no e-mail for the responsible role): {item}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
