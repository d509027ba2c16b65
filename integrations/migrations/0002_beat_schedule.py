"""The integrations' beat schedule as data: webhook dispatch every 5 seconds, idempotency records purged hourly."""

from django.db import migrations
from django.utils import timezone

TASKS = {
    "integrations: dispatch webhooks": ("integrations.webhooks_dispatch", (5, "seconds"), 4),
    "integrations: purge idempotency keys": ("integrations.idempotency_purge", (1, "hours"), 1800),
}


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, (task, (every, period), expires) in TASKS.items():
        interval, _ = IntervalSchedule.objects.get_or_create(every=every, period=period)
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "expire_seconds": expires, "interval": interval}
        )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=TASKS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0001_service_accounts_webhooks"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
