"""Labels of the complaints' audit events and states for the timelines (ecase.audit_labels registry)."""

from django.utils.translation import gettext_lazy as _

from ecase import audit_labels

from .choices import ComplaintStatus


def register() -> None:
    audit_labels.register_actions(
        {
            "complaint.filed": _("Complaint filed"),
            "complaint.register": _("Complaint registered"),
            "complaint.satisfy": _("Complaint satisfied"),
            "complaint.partially_satisfy": _("Complaint partially satisfied"),
            "complaint.forward": _("Complaint forwarded"),
            "complaint.propose_refusal": _("Refusal proposed"),
            "complaint.record_explanation": _("Personal explanation recorded; refusal final"),
            "complaint.extend": _("Complaint term extended"),
            "complaint.appealed": _("Appealed to the higher office"),
        }
    )
    audit_labels.register_states(dict(ComplaintStatus.choices))
