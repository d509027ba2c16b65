from .complaint import Complaint
from .explanation import ComplaintExplanation, ComplaintNotice
from .kind import ComplaintKind

__all__ = ["Complaint", "ComplaintExplanation", "ComplaintKind", "ComplaintNotice"]
