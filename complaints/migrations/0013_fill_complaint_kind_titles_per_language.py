"""Titles and rights notices of the complaint kinds in English, Russian and Kazakh (complaints.kinds)."""

from django.db import migrations

from complaints.kinds import fill_kind_names


class Migration(migrations.Migration):
    dependencies = [("complaints", "0012_complaint_kind_titles_per_language")]

    operations = [migrations.RunPython(fill_kind_names, migrations.RunPython.noop)]
