from ecase.audit.models import AuditEvent, AuditVerification

from .calendar import CalendarException
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
    "AuditVerification",
    "AuditEvent",
    "CalendarException",
    "Case",
    "Document",
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
    "TerminationGround",
    "User",
]
