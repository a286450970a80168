"""The anonymous survey form. The token in the link is the only key; no login (CSRF stays on)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ppid.core.steps import errors_onto_form
from ppid.surveys.forms import SurveyForm
from ppid.surveys.models import SurveyElement
from ppid.surveys.services import SurveyStateError, invitation_for, survey_submit


def _closed(http: HttpRequest, exc: SurveyStateError) -> HttpResponse:
    # 410 tells crawlers and browsers the link is gone; the page still explains why.
    return render(http, "surveys/public/closed.html", {"message": str(exc)}, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def survey_form(http: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for(token)
    except SurveyStateError as exc:
        return _closed(http, exc)
    elements = list(SurveyElement.objects.filter(is_active=True))
    form = SurveyForm(http.POST if http.method == "POST" else None, elements=elements)
    if http.method == "POST" and form.is_valid():
        try:
            survey_submit(token=token, scores=form.scores(), comment=form.cleaned_data["comment"])
        except SurveyStateError as exc:
            return _closed(http, exc)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            return redirect("surveys_public:thanks")
    context = {"form": form, "office": invitation.request.office}
    return render(http, "surveys/public/form.html", context, status=400 if form.errors else 200)


def survey_thanks(http: HttpRequest) -> HttpResponse:
    return render(http, "surveys/public/thanks.html")
