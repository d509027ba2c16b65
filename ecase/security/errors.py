"""Error reporting to a Sentry-compatible service (Sentry, GlitchTip), initialised only when SENTRY_DSN is set."""

from __future__ import annotations


def sentry_init(*, dsn: str, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,  # criminal files: no user names, cookies or bodies leave the server
        traces_sample_rate=0.0,
    )
