"""Rights-restricting investigative actions and how many of them a prosecutor has supervised."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ecase.choices import ActionReview
from ecase.models import InvestigativeAction
from stats.period import CURRENT, PREVIOUS, Period, Scope

from .base import Indicator, Metric, Row, Unit, paired, register, share

SUPERVISED = (ActionReview.BASIS_APPROVED, ActionReview.LAWFUL, ActionReview.UNLAWFUL)
LABELS = {
    ActionReview.BASIS_APPROVED: _("On a basis approved beforehand"),
    ActionReview.LAWFUL: _("Reviewed afterwards: lawful"),
    ActionReview.UNLAWFUL: _("Reviewed afterwards: unlawful"),
    ActionReview.AWAITING_REVIEW: _("Awaiting the prosecutor's review"),
}


@register
class RestrictingActions(Indicator):
    code = "restricting_actions"
    order = 70
    title = _("Rights-restricting actions and the share under the prosecutor's supervision")
    definition = _(
        "Investigative actions that restrict a person's rights (search, seizure, arrest of property, covert "
        "action, detention) performed during the period, by the state of the prosecutor's supervision now: "
        "resting on a decision the prosecutor approved beforehand, reviewed afterwards as lawful or "
        "unlawful, or still awaiting review. Under supervision = approved beforehand or reviewed; the share "
        "is a percentage of all rights-restricting actions. Nothing should stay awaiting review."
    )
    metrics = (Metric("actions", _("Actions")), Metric("share", _("Share of restricting actions"), Unit.PERCENT))

    def compute(self, scope: Scope, period: Period) -> list[Row]:
        counts = {
            (r["which"], r["review"]): r["n"]
            for r in InvestigativeAction.objects.filter(
                scope.q("case__supervising_office"), period.with_previous_q("performed_at"), restricts_rights=True
            )
            .values("review", which=period.which("performed_at"))
            .annotate(n=Count("pk"))
            .order_by()
        }

        def rows(which: str) -> list[Row]:
            n = {review: counts.get((which, review), 0) for review in ActionReview.values}
            total = sum(n.values())
            supervised = sum(n[r] for r in SUPERVISED)
            return [
                *(
                    Row(str(key), label, {"actions": n[key], "share": share(n[key], total)})
                    for key, label in LABELS.items()
                ),
                Row(
                    "supervised",
                    _("Under supervision"),
                    {"actions": supervised, "share": share(supervised, total)},
                    charted=False,
                ),
                Row(
                    "total",
                    _("All rights-restricting actions"),
                    {"actions": total, "share": share(total, total)},
                    is_total=True,
                ),
            ]

        return paired(rows(CURRENT), rows(PREVIOUS))
