"""The roles a person can hold at an office (seed: prosedur kerja pegawai PPID, a–f; RULES.md §1)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PEMBINA = "pembina", _("Pembina PPID")
    TIM_PERTIMBANGAN = "tim_pertimbangan", _("Tim Pertimbangan Pelayanan Informasi")
    ATASAN = "atasan", _("Atasan PPID")
    PPID = "ppid", _("PPID")
    TIM_PENGHUBUNG = "tim_penghubung", _("Tim Penghubung (PPID Pelaksana)")
    DESK = "desk", _("Desk Pelayanan Informasi")
    LEGAL_UNIT = "legal_unit", _("Unit Hukum")
    SYSADMIN = "sysadmin", _("Administrator sistem")


# Roles held for one work unit: a membership in them must name the unit.
UNIT_ROLES = frozenset({Role.TIM_PENGHUBUNG, Role.LEGAL_UNIT})
