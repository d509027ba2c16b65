from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcaseConfig(AppConfig):
    name = "ecase"
    label = "ecase"
    verbose_name = _("Case register")
    default_auto_field = "django.db.models.BigAutoField"
