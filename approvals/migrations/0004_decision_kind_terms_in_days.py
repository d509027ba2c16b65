"""Convert the decision-kind terms from real-time hours to amount + unit, and seed missing kinds.

A whole number of days of at least two days (72 h = "3 days", 120 h = "5 days") becomes days counted by the
day rules of ecase.terms (the day of submission not counted, ending at 24:00 of the last day, moved off a
non-working day); shorter terms (12 h, 24 h) stay hours. The court's term (48 h from detention) stays hours.
"""

from django.db import migrations

_UNITS = {"hours": "hours", "days": "days", "working_days": "working_days", "months": "months"}


def _split(hours):
    if hours and hours >= 72 and hours % 24 == 0:
        return hours // 24, "days"
    return hours, "hours"


def convert(apps, schema_editor):
    Term = apps.get_model("approvals", "DecisionKindTerm")
    for row in Term.objects.filter(term_amount__isnull=True):
        row.term_amount, row.term_unit = _split(row.term_hours)
        row.court_term_amount, row.court_term_unit = row.court_term_hours, "hours"
        row.save()


def seed(apps, schema_editor):
    """Create a row for every kind of the table in code that has none (also after every migrate or flush)."""
    from approvals.kinds import KINDS

    Term = apps.get_model("approvals", "DecisionKindTerm")
    for kind, spec in KINDS.items():
        court = spec.default_court_term
        Term.objects.get_or_create(
            kind=kind,
            defaults={
                "term_amount": spec.default_term.amount,
                "term_unit": _UNITS[spec.default_term.unit],
                "court_term_amount": court.amount if court else None,
                "court_term_unit": court.unit if court else "hours",
                "article": spec.legal_basis,
            },
        )
    for row in Term.objects.filter(article=""):
        row.article = KINDS[row.kind].legal_basis if row.kind in KINDS else ""
        row.save(update_fields=["article"])


def forwards(apps, schema_editor):
    convert(apps, schema_editor)
    seed(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("approvals", "0003_decision_kind_term_amount_unit")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
