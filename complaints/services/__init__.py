"""Writes for complaints. Nothing else changes a complaint's status."""

from .filing import complaint_appeal, complaint_appeal_anonymous, complaint_file
from .handling import (
    complaint_extend,
    complaint_forward,
    complaint_partially_satisfy,
    complaint_propose_refusal,
    complaint_record_explanation,
    complaint_register,
    complaint_satisfy,
)
from .kinds import kinds_ensure
from .notices import complaint_notify

__all__ = [
    "complaint_appeal",
    "complaint_appeal_anonymous",
    "complaint_extend",
    "complaint_file",
    "complaint_forward",
    "complaint_notify",
    "complaint_partially_satisfy",
    "complaint_propose_refusal",
    "complaint_record_explanation",
    "complaint_register",
    "complaint_satisfy",
    "kinds_ensure",
]
