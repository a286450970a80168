from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office, OfficeLevel


class OfficeFilter(django_filters.FilterSet):  # type: ignore[misc]
    level = django_filters.ChoiceFilter(choices=OfficeLevel.choices)
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Parent office code"))
    province = django_filters.CharFilter(field_name="province_code", label=_("Province code"))
    search = django_filters.CharFilter(method="filter_search", label=_("Name or region code"))

    class Meta:
        model = Office
        fields = ["level", "parent", "province", "search"]

    def filter_search(self, queryset: QuerySet[Office], name: str, value: str) -> QuerySet[Office]:
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))
