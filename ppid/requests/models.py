"""Information requests (permohonan informasi publik), their requesters, units and attachments."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office, WorkUnit
from ppid.requests.workflow import Outcome, Status


class RequesterKind(models.TextChoices):
    """Perki 1/2021: who may ask, and what identifies them."""

    INDIVIDUAL = "individual", _("Individual (NIK and KTP)")
    LEGAL_ENTITY = "legal_entity", _("Legal entity (deed / Kemenkumham number)")
    GROUP = "group", _("Group or proxy (power of attorney and the proxy's KTP)")


class Channel(models.TextChoices):
    """Pasal 22 ayat (1)-(2) UU 14/2008: written or unwritten, in person or remotely."""

    ONLINE = "online", _("Website")
    WALK_IN = "walk_in", _("In person at the desk")
    PHONE = "phone", _("Telephone")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")


class ObtainMethod(models.TextChoices):
    SEE = "see", _("See")
    READ = "read", _("Read")
    LISTEN = "listen", _("Listen")
    NOTE = "note", _("Take notes")
    HARD_COPY = "hard_copy", _("Hard copy")
    SOFT_COPY = "soft_copy", _("Soft copy")


class DeliveryMethod(models.TextChoices):
    PICK_UP = "pick_up", _("Pick up in person")
    POST = "post", _("Post or courier")
    EMAIL = "email", _("E-mail")


class Requester(models.Model):
    """A person, legal entity or group asking for information. Personal data under UU PDP:
    never shown on public pages, the public API or open exports."""

    kind = models.CharField(_("requester type"), max_length=20, choices=RequesterKind.choices)
    name = models.CharField(_("name"), max_length=200)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    legal_number = models.CharField(_("deed or Kemenkumham number"), max_length=100, blank=True)
    proxy_name = models.CharField(_("proxy's name"), max_length=200, blank=True)
    address = models.TextField(_("address"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    occupation = models.CharField(_("occupation"), max_length=120, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requester_profiles",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("requester")
        verbose_name_plural = _("requesters")

    def __str__(self) -> str:
        return self.name


class InformationRequest(models.Model):
    """One request for public information (Pasal 21-22 UU 14/2008). Status is written only by the
    service functions in ppid.requests.services."""

    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="requests")
    registration_number = models.CharField(_("registration number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    requester = models.ForeignKey(
        Requester, verbose_name=_("requester"), on_delete=models.PROTECT, related_name="requests"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    information_requested = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose of use"))
    obtain_method = models.CharField(_("how to obtain"), max_length=10, choices=ObtainMethod.choices)
    delivery_method = models.CharField(_("how to receive"), max_length=10, choices=DeliveryMethod.choices)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED, db_index=True
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices, blank=True)

    received_at = models.DateTimeField(_("received at"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Which rule set governs (RULES.md §7), fixed at receipt.
    rule_set = models.ForeignKey(
        "workdays.RuleSet", verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="+"
    )
    # The response clock starts when the request is complete (KPU completeness rule).
    clock_started_at = models.DateTimeField(_("clock started at"), null=True, blank=True)
    notice_due_on = models.DateField(_("notice due"), null=True, blank=True, db_index=True)
    extended_due_on = models.DateField(_("extended notice due"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for extension"), blank=True)
    completeness_check_due_on = models.DateField(_("completeness check due"), null=True, blank=True)
    marked_incomplete_at = models.DateTimeField(_("marked incomplete at"), null=True, blank=True)
    completion_due_on = models.DateField(_("completion due"), null=True, blank=True)
    missing_requirements = models.TextField(_("missing requirements"), blank=True)
    # Working days from day 0 to the written notice, kept at decision for the reports to aggregate in
    # the database (Pasal 12 UU KIP: the time taken for each request; RULES.md §8).
    working_days_taken = models.PositiveIntegerField(_("working days taken"), null=True, blank=True)
    # Set when the Atasan PPID grants an objection: provide the information by this date.
    ordered_due_on = models.DateField(_("ordered by the Atasan PPID by"), null=True, blank=True)

    forwarded_to = models.ForeignKey(
        "self",
        verbose_name=_("forwarded to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_from",
    )
    # A double click or a resubmitted form carries the same key: never two requests.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="request_number_unique_per_office_year"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "status", "notice_due_on"]),
            # The register and period filters sort and select by the moment of receipt.
            models.Index(fields=["office", "received_at"]),
            models.Index(fields=["received_at"]),
            # The daily job and the worklists look for open requests by the deadline in force.
            models.Index(
                Coalesce("extended_due_on", "notice_due_on"),
                name="request_due_on_open",
                condition=models.Q(status__in=["registered", "in_progress"]),
            ),
        ]

    def __str__(self) -> str:
        return self.registration_number

    @property
    def owner_user_id(self) -> int | None:
        """The requester's account, for ppid.accounts.permissions."""
        return self.requester.user_id

    @property
    def tracking_request_id(self) -> int:
        """For ppid.accounts.permissions.TrackingVisitor: the request a tracking visitor proved."""
        return self.pk

    @property
    def work_unit_ids(self) -> list[int]:
        return [assignment.work_unit_id for assignment in self.assignments.all()]

    @property
    def due_on(self) -> datetime.date | None:
        """The deadline in force: the Atasan's order once reopened (Pasal 36 ayat (2)), else the
        extended one once extended (Pasal 22 ayat (8)), else the notice deadline."""
        if self.status == Status.REOPENED and self.ordered_due_on:
            return self.ordered_due_on
        return self.extended_due_on or self.notice_due_on


