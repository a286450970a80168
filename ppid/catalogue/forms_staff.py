"""Forms of the DIP staff pages. They check input and build the services' arguments; every state
change is the service's (ppid.catalogue.services), which repeats the checks that matter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.catalogue.models import InformationItem, ItemDocument, MandatoryItem, PolicyVersion
from ppid.catalogue.selectors import ItemFilters
from ppid.catalogue.services import ItemData
from ppid.catalogue.services.items import EDITABLE
from ppid.catalogue.workflow import Category, ItemStatus, OnDemandType
from ppid.offices.models import Office, WorkUnit
from ppid.requests.validation import check_upload

# Exempt is not a choice: information is closed only through a consequence test (Pasal 19 UU 14/2008).
OPEN_CATEGORIES = [(c.value, c.label) for c in Category if c != Category.DIKECUALIKAN]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _office_units(office: Office) -> QuerySet[WorkUnit]:
    return office.work_units.filter(is_active=True).order_by("name")


class ItemFieldsForm(forms.Form):
    """An item's metadata (UU 14/2008 Pasal 9-11): the fields of services.items.EDITABLE, labelled as
    on the model. `unit` fixes the owning unit (a liaison team proposes for its own unit only);
    `fixed_category` fixes the category (serta-merta published at once)."""

    def __init__(
        self,
        *args: Any,
        office: Office,
        unit: WorkUnit | None = None,
        fixed_category: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.unit = unit
        self.fixed_category = fixed_category
        fields = forms.fields_for_model(InformationItem, fields=EDITABLE)
        category: Any = fields["category"]
        category.choices = [("", "---------"), *OPEN_CATEGORIES]
        mandatory: Any = fields["mandatory_item"]
        mandatory.queryset = MandatoryItem.objects.filter(is_active=True).order_by("category", "pk")
        work_unit: Any = fields["work_unit"]
        work_unit.queryset = _office_units(office)
        work_unit.label_from_instance = lambda u: u.name
        fields["summary"].widget = forms.Textarea(attrs={"rows": 4})
        if unit is not None:
            del fields["work_unit"]
        if fixed_category:
            del fields["category"], fields["on_demand_type"]
        # The item's fields first, then whatever the subclass declares (documents, notes).
        own = dict(self.fields)
        self.fields = {**fields, **own}

    def values(self) -> dict[str, Any]:
        """Every editable field, with the fixed unit and category filled in."""
        d = self.cleaned_data
        values = {name: d[name] for name in EDITABLE if name in self.fields}
        if self.unit is not None:
            values["work_unit"] = self.unit
        if self.fixed_category:
            values["category"] = self.fixed_category
            values["on_demand_type"] = ""
        return values

    def item_data(self) -> ItemData:
        return ItemData(**self.values())

    def changes(self, current: dict[str, Any]) -> dict[str, Any]:
        """The fields whose typed value differs from `current` (the item, or the proposal being corrected)."""
        return {
            name: value
            for name, value in self.values().items()
            if name in self.fields and _normal(value) != _normal(current.get(name))
        }


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return getattr(value, "pk", value)


def item_values(item: InformationItem, proposed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The item's editable values, with a proposal's values (foreign keys stored by id) laid over them."""
    values: dict[str, Any] = {name: getattr(item, name) for name in EDITABLE}
    for name, value in (proposed or {}).items():
        if name == "work_unit":
            values[name] = WorkUnit.objects.filter(pk=value).first()
        elif name == "mandatory_item":
            values[name] = MandatoryItem.objects.filter(pk=value).first() if value else None
        else:
            values[name] = value
    return values


class DocumentFieldsMixin(forms.Form):
    """A document version: a file checked by content, size and checksum, or a link (or both)."""

    file = forms.FileField(
        label=ItemDocument._meta.get_field("file").verbose_name,
        required=False,
        help_text=_("PDF, JPEG or PNG."),
    )
    url = forms.URLField(label=ItemDocument._meta.get_field("url").verbose_name, required=False, assume_scheme="https")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload

    def document_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"upload": d.get("file") or None, "url": d.get("url") or ""}

    def has_document(self) -> bool:
        kwargs = self.document_kwargs()
        return kwargs["upload"] is not None or bool(kwargs["url"])

    @property
    def files_lost(self) -> bool:
        """A chosen file is not sent again after an error (browsers do not keep it): say so."""
        return self.is_bound and bool(self.files) and bool(self.errors)


