"""Fix on every approved termination its ground as the table says now (code, title, rehabilitating): from
here on, an edit of the ground table changes no past decision, no statistic and no signature check."""

from django.db import migrations


def backfill(apps, schema_editor):
    Decision = apps.get_model("approvals", "ProceduralDecision")
    past = Decision.objects.filter(
        kind="termination", status="approved", termination_ground__isnull=False, ground_code=""
    ).select_related("termination_ground")
    for decision in past.iterator(chunk_size=1000):
        ground = decision.termination_ground
        Decision.objects.filter(pk=decision.pk).update(
            ground_code=ground.code, ground_title=ground.title, ground_rehabilitating=ground.is_rehabilitating
        )


class Migration(migrations.Migration):
    dependencies = [
        ("approvals", "0007_ground_at_decision_suspension_ground"),
        ("ecase", "0016_seed_suspension_grounds_fix_past_terminations"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
