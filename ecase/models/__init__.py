from .audit import AuditChainHead, AuditEvent
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
from .organisations import ApiToken, Organisation, User

__all__ = [
    "ApiToken",
    "AuditChainHead",
    "AuditEvent",
    "CalendarException",
    "Case",
    "Document",
    "InvestigativeAction",
    "Organisation",
    "Participant",
    "Person",
    "RegisterCounter",
    "TerminationGround",
    "User",
]
