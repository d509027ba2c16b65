from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Procedural decisions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ecase import reference_data

        reference_data.register(self, "approvals.migrations.0004_decision_kind_terms_in_days", "seed")
        from ecase import case_panels, demo, hooks, navigation
        from ecase.choices import Role
        from ecase.terms import rules as terms_rules
        from ecase.visibility import register_court_case_scope

        from . import audit_labels, demo_bulk, demo_data, notices, selectors, urgent, views
        from . import hooks as decision_hooks
        from .deadlines import register_deadline_sources, register_term_dependents

        terms_rules.register_provider("approvals", selectors.decision_term_rules)
        register_term_dependents()
        register_court_case_scope(selectors.judge_case_scope_q)

        prosecutors = frozenset({Role.PROSECUTOR, Role.SENIOR_PROSECUTOR})
        judges = frozenset({Role.JUDGE})
        navigation.register(
            navigation.NavItem(
                label=_("Approvals"),
                url_name="approvals:inbox",
                roles=prosecutors,
                order=10,
                badge=selectors.inbox_count,
                home_for=prosecutors,
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("My decisions"),
                url_name="approvals:mine",
                roles=frozenset({Role.INVESTIGATOR}),
                order=22,
                badge=selectors.returned_count,
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Court petitions"),
                url_name="approvals:court",
                roles=judges,
                order=10,
                badge=selectors.court_queue_count,
                home_for=judges,
            )
        )
        case_panels.register(
            case_panels.CasePanel(
                name="decisions", template_name="approvals/case_panel.html", context=views.case_panel_context, order=10
            )
        )
        hooks.on_action_recorded(urgent.urgent_notice_create)
        hooks.register_basis_resolver(selectors.action_basis_describe)
        register_deadline_sources()
        notices.register_events()
        decision_hooks.on_decision_changed(notices.on_decision_changed)
        audit_labels.register()
        demo.register(demo.Seeder(name="approvals", order=20, base=demo_data.seed_base, bulk=demo_bulk.seed_bulk))
