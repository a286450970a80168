from __future__ import annotations

from rest_framework import serializers

from ppid.accounts.models import RoleMembership, User
from ppid.offices.models import Office, WorkUnit


class WorkUnitOutput(serializers.ModelSerializer[WorkUnit]):
    class Meta:
        model = WorkUnit
        fields = ["id", "name", "kind", "is_legal_unit"]


class OfficeOutput(serializers.ModelSerializer[Office]):
    # DRF removes declared fields from the class namespace, so this does not shadow Field.parent.
    parent = serializers.SlugRelatedField[Office](slug_field="code", read_only=True)  # type: ignore[assignment]

    class Meta:
        model = Office
        fields = [
            "code",
            "name",
            "level",
            "parent",
            "province_code",
            "time_zone",
            "opens_at",
            "closes_at",
            "address",
            "email",
            "phone",
            "website",
        ]


class OfficeDetailOutput(OfficeOutput):
    work_units = WorkUnitOutput(many=True, read_only=True)

    class Meta(OfficeOutput.Meta):
        fields = [*OfficeOutput.Meta.fields, "work_units"]


class MembershipOutput(serializers.ModelSerializer[RoleMembership]):
    office: serializers.SlugRelatedField[Office] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    office_name = serializers.CharField(source="office.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    work_unit = WorkUnitOutput(read_only=True)

    class Meta:
        model = RoleMembership
        fields = ["role", "role_label", "office", "office_name", "work_unit", "position", "valid_from", "valid_until"]


class MeOutput(serializers.ModelSerializer[User]):
    roles = MembershipOutput(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "kind", "roles"]


class TokenInput(serializers.Serializer[dict[str, str]]):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenOutput(serializers.Serializer[dict[str, str]]):
    token = serializers.CharField()
