from ecase.audit.models import AuditChainHead, AuditEvent
from ecase.terms.models import CalendarException, InvestigationExtension, InvestigationTerm, TermRule

from .cases import (
    Case,
    Document,
    InvestigativeAction,
    Participant,
    Person,
    RegisterCounter,
    TerminationGround,
)
from .notifications import EmailDelivery, Notice, NoticeStage, NoticeStatus, Notification, NotificationLevel
from .organisations import ApiToken, Organisation, User

__all__ = [
    "ApiToken",
    "AuditChainHead",
    "AuditEvent",
    "CalendarException",
    "Case",
    "Document",
    "InvestigationExtension",
    "InvestigationTerm",
    "EmailDelivery",
    "InvestigativeAction",
    "Notice",
    "NoticeStage",
    "NoticeStatus",
    "Notification",
    "NotificationLevel",
    "Organisation",
    "Participant",
    "Person",
    "RegisterCounter",
    "TermRule",
    "TerminationGround",
    "User",
]
