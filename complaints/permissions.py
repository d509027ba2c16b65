"""Named predicates for complaints, used by services, views, the API and templates alike.

They depend on the role and the office tree only, never on the complaint's state: the state is the
state machine's business (a transition not allowed from the current state is a 409, not a 403).
"""

from __future__ import annotations

from ecase.choices import Role
from ecase.models import Organisation, User

from .models import Complaint


def _in_subtree(user: User, office: Organisation) -> bool:
    org = user.organisation
    return org is not None and office.path.startswith(org.path)


def can_see_queue(user: User) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.role in (Role.PROSECUTOR, Role.SENIOR_PROSECUTOR, Role.AUDITOR)
    )


def can_file_publicly(user: User) -> bool:
    """The public filing is for citizens, with an account or anonymously; staff use the staff intake."""
    return not user.is_authenticated or user.is_citizen


def can_register_intake(user: User, office: Organisation) -> bool:
    """Enter a complaint received by mail or in person, addressed to an office of one's subtree."""
    return user.is_authenticated and user.is_prosecutor and _in_subtree(user, office)


def can_register(user: User, complaint: Complaint) -> bool:
    """Register (assign office and executor): any prosecutor of the office or of a higher office."""
    return user.is_authenticated and user.is_prosecutor and _in_subtree(user, complaint.office)


def can_decide(user: User, complaint: Complaint) -> bool:
    """Answer, forward or propose a refusal: a prosecutor of the complaint's office (its executor is one
    of them), or a senior prosecutor of that office or of a higher one."""
    if not user.is_authenticated or not user.is_prosecutor:
        return False
    if user.organisation_id == complaint.office_id or complaint.executor_id == user.pk:
        return True
    return user.is_senior_prosecutor and _in_subtree(user, complaint.office)


def can_record_explanation(user: User, complaint: Complaint) -> bool:
    """Only a senior prosecutor of the office (or of a higher office) records the personal explanation."""
    return user.is_authenticated and user.is_senior_prosecutor and _in_subtree(user, complaint.office)


def can_extend(user: User, complaint: Complaint) -> bool:
    return user.is_authenticated and user.is_senior_prosecutor and _in_subtree(user, complaint.office)


def can_appeal(user: User, complaint: Complaint) -> bool:
    """The complainant's own account, or staff entering a paper appeal for a complaint they can see."""
    if not user.is_authenticated:
        return False
    if user.is_citizen:
        return complaint.complainant_id == user.pk
    return user.is_prosecutor and _in_subtree(user, complaint.office)
