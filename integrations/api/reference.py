"""Reference data for clients: the staff of the offices the caller sees (to assign work: a complaint's
executor, a decision's prosecutor), with stable ids."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from ecase.api.schema import error_responses
from ecase.api.utils import request_user
from ecase.models import User
from integrations.permissions import can_list_staff
from integrations.selectors import staff_list_visible_to


class StaffSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name")

    class Meta:
        model = User
        fields = ["id", "name", "role", "organisation"]
        read_only_fields = fields


@extend_schema(
    summary="Staff of the visible offices",
    description="Prosecutors, investigators and judges of the offices the caller sees; `organisation` filters.",
    responses={200: StaffSerializer(many=True), **error_responses(400, 403)},
)
class StaffListView(generics.ListAPIView):
    serializer_class = StaffSerializer
    filterset_fields = ["organisation", "role"]

    def get_queryset(self) -> QuerySet[User]:
        if getattr(self, "swagger_fake_view", False):
            return User.objects.none()
        user = request_user(self.request)
        if not can_list_staff(user):
            self.permission_denied(self.request)
        return staff_list_visible_to(user=user)
