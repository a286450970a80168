"""KPU offices (KPU RI, KPU Provinsi, KPU Kabupaten/Kota) and their work units."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_OPENS_AT = datetime.time(8, 0)
DEFAULT_CLOSES_AT = datetime.time(16, 0)


class OfficeLevel(models.TextChoices):
    RI = "ri", _("KPU RI")
    PROVINSI = "provinsi", _("KPU Provinsi")
    KABKOTA = "kabkota", _("KPU Kabupaten/Kota")


class OfficeTimeZone(models.TextChoices):
    """The three legal time zones of Indonesia (Keppres 41/1987)."""

    WIB = "WIB", _("WIB (UTC+7)")
    WITA = "WITA", _("WITA (UTC+8)")
    WIT = "WIT", _("WIT (UTC+9)")


IANA_ZONES = {
    OfficeTimeZone.WIB: "Asia/Jakarta",
    OfficeTimeZone.WITA: "Asia/Makassar",
    OfficeTimeZone.WIT: "Asia/Jayapura",
}


class Office(models.Model):
    """One KPU office. Its code is the Kemendagri region code ("00" for KPU RI)."""

    code = models.CharField(_("region code"), max_length=13, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=OfficeLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes ("00/32/32.73"), kept by save(): descendants are a prefix query.
    path = models.CharField(max_length=100, unique=True, editable=False)
    province_code = models.CharField(_("province code"), max_length=2, blank=True, db_index=True, editable=False)
    time_zone = models.CharField(_("time zone"), max_length=4, choices=OfficeTimeZone.choices)
    opens_at = models.TimeField(_("office opens"), default=DEFAULT_OPENS_AT)
    closes_at = models.TimeField(_("office closes"), default=DEFAULT_CLOSES_AT)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public telephone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="ri", parent__isnull=True) | models.Q(parent__isnull=False),
                name="office_only_ri_without_parent",
            ),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="office_hours_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.path = f"{self.parent.path}/{self.code}" if self.parent else self.code
        self.province_code = self.code[:2] if self.level != OfficeLevel.RI else ""
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def zoneinfo(self) -> ZoneInfo:
        return ZoneInfo(IANA_ZONES[OfficeTimeZone(self.time_zone)])

    def descendants(self) -> models.QuerySet[Office]:
        return Office.objects.filter(path__startswith=f"{self.path}/")

    def is_ancestor_of(self, other: Office) -> bool:
        return other.path.startswith(f"{self.path}/")

    def ancestor_codes(self) -> list[str]:
        return self.path.split("/")[:-1]

    @property
    def legal_unit(self) -> WorkUnit | None:
        return self.work_units.filter(is_legal_unit=True).first()


class WorkUnitKind(models.TextChoices):
    BIRO = "biro", _("Biro")
    BAGIAN = "bagian", _("Bagian")
    SUBBAGIAN = "subbagian", _("Subbagian")


class WorkUnit(models.Model):
    """A unit of an office's secretariat that holds information; one per office is the legal unit."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="work_units")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=WorkUnitKind.choices)
    is_legal_unit = models.BooleanField(
        _("legal unit"),
        default=False,
        help_text=_("The Biro/Bagian/Subbagian Hukum that handles information disputes for this office."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["office__path", "name"]
        verbose_name = _("work unit")
        verbose_name_plural = _("work units")
        constraints = [
            models.UniqueConstraint(fields=["office", "name"], name="work_unit_name_unique_per_office"),
            models.UniqueConstraint(
                fields=["office"], condition=models.Q(is_legal_unit=True), name="one_legal_unit_per_office"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.office.name}"
