"""The Government's transfers of days off and working days for 2024-2027, with their source.

The calendar table wins over the `holidays` package. The package already lists the extra days off
("Day off (substituted from ...)"), but not the working days they were taken from: without these rows
Saturday 4 May 2024 and Sunday 5 January 2025 would be days off for eCase. 2026 and 2027: no transfer
known when this shipped (see docs/terms.md); an administrator adds them in the admin.
"""

from django.db import migrations

_DECREE_2024 = (
    "Government decree on the transfer of days off in 2024, https://adilet.zan.kz/kaz/docs/G24G0000109 "
    "(as cited by the holidays package)"
)
_DECREE_2025 = (
    "Government decree on the transfer of days off in 2025, https://adilet.zan.kz/kaz/docs/G24G0000436 "
    "(as cited by the holidays package)"
)

ROWS = (
    ("2024-05-04", "working_day", "Working Saturday: its day off moved to Wednesday 8 May 2024", _DECREE_2024),
    ("2024-05-08", "day_off", "Day off transferred from Saturday 4 May 2024", _DECREE_2024),
    ("2025-01-03", "day_off", "Day off transferred from Sunday 5 January 2025", _DECREE_2025),
    ("2025-01-05", "working_day", "Working Sunday: its day off moved to Friday 3 January 2025", _DECREE_2025),
)


def seed(apps, schema_editor):
    CalendarException = apps.get_model("ecase", "CalendarException")
    for day, kind, note, source in ROWS:
        # Never overwrites a row an administrator has edited (this also runs after every migrate and flush).
        CalendarException.objects.get_or_create(date=day, defaults={"kind": kind, "note": note, "source": source})


def unseed(apps, schema_editor):
    CalendarException = apps.get_model("ecase", "CalendarException")
    CalendarException.objects.filter(date__in=[row[0] for row in ROWS], source__in=[row[3] for row in ROWS]).delete()


class Migration(migrations.Migration):
    dependencies = [("ecase", "0007_calendar_exception_source")]

    operations = [migrations.RunPython(seed, unseed)]
