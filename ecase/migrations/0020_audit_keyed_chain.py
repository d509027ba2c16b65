"""The audit trail under a key (issue 12): the existing trail re-linked once, audited by an event of its own.

- Events gain `recorded_at` (the database's clock at insert), `key_id` and `mac` (the writer's HMAC of the
  content under the chain key), `position` and `link` (the keyed chain, written by the linker). The old
  unkeyed SHA-256 columns and the chain-head row go.
- Before the old columns go, the old chain is checked once; the re-link event records whether it was intact.
- PostgreSQL: `seq` comes from the sequence ecase_auditevent_seq; triggers allow exactly one UPDATE per event
  (unlinked -> linked, only `position` and `link`) and refuse every other UPDATE, every DELETE, and TRUNCATE
  (statement-level). The test databases (named test_*) allow TRUNCATE when the session sets
  ecase.allow_audit_truncate = on, for the test runner's flush only.
"""

import hashlib
import hmac
import json

import django.db.models.functions.datetime
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models
from django.utils import timezone

GENESIS = "0" * 64

GUARD_SQL = """
DROP TRIGGER IF EXISTS ecase_audit_append_only ON ecase_auditevent;
DROP FUNCTION IF EXISTS ecase_audit_append_only();
CREATE SEQUENCE IF NOT EXISTS ecase_auditevent_seq;
SELECT setval('ecase_auditevent_seq', GREATEST((SELECT COALESCE(MAX(seq), 0) FROM ecase_auditevent), 1),
              (SELECT COUNT(*) > 0 FROM ecase_auditevent));
CREATE OR REPLACE FUNCTION ecase_audit_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.position IS NOT NULL OR NEW.link <> '' THEN
            RAISE EXCEPTION 'audit events are inserted unlinked: only the linker links them';
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        IF OLD.position IS NULL AND NEW.position IS NOT NULL AND NEW.link <> ''
           AND (to_jsonb(NEW) - 'position' - 'link') = (to_jsonb(OLD) - 'position' - 'link') THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit events are append-only (UPDATE refused: only linking an unlinked event is allowed)';
    ELSIF TG_OP = 'TRUNCATE' AND left(current_database(), 5) = 'test_'
          AND current_setting('ecase.allow_audit_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ecase_audit_guard
    BEFORE INSERT OR UPDATE OR DELETE ON ecase_auditevent
    FOR EACH ROW EXECUTE FUNCTION ecase_audit_guard();
CREATE TRIGGER ecase_audit_guard_truncate
    BEFORE TRUNCATE ON ecase_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION ecase_audit_guard();
"""


def _canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder).encode()


def _old_chain_intact(events) -> bool:
    prev = GENESIS
    for n, event in enumerate(events, start=1):
        payload = {
            "seq": event.seq,
            "occurred_at": event.occurred_at.isoformat(),
            "actor_id": event.actor_id,
            "actor_name": event.actor_name,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": str(event.object_id),
            "case_id": event.case_id,
            "from_state": event.from_state,
            "to_state": event.to_state,
            "reason": event.reason,
            "data": event.data,
            "prev_hash": event.prev_hash,
        }
        if event.seq != n or event.prev_hash != prev or hashlib.sha256(_canonical(payload)).hexdigest() != event.hash:
            return False
        prev = event.hash
    return True


def relink(apps, schema_editor):
    """Give every existing event a MAC under the current key (they are vouched for once, here) and leave them
    unlinked for the linker, plus one event recording the re-link and what the old chain looked like."""
    # The crypto module is pure functions over plain values: the same bytes as the application writes.
    from ecase.audit.crypto import CONTENT_FIELDS, event_mac

    AuditEvent = apps.get_model("ecase", "AuditEvent")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS ecase_audit_append_only ON ecase_auditevent")
    events = list(AuditEvent.objects.order_by("seq"))
    if not events:
        return
    key_id, key = settings.AUDIT_CHAIN_KEY_ID, settings.AUDIT_CHAIN_KEY.encode()
    intact = _old_chain_intact(events)
    with schema_editor.connection.cursor() as cursor:
        for event in events:
            values = {name: getattr(event, name) for name in CONTENT_FIELDS if name != "key_id"} | {"key_id": key_id}
            cursor.execute(
                "UPDATE ecase_auditevent SET key_id = %s, mac = %s WHERE id = %s",
                [key_id, event_mac(key, values), event.pk],
            )
    values = {
        "seq": events[-1].seq + 1,
        "occurred_at": timezone.now(),
        "actor_id": None,
        "actor_name": "system",
        "action": "audit.relinked",
        "object_type": "ecase.auditevent",
        "object_id": "chain",
        "case_id": None,
        "from_state": "",
        "to_state": "",
        "reason": "The trail was re-linked under the keyed chain (migration ecase 0020).",
        "data": {"events": len(events), "old_chain_intact": intact, "key_id": key_id},
        "key_id": key_id,
    }
    AuditEvent.objects.create(**values, mac=event_mac(key, values))
    if schema_editor.connection.vendor == "postgresql":
        # Fire the deferred foreign-key checks now: the ALTER TABLEs that follow refuse pending trigger events.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("ecase", "0016_seed_suspension_grounds_fix_past_terminations")]

    operations = [
        migrations.CreateModel(
            name="AuditVerification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField(verbose_name="started at")),
                ("finished_at", models.DateTimeField(verbose_name="finished at")),
                ("ok", models.BooleanField(verbose_name="intact")),
                ("events_checked", models.PositiveBigIntegerField(verbose_name="events checked")),
                ("since_position", models.PositiveBigIntegerField(default=0, verbose_name="since position")),
                ("first_failure", models.TextField(blank=True, verbose_name="first failure")),
                ("failures", models.JSONField(blank=True, default=list, verbose_name="failures")),
            ],
            options={
                "verbose_name": "audit verification",
                "verbose_name_plural": "audit verifications",
                "ordering": ["-started_at"],
            },
        ),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(default="", editable=False, max_length=32, verbose_name="key id"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="link",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="chain link"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="mac",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="event MAC"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="position",
            field=models.PositiveBigIntegerField(editable=False, null=True, unique=True, verbose_name="chain position"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="recorded_at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(), editable=False, verbose_name="recorded at"
            ),
        ),
        migrations.RunPython(relink, elidable=False),
        migrations.DeleteModel(name="AuditChainHead"),
        migrations.RemoveField(model_name="auditevent", name="hash"),
        migrations.RemoveField(model_name="auditevent", name="prev_hash"),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                condition=models.Q(("position", None)), fields=["recorded_at", "seq"], name="audit_unlinked"
            ),
        ),
        migrations.RunPython(guard, elidable=False),
    ]
