"""A prosecutor's saved inbox filters: a name and the query string of the inbox (filters and ordering).
Private to their owner: every read and delete goes through the owner (another user's filter is a 404)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SAVED_FILTER_NAME_MAX = 80
SAVED_FILTER_QUERY_MAX = 500


class SavedInboxFilter(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="inbox_filters"
    )
    name = models.CharField(_("name"), max_length=SAVED_FILTER_NAME_MAX)
    query = models.CharField(_("query"), max_length=SAVED_FILTER_QUERY_MAX, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved inbox filter")
        verbose_name_plural = _("saved inbox filters")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_inbox_filter_unique_name")]

    def __str__(self) -> str:
        return self.name
