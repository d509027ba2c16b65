from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopeChoice(models.TextChoices):
    SUBTREE = "subtree", _("The office and its sub-offices")
    OFFICE = "office", _("The office only")
