"""Seed the term tables from the one table in code (ecase.terms.defaults).

Only missing rows are created, so re-running (after every migrate or flush, see ecase.reference_data) never
overwrites a value an administrator has corrected.
"""

from dataclasses import asdict

from django.db import migrations


def seed(apps, schema_editor):
    from ecase.terms import defaults

    TermRule = apps.get_model("ecase", "TermRule")
    InvestigationTerm = apps.get_model("ecase", "InvestigationTerm")
    InvestigationExtension = apps.get_model("ecase", "InvestigationExtension")
    for spec in defaults.RULES:
        fields = asdict(spec)
        TermRule.objects.get_or_create(code=fields.pop("code"), defaults=fields)
    for category in defaults.CATEGORIES:
        term, created = InvestigationTerm.objects.get_or_create(
            category=category,
            defaults={
                "amount": defaults.INVESTIGATION_AMOUNT,
                "unit": defaults.INVESTIGATION_UNIT,
                "article": defaults.INVESTIGATION_ARTICLE,
                "verified": False,
            },
        )
        if created:
            for ext in defaults.EXTENSIONS:
                InvestigationExtension.objects.create(investigation_term=term, verified=False, **asdict(ext))


class Migration(migrations.Migration):
    dependencies = [("ecase", "0009_term_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
