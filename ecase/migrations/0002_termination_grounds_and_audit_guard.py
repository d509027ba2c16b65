"""Seed the termination grounds (CPC Art. 35 p.1 and Art. 36) and make the audit table append-only in
PostgreSQL: a trigger refuses UPDATE and DELETE of audit events at the database level."""

from django.db import migrations

GROUNDS = [
    # code, article, title, rehabilitating (CPC Art. 38: items 1, 2, 5, 6, 7, 8 of Art. 35 p.1)
    ("35-1-1", "CPC 35 p.1(1)", "No event of a criminal offence", True),
    ("35-1-2", "CPC 35 p.1(2)", "No elements of a criminal offence in the act", True),
    ("35-1-3", "CPC 35 p.1(3)", "Amnesty", False),
    ("35-1-4", "CPC 35 p.1(4)", "Limitation period expired", False),
    ("35-1-5", "CPC 35 p.1(5)", "No complaint of the victim / private prosecutor dropped the charge", True),
    ("35-1-6", "CPC 35 p.1(6)", "Law abolishing liability, or provision held unconstitutional", True),
    ("35-1-7", "CPC 35 p.1(7)", "Final verdict or unrevoked ruling on the same charge", True),
    ("35-1-8", "CPC 35 p.1(8)", "Unrevoked decision of a prosecution body on the same suspicion", True),
    ("35-1-9", "CPC 35 p.1(9)", "Insanity of the person", False),
    ("35-1-10", "CPC 35 p.1(10)", "Consent to prosecute a person with immunity refused", False),
    ("35-1-11", "CPC 35 p.1(11)", "Death of the suspect", False),
    ("35-1-12", "CPC 35 p.1(12)", "Other grounds listed in the article", False),
    ("36-reconciliation", "CPC 36", "Release from liability: reconciliation with the victim", False),
    ("36-repentance", "CPC 36", "Release from liability: active repentance", False),
]

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION ecase_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ecase_audit_append_only
    BEFORE UPDATE OR DELETE ON ecase_auditevent
    FOR EACH ROW EXECUTE FUNCTION ecase_audit_append_only();
"""
REVERSE_SQL = """
DROP TRIGGER IF EXISTS ecase_audit_append_only ON ecase_auditevent;
DROP FUNCTION IF EXISTS ecase_audit_append_only();
"""


def seed_grounds(apps, schema_editor):
    Ground = apps.get_model("ecase", "TerminationGround")
    for code, article, title, rehab in GROUNDS:
        # get_or_create: never overwrite a flag an administrator has corrected (this also runs after flush).
        Ground.objects.get_or_create(
            code=code, defaults={"article": article, "title": title, "is_rehabilitating": rehab}
        )


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL)


def remove_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE_SQL)


class Migration(migrations.Migration):
    dependencies = [("ecase", "0001_initial")]

    operations = [
        migrations.RunPython(seed_grounds, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, remove_trigger),
    ]
