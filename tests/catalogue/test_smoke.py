"""The catalogue and the exemption chain once, through the services."""

from __future__ import annotations

from collections.abc import Callable

from ppid.catalogue.models import InformationItem
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.exemptions.models import ConsequenceTest, Exemption


def test_a_round_publishes_and_a_test_closes_the_item(
    publish: Callable[..., InformationItem], decided_exemption_test: Callable[..., ConsequenceTest]
) -> None:
    item = publish()
    assert item.status == ItemStatus.PUBLISHED and item.refreshed_on is not None
    assert "Coblong" in item.search_text  # the PDF's text is searchable
    test = decided_exemption_test(item=item)
    exemption = Exemption.objects.get(test=test)
    assert exemption.national and exemption.ground_label.startswith("Pasal 17 huruf h 2")
    item.refresh_from_db()
    assert item.category == Category.DIKECUALIKAN and item.exemption == exemption
