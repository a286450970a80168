"""The page of one consequence test and its steps, in the order of PKPU 22/2023 Pasal 24-26.

Each step names its form, who may take it, and the one service call (STYLE.md §2). A form that fails
comes back with what was typed; a step someone else took first is reported, never a server error.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import active_memberships, can
from ppid.accounts.roles import Role
from ppid.core.steps import Step, StepPage, allowed_steps, run_step, step_forms
from ppid.events.models import Event
from ppid.exemptions import forms as f
from ppid.exemptions import services
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.views import get_test_for
from ppid.exemptions.workflow import ConsequenceStatus, ParticipantKind, allowed_from
from ppid.offices.models import Office, OfficeLevel

CHOICE_STEPS = frozenset({"basis_kind", "pasal17_letter", "conclusion"})
# The role in which a participant signs their opinion (seed d.6; PKPU 22/2023 Pasal 24).
PARTICIPANT_ROLES = {
    Role.TIM_PERTIMBANGAN: ParticipantKind.ADVISORY,
    Role.PEMBINA: ParticipantKind.PATRON,
    Role.TIM_PENGHUBUNG: ParticipantKind.UNIT,
}


def province_of(test: ConsequenceTest) -> Office | None:
    """The KPU Provinsi through which a KPU Kab/Kota asks (Pasal 25 ayat (2))."""
    origin = test.origin_office
    return origin.parent if origin.level == OfficeLevel.KABKOTA else None


def participant_kinds(user: Any, test: ConsequenceTest) -> list[tuple[str, str]]:
    """As whom `user` may give an opinion: the roles they hold where the test is run or was asked."""
    if not (
        can(user, "consequence_test:opine", test.office) or can(user, "consequence_test:opine", test.origin_office)
    ):
        return []
    offices = {test.office_id, test.origin_office_id}
    kinds = {
        PARTICIPANT_ROLES[Role(m.role)]
        for m in active_memberships(user)
        if m.office_id in offices and m.role in PARTICIPANT_ROLES
    }
    return [(kind.value, str(kind.label)) for kind in ParticipantKind if kind in kinds]


def _may_forward(user: Any, test: ConsequenceTest) -> bool:
    province = province_of(test)
    return province is not None and can(user, "consequence_test:forward", province)


def _may_dismiss(user: Any, test: ConsequenceTest) -> bool:
    if test.status == ConsequenceStatus.AT_PROVINCE:
        return _may_forward(user, test)
    return can(user, "exemption:screen", test.office)


def _on_office(permission: str) -> Callable[[Any, ConsequenceTest], bool]:
    return lambda user, test: can(user, permission, test.office)


def _note(form: forms.Form) -> str:
    note: str = form.cleaned_data["note"]
    return note


def _decide(test: ConsequenceTest, user: Any, form: forms.Form) -> object:
    d = form.cleaned_data
    return services.consequence_test_record_decision(
        test=test,
        actor=user,
        decision_number=d["decision_number"],
        decision_date=d["decision_date"],
        decision_file=d["decision_file"].file if d["decision_file"] else None,
    )


ACTIONS: dict[str, Step[ConsequenceTest]] = {
    "forward": Step(
        "consequence_test_forward", _may_forward, f.NoteForm,
        lambda t, u, form: services.consequence_test_forward(test=t, actor=u, note=_note(form)),
        gettext_lazy("Forward to KPU RI (Pasal 25 ayat (2))"), gettext_lazy("forwarded to KPU RI"),
    ),
    "screen": Step(
        "consequence_test_screen", _on_office("exemption:screen"), f.ScreenForm,
        lambda t, u, form: services.consequence_test_screen(test=t, actor=u, note=_note(form)),
        gettext_lazy("Screen the candidate and start the test"), gettext_lazy("test started"),
    ),
    "dismiss": Step(
        "consequence_test_dismiss", _may_dismiss, f.DismissForm,
        lambda t, u, form: services.consequence_test_dismiss(test=t, actor=u, note=_note(form)),
        gettext_lazy("Dismiss: no test needed"), gettext_lazy("dismissed"),
    ),
    "steps": Step(
        "consequence_test_record_steps", _on_office("consequence_test:conduct"), f.StepsForm,
        lambda t, u, form: services.consequence_test_record_steps(test=t, actor=u, steps=form.steps()),
        gettext_lazy("Record the steps of the test"), gettext_lazy("steps recorded"),
    ),
    "opinion": Step(
        "consequence_test_add_opinion", lambda u, t: bool(participant_kinds(u, t)), f.OpinionForm,
        lambda t, u, form: services.consequence_test_add_opinion(test=t, actor=u, data=form.opinion_data()),
        gettext_lazy("Give and sign your opinion"), gettext_lazy("opinion signed"),
    ),
    "expert": Step(
        "consequence_test_add_opinion", _on_office("consequence_test:conduct"), f.ExpertOpinionForm,
        lambda t, u, form: services.consequence_test_add_opinion(test=t, actor=u, data=form.opinion_data()),
        gettext_lazy("Record an expert's opinion"), gettext_lazy("expert's opinion recorded"),
    ),
    "classify": Step(
        "consequence_test_classify", _on_office("exemption:classify"), f.ClassifyForm,
        lambda t, u, form: services.consequence_test_classify(test=t, actor=u, note=_note(form)),
        gettext_lazy("Classify the information (advisory team)"), gettext_lazy("classified"),
    ),
    "hand-over": Step(
        "consequence_test_hand_over", _on_office("exemption:hand_over"), f.HandOverForm,
        lambda t, u, form: services.consequence_test_hand_over(test=t, actor=u),
        gettext_lazy("Hand the result to the Atasan PPID"), gettext_lazy("handed to the Atasan PPID"),
    ),
    "decision": Step(
        "consequence_test_record_decision", _on_office("exemption:record_decision"), f.DecisionForm, _decide,
        gettext_lazy("Record the Keputusan KPU"), gettext_lazy("Keputusan KPU recorded"),
    ),
}  # fmt: skip


def allowed_actions(user: Any, test: ConsequenceTest) -> list[str]:
    """The steps `user` may take now (also named on the worklist panel)."""
    return allowed_steps(PAGE, user, test)


def _office_today(test: ConsequenceTest) -> datetime.date:
    return timezone.now().astimezone(test.office.zoneinfo).date()


def _make_form(name: str, test: ConsequenceTest, user: Any, data: Any, files: Any) -> forms.Form:
    kwargs: dict[str, Any] = {"prefix": name}
    if name == "steps":
        kwargs.update(initial=f.StepsForm.initial_from(test), today=_office_today(test))
    elif name == "opinion":
        kwargs["kinds"] = participant_kinds(user, test)
    elif name == "decision":
        kwargs["initial"] = {"decision_date": _office_today(test)}
    return ACTIONS[name].form_class(data, files, **kwargs)


def step_values(test: ConsequenceTest) -> list[tuple[str, str]]:
    """The steps as written so far, in the order of Pasal 25 ayat (3), for those who only read them."""
    values: list[tuple[str, str]] = []
    for name, label in f.STEP_LABELS.items():
        value = getattr(test, name)
        if isinstance(value, datetime.date):
            shown = date_format(value, "j F Y")
        elif name in CHOICE_STEPS and value:
            shown = str(getattr(test, f"get_{name}_display")())
        else:
            shown = value or ""
        values.append((str(label), shown))
    return values


def _exemption_of(test: ConsequenceTest) -> Exemption | None:
    return Exemption.objects.filter(test=test).first()


def _render_detail(
    http: HttpRequest, test: ConsequenceTest, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user = http.user
    rows = step_forms(PAGE, user, test, bound)
    # The steps of Pasal 25 ayat (3) are a long form of their own on the page.
    steps_form = next((form for name, _step, form in rows if name == "steps"), None)
    exemption = _exemption_of(test)
    events = Event.objects.for_objects([test] if exemption is None else [test, exemption])
    context = {
        "test": test,
        "exemption": exemption,
        "opinions": test.opinions.select_related("user"),
        "steps": step_values(test),
        "steps_form": steps_form,
        "forms": [(name, step.title, form) for name, step, form in rows if name != "steps"],
        "events": events.select_related("actor", "office"),
        "request_visible": test.request is not None and can(user, "request:view", test.request),
        "item_visible": test.item is not None and can(user, "dip:view", test.item),
        "province": province_of(test),
    }
    return render(http, "exemptions/staff/detail.html", context)


@login_required
def consequence_test_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(http, get_test_for(http.user, pk))


@login_required
@require_POST
def consequence_test_action(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one step: 403 without the right, errors re-render with the input kept, then back to the test."""
    return run_step(http, get_test_for(http.user, pk), name, PAGE)


PAGE = StepPage(
    steps=ACTIONS,
    make_form=_make_form,
    render=_render_detail,
    reload=get_test_for,
    detail_url="exemptions:detail",
    allows=lambda transition, test: test.status in allowed_from(transition),
    state_errors=(services.ConsequenceStateError,),
    labels=f.STEP_LABELS,
    # The service checks the right again (an opinion's role too): its refusal is said on the form, not a 403.
    denied=gettext_lazy("You may not take this step of the consequence test."),
)
