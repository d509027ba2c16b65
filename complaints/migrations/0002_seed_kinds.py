"""Seed the complaint kinds from the one table in code (complaints.kinds.DEFAULT_KINDS).

Only missing kinds are created, so re-running never overwrites terms an administrator has corrected.
"""

from dataclasses import asdict

from django.db import migrations


def seed(apps, schema_editor):
    from complaints.kinds import DEFAULT_KINDS

    ComplaintKind = apps.get_model("complaints", "ComplaintKind")
    for spec in DEFAULT_KINDS:
        fields = asdict(spec)
        code = fields.pop("code")
        ComplaintKind.objects.get_or_create(code=code, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
