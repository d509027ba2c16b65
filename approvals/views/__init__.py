"""Web pages of the prosecutor's filter: the prosecutor's inbox (inbox.py), the decision page with its
actions (decision.py), the investigator's drafting pages (drafting.py), "My decisions" and the judge's queue
(lists.py), and the decisions panel on the case page.

Views stay thin: reads through the visibility selectors (invisible -> 404), writes through the services;
a refused write answers 403, invalid input re-renders the page with the errors (400), a decision that has
moved re-renders it with the reason (409).
"""

from .decision import attach_document, detail, suspect_notified, transition
from .drafting import case_panel_context, create, edit
from .inbox import bulk_approve, filter_delete, filter_save, inbox
from .lists import court, mine

__all__ = [
    "attach_document",
    "bulk_approve",
    "case_panel_context",
    "court",
    "create",
    "detail",
    "edit",
    "filter_delete",
    "filter_save",
    "inbox",
    "mine",
    "suspect_notified",
    "transition",
]
