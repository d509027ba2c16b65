"""Reference rows the code relies on (termination grounds, decision-kind terms, complaint kinds, the beat
schedule) are seeded by data migrations. Django's flush (run between transactional tests, or by an
operator) empties them without re-running migrations but does emit ``post_migrate``, so each app also
registers its seed function here and it runs again after every migrate or flush.

Seed functions take ``(apps, schema_editor)`` like a RunPython function (they are the migrations' own
functions) and must be idempotent and never overwrite values an administrator has edited.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def register(app_config: AppConfig, module: str, function: str) -> None:
    """Run ``module.function(apps, None)`` after every migrate/flush of ``app_config``."""

    def _seed(sender: AppConfig, apps: Any = None, **kwargs: Any) -> None:
        seed: Callable[[Any, Any], None] = getattr(importlib.import_module(module), function)
        try:
            # migrate passes the migration state's apps; flush passes none, so use the live registry.
            seed(apps or global_apps, None)
        except LookupError:
            # The migration that creates the model has not been applied (e.g. migrating backwards).
            return

    post_migrate.connect(_seed, sender=app_config, weak=False, dispatch_uid=f"reference:{module}.{function}")
