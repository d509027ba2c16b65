from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ecase import reference_data

        reference_data.register(self, "complaints.migrations.0002_seed_kinds", "seed")
        reference_data.register(self, "complaints.kinds", "fill_kind_names")  # after the seed: names per language
        from ecase import case_panels, demo, navigation
        from ecase.choices import Role
        from ecase.terms import rules as terms_rules

        from . import audit_labels, demo_bulk, demo_data, selectors
        from .deadlines import register_deadline_sources, register_term_dependents

        terms_rules.register_provider("complaints", selectors.complaint_term_rules)
        register_term_dependents()
        from .services.events import register_events

        register_events()
        from .views.staff import case_panel_context

        staff = frozenset({Role.PROSECUTOR, Role.SENIOR_PROSECUTOR})
        citizen = frozenset({Role.CITIZEN})
        navigation.register(
            navigation.NavItem(
                _("Complaints"), "complaints:queue", staff, order=30, badge=selectors.open_assigned_count
            )
        )
        navigation.register(
            navigation.NavItem(_("My complaints"), "complaints:my", citizen, order=10, home_for=citizen)
        )
        navigation.register(navigation.NavItem(_("File a complaint"), "complaints:file", citizen, order=11))
        public = frozenset({navigation.ANONYMOUS})
        navigation.register(navigation.NavItem(_("File a complaint"), "complaints:file", public, order=11))
        navigation.register(navigation.NavItem(_("Track a complaint"), "complaints:track", public, order=12))
        case_panels.register(
            case_panels.CasePanel(
                name="complaints", template_name="complaints/case_panel.html", context=case_panel_context, order=30
            )
        )
        register_deadline_sources()
        audit_labels.register()
        demo.register(demo.Seeder(name="complaints", order=40, base=demo_data.seed_base, bulk=demo_bulk.seed_bulk))