class RequestAssignment(models.Model):
    """A work unit whose liaison team prepares (part of) the answer (seed e.1)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="assignments")
    work_unit = models.ForeignKey(
        WorkUnit, verbose_name=_("work unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    note = models.TextField(_("instructions"), blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["request", "work_unit"], name="assignment_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.work_unit}"


class AttachmentKind(models.TextChoices):
    KTP = "ktp", _("KTP scan")
    DEED = "deed", _("Deed or Kemenkumham approval")
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")
    PROXY_KTP = "proxy_ktp", _("Proxy's KTP scan")
    SUPPORTING = "supporting", _("Supporting document")
    ANSWER = "answer", _("Document for the answer")


# Identity documents are personal data: staff with a need only (UU PDP).
PERSONAL_ATTACHMENTS = frozenset(
    {AttachmentKind.KTP, AttachmentKind.PROXY_KTP, AttachmentKind.DEED, AttachmentKind.POWER_OF_ATTORNEY}
)


class RequestAttachment(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="requests/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class RegistrationCounter(models.Model):
    """The last number given per office, register (series) and year; locked while numbering.

    Each register keeps its own gapless series: requests, objections, disputes."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=20, default="request")
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "series", "year"], name="registration_counter_unique_series")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.series}/{self.year}: {self.last_sequence}"


class ExemptionGround(models.TextChoices):
    """Pasal 17 UU 14/2008, letters a-j."""

    A = "a", _("a. would obstruct law enforcement")
    B = "b", _("b. intellectual property and fair competition")
    C = "c", _("c. defence and security of the state")
    D = "d", _("d. natural wealth of Indonesia")
    E = "e", _("e. national economic resilience")
    F = "f", _("f. foreign relations")
    G = "g", _("g. private authentic deeds and wills")
    H = "h", _("h. personal secrets")
    I = "i", _("i. inter- or intra-agency memoranda")  # noqa: E741 - the letter of the article
    J = "j", _("j. closed by another Undang-Undang")


class WrittenNotice(models.Model):
    """The PPID's written notice (pemberitahuan tertulis), with every item of Pasal 22 ayat (7) a-g."""

    request = models.OneToOneField(InformationRequest, on_delete=models.PROTECT, related_name="notice")
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    # a. whether the body holds it; b. if not, who does
    holder_body = models.CharField(_("body that holds the information"), max_length=255, blank=True)
    # c. acceptance, or refusal with its Pasal 17 ground
    exemption_ground = models.CharField(_("Pasal 17 ground"), max_length=1, choices=ExemptionGround.choices, blank=True)
    reasoning = models.TextField(_("reasons"), blank=True)
    # The DIK entry the refusal relies on (Pasal 17 ground backed by a consequence test, Pasal 19).
    exemption = models.ForeignKey(
        "exemptions.Exemption",
        verbose_name=_("exemption relied on"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refusals",
    )
    # d. what will be given; e. what is blacked out, and why
    information_given = models.TextField(_("information that will be given"), blank=True)
    blacked_out = models.TextField(_("parts blacked out and why"), blank=True)
    # f. means and format of delivery; g. costs and how to pay
    delivery_method = models.CharField(_("how it is delivered"), max_length=10, choices=DeliveryMethod.choices)
    delivery_format = models.CharField(_("format"), max_length=120, blank=True)
    payment_instructions = models.TextField(_("how to pay"), blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_position = models.CharField(_("position"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"))
    pdf = models.FileField(_("notice PDF"), upload_to="notices/%Y/", blank=True)

    class Meta:
        verbose_name = _("written notice")
        verbose_name_plural = _("written notices")

    def __str__(self) -> str:
        return f"{self.request} — {self.get_outcome_display()}"

    @property
    def total_cost(self) -> int:
        return sum(line.amount for line in self.costs.all())


class RateCardItem(models.Model):
    """The office's rate for copying and delivery (Pasal 21 UU 14/2008: only these costs). Zero by default."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="rate_card")
    name = models.CharField(_("item"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    price = models.PositiveIntegerField(_("price (Rp)"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("rate card item")
        verbose_name_plural = _("rate card")
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="rate_card_item_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class NoticeCost(models.Model):
    notice = models.ForeignKey(WrittenNotice, on_delete=models.CASCADE, related_name="costs")
    description = models.CharField(_("item"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.PositiveIntegerField(_("unit price (Rp)"))

    def __str__(self) -> str:
        return f"{self.description} × {self.quantity}"

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


class Delivery(models.Model):
    """How and when the information reached the requester, and their confirmation."""

    request = models.OneToOneField(InformationRequest, on_delete=models.PROTECT, related_name="delivery")
    method = models.CharField(_("how it was delivered"), max_length=10, choices=DeliveryMethod.choices)
    delivered_at = models.DateTimeField(_("delivered at"))
    proof = models.FileField(_("proof of delivery"), upload_to="deliveries/%Y/", blank=True)
    amount_paid = models.PositiveIntegerField(_("amount paid (Rp)"), default=0)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.request_id} {self.method} {self.delivered_at:%Y-%m-%d}"
