"""One module per rule; importing this package registers them all (legality.registry)."""

from . import (  # noqa: F401
    complaint_answered_late,
    complaint_refused_unexplained,
    detention_overdue,
    document_changed,
    iin_conflict,
    qualification_without_recognition,
    rehabilitation_notice,
    required_documents,
    resubmitted_unchanged,
    suspect_notice_late,
    suspension_stale,
    suspension_without_ground,
    term_expired,
    urgent_action_unnotified,
)
