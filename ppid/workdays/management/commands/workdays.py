"""`manage.py workdays add|count|list|sync-library`: the working-day calendar from the command line."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ppid.offices.models import Office
from ppid.workdays.explain import deadline_explain, reason_text
from ppid.workdays.library import library_years
from ppid.workdays.selectors import adhoc_rule, calendar_for_office, office_by_code
from ppid.workdays.services import library_sync


def parse_moment(value: str) -> datetime.date | datetime.datetime:
    """An ISO date (received during office hours) or date-time (office local time unless it has an offset)."""
    try:
        if "T" in value or " " in value.strip():
            return datetime.datetime.fromisoformat(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("Not an ISO date or date-time: %(value)s") % {"value": value}) from None


def parse_day(value: str) -> datetime.date:
    moment = parse_moment(value)
    return moment.date() if isinstance(moment, datetime.datetime) else moment


class Command(BaseCommand):
    help = "Working days: add N working days, count them, list non-working days, load library holidays."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        add = sub.add_parser("add", help="Deadline: the end of the Nth working day after day 0 of <start>.")
        add.add_argument("start", help="ISO date or date-time, office local time")
        add.add_argument("n", help="number of working days")
        count = sub.add_parser("count", help="Working days after <from> up to and including <to>.")
        count.add_argument("start", metavar="from")
        count.add_argument("end", metavar="to")
        listing = sub.add_parser("list", help="Non-working weekdays of a year, with reasons.")
        listing.add_argument("year")
        for p in (add, count, listing):
            p.add_argument("--office", default=None, help='office region code (default "00", KPU RI)')
        sync = sub.add_parser("sync-library", help="Load national holidays and cuti bersama from the libraries.")
        sync.add_argument("years", nargs="*", help="years (default: every year a library covers)")

    def _office(self, code: str | None) -> Office:
        try:
            return office_by_code(code)
        except Office.DoesNotExist:
            raise CommandError(_("No active office with code %(code)s.") % {"code": code}) from None

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "add":
            self._add(options)
        elif action == "count":
            self._count(options)
        elif action == "list":
            self._list(options)
        else:
            self._sync(options)

    def _add(self, options: dict[str, Any]) -> None:
        start = parse_moment(options["start"])
        try:
            n = int(options["n"])
        except ValueError:
            raise CommandError(
                _("N must be a whole number of working days, not %(value)s.") % {"value": options["n"]}
            ) from None
        if n < 0:
            raise CommandError(_("N must not be negative."))
        office = self._office(options["office"])
        explanation = deadline_explain(calendar_for_office(office), start, adhoc_rule(n), office_label=office.name)
        self.stdout.write(explanation.deadline.isoformat())
        for line in explanation.lines():
            self.stdout.write(line)

    def _count(self, options: dict[str, Any]) -> None:
        start, end = parse_day(options["start"]), parse_day(options["end"])
        office = self._office(options["office"])
        self.stdout.write(str(calendar_for_office(office).count_working_days(start, end)))

    def _list(self, options: dict[str, Any]) -> None:
        try:
            year = int(options["year"])
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        except ValueError:
            raise CommandError(_("Not a year: %(value)s") % {"value": options["year"]}) from None
        office = self._office(options["office"])
        calendar = calendar_for_office(office)
        for day, reasons in calendar.non_working_weekdays(first, last):
            texts = "; ".join(reason_text(r) for r in reasons)
            self.stdout.write(f"{day.isoformat()}\t{date_format(day, 'l')}\t{texts}")
        for day in calendar.extra_working_days(first, last):
            self.stdout.write(f"{day.isoformat()}\t{date_format(day, 'l')}\t{_('extra working day')}")

    def _sync(self, options: dict[str, Any]) -> None:
        try:
            years = [int(y) for y in options["years"]] or library_years()
            created = library_sync(years=years)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("%(count)s calendar days added.") % {"count": len(created)})
