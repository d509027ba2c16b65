from __future__ import annotations

from dataclasses import asdict

from django.db import transaction

from complaints.kinds import DEFAULT_KINDS
from complaints.models import ComplaintKind


def kinds_ensure() -> int:
    """Create the default kinds that are missing (never overwrites an administrator's edits)."""
    created = 0
    with transaction.atomic():
        for spec in DEFAULT_KINDS:
            fields = asdict(spec)
            code = fields.pop("code")
            _kind, was_created = ComplaintKind.objects.get_or_create(code=code, defaults=fields)
            created += int(was_created)
    return created
