"""Names of the grounds and the organisations in English, Russian and Kazakh (ecase.reference_names)."""

from django.db import migrations

from ecase.reference_names import fill_names


class Migration(migrations.Migration):
    dependencies = [("ecase", "0024_organisation_ground_names_per_language")]

    operations = [migrations.RunPython(fill_names, migrations.RunPython.noop)]
