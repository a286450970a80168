"""The import's columns as the template names them, and the report of what to fix."""

from __future__ import annotations

from dataclasses import dataclass, field

from ppid.catalogue.models import InformationItem
from ppid.catalogue.services import ItemData
from ppid.catalogue.workflow import Category

# One import is one office's list; a larger file is split (it also bounds the work of one upload).
MAX_ROWS = 5000
# A valid XLSX this large when unpacked is a zip bomb, not a DIP.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The template's example row starts so; left in the file, it would be published as a real item.
EXAMPLE_PREFIX = "Contoh:"
DATA_SHEET = "DIP"
# The header row is looked for among the first rows (an office may keep a title above it).
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Column:
    name: str  # the ItemData field
    header: str  # as the template writes it
    required: bool = False
    aliases: tuple[str, ...] = ()


# The template's columns, in its order. Aliases accept the wording of the official DIP form.
COLUMNS: tuple[Column, ...] = (
    Column("title", "Judul informasi", True, ("Judul",)),
    Column("summary", "Ringkasan isi informasi", True, ("Ringkasan",)),
    Column("category", "Kategori", True, ("Jenis informasi", "Kategori informasi")),
    Column("on_demand_type", "Huruf Pasal 11 ayat (1)", False, ("Pasal 11 ayat (1)", "Huruf Pasal 11")),
    Column(
        "work_unit",
        "Unit kerja",
        True,
        ("Pejabat/unit yang menguasai informasi", "Unit yang menguasai informasi", "Unit"),
    ),
    Column(
        "responsible_official",
        "Penanggung jawab",
        True,
        ("Penanggung jawab pembuatan/penerbitan informasi", "Penanggung jawab pembuatan/penerbitan"),
    ),
    Column("made_when", "Waktu pembuatan", False, ("Waktu pembuatan informasi",)),
    Column("made_where", "Tempat pembuatan", False, ("Tempat pembuatan informasi",)),
    Column("format", "Bentuk informasi", False, ("Bentuk informasi yang tersedia", "Format")),
    Column("retention_period", "Jangka waktu penyimpanan", False, ("Retensi",)),
    Column("year", "Tahun", True),
    Column("tags", "Kata kunci", False, ("Tag", "Tags")),
    Column("mandatory_item", "Kode informasi wajib", False),
)
BY_NAME = {column.name: column for column in COLUMNS}

CATEGORY_WORDS = {
    "berkala": Category.BERKALA,
    "sertamerta": Category.SERTA_MERTA,
    "setiapsaat": Category.SETIAP_SAAT,
    "tersediasetiapsaat": Category.SETIAP_SAAT,
    # Read, so that the service's own message explains why it cannot be imported (Pasal 17, Pasal 19).
    "dikecualikan": Category.DIKECUALIKAN,
}


def squeeze(text: str) -> str:
    """Case- and space-insensitive key of a header or name ("Unit  Kerja *" → "unitkerja")."""
    return "".join(text.lower().split()).rstrip("*")


HEADER_KEYS: dict[str, Column] = {
    squeeze(label): column for column in COLUMNS for label in (column.header, *column.aliases)
}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: `row` is the spreadsheet's row number (None: the file as a whole),
    `letter` and `column` the column's letter and header ("" where no column is concerned)."""

    row: int | None
    letter: str
    column: str
    message: str


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    created: list[InformationItem] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.problems


@dataclass
class RowsRead:
    """The rows read so far: ItemData per clean row, with its spreadsheet row number."""

    letters: dict[str, str]  # field → column letter in this file
    rows: list[ItemData] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, row: int | None, name: str, message: str) -> None:
        column = BY_NAME.get(name)
        self.problems.append(
            Problem(row=row, letter=self.letters.get(name, ""), column=column.header if column else "", message=message)
        )
