"""Seed the suspension grounds (CPC Art. 45 p.7, Art. 50), and fix on every past termination whether its
ground was rehabilitating (read once, now, from the ground table), and on every suspended case the
investigation term left at its suspension (so the resumption gives it back)."""

from django.db import migrations

SUSPENSION_GROUNDS = [
    # code, article, title. The list of CPC Art. 45 p.7 as in legal.md (existence of the grounds V, the
    # wording of each item C): administrators edit or retire them in the admin.
    ("45-7-1", "CPC 45 p.7(1)", "The person to be brought in as a suspect has not been identified"),
    ("45-7-2", "CPC 45 p.7(2)", "The suspect is hiding from the investigation, or their whereabouts are unknown"),
    ("45-7-3", "CPC 45 p.7(3)", "The suspect's whereabouts are known, but they cannot take part in the case"),
    ("45-7-4", "CPC 45 p.7(4)", "Serious illness or mental disorder of the suspect, confirmed by a doctor"),
    ("45-7-5", "CPC 45 p.7(5)", "A request for legal assistance sent to a foreign state awaits its answer"),
    ("45-7-6", "CPC 45 p.7(6)", "Force majeure prevents the procedural actions"),
]


def seed_suspension_grounds(apps, schema_editor):
    """Idempotent: creates missing grounds, never overwrites an administrator's edit."""
    SuspensionGround = apps.get_model("ecase", "SuspensionGround")
    for code, article, title in SUSPENSION_GROUNDS:
        SuspensionGround.objects.get_or_create(code=code, defaults={"article": article, "title": title})


def fix_past_cases(apps, schema_editor):
    Case = apps.get_model("ecase", "Case")
    terminated = Case.objects.filter(status="terminated", termination_rehabilitating__isnull=True)
    terminated.filter(termination_ground__is_rehabilitating=True).update(termination_rehabilitating=True)
    terminated.filter(termination_rehabilitating__isnull=True).update(termination_rehabilitating=False)
    for case in Case.objects.filter(status="suspended", suspended_at__isnull=False, term_left_at_suspension=None):
        left = case.term_expires_at - case.suspended_at
        Case.objects.filter(pk=case.pk).update(term_left_at_suspension=max(left, left * 0))


class Migration(migrations.Migration):
    dependencies = [
        ("ecase", "0015_detention_suspension_grounds_rehabilitation"),
    ]

    operations = [
        migrations.RunPython(seed_suspension_grounds, migrations.RunPython.noop),
        migrations.RunPython(fix_past_cases, migrations.RunPython.noop),
    ]
