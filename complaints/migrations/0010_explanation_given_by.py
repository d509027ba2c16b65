"""Who gave a personal explanation is a user reference, not free text (issue 12).

Existing records: the senior prosecutor is looked up by name in the free-text "who took part" (a senior
prosecutor of the complaint's office, or of any office, whose full name or surname with initial appears
there); when no one matches, the one who recorded the explanation (by the rules, a senior prosecutor of the
office, and in practice the one who gave it).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _mentioned(text: str, user) -> bool:
    text = text.casefold()
    full = f"{user.first_name} {user.last_name}".strip().casefold()
    initial = f"{user.first_name[:1]}. {user.last_name}".casefold() if user.first_name and user.last_name else ""
    return bool(full and full in text) or bool(initial and initial in text)


def map_given_by(apps, schema_editor):
    Explanation = apps.get_model("complaints", "ComplaintExplanation")
    Complaint = apps.get_model("complaints", "Complaint")
    User = apps.get_model(settings.AUTH_USER_MODEL.split(".")[0], settings.AUTH_USER_MODEL.split(".")[1])
    seniors = list(User.objects.filter(role="senior_prosecutor"))
    office_of = dict(Complaint.objects.filter(explanation__isnull=False).values_list("explanation_id", "office_id"))
    for explanation in Explanation.objects.all().iterator():
        office = office_of.get(explanation.pk)
        candidates = [u for u in seniors if _mentioned(explanation.participants, u)]
        candidates.sort(key=lambda u: u.organisation_id != office)  # the complaint's own office first
        explanation.given_by_id = candidates[0].pk if candidates else explanation.recorded_by_id
        explanation.save(update_fields=["given_by"])
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # before the ALTER TABLE below


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_complaint_kind_term_bases"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="complaintexplanation",
            name="given_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="explained by",
            ),
        ),
        migrations.RunPython(map_given_by, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="complaintexplanation",
            name="given_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="explained by",
            ),
        ),
    ]
