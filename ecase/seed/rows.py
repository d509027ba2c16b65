"""Fast row writing for the bulk seeders (`seed_demo --cases N`), shared by every app's `bulk` seeder.

Rows are plain tuples of database values (ids for foreign keys, strings for choices, aware datetimes), not
model instances: building and preparing hundreds of thousands of instances costs more than writing them.

- `insert_rows` writes with COPY on PostgreSQL (ids drawn from the table's sequence beforehand, so the
  caller gets them back without a RETURNING) and with bulk_create elsewhere (SQLite, for small runs).
- `update_rows` writes one ``UPDATE ... FROM (VALUES ...)`` per chunk on PostgreSQL, bulk_update elsewhere.
- `AuditChain` appends hash-chained audit events exactly as ``audit_record`` would (same hash, from the
  model's own `compute_hash`), under the chain-head lock, so `verify_audit` passes.

Seeder code only: these bypass the services (and the protection of FSM status fields) on purpose, for rows
that describe the past and are consistent by construction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

from ecase.models import AuditChainHead, AuditEvent, User

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

    omitted = [f for name, f in fields.items() if name not in columns and name != pk.attname]
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


class _PendingEvent:
    """The fields of an audit event that its hash covers, without the cost of a model instance."""

    __slots__ = (
        "seq",
        "occurred_at",
        "actor_id",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "case_id",
        "from_state",
        "to_state",
        "reason",
        "data",
        "prev_hash",
    )

    # The model's own canonical form, so a bulk event hashes exactly as one written by audit_record.
    canonical_payload = AuditEvent.canonical_payload

    def __init__(self, values: tuple[Any, ...]) -> None:  # values in the order of __slots__
        (
            self.seq,
            self.occurred_at,
            self.actor_id,
            self.actor_name,
            self.action,
            self.object_type,
            self.object_id,
            self.case_id,
            self.from_state,
            self.to_state,
            self.reason,
            self.data,
            self.prev_hash,
        ) = values


_EVENT_COLUMNS = (*_PendingEvent.__slots__, "hash")


class AuditChain:
    """Append hash-chained audit events in bulk. Open it inside the batch's transaction: it locks the
    chain head (as audit_record does) until `write()` has stored the events and moved the head."""

    def __init__(self) -> None:
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        self.seq: int = head.last_seq
        self.prev_hash: str = head.last_hash
        self.rows: list[tuple[Any, ...]] = []
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
        """One event. `data` must be plain JSON (what the database gives back), for the hash to hold."""
        self.seq += 1
        values = (
            self.seq,
            occurred_at.astimezone(UTC),
            actor.pk if actor is not None else None,
            self._name(actor),
            action,
            object_type,
            str(object_id),
            case_id,
            str(from_state),
            str(to_state),
            reason,
            data,
            self.prev_hash,
        )
        self.prev_hash = AuditEvent.compute_hash(_PendingEvent(values))  # type: ignore[arg-type]  # see _PendingEvent
        self.rows.append((*values, self.prev_hash))

    def write(self) -> int:
        """Store the events added so far and move the chain head past them."""
        insert_rows(AuditEvent, _EVENT_COLUMNS, self.rows, return_ids=False)
        AuditChainHead.objects.filter(pk=1).update(last_seq=self.seq, last_hash=self.prev_hash)
        written, self.rows = len(self.rows), []
        return written
