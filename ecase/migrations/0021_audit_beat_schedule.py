"""The audit trail's beat schedule as data (django-celery-beat rows, editable in the admin): the linker every
5 seconds, a signed checkpoint every 5 minutes, the full verification nightly (02:30, Asia/Almaty)."""

from django.db import migrations
from django.utils import timezone

TASKS = {
    "audit: link events": ("ecase.audit_link", "interval", (5, "seconds"), 4),
    "audit: checkpoint": ("ecase.audit_checkpoint", "interval", (5, "minutes"), 240),
    "audit: nightly verification": ("ecase.audit_verify", "crontab", ("30", "2"), None),
}


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for name, (task, kind, when, expires) in TASKS.items():
        schedule = {}
        if kind == "interval":
            every, period = when
            schedule["interval"], _ = IntervalSchedule.objects.get_or_create(every=every, period=period)
        else:
            minute, hour = when
            schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute, hour=hour, day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Almaty"
            )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "expire_seconds": expires, **schedule})
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def delete_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=TASKS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ecase", "0020_audit_keyed_chain"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
