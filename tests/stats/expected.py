"""The figures the known world of builders.py must show, worked out by hand (see the comments there)."""

from __future__ import annotations

from typing import Any

from approvals.choices import DecisionKind
from stats.indicators.decisions import FILTER_KINDS

CATEGORIES = ("person", "property", "economic", "corruption", "drugs", "public_order", "traffic", "other")
COMPLAINT_KINDS = ("procedural", "general", "probation", "penitentiary", "other")
NO_DECISIONS = {
    "decided": 0,
    "approved": 0,
    "rejected": 0,
    "returned": 0,
    "rejected_share": None,
    "in_term_share": None,
    "median_hours": None,
}
NO_COMPLAINTS = {"received": 0, "satisfied": 0, "partially_satisfied": 0, "forwarded": 0, "refused": 0, "open": 0}
NO_ANSWERS = {"answered": 0, "in_time": 0, "late": 0, "in_time_share": None}


def _categories(**counts: int) -> dict[str, dict[str, Any]]:
    rows = {c: {"cases": counts.get(c, 0)} for c in CATEGORIES}
    rows["total"] = {"cases": sum(counts.values())}
    return rows


def _decisions(**kinds: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(k): kinds.get(str(k), NO_DECISIONS) for k in FILTER_KINDS}


def _complaint_kinds(empty: dict[str, Any], **kinds: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: {**empty, **kinds.get(k, {})} for k in COMPLAINT_KINDS}


def _growth(days: int, **offsets: int) -> dict[str, dict[str, Any]]:
    rows = {f"d{n}": {"received": offsets.get(f"d{n}", 0)} for n in range(days)}
    rows["total"] = {"received": sum(offsets.values())}
    return rows


# District office A1 (its senior prosecutor's default view), March 2026.
A1: dict[str, dict[str, dict[str, Any]]] = {
    "cases_registered": _categories(property=3, person=1, drugs=1),
    "cases_terminated": {
        "rehabilitating": {"cases": 2, "share": 66.7},
        "other": {"cases": 1, "share": 33.3},
        "total": {"cases": 3, "share": 100.0},
    },
    "filter_exemptions": {
        "people": {"count": 1, "share": None},
        "rejected": {"count": 2, "share": 50.0},
        "approved": {"count": 2, "share": 50.0},
        "decided": {"count": 4, "share": 100.0},
    },
    "decisions_by_kind": {
        **_decisions(
            **{
                DecisionKind.TERMINATION: {
                    "decided": 5,
                    "approved": 4,
                    "rejected": 0,
                    "returned": 1,
                    "rejected_share": 0.0,
                    "in_term_share": 80.0,
                    "median_hours": 24.0,
                },
                DecisionKind.SUSPECT_RECOGNITION: {
                    "decided": 4,
                    "approved": 2,
                    "rejected": 2,
                    "returned": 0,
                    "rejected_share": 50.0,
                    "in_term_share": 75.0,
                    "median_hours": 4.0,
                },
                DecisionKind.URGENT_ACTION_NOTICE: {
                    "decided": 2,
                    "approved": 1,
                    "rejected": 1,
                    "returned": 0,
                    "rejected_share": 50.0,
                    "in_term_share": 100.0,
                    "median_hours": 3.5,
                },
            }
        ),
        "total": {
            "decided": 11,
            "approved": 7,
            "rejected": 3,
            "returned": 1,
            "rejected_share": 27.3,
            "in_term_share": 81.8,
            "median_hours": 5.0,
        },
    },
    "complaints_by_kind": {
        **_complaint_kinds(
            NO_COMPLAINTS,
            general={"received": 3, "satisfied": 1, "refused": 1, "open": 1},
            procedural={"received": 2, "partially_satisfied": 1, "open": 1},
        ),
        "total": {**NO_COMPLAINTS, "received": 5, "satisfied": 1, "partially_satisfied": 1, "refused": 1, "open": 2},
    },
    "complaints_growth": _growth(31, d1=2, d2=1, d3=1, d11=1),
    "complaints_answered": {
        **_complaint_kinds(
            NO_ANSWERS,
            general={"answered": 2, "in_time": 2, "late": 0, "in_time_share": 100.0},
            procedural={"answered": 1, "in_time": 0, "late": 1, "in_time_share": 0.0},
        ),
        "total": {"answered": 3, "in_time": 2, "late": 1, "in_time_share": 66.7},
    },
    "refusal_explanations": {
        "in_person": {"refusals": 1, "share": 100.0},
        "video_call": {"refusals": 0, "share": 0.0},
        "phone": {"refusals": 0, "share": 0.0},
        "explained": {"refusals": 1, "share": 100.0},
        "explained_in_term": {"refusals": 1, "share": 100.0},
        "without_explanation": {"refusals": 0, "share": 0.0},
        "total": {"refusals": 1, "share": 100.0},
    },
    "overdue_now": {
        "decisions": {"items": 1},
        "court_sanctions": {"items": 0},
        "complaints": {"items": 1},
        "explanations": {"items": 0},
        "investigation_terms": {"items": 1},
        "total": {"items": 3},
    },
    "restricting_actions": {
        "basis_approved": {"actions": 1, "share": 25.0},
        "lawful": {"actions": 1, "share": 25.0},
        "unlawful": {"actions": 1, "share": 25.0},
        "awaiting_review": {"actions": 1, "share": 25.0},
        "supervised": {"actions": 3, "share": 75.0},
        "total": {"actions": 4, "share": 100.0},
    },
}

# The previous period (29 January - 28 February) of A1: one case (c6), one complaint (K0) answered in time.
A1_PREVIOUS_CHANGED = {
    ("cases_registered", "property"): {"cases": 1},
    ("cases_registered", "total"): {"cases": 1},
    ("complaints_by_kind", "general"): {"received": 1, "satisfied": 1},
    ("complaints_by_kind", "total"): {"received": 1, "satisfied": 1},
    ("complaints_answered", "general"): {"answered": 1, "in_time": 1, "in_time_share": 100.0},
    ("complaints_answered", "total"): {"answered": 1, "in_time": 1, "in_time_share": 100.0},
    ("complaints_growth", "d12"): {"received": 1},
    ("complaints_growth", "total"): {"received": 1},
}


def with_changes(base: dict[str, Any], changes: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    out = {code: {key: dict(values) for key, values in rows.items()} for code, rows in base.items()}
    for (code, key), values in changes.items():
        out[code][key].update(values)
    return out


# Regional office A and its subtree: A1 plus district A2 (one traffic case, one complaint not yet registered).
REG_A = with_changes(
    A1,
    {
        ("cases_registered", "traffic"): {"cases": 1},
        ("cases_registered", "total"): {"cases": 6},
        ("complaints_by_kind", "general"): {"received": 4, "open": 2},
        ("complaints_by_kind", "total"): {"received": 6, "open": 3},
        ("complaints_growth", "d9"): {"received": 1},
        ("complaints_growth", "total"): {"received": 6},
    },
)
