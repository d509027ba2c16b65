from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    label = "stats"
    verbose_name = _("Statistics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ecase import demo, navigation
        from ecase.choices import Role
        from stats import indicators
        from stats.aggregates import install_sqlite_median
        from stats.demo import seed_actions_bulk

        navigation.register(
            navigation.NavItem(
                label=_("Statistics"),
                url_name="stats:index",
                roles=frozenset({Role.SENIOR_PROSECUTOR, Role.AUDITOR}),
                order=80,
                home_for=frozenset({Role.AUDITOR}),  # the auditor reads no case contents (issue 16)
            )
        )
        # SQLite has no percentile_cont: give every SQLite connection a MEDIAN() aggregate instead.
        connection_created.connect(install_sqlite_median, dispatch_uid="stats.sqlite_median")
        demo.register(demo.Seeder(name="stats.actions", order=90, bulk=seed_actions_bulk))
        indicators.autodiscover()
