"""The beat schedule is data: a django-celery-beat PeriodicTask "scan deadlines" every 5 minutes.

It shows in the admin (Periodic tasks), where an administrator may change the interval or disable it.
"""

from django.db import migrations
from django.utils import timezone

TASK_NAME = "scan deadlines"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    every_5_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": "ecase.scan_deadlines",
            "interval": every_5_minutes,
            # A scan that waited longer than this in the queue is dropped: the next one does its work.
            "expire_seconds": 240,
            "description": "Finds items due soon, due and overdue in every deadline source and sends notices.",
        },
    )
    # Tell a running DatabaseScheduler that the schedule changed (what PeriodicTask.save() does in code).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def delete_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ecase", "0004_notices_notifications"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
