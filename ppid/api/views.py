"""API v1. Thin views: serializers shape data, services (later issues) change it."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from ppid.accounts.permissions import active_memberships
from ppid.api.filters import OfficeFilter
from ppid.api.serializers import MembershipOutput, MeOutput, OfficeDetailOutput, OfficeOutput, TokenInput, TokenOutput
from ppid.offices.models import Office


class TokenLoginView(APIView):
    """Exchange a username and password for an API token. Throttled and locked out like the web login."""

    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(request=TokenInput, responses={200: TokenOutput})
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if user is None or not user.is_active:
            return Response(
                {"detail": _("Username or password is wrong, or the account is locked.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class OfficeListView(generics.ListAPIView[Office]):
    """All active KPU offices; filter by level, parent, province or search. Public."""

    permission_classes = [AllowAny]
    serializer_class = OfficeOutput
    filterset_class = OfficeFilter
    queryset = Office.objects.filter(is_active=True).select_related("parent")


class OfficeDetailView(generics.RetrieveAPIView[Office]):
    permission_classes = [AllowAny]
    serializer_class = OfficeDetailOutput
    lookup_field = "code"
    queryset = Office.objects.filter(is_active=True).select_related("parent").prefetch_related("work_units")


class MeView(APIView):
    """The caller's account and the roles they hold today."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeOutput})
    def get(self, request: Request) -> Response:
        user = request.user
        roles = MembershipOutput(active_memberships(user), many=True).data
        return Response(
            {
                "username": user.get_username(),
                "full_name": getattr(user, "full_name", ""),
                "email": getattr(user, "email", ""),
                "kind": getattr(user, "kind", ""),
                "roles": roles,
            }
        )
