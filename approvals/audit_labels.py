"""Labels of the approvals app's audit codes and states, for timelines (registered in ready())."""

from django.utils.translation import gettext_lazy as _

from ecase import audit_labels

from .choices import DecisionStatus


def register() -> None:
    audit_labels.register_actions(
        {
            "decision.created": _("Decision drafted"),
            "decision.updated": _("Decision draft edited"),
            "decision.document_attached": _("Document attached to a decision"),
            "decision.submitted": _("Decision submitted to the prosecutor"),
            "decision.issued": _("Decision issued by the prosecutor"),
            "decision.approved": _("Decision approved by the prosecutor"),
            "decision.rejected": _("Decision rejected by the prosecutor"),
            "decision.returned": _("Decision returned for revision"),
            "decision.revised": _("Decision taken back for revision"),
            "decision.withdrawn": _("Decision withdrawn"),
            "decision.sent_to_court": _("Petition filed with the court"),
            "decision.court_sanctioned": _("Court sanctioned the petition"),
            "decision.court_denied": _("Court denied the petition"),
            "decision.signed": _("Decision signed"),
            "decision.suspect_notified": _("Suspect told of the recognition"),
            "participant.recognised_suspect": _("Person recognised as a suspect"),
            "case.qualification_changed": _("Qualification changed"),
            "case.term_extended": _("Investigation term extended"),
            "decision.measure_recorded": _("Preventive measure recorded"),
            "action.reviewed": _("Investigative action reviewed by the prosecutor"),
        }
    )
    audit_labels.register_states(dict(DecisionStatus.choices))
