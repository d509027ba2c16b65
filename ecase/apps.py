from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcaseConfig(AppConfig):
    name = "ecase"
    label = "ecase"
    verbose_name = _("Case register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ecase import navigation, reference_data
        from ecase import tasks as _tasks  # noqa: F401  (registers the tasks that services enqueue by name)

        reference_data.register(self, "ecase.migrations.0002_termination_grounds_and_audit_guard", "seed_grounds")
        reference_data.register(self, "ecase.migrations.0005_beat_scan_deadlines", "create_schedule")
        reference_data.register(self, "ecase.migrations.0008_seed_calendar_transfers_2024_2027", "seed")
        reference_data.register(self, "ecase.migrations.0010_seed_term_tables", "seed")
        reference_data.register(
            self, "ecase.migrations.0016_seed_suspension_grounds_fix_past_terminations", "seed_suspension_grounds"
        )
        # After the seeds above: their rows get their names per language.
        reference_data.register(self, "ecase.reference_names", "fill_names")
        from ecase.choices import Role

        # Not the auditor: no case contents for that role (ecase.visibility, issue 16).
        staff = frozenset({Role.INVESTIGATOR, Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.JUDGE})
        navigation.register(navigation.NavItem(label=_("Cases"), url_name="cases:list", roles=staff, order=20))
        navigation.register(
            navigation.NavItem(
                label=_("Register a case"), url_name="cases:register", roles=frozenset({Role.INVESTIGATOR}), order=21
            )
        )
        navigation.register(
            navigation.NavItem(label=_("Terms calculator"), url_name="terms:calculator", roles=staff, order=800)
        )
        navigation.register(
            navigation.NavItem(label=_("Audit trail"), url_name="audit-page", roles=frozenset({Role.AUDITOR}), order=30)
        )
        # No role sees it: items_for() shows every item to superusers only.
        navigation.register(
            navigation.NavItem(label=_("Administration"), url_name="admin:index", roles=frozenset(), order=1000)
        )
        from ecase.terms import rules, selectors

        rules.register_provider("ecase", selectors.ecase_rules)
        from ecase import (
            deadline_sources,  # noqa: F401  (investigation-term deadline source, notifications nav)
            detention_views,  # noqa: F401  (the detention panel of the case page)
        )
        from ecase.security.wiring import connect as connect_security

        connect_security()
