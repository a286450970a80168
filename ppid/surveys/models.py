"""Survei Kepuasan Masyarakat (community satisfaction survey, PermenPANRB 14/2017 [verify]).

The nine elements (unsur) and the quality bands are data, seeded by a migration and editable in
the admin, because the regulation that fixes them can change without a code release.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office

LOWEST_SCORE = 1
HIGHEST_SCORE = 4


class SurveyElement(models.Model):
    """One element (unsur) of the SKM, scored 1–4 by each respondent (PermenPANRB 14/2017 [verify])."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    question = models.CharField(_("question"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("survey element")
        verbose_name_plural = _("survey elements")

    def __str__(self) -> str:
        return self.name


class SurveyBand(models.Model):
    """A quality band of the IKM (A–D) and the IKM interval it covers, both ends included."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    label = models.CharField(_("label"), max_length=60)
    min_ikm = models.DecimalField(_("lowest IKM"), max_digits=5, decimal_places=2)
    max_ikm = models.DecimalField(_("highest IKM"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-min_ikm"]
        verbose_name = _("survey band")
        verbose_name_plural = _("survey bands")
        constraints = [
            models.CheckConstraint(condition=models.Q(max_ikm__gte=models.F("min_ikm")), name="survey_band_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.label})"


class SurveyInvitation(models.Model):
    """The invitation sent to a requester once their request is completed; one per request.

    Only the SHA-256 of the token is stored: a leaked table does not open anyone's survey.
    """

    request = models.OneToOneField(
        "requests.InformationRequest",
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="survey_invitation",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    # The plain token, set only on the object survey_invite just created (for its e-mail and the
    # demo data); never stored, so an invitation read back from the database has "".
    token: str = ""

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"{self.request_id} {self.sent_at:%Y-%m-%d}"


class SurveyResponse(models.Model):
    """One answered survey. The comment is free text and may hold personal data: staff only."""

    invitation = models.OneToOneField(
        SurveyInvitation, verbose_name=_("invitation"), on_delete=models.PROTECT, related_name="response"
    )
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["office", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.office_id} {self.submitted_at:%Y-%m-%d}"


class SurveyScore(models.Model):
    """The score (1–4) one response gave one element."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="scores")
    element = models.ForeignKey(SurveyElement, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(LOWEST_SCORE), MaxValueValidator(HIGHEST_SCORE)]
    )

    class Meta:
        verbose_name = _("survey score")
        verbose_name_plural = _("survey scores")
        constraints = [
            models.UniqueConstraint(fields=["response", "element"], name="survey_score_once_per_element"),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST_SCORE, value__lte=HIGHEST_SCORE), name="survey_score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.element_id}={self.value}"
