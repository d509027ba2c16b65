"""Edits of configuration tables: terms, the calendar, termination grounds, decision and complaint kinds,
organisations, and users' roles and offices.

Every edit, from the admin (its save_model/delete_model call these services, see ecase.admin.AuditedAdmin) or
from anywhere else, is one transaction that writes an audit event with who changed what, the old and the
new values. ``to_state`` stays empty: a configuration edit changes no object's status. An edit of a table
that terms are computed from is followed, after commit, by the recalculation of the open deadlines
(Celery task ``ecase.terms_recalculate``; a calendar edit only reaches deadlines from the changed day on).

Apps register their tables in AppConfig.ready() (ecase imports no app):

    from ecase.services.config import register_config
    register_config(DecisionKindTerm, recalculates=True)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Model

from ecase.audit.services import audit_record
from ecase.models import User
from ecase.queue import task_named

# A function of (old values, new values) giving the first calendar day the edit can affect (None: all).
SinceFn = Callable[[dict[str, Any] | None, dict[str, Any] | None], date | None]


@dataclass(frozen=True)
class ConfigTable:
    model: type[Model]
    fields: tuple[str, ...] | None  # None: every concrete field but the primary key
    recalculates: bool
    since: SinceFn | None


_tables: dict[str, ConfigTable] = {}


def register_config(
    model: type[Model],
    *,
    fields: Sequence[str] | None = None,
    recalculates: bool = False,
    since: SinceFn | None = None,
) -> None:
    _tables[model._meta.label_lower] = ConfigTable(model, tuple(fields) if fields else None, recalculates, since)


def config_table(model: type[Model]) -> ConfigTable:
    table = _tables.get(model._meta.label_lower)
    if table is None:
        raise LookupError(f"{model._meta.label} is not a registered configuration table")
    return table


def _snapshot(table: ConfigTable, obj: Model) -> dict[str, Any]:
    concrete = {f.name: f for f in obj._meta.concrete_fields}
    names = table.fields or tuple(name for name, f in concrete.items() if not f.primary_key)
    values = {name: concrete[name].value_from_object(obj) for name in names}
    # Exactly what the audit event will store (dates as ISO strings), so old and new compare like for like.
    result: dict[str, Any] = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    return result


def config_object_save(*, obj: Model, actor: User | None) -> Model:
    """Create or change a row of a configuration table, audited (old and new values of what changed)."""
    table = config_table(type(obj))
    with transaction.atomic():
        old = None
        if obj.pk is not None:
            current = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
            old = _snapshot(table, current) if current is not None else None
        obj.save()
        new = _snapshot(table, obj)
        changed = sorted(name for name in new if old is None or old.get(name) != new[name])
        if old is not None and not changed:
            return obj
        audit_record(
            action="config.created" if old is None else "config.changed",
            obj=obj,
            actor=actor,
            data={
                "table": obj._meta.label_lower,
                "object": str(obj),
                "changed": changed,
                "old": {name: old[name] for name in changed} if old is not None else {},
                "new": {name: new[name] for name in changed},
            },
        )
        _recalculate_after_commit(table, old, new)
    return obj


def config_object_delete(*, obj: Model, actor: User | None) -> None:
    """Delete a row of a configuration table, audited with the values it had."""
    table = config_table(type(obj))
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
        if current is None:
            return
        old = _snapshot(table, current)
        audit_record(
            action="config.deleted",
            obj=current,
            actor=actor,
            data={"table": obj._meta.label_lower, "object": str(current), "old": old, "new": {}},
        )
        current.delete()
        _recalculate_after_commit(table, old, None)


def _recalculate_after_commit(table: ConfigTable, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
    if not table.recalculates:
        return
    since = table.since(old, new) if table.since is not None else None
    transaction.on_commit(
        lambda: task_named("ecase.terms_recalculate").delay(since=since.isoformat() if since else None)
    )
