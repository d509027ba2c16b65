from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("approvals", "0002_seed_kind_terms")]

    operations = [
        migrations.AddField(
            model_name="decisionkindterm",
            name="term_amount",
            field=models.PositiveIntegerField(
                null=True,
                verbose_name="prosecutor's term",
                help_text="Counted from submission: hours in real time, days by the day rules.",
            ),
        ),
        migrations.AddField(
            model_name="decisionkindterm",
            name="term_unit",
            field=models.CharField(
                max_length=16,
                default="hours",
                choices=[("hours", "hours"), ("days", "days"), ("working_days", "working days"), ("months", "months")],
                verbose_name="prosecutor's term unit",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="decisionkindterm",
            name="court_term_amount",
            field=models.PositiveIntegerField(
                null=True,
                blank=True,
                verbose_name="court's term",
                help_text="For kinds that need a court sanction: counted from detention, or from filing with the court.",
            ),
        ),
        migrations.AddField(
            model_name="decisionkindterm",
            name="court_term_unit",
            field=models.CharField(
                max_length=16,
                blank=True,
                default="hours",
                choices=[("hours", "hours"), ("days", "days"), ("working_days", "working days"), ("months", "months")],
                verbose_name="court's term unit",
            ),
        ),
        migrations.AddField(
            model_name="decisionkindterm",
            name="article",
            field=models.CharField(max_length=255, blank=True, verbose_name="article"),
        ),
    ]
