"""Staff pages of the consequence test: who sees a test, who may take each step, what a failed step
keeps, the DIK list with its review flags, and the staff-home panel (PKPU 22/2023 Pasal 24-26;
seed b.2, b.3, c.1, d.4, d.6)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import InformationItem
from ppid.exemptions.models import ConsequenceOpinion, ConsequenceTest, Exemption
from ppid.exemptions.services import StartData, consequence_test_forward, consequence_test_start
from ppid.exemptions.workflow import ConsequenceStatus, ExemptionStatus, ParticipantKind
from ppid.offices.models import Office
from tests.catalogue.conftest import FULL_STEPS
from tests.requests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

BASE = "/staf/uji-konsekuensi/"
START_URL = f"{BASE}baru/"
DIK_URL = f"{BASE}dik/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"  # assertions read the English msgids
    return client


def detail_url(test: ConsequenceTest) -> str:
    return f"{BASE}{test.pk}/"


def action_url(test: ConsequenceTest, name: str) -> str:
    return f"{BASE}{test.pk}/aksi/{name}/"


def reload(test: ConsequenceTest) -> ConsequenceTest:
    return ConsequenceTest.objects.get(pk=test.pk)


def steps_post(**overrides: Any) -> dict[str, Any]:
    data = {f"steps-{name}": value or "" for name, value in FULL_STEPS.__dict__.items()}
    data.update({f"steps-{name}": value for name, value in overrides.items()})
    return data


def form_of(response: Any, name: str) -> Any:
    if name == "steps":
        return response.context["steps_form"]
    return {n: form for n, _title, form in response.context["forms"]}[name]


@pytest.fixture
def jabar(db: None) -> Office:
    return Office.objects.get(code="32")


@pytest.fixture
def jateng(db: None) -> Office:
    return Office.objects.get(code="33")


@pytest.fixture
def ppid_jabar(staff: Callable[..., User], jabar: Office) -> User:
    return staff(Role.PPID, jabar)


@pytest.fixture
def ppid_jateng(staff: Callable[..., User], jateng: Office) -> User:
    return staff(Role.PPID, jateng)


@pytest.fixture
def asked(office: Office, ppid_officer: User) -> ConsequenceTest:
    """Asked by KPU Kota Bandung: waiting at KPU Provinsi Jawa Barat."""
    return consequence_test_start(
        origin=office, actor=ppid_officer, data=StartData(information="Berita acara pleno rekapitulasi")
    )


@pytest.fixture
def screening(asked: ConsequenceTest, ppid_jabar: User) -> ConsequenceTest:
    return consequence_test_forward(test=asked, actor=ppid_jabar)


@pytest.fixture
def in_test(screening: ConsequenceTest, ppid_ri: User) -> ConsequenceTest:
    response = logged_in(ppid_ri).post(action_url(screening, "screen"), {"screen-note": "Memuat data pribadi."})
    assert response.status_code == 302
    return reload(screening)


@pytest.fixture
def written(in_test: ConsequenceTest, ppid_ri: User) -> ConsequenceTest:
    assert logged_in(ppid_ri).post(action_url(in_test, "steps"), steps_post()).status_code == 302
    return reload(in_test)


@pytest.fixture
def handed_over(written: ConsequenceTest, advisory_ri: User) -> ConsequenceTest:
    client = logged_in(advisory_ri)
    assert client.post(action_url(written, "classify"), {"classify-note": "Pasal 17 huruf h."}).status_code == 302
    assert client.post(action_url(written, "hand-over"), {}).status_code == 302
    return reload(written)


# --- asking for a test, and who sees it ---


def test_a_kabkota_ppid_asks_and_the_test_waits_at_its_provinsi(office: Office, ppid_officer: User) -> None:
    client = logged_in(ppid_officer)
    assert client.get(START_URL).status_code == 200

    response = client.post(
        START_URL,
        {
            "office": office.pk,
            "information": "Formulir C hasil TPS 12",
            "trigger": "on_request",
            "first_assessment": "",
        },
    )

    test = ConsequenceTest.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(test)
    assert (test.status, test.origin_office, test.office.code) == (ConsequenceStatus.AT_PROVINCE, office, "00")
    assert test.number in client.get(BASE).content.decode()


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("ppid_officer", True),  # the office that asked
        ("ppid_jabar", True),  # its KPU Provinsi, which forwards it
        ("ppid_ri", True),  # KPU RI, which tests
        ("ppid_jateng", False),  # another province
        ("neighbour", False),  # another Kab/Kota of the same province
    ],
)
def test_a_test_is_seen_where_it_is_run_and_where_it_was_asked(
    asked: ConsequenceTest,
    request: pytest.FixtureRequest,
    staff: Callable[..., User],
    jabar: Office,
    who: str,
    sees: bool,
) -> None:
    if who == "neighbour":
        user = staff(Role.PPID, jabar.children.exclude(code="32.73").order_by("code").first())
    else:
        user = request.getfixturevalue(who)
    client = logged_in(user)

    assert client.get(detail_url(asked)).status_code == (200 if sees else 404)
    assert (asked.number in client.get(BASE).content.decode()) is sees
    assert client.post(action_url(asked, "forward"), {}).status_code in ((302, 403) if sees else (404,))


def test_staff_pages_need_a_login(asked: ConsequenceTest) -> None:
    for url in (BASE, START_URL, DIK_URL, detail_url(asked)):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_who_may_not_ask_gets_403(staff: Callable[..., User], office: Office) -> None:
    desk = staff(Role.DESK, office)
    assert logged_in(desk).get(START_URL).status_code == 403
    assert logged_in(desk).get(BASE).status_code == 403  # the desk does not read exemptions


def test_a_liaison_team_asks_with_its_first_assessment_on_its_own_units_items(
    office: Office, liaison: User, staff: Callable[..., User], publish: Callable[..., InformationItem]
) -> None:
    other_unit = office.work_units.exclude(pk=liaison.memberships.get().work_unit_id).filter(is_legal_unit=False)[0]
    mine = publish()
    theirs = InformationItem.objects.create(
        office=office, title="Notulen rapat pleno", summary="-", category="setiap_saat", work_unit=other_unit,
        responsible_official="Sekretaris", year=2025, status="published",
    )  # fmt: skip
    client = logged_in(liaison)
    post = {"office": office.pk, "information": "Salinan KTP pendukung", "trigger": "before_request"}

    no_assessment = client.post(START_URL, {**post, "item": mine.pk, "first_assessment": ""})
    other_units_item = client.post(START_URL, {**post, "item": theirs.pk, "first_assessment": "Memuat NIK."})

    assert no_assessment.status_code == 200 and no_assessment.context["form"].errors["first_assessment"]
    assert "Salinan KTP pendukung" in no_assessment.content.decode()
    assert other_units_item.context["form"].errors["item"]
    assert not ConsequenceTest.objects.exists()
    created = client.post(START_URL, {**post, "item": mine.pk, "first_assessment": "Memuat NIK pemilih."})
    test = ConsequenceTest.objects.get()
    assert created.status_code == 302 and (test.item, test.first_assessment) == (mine, "Memuat NIK pemilih.")
    assert f"/staf/dip/informasi/{mine.pk}/" in client.get(detail_url(test)).content.decode()


def test_a_related_request_must_be_one_of_the_asking_office(office: Office, ppid_officer: User) -> None:
    from ppid.requests.services import request_submit
    from tests.requests.conftest import build_intake

    request = request_submit(office=office, data=build_intake(), channel="online")
    client = logged_in(ppid_officer)
    post = {"office": office.pk, "information": "DPT", "trigger": "on_request", "first_assessment": ""}

    wrong = client.post(START_URL, {**post, "request_number": "9999/PPID/2026"})
    right = client.post(START_URL, {**post, "request_number": request.registration_number})

    assert wrong.context["form"].errors["request_number"]
    assert right.status_code == 302 and ConsequenceTest.objects.get().request == request
    prefilled = client.get(f"{START_URL}?permohonan={request.pk}").context["form"]
    assert prefilled.initial["request_number"] == request.registration_number


# --- the steps, each by its role ---


def test_only_its_provinsi_forwards_a_kabkota_request(
    asked: ConsequenceTest, ppid_officer: User, ppid_jabar: User, staff: Callable[..., User], jabar: Office
) -> None:
    assert logged_in(ppid_officer).post(action_url(asked, "forward"), {}).status_code == 403  # not its own
    assert logged_in(ppid_officer).post(action_url(asked, "dismiss"), {"dismiss-note": "x"}).status_code == 403
    assert logged_in(staff(Role.ATASAN, jabar)).post(action_url(asked, "forward"), {}).status_code == 403
    page = logged_in(ppid_jabar).get(detail_url(asked))
    assert "forward" in [name for name, _t, _f in page.context["forms"]]

    response = logged_in(ppid_jabar).post(action_url(asked, "forward"), {"forward-note": "Diteruskan."})

    assert response.status_code == 302
    assert (reload(asked).status, reload(asked).forwarded_by) == (
        ConsequenceStatus.SCREENING,
        ppid_jabar.memberships.get().office,
    )


def test_the_ppid_of_kpu_ri_screens_with_reasons(screening: ConsequenceTest, ppid_ri: User, ppid_jabar: User) -> None:
    assert logged_in(ppid_jabar).post(action_url(screening, "screen"), {"screen-note": "x"}).status_code == 403

    empty = logged_in(ppid_ri).post(action_url(screening, "screen"), {"screen-note": ""})

    assert empty.status_code == 200 and form_of(empty, "screen").errors["note"]
    assert reload(screening).status == ConsequenceStatus.SCREENING
    assert logged_in(ppid_ri).post(action_url(screening, "screen"), {"screen-note": "Perlu diuji."}).status_code == 302
    assert reload(screening).status == ConsequenceStatus.IN_TEST


def test_a_dismissal_at_the_provinsi_ends_the_test(asked: ConsequenceTest, ppid_jabar: User) -> None:
    response = logged_in(ppid_jabar).post(action_url(asked, "dismiss"), {"dismiss-note": "Sudah diputus KPU RI."})

    assert response.status_code == 302 and reload(asked).status == ConsequenceStatus.DISMISSED


def test_the_steps_are_written_in_order_by_the_ppid_of_kpu_ri(
    in_test: ConsequenceTest, ppid_ri: User, advisory_ri: User, ppid_officer: User
) -> None:
    for other in (advisory_ri, ppid_officer):
        assert logged_in(other).post(action_url(in_test, "steps"), steps_post()).status_code == 403
    page = logged_in(ppid_ri).get(detail_url(in_test))
    fields = list(page.context["steps_form"].fields)
    assert fields.index("material_scope") < fields.index("potential_harm") < fields.index("basis_kind")
    assert fields.index("basis_kind") < fields.index("public_interest") < fields.index("balancing")
    assert fields.index("balancing") < fields.index("conclusion")

    partial = logged_in(ppid_ri).post(action_url(in_test, "steps"), {"steps-material_scope": "Salinan KTP."})

    assert partial.status_code == 302
    test = reload(in_test)
    assert (test.material_scope, test.potential_harm) == ("Salinan KTP.", "")
    # A participant reads the steps as written so far.
    read = logged_in(advisory_ri).get(detail_url(test))
    assert read.context["steps_form"] is None and ("1. The material: its nature and scope", "Salinan KTP.") in [
        (str(label), value) for label, value in read.context["steps"]
    ]


def test_a_past_end_date_is_refused_and_the_typed_steps_kept(in_test: ConsequenceTest, ppid_ri: User) -> None:
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    response = logged_in(ppid_ri).post(
        action_url(in_test, "steps"), steps_post(duration_until=yesterday, balancing="Timbangan saya")
    )

    assert response.status_code == 200 and form_of(response, "steps").errors["duration_until"]
    assert "Timbangan saya" in response.content.decode()
    assert reload(in_test).balancing == ""


def test_participants_sign_their_own_opinion_and_the_ppid_records_an_experts(
    in_test: ConsequenceTest, pembina_ri: User, liaison: User, atasan_ri: User, ppid_ri: User
) -> None:
    assert logged_in(atasan_ri).post(action_url(in_test, "opinion"), {}).status_code == 403
    assert logged_in(pembina_ri).post(action_url(in_test, "expert"), {}).status_code == 403
    page = logged_in(pembina_ri).get(detail_url(in_test))
    assert form_of(page, "opinion").fields["kind"].choices == [("patron", "Pembina PPID")]

    logged_in(pembina_ri).post(
        action_url(in_test, "opinion"),
        {"opinion-kind": "patron", "opinion-opinion": "Setuju dikecualikan.", "opinion-agrees": "yes"},
    )
    # The unit holding the information takes part from the office that asked (KPU Kota Bandung).
    logged_in(liaison).post(
        action_url(in_test, "opinion"), {"opinion-kind": "unit", "opinion-opinion": "Memuat NIK.", "opinion-agrees": ""}
    )
    logged_in(ppid_ri).post(
        action_url(in_test, "expert"),
        {
            "expert-name": "Dr. Rina",
            "expert-position": "Ahli PDP",
            "expert-opinion": "Sesuai UU PDP.",
            "expert-agrees": "no",
        },
    )

    opinions = {(o.kind, o.user_id, o.agrees) for o in ConsequenceOpinion.objects.all()}
    assert opinions == {
        (ParticipantKind.PATRON, pembina_ri.pk, True),
        (ParticipantKind.UNIT, liaison.pk, None),
        (ParticipantKind.EXPERT, None, False),
    }
    detail = logged_in(ppid_ri).get(detail_url(in_test)).content.decode()
    assert "Dr. Rina" in detail and "Setuju dikecualikan." in detail


def test_a_participant_cannot_sign_in_a_role_they_do_not_hold(in_test: ConsequenceTest, pembina_ri: User) -> None:
    response = logged_in(pembina_ri).post(
        action_url(in_test, "opinion"), {"opinion-kind": "advisory", "opinion-opinion": "Setuju."}
    )

    assert response.status_code == 200 and form_of(response, "opinion").errors["kind"]
    assert not ConsequenceOpinion.objects.exists()


def test_the_advisory_team_classifies_a_complete_test_and_hands_it_over(
    in_test: ConsequenceTest, ppid_ri: User, advisory_ri: User, atasan_ri: User
) -> None:
    incomplete = logged_in(advisory_ri).post(action_url(in_test, "classify"), {"classify-note": "Dikecualikan."})
    assert incomplete.status_code == 200
    errors = " ".join(form_of(incomplete, "classify").non_field_errors())
    assert "2. The potential harm if it were opened" in errors  # which step is missing, by name
    assert "Dikecualikan." in incomplete.content.decode()
    logged_in(ppid_ri).post(action_url(in_test, "steps"), steps_post())
    assert logged_in(ppid_ri).post(action_url(in_test, "classify"), {"classify-note": "x"}).status_code == 403

    assert logged_in(advisory_ri).post(action_url(in_test, "classify"), {"classify-note": "h"}).status_code == 302
    assert logged_in(atasan_ri).post(action_url(in_test, "hand-over"), {}).status_code == 403
    assert logged_in(advisory_ri).post(action_url(in_test, "hand-over"), {}).status_code == 302
    assert reload(in_test).status == ConsequenceStatus.HANDED_OVER


def test_the_atasan_records_the_keputusan_kpu_with_its_document(
    handed_over: ConsequenceTest, atasan_ri: User, advisory_ri: User, atasan: User
) -> None:
    today = timezone.localdate()
    post = {"decision-decision_number": "12/PP.01-Kpt/01/KPU/2026", "decision-decision_date": today.isoformat()}
    assert logged_in(advisory_ri).post(action_url(handed_over, "decision"), post).status_code == 403
    assert logged_in(atasan).post(action_url(handed_over, "decision"), post).status_code == 403  # Bandung's Atasan
    not_a_pdf = SimpleUploadedFile("sk.pdf", b"hello", content_type="application/pdf")
    future = (today + datetime.timedelta(days=3)).isoformat()
    client = logged_in(atasan_ri)

    bad_file = client.post(action_url(handed_over, "decision"), {**post, "decision-decision_file": not_a_pdf})
    in_future = client.post(action_url(handed_over, "decision"), {**post, "decision-decision_date": future})

    assert (
        form_of(bad_file, "decision").errors["decision_file"]
        and "12/PP.01-Kpt/01/KPU/2026" in bad_file.content.decode()
    )
    assert form_of(in_future, "decision").errors["decision_date"]
    assert not Exemption.objects.exists()
    upload = SimpleUploadedFile("sk.pdf", PDF_BYTES, content_type="application/pdf")
    assert (
        client.post(action_url(handed_over, "decision"), {**post, "decision-decision_file": upload}).status_code == 302
    )
    exemption = Exemption.objects.get(test=handed_over)
    assert (exemption.decision_number, exemption.national, bool(exemption.decision_file)) == (
        "12/PP.01-Kpt/01/KPU/2026", True, True,
    )  # fmt: skip
    page = client.get(detail_url(handed_over)).content.decode()
    assert f"{DIK_URL}{exemption.pk}/keputusan/" in page
    download = client.get(f"{DIK_URL}{exemption.pk}/keputusan/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_step_someone_else_took_first_is_reported_not_a_server_error(in_test: ConsequenceTest, ppid_ri: User) -> None:
    response = logged_in(ppid_ri).post(action_url(in_test, "screen"), {"screen-note": "Sekali lagi"}, follow=False)

    assert response.status_code == 200
    assert in_test.number in " ".join(str(m) for m in response.context["messages"])
    assert reload(in_test).status == ConsequenceStatus.IN_TEST


def test_an_unknown_step_is_404(asked: ConsequenceTest, ppid_jabar: User) -> None:
    assert logged_in(ppid_jabar).post(action_url(asked, "publish"), {}).status_code == 404


def test_the_timeline_shows_each_step(in_test: ConsequenceTest, ppid_ri: User) -> None:
    events = logged_in(ppid_ri).get(detail_url(in_test)).context["events"]

    assert [e.event_type for e in events][::-1] == [
        "consequence_test.started",
        "consequence_test.forwarded",
        "consequence_test.screened",
    ]


# --- the list and the DIK page ---


def test_the_list_costs_the_same_queries_for_more_tests(office: Office, ppid_officer: User, ppid_ri: User) -> None:
    def make(count: int) -> None:
        for number in range(count):
            consequence_test_start(origin=office, actor=ppid_officer, data=StartData(information=f"Dokumen {number}"))

    client = logged_in(ppid_ri)
    make(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(BASE).status_code == 200
    make(6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{BASE}?status=at_province").status_code == 200
    assert len(many) == len(few)


def test_the_dik_page_flags_reviews_and_links_a_review_test(
    decided_exemption_test: Callable[..., ConsequenceTest], ppid_officer: User, ppid_ri: User
) -> None:
    soon = timezone.localdate() + datetime.timedelta(days=30)
    flagged = Exemption.objects.get(
        test=decided_exemption_test(pasal17_letter="c", pasal17_point="1", duration_until=soon)
    )
    ended = Exemption.objects.get(test=decided_exemption_test())
    Exemption.objects.filter(pk=flagged.pk).update(review_flagged_at=timezone.now())
    Exemption.objects.filter(pk=ended.pk).update(status=ExemptionStatus.EXPIRED)

    page = logged_in(ppid_officer).get(DIK_URL)  # a Kab/Kota sees the national DIK that applies to it
    due = logged_in(ppid_ri).get(f"{DIK_URL}?review=due")

    assert page.status_code == 200 and len(page.context["entries"]) == 2
    assert [visible for _e, visible in page.context["entries"]] == [False, False]  # asked by KPU RI
    assert f"{START_URL}?dik={flagged.pk}" in page.content.decode()
    assert {e.pk for e, _v in due.context["entries"]} == {flagged.pk, ended.pk}
    form = logged_in(ppid_officer).get(f"{START_URL}?dik={flagged.pk}").context["form"]
    assert flagged.decision_number in form.initial["information"]


def test_the_dik_page_costs_the_same_queries_for_more_exemptions(
    decided_exemption_test: Callable[..., ConsequenceTest], ppid_officer: User
) -> None:
    client = logged_in(ppid_officer)
    decided_exemption_test()
    with CaptureQueriesContext(connection) as few:
        assert client.get(DIK_URL).status_code == 200
    for _ in range(3):
        decided_exemption_test()
    with CaptureQueriesContext(connection) as many:
        response = client.get(DIK_URL)
    assert len(response.context["entries"]) == 4
    assert len(many) == len(few)


# --- the staff-home panel ---


def _panel(user: User) -> Any:
    response = logged_in(user).get("/staf/")
    panels = [p for p in response.context["panels"] if p.template == "exemptions/staff/_panel.html"]
    return panels[0].context if panels else None


def test_the_panel_shows_each_role_its_step(
    asked: ConsequenceTest, ppid_jabar: User, ppid_ri: User, pembina_ri: User, advisory_ri: User, atasan_ri: User
) -> None:
    assert [t.pk for t, _steps in _panel(ppid_jabar)["rows"]] == [asked.pk]
    assert _panel(ppid_ri) is None
    logged_in(ppid_jabar).post(action_url(asked, "forward"), {})
    assert [steps for _t, steps in _panel(ppid_ri)["rows"]] == [["screen"]]
    logged_in(ppid_ri).post(action_url(asked, "screen"), {"screen-note": "Perlu diuji."})
    assert _panel(pembina_ri)["rows"][0][1] == ["give your opinion"]
    logged_in(pembina_ri).post(action_url(asked, "opinion"), {"opinion-kind": "patron", "opinion-opinion": "Setuju."})
    assert _panel(pembina_ri) is None  # signed
    logged_in(ppid_ri).post(action_url(asked, "steps"), steps_post())
    assert "classify" in _panel(advisory_ri)["rows"][0][1]
    logged_in(advisory_ri).post(action_url(asked, "classify"), {"classify-note": "h"})
    logged_in(advisory_ri).post(action_url(asked, "hand-over"), {})
    assert _panel(atasan_ri)["rows"][0][1] == ["record the Keputusan KPU"]


def test_the_panel_costs_the_same_queries_for_more_tests(office: Office, ppid_officer: User, ppid_jabar: User) -> None:
    def ask(count: int) -> None:
        for number in range(count):
            consequence_test_start(origin=office, actor=ppid_officer, data=StartData(information=f"Dokumen {number}"))

    client = logged_in(ppid_jabar)
    ask(1)
    with CaptureQueriesContext(connection) as few:
        client.get("/staf/")
    ask(6)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/staf/")
    panel = next(p for p in response.context["panels"] if p.template == "exemptions/staff/_panel.html")
    assert (len(panel.context["rows"]), panel.context["total"]) == (5, 7)
    assert len(many) == len(few)


def test_the_admin_only_reads(asked: ConsequenceTest, django_user_model: Any) -> None:
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x-very-secret-1")
    client = Client()
    client.force_login(admin)

    assert client.get("/admin/exemptions/consequencetest/").status_code == 200
    assert client.get("/admin/exemptions/consequencetest/add/").status_code == 403
    assert client.get("/admin/exemptions/exemption/").status_code == 200


def test_the_panel_lists_exemptions_to_review_for_the_ppid_of_kpu_ri(
    decided_exemption_test: Callable[..., ConsequenceTest], ppid_ri: User, ppid_officer: User
) -> None:
    exemption = Exemption.objects.get(test=decided_exemption_test())
    Exemption.objects.filter(pk=exemption.pk).update(status=ExemptionStatus.EXPIRED)

    assert [e.pk for e in _panel(ppid_ri)["reviews"]] == [exemption.pk]
    assert _panel(ppid_officer) is None
