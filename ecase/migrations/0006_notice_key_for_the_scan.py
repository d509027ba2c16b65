"""The notice key's columns in the order the scan reads them: (source, stage) by equality, then a range of
deadlines, then the item. The scan's read of "notices already recorded in this window" is then one index
range, not the whole history of notices of that source (measured by bench_reminders)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ecase", "0005_beat_scan_deadlines"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(fields=("source", "stage", "deadline", "item_id"), name="notice_key"),
        ),
        migrations.RemoveConstraint(
            model_name="notice",
            name="notice_unique_key",
        ),
    ]
