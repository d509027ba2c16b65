"""Seed the configurable terms of each decision kind (legal.md marks them (C): defaults, editable in the
admin). The values are copied from approvals/kinds.py as it stood when this migration was written, so the
migration does not change if the table in code changes later."""

from django.db import migrations

TERMS = [
    # kind, prosecutor's term (hours), court's term (hours), note
    ("suspect_recognition", 24, None, "CPC 64 p.1, 202-206: prosecutor agrees within 24 h (C)"),
    ("qualification_change", 24, None, "CPC 207 (C term)"),
    ("termination", 72, None, "CPC 35, 36, 288: 3 days (C)"),
    ("suspension", 72, None, "CPC 45 p.7, 50: 3 days (C)"),
    ("resumption", 24, None, "CPC 50: 24 h (C)"),
    ("term_extension", 72, None, "CPC 192: 3 days (C)"),
    ("preventive_measure", 12, 48, "CPC 147-152: 12 h (C); 48 h hold without a court order (V)"),
    ("indictment", 120, None, "CPC 298-302: 5 days (C)"),
    ("urgent_action_notice", 24, None, "CPC 64, supervision rules: 24 h (C)"),
    ("merger", 72, None, "CPC 44: 3 days (C)"),
    ("termination_cancellation", 0, None, "Issued by the prosecutor: no approval term"),
]


def seed(apps, schema_editor):
    Term = apps.get_model("approvals", "DecisionKindTerm")
    for kind, hours, court_hours, note in TERMS:
        Term.objects.get_or_create(
            kind=kind, defaults={"term_hours": hours, "court_term_hours": court_hours, "note": note}
        )


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
