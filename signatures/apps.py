from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaturesConfig(AppConfig):
    name = "signatures"
    verbose_name = _("Personal signatures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ecase import demo

        from . import demo as signatures_demo

        demo.register(demo.Seeder(name="signatures", order=5, base=signatures_demo.seed_base))