class NewEntryForm(ItemFieldsForm, DocumentFieldsMixin):
    """A new item proposed by the unit's liaison team (seed e.2)."""

    note = forms.CharField(label=_("Note for the PPID"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UpdateEntryForm(ItemFieldsForm, DocumentFieldsMixin):
    """New values and/or a new document version for one of the unit's published items (seed e.2)."""

    note = forms.CharField(label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ItemEditForm(ItemFieldsForm):
    """The PPID arranges an item (seed d.3)."""

    note = forms.CharField(label=_("Reason for the change"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CorrectEntryForm(ItemFieldsForm):
    """The Atasan PPID corrects an entry of a unit's list, and says what and why (seed c.3)."""

    correction = forms.CharField(
        label=_("Correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was corrected and why; the unit and the advisory team read it."),
    )


class PublishNowForm(ItemFieldsForm, DocumentFieldsMixin):
    """Serta-merta information announced at once (Pasal 10 UU 14/2008; Perki 1/2021 Pasal 25)."""

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, office=office, fixed_category=Category.SERTA_MERTA, **kwargs)


class AddDocumentForm(DocumentFieldsMixin):
    # Only services.item_add_document takes a title; a proposal's first document goes without one.
    document_title = forms.CharField(
        label=_("Document title"), max_length=300, required=False, help_text=_("For example the letter's number.")
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReturnForm(forms.Form):
    # Required by the service, which says so in its own words (unit_list_return).
    note = forms.CharField(label=_("What the unit must fix"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(forms.Form):
    """A step with nothing to type (approval)."""


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Review note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UpdateChoiceForm(forms.Form):
    """Which published item of the unit the liaison team wants to update."""

    informasi = forms.ModelChoiceField(label=_("Published item"), queryset=InformationItem.objects.none())

    def __init__(self, *args: Any, items: QuerySet[InformationItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["informasi"]
        field.queryset = items


class OfficeChoiceMixin(forms.Form):
    """An office picker, hidden when the user has one office only."""

    kantor = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)
    # A page that shows one office picks a default itself; a form that creates something needs one.
    office_required = True

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["kantor"]
        field.queryset = offices
        field.required = self.office_required
        field.label_from_instance = lambda o: o.name
        if len(offices) == 1:
            field.widget = forms.HiddenInput()


class RoundOpenForm(OfficeChoiceMixin):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("For example “Semester II 2026”."))
    due_on = forms.DateField(label=_("Units submit by"), widget=DATE_INPUT)


class OfficePickForm(OfficeChoiceMixin):
    office_required = False


class ItemFilterForm(OfficeChoiceMixin):
    office_required = False
    category = forms.ChoiceField(label=_("Category"), required=False, choices=[("", _("All")), *Category.choices])
    on_demand_type = forms.ChoiceField(
        label=_("Pasal 11 ayat (1) type"), required=False, choices=[("", _("All")), *OnDemandType.choices]
    )
    work_unit = forms.ModelChoiceField(label=_("Work unit"), required=False, queryset=WorkUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ItemStatus.choices])
    stale = forms.BooleanField(label=_("Due for refresh only"), required=False)
    awaiting_review = forms.BooleanField(label=_("Waiting for the Atasan PPID's review only"), required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], office: Office, **kwargs: Any) -> None:
        super().__init__(*args, offices=offices, **kwargs)
        field: Any = self.fields["work_unit"]
        field.queryset = _office_units(office)
        field.label_from_instance = lambda u: u.name
        field.empty_label = _("All")

    def filters(self) -> ItemFilters:
        if not self.is_valid():
            return ItemFilters()
        d = self.cleaned_data
        return ItemFilters(
            category=d["category"],
            on_demand_type=d["on_demand_type"],
            work_unit=d["work_unit"],
            year=d["year"],
            status=d["status"],
            stale=d["stale"],
            awaiting_review=d["awaiting_review"],
        )


class PolicyVersionForm(forms.Form):
    """A version of a policy direction of the Pembina PPID (seed a.2)."""

    effective_from = forms.DateField(
        label=PolicyVersion._meta.get_field("effective_from").verbose_name, widget=DATE_INPUT
    )
    text = forms.CharField(
        label=PolicyVersion._meta.get_field("text").verbose_name,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    file = forms.FileField(
        label=PolicyVersion._meta.get_field("file").verbose_name, required=False, help_text=_("PDF, JPEG or PNG.")
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload

    @property
    def files_lost(self) -> bool:
        return self.is_bound and bool(self.files) and bool(self.errors)


class PolicyIssueForm(OfficeChoiceMixin, PolicyVersionForm):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    is_public = forms.BooleanField(label=_("Published on the portal"), required=False, initial=True)

    field_order = ["kantor", "title", "effective_from", "text", "file", "is_public"]
