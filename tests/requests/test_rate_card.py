"""The rate card: the PPID or the administrator of the office sets it, and every change is on record."""

import pytest
from django.core.exceptions import PermissionDenied

from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.rate_card import rate_card_item_save
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def bandung() -> Office:
    return Office.objects.get(code="32.73")


def test_the_ppid_adds_a_rate_and_the_change_is_recorded(bandung: Office) -> None:
    ppid = user_with_role(Role.PPID, bandung)

    item = rate_card_item_save(
        actor=ppid, office=bandung, item=None, values={"name": "Fotokopi A4", "unit": "lembar", "price": 200}
    )

    event = Event.objects.for_object(item).get()
    assert (item.price, event.actor_role, event.after["price"]) == (200, Role.PPID, 200)


def test_a_price_correction_keeps_the_old_price_in_the_event(bandung: Office) -> None:
    admin = user_with_role(Role.SYSADMIN, bandung)
    item = rate_card_item_save(
        actor=admin, office=bandung, item=None, values={"name": "CD", "unit": "keping", "price": 0}
    )

    rate_card_item_save(actor=admin, office=bandung, item=item, values={"price": 5000})

    latest = Event.objects.for_object(item).order_by("-id").first()
    assert latest is not None and (latest.before["price"], latest.after["price"]) == (0, 5000)


@pytest.mark.parametrize(("role", "code"), [(Role.DESK, "32.73"), (Role.PPID, "32"), (Role.ATASAN, "32.73")])
def test_others_may_not_touch_the_rate_card(bandung: Office, role: Role, code: str) -> None:
    with pytest.raises(PermissionDenied):
        rate_card_item_save(
            actor=user_with_role(role, Office.objects.get(code=code)),
            office=bandung,
            item=None,
            values={"name": "X", "unit": "u", "price": 1},
        )
