from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integrations"
    verbose_name = _("Integrations")

    def ready(self) -> None:
        from ecase import reference_data

        # The beat rows come back after a flush too (see ecase.reference_data).
        reference_data.register(self, "integrations.migrations.0002_beat_schedule", "create_schedule")
