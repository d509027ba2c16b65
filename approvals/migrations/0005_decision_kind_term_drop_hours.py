from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("approvals", "0004_decision_kind_terms_in_days")]

    operations = [
        migrations.RemoveField(model_name="decisionkindterm", name="term_hours"),
        migrations.RemoveField(model_name="decisionkindterm", name="court_term_hours"),
        migrations.AlterField(
            model_name="decisionkindterm",
            name="term_amount",
            field=models.PositiveIntegerField(
                verbose_name="prosecutor's term",
                help_text="Counted from submission: hours in real time, days by the day rules.",
            ),
        ),
    ]
