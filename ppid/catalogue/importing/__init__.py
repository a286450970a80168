"""An office's existing DIP from a spreadsheet (seed d.3): every cell is read and checked, every
problem is reported with its row and column, and nothing is imported until the whole file is
clean; then services.items_import publishes all rows in one transaction.

The columns are found by their Indonesian header, in any order, ignoring case and spaces (the
template of `template_xlsx` names them). Category labels are "Berkala", "Serta Merta" and "Setiap
Saat" (UU 14/2008 Pasal 9-11); a setiap-saat item names its Pasal 11 ayat (1) letter a-h; the work
unit is named as it is called at the office.
"""

from ppid.catalogue.importing.columns import MAX_ROWS, ImportReport, Problem
from ppid.catalogue.importing.rows import import_spreadsheet
from ppid.catalogue.importing.template import template_xlsx

__all__ = ["MAX_ROWS", "ImportReport", "Problem", "import_spreadsheet", "template_xlsx"]
