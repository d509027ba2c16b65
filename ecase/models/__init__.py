from ecase.audit.models import AuditEvent, AuditVerification
from ecase.terms.models import CalendarException, InvestigationExtension, InvestigationTerm, TermRule

from .cases import (
    Case,
    Document,
    InvestigativeAction,
    Participant,
    Person,
    RegisterCounter,
    SuspensionGround,
    TerminationGround,
)
from .deliveries import Delivery, DeliveryChannel, DeliveryStatus, NotificationPreference
from .detention import Detention
from .notifications import EmailDelivery, Notice, NoticeStage, NoticeStatus, Notification, NotificationLevel
from .organisations import ApiToken, Organisation, User
from .rehabilitation import Rehabilitation

__all__ = [
    "ApiToken",
    "AuditVerification",
    "AuditEvent",
    "CalendarException",
    "Delivery",
    "DeliveryChannel",
    "DeliveryStatus",
    "Detention",
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
    "NotificationPreference",
    "Organisation",
    "Participant",
    "Person",
    "RegisterCounter",
    "Rehabilitation",
    "SuspensionGround",
    "TermRule",
    "TerminationGround",
    "User",
]
