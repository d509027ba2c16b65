"""The approvals app's models: procedural decisions, the terms of each kind, documents and signatures."""

from .decisions import DecisionKindTerm, DecisionQuerySet, ProceduralDecision, end_of_local_day, overdue_q
from .documents import DecisionDocument, DecisionSignature

__all__ = [
    "DecisionDocument",
    "DecisionKindTerm",
    "DecisionQuerySet",
    "DecisionSignature",
    "ProceduralDecision",
    "end_of_local_day",
    "overdue_q",
]
