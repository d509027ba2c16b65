from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalityConfig(AppConfig):
    name = "legality"
    verbose_name = _("Legality checks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from approvals import hooks as decision_hooks
        from ecase import case_panels, demo, navigation, reference_data
        from ecase.choices import Role

        from . import (
            demo_data,
            inbox,
            indicators,
            rules,  # noqa: F401  (registers every rule)
            services,
            views,
        )

        connection_created.connect(indicators.install_sqlite_p90, dispatch_uid="legality.sqlite_p90")
        reference_data.register(self, "legality.migrations.0002_beat_nightly_scan", "create_schedule")
        decision_hooks.on_decision_changed(services.findings_check_decision)
        decision_hooks.register_approval_guard(services.approval_blockers)
        decision_hooks.register_inbox_column(inbox.COLUMN)
        navigation.register(
            navigation.NavItem(
                label=_("Legality findings"),
                url_name="legality:queue",
                roles=frozenset({Role.PROSECUTOR, Role.SENIOR_PROSECUTOR}),
                order=15,
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Legality statistics"),
                url_name="legality:stats",
                roles=frozenset({Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.AUDITOR}),
                order=16,
            )
        )
        demo.register(demo.Seeder(name="legality", order=90, base=demo_data.seed_base))
        case_panels.register(
            case_panels.CasePanel(
                name="legality", template_name="legality/case_panel.html", context=views.case_panel_context, order=5
            )
        )
