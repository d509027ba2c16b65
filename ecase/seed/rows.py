"""Fast row writing for the bulk seeders (`seed_demo --cases N`), shared by every app's `bulk` seeder.

Rows are plain tuples of database values (ids for foreign keys, strings for choices, aware datetimes), not
model instances: building and preparing hundreds of thousands of instances costs more than writing them.

- `insert_rows` writes with COPY on PostgreSQL (ids drawn from the table's sequence beforehand, so the
  caller gets them back without a RETURNING) and with bulk_create elsewhere (SQLite, for small runs).
- `update_rows` writes one ``UPDATE ... FROM (VALUES ...)`` per chunk on PostgreSQL, bulk_update elsewhere.
- `AuditChain` appends audit events exactly as ``audit_record`` would (same seq sequence, same MAC, from
  ecase.audit.crypto), unlinked; the linker chains them once committed, so `verify_audit` passes.

Seeder code only: these bypass the services (and the protection of FSM status fields) on purpose, for rows
that describe the past and are consistent by construction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models
from django.utils import timezone

from ecase.audit.crypto import CONTENT_FIELDS, current_key, event_mac
from ecase.audit.services import audit_next_seqs
from ecase.models import AuditEvent, User

Row = Sequence[Any]
CHUNK = 2000  # rows per statement for the fallbacks and for UPDATE ... FROM (VALUES ...)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _fields(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    """Concrete fields by attname (`case_id`, not `case`)."""
    return {f.attname: f for f in model._meta.concrete_fields}


def _json_dumper(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    if not isinstance(field, models.JSONField):
        return None
    encoder = field.encoder

    def dump(value: Any) -> Any:
        return None if value is None else json.dumps(value, cls=encoder)

    return dump


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    pk = model._meta.pk
    assert pk is not None  # noqa: S101 - every model has one; for the type checker
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, count],
        )
        return sorted(r[0] for r in cursor.fetchall())


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Row], *, return_ids: bool = True
) -> list[int]:
    """Insert `rows` (values in the order of `columns`, attnames) and return their new primary keys in the
    same order (an empty list when `return_ids` is false). Omitted columns get their field's default."""
    if not rows:
        return []
    fields = _fields(model)
    pk = model._meta.pk
    assert pk is not None  # noqa: S101 - every model has one; for the type checker
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    if not _is_postgres():
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objs, batch_size=CHUNK)
        return [o.pk for o in objs] if return_ids else []

    # Columns with a database default (e.g. the audit trail's recorded_at) are left to the database.
    omitted = [
        f
        for name, f in fields.items()
        if name not in columns and name != pk.attname and f.db_default is models.NOT_PROVIDED
    ]
    defaults = tuple(f.get_default() for f in omitted)
    dumpers = [(i, d) for i, name in enumerate(columns) if (d := _json_dumper(fields[name])) is not None]
    dumpers += [(len(columns) + i, d) for i, f in enumerate(omitted) if (d := _json_dumper(f)) is not None]
    ids = _reserve_ids(model, len(rows)) if return_ids else []
    names = [fields[c].column for c in columns] + [f.column for f in omitted]
    if return_ids:
        names.insert(0, pk.column)
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for n, row in enumerate(rows):
            values = (*row, *defaults)
            if dumpers:
                values_list = list(values)
                for i, dump in dumpers:
                    values_list[i] = dump(values_list[i])
                values = tuple(values_list)
            copy.write_row((ids[n], *values) if return_ids else values)
    return ids


def insert_dicts(model: type[models.Model], rows: Sequence[dict[str, Any]], *, return_ids: bool = True) -> list[int]:
    """`insert_rows` for rows given as {attname: value}; a key missing from a row takes the field's default."""
    fields = _fields(model)
    columns = sorted({name for row in rows for name in row})
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no columns {sorted(unknown)}")
    defaults = {name: fields[name].get_default() for name in columns}
    return insert_rows(
        model, columns, [tuple(row.get(c, defaults[c]) for c in columns) for row in rows], return_ids=return_ids
    )


def update_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Set `columns` (attnames) of existing rows; each row is (pk, *values). Returns the rows given."""
    fields = _fields(model)
    pk = model._meta.pk
    assert pk is not None  # noqa: S101 - every model has one; for the type checker
    rows = list(rows)
    if not rows:
        return 0
    if not _is_postgres():
        objs = [model(pk=row[0], **dict(zip(columns, row[1:], strict=True))) for row in rows]
        model._default_manager.bulk_update(objs, list(columns), batch_size=CHUNK)
        return len(rows)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    casts = [pk.db_type(connection)] + [fields[c].db_type(connection) for c in columns]
    placeholder = "(" + ", ".join(f"CAST(%s AS {cast})" for cast in casts) + ")"
    names = [quote(pk.column)] + [quote(fields[c].column) for c in columns]
    assignments = ", ".join(f"{name} = v.{name}" for name in names[1:])
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            # Identifiers come from the model's meta, every value is a bound parameter.
            sql = (
                f"UPDATE {table} AS t SET {assignments} "  # noqa: S608
                f"FROM (VALUES {', '.join([placeholder] * len(chunk))}) AS v ({', '.join(names)}) "
                f"WHERE t.{names[0]} = v.{names[0]}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])
    return len(rows)


class AuditChain:
    """Append audit events in bulk, exactly as ``audit_record`` would (seq from the sequence, the writer's MAC
    under the chain key), unlinked: the linker chains them after the batch commits (``seed_demo`` links and
    writes a checkpoint at its end). Takes no lock, like audit_record."""

    def __init__(self) -> None:
        self.key_id, self.key = current_key()
        self.now = timezone.now()
        self.rows: list[dict[str, Any]] = []
        self._names: dict[int, str] = {}

    def _name(self, actor: User | None) -> str:
        if actor is None:
            return "system"
        name = self._names.get(actor.pk)
        if name is None:
            name = self._names[actor.pk] = actor.get_full_name() or actor.get_username()
        return name

    def add(
        self,
        *,
        occurred_at: datetime,
        actor: User | None,
        action: str,
        object_type: str,
        object_id: int | str,
        case_id: int | None,
        data: dict[str, Any],
        from_state: str = "",
        to_state: str = "",
        reason: str = "",
    ) -> None:
        """One event. `data` must be plain JSON (what the database gives back), for the MAC to hold."""
        self.rows.append(
            {
                # A generated history may run a few hours into the future; no event is recorded before it occurs.
                "occurred_at": min(occurred_at, self.now).astimezone(UTC),
                "actor_id": actor.pk if actor is not None else None,
                "actor_name": self._name(actor),
                "action": action,
                "object_type": object_type,
                "object_id": str(object_id),
                "case_id": case_id,
                "from_state": str(from_state),
                "to_state": str(to_state),
                "reason": reason,
                "data": data,
                "key_id": self.key_id,
            }
        )

    def write(self) -> int:
        """Store the events added so far (in the order added)."""
        rows = []
        for seq, values in zip(audit_next_seqs(len(self.rows)), self.rows, strict=True):
            values["seq"] = seq
            rows.append((*(values[name] for name in CONTENT_FIELDS), event_mac(self.key, values)))
        insert_rows(AuditEvent, _EVENT_COLUMNS, rows, return_ids=False)
        written, self.rows = len(self.rows), []
        return written


_EVENT_COLUMNS = (*CONTENT_FIELDS, "mac")
