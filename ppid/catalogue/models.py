"""The public information list (Daftar Informasi Publik) of each office: items, their documents,
the collection rounds that gather them from the work units, and the patron's policies.

UU 14/2008 Pasal 9-11; PKPU 22/2023; seed a.2, c.1, c.3, d.2, d.3, e.2 (RULES.md §3)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.catalogue.workflow import Category, EntryKind, ItemStatus, ListStatus, OnDemandType, RoundStatus
from ppid.offices.models import Office, WorkUnit


class CategoryRule(models.Model):
    """How often items of a category must be refreshed: data an administrator corrects, never code."""

    category = models.CharField(_("category"), max_length=14, choices=Category.choices, unique=True)
    refresh_months = models.PositiveSmallIntegerField(_("refresh every (months)"), null=True, blank=True)
    citation = models.CharField(_("article"), max_length=300)
    needs_verification = models.BooleanField(_("to be verified"), default=False)

    class Meta:
        verbose_name = _("category rule")
        verbose_name_plural = _("category rules")

    def __str__(self) -> str:
        return self.get_category_display()


class MandatoryItem(models.Model):
    """An item every office must list (Pasal 9 ayat (2) and Perki 1/2021): the coverage check's yardstick."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    title = models.CharField(_("title"), max_length=300)
    citation = models.CharField(_("article"), max_length=300)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["category", "key"]
        verbose_name = _("mandatory item")
        verbose_name_plural = _("mandatory items")

    def __str__(self) -> str:
        return self.title


class InformationItem(models.Model):
    """One entry of an office's DIP. Status is written only by ppid.catalogue.services."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="dip_items")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    category = models.CharField(_("category"), max_length=14, choices=Category.choices, db_index=True)
    on_demand_type = models.CharField(
        _("Pasal 11 ayat (1) type"), max_length=1, choices=OnDemandType.choices, blank=True
    )
    mandatory_item = models.ForeignKey(
        MandatoryItem,
        verbose_name=_("mandatory item it fulfils"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    work_unit = models.ForeignKey(
        WorkUnit, verbose_name=_("owning work unit"), on_delete=models.PROTECT, related_name="dip_items"
    )
    responsible_official = models.CharField(_("responsible official"), max_length=200)
    made_when = models.CharField(_("when it was made"), max_length=100, blank=True)
    made_where = models.CharField(_("where it was made"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=100, blank=True)
    retention_period = models.CharField(_("retention period"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separated by commas."))
    # The DIK entry this item is closed by (category dikecualikan), ppid.exemptions.
    exemption = models.ForeignKey(
        "exemptions.Exemption",
        verbose_name=_("exemption"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Serta-merta information is announced at once and reviewed after (Pasal 10; Perki 1/2021).
    awaiting_review = models.BooleanField(_("published at once, to be reviewed"), default=False)
    refreshed_on = models.DateField(_("last refreshed on"), null=True, blank=True)
    # Title, summary, tags and document text, kept by the services for full-text search.
    search_text = models.TextField(editable=False, blank=True)
    # The same text as a stored tsvector (PostgreSQL, 'indonesian' configuration) with a GIN index:
    # ranking reads it instead of parsing every matching item's text again. Unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["office", "category", "title", "id"]
        verbose_name = _("information item")
        verbose_name_plural = _("information items")
        indexes = [
            models.Index(fields=["office", "status", "category"]),
            models.Index(fields=["status", "category", "year"]),
            # The nationwide list shows the newest publications first.
            models.Index(fields=["status", "-published_at"], name="catalogue_item_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def work_unit_ids(self) -> list[int]:
        """For ppid.accounts.permissions: a liaison team acts for its own unit's items."""
        return [self.work_unit_id]

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    def is_stale(self, today: datetime.date, refresh_months: int | None) -> bool:
        """A published item not refreshed within its category's period (Pasal 9 ayat (4) [verify])."""
        if refresh_months is None or self.status != ItemStatus.PUBLISHED:
            return False
        published = self.published_at.astimezone(self.office.zoneinfo).date() if self.published_at else None
        last = self.refreshed_on or published
        if last is None:
            return True
        return months_between(last, today) >= refresh_months


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


class ItemDocument(models.Model):
    """A file (with its checksum) or a link, in versions: a new upload never overwrites the last."""

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="documents")
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to="dip/%Y/%m/", blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    text = models.TextField(_("document text"), blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A version proposed in a collection round is public only once the Atasan PPID approves the list.
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["item", "-version"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="item_document_version_unique"),
            models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(url=""), name="item_document_file_or_link"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class CollectionRound(models.Model):
    """The PPID gathers the units' information, e.g. each semester (seed d.2)."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="dip_rounds")
    name = models.CharField(_("name"), max_length=200)
    due_on = models.DateField(_("units submit by"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("collection round")
        verbose_name_plural = _("collection rounds")
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="collection_round_name_unique")]

    def __str__(self) -> str:
        return f"{self.office} — {self.name}"


class UnitList(models.Model):
    """One work unit's list in a round: submitted by its liaison team, arranged by the PPID,
    corrected and approved by the Atasan PPID, then sent to the advisory team."""

    round = models.ForeignKey(CollectionRound, on_delete=models.CASCADE, related_name="unit_lists")
    work_unit = models.ForeignKey(WorkUnit, verbose_name=_("work unit"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.OPEN)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    arranged_at = models.DateTimeField(_("arranged at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_to_advisory_at = models.DateTimeField(_("sent to the advisory team at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["round", "work_unit__name"]
        verbose_name = _("unit list")
        verbose_name_plural = _("unit lists")
        constraints = [models.UniqueConstraint(fields=["round", "work_unit"], name="unit_list_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.round.name} — {self.work_unit}"

    @property
    def office(self) -> Office:
        return self.round.office

    @property
    def work_unit_ids(self) -> list[int]:
        return [self.work_unit_id]


class RoundEntry(models.Model):
    """A new item, or the update of a published one, proposed in a unit's list."""

    unit_list = models.ForeignKey(UnitList, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=6, choices=EntryKind.choices)
    # For an update: the field values proposed, applied when the list is approved.
    proposed = models.JSONField(_("proposed changes"), default=dict, blank=True)
    note = models.TextField(_("note from the unit"), blank=True)
    correction = models.TextField(_("correction by the Atasan PPID"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_list", "id"]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        constraints = [models.UniqueConstraint(fields=["unit_list", "item"], name="round_entry_once_per_item")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.item}"


class Policy(models.Model):
    """A policy direction of the Pembina PPID (seed a.2), kept in versions."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="policies")
    title = models.CharField(_("title"), max_length=300)
    is_public = models.BooleanField(_("published on the portal"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["office", "title"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self) -> str:
        return self.title


class PolicyVersion(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("effective from"))
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("document"), upload_to="policies/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["policy", "-version"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        constraints = [models.UniqueConstraint(fields=["policy", "version"], name="policy_version_unique")]

    def __str__(self) -> str:
        return f"{self.policy} v{self.version}"
