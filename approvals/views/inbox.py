"""The prosecutor's approval inbox as a work queue: sortable columns, quick and saved filters with their
counts, the columns other apps add (approvals.hooks), and approving the selected rows at once."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ecase.pagination import paginate

from .. import hooks, permissions
from ..bulk import BULK_MAX, decisions_bulk_approve
from ..forms import BulkApproveForm, SavedFilterForm
from ..inbox_models import SavedInboxFilter
from ..inbox_selectors import (
    QUICK_FILTERS,
    SAVED_FILTERS_MAX,
    inbox_counts,
    inbox_filtered,
    ordering_or_default,
    ordering_parse,
    saved_filters_of,
)
from .common import PER_PAGE, _user, label_empty_choices

SESSION_BULK = "approvals.inbox.bulk"
COLUMNS = (
    ("deadline", gettext_lazy("Deadline")),
    ("case", gettext_lazy("Case")),
    ("kind", gettext_lazy("Decision")),
    ("body", gettext_lazy("Investigation body")),
    ("author", gettext_lazy("Author")),
    ("submitted", gettext_lazy("Submitted")),
)


def _require_inbox(request: HttpRequest) -> None:
    if not permissions.can_use_inbox(_user(request)):
        raise PermissionDenied(_("The approval inbox is for prosecutors."))


def _query_without(query: QueryDict, *names: str) -> QueryDict:
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    return copy


def inbox_url(query: str) -> str:
    return reverse("approvals:inbox") + (f"?{query}" if query else "")


def _normal(query: str) -> str:
    """A query string without the page, its parameters sorted: equal filters compare equal."""
    items = sorted(
        (key, value) for key, values in QueryDict(query).lists() if key != "page" for value in values if value
    )
    copy = QueryDict(mutable=True)
    for key, value in items:
        copy.appendlist(key, value)
    return copy.urlencode()


def _errors_as_messages(request: HttpRequest, form: Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _sort_headers(current: str) -> list[dict[str, Any]]:
    descending = current.startswith("-")
    key = current.removeprefix("-")
    headers = []
    for column, label in COLUMNS:
        active = column == key
        headers.append(
            {
                "key": column,
                "label": label,
                "aria_sort": ("descending" if descending else "ascending") if active else "",
                "param": f"-{column}" if active and not descending else column,
            }
        )
    return headers


def _bulk_summary(outcomes: list[dict[str, Any]] | None) -> dict[str, list[dict[str, Any]]] | None:
    if not outcomes:
        return None
    return {
        "passed": [o for o in outcomes if o["approved"]],
        "failed": [o for o in outcomes if not o["approved"]],
    }


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Pending decisions of the supervised bodies, the nearest deadline first, as the user sorts and filters."""
    _require_inbox(request)
    user = _user(request)
    requested = request.GET.get("ordering", "")
    ordering = ordering_parse(requested)
    if requested and ordering is None:
        messages.warning(request, _("Unknown sort order “%(value)s” ignored.") % {"value": requested[:40]})
    ordering = ordering or ordering_or_default(None)
    filterset, rows = inbox_filtered(user=user, query=request.GET)
    label_empty_choices(filterset)
    context: dict[str, Any] = {"filter": filterset, **paginate(request, rows.order_by(*ordering.order_by()), PER_PAGE)}
    decisions = list(context["page"].object_list)
    cells = hooks.inbox_cells(user=user, decision_ids=[d.pk for d in decisions])
    saved = saved_filters_of(user=user)
    counts = inbox_counts(user=user, saved=saved)
    here = _normal(request.GET.urlencode())
    here_filters = _normal(_query_without(request.GET, "ordering").urlencode())
    list_query = _query_without(request.GET, "page").urlencode()
    context.update(
        {
            "rows": [{"decision": d, "cells": cells.get(d.pk, [])} for d in decisions],
            "extra_columns": hooks.inbox_columns(),
            "colspan": 1 + len(COLUMNS) + len(hooks.inbox_columns()),
            "headers": _sort_headers(ordering.param),
            "ordering": ordering.param,
            "quick_filters": [
                {"key": key, "label": label, "count": counts[key], "query": query, "active": here_filters == query}
                for (key, label), query in zip(QUICK_FILTERS, ("", "overdue=true", "due=today"), strict=True)
            ],
            "saved_filters": [
                {"item": item, "count": counts[f"saved-{item.pk}"], "active": here == _normal(item.query)}
                for item in saved
            ],
            "can_save_filter": len(saved) < SAVED_FILTERS_MAX,
            "list_query": list_query,
            "sort_query": _query_without(request.GET, "page", "ordering").urlencode(),
            "bulk": _bulk_summary(request.session.pop(SESSION_BULK, None)),
            "bulk_max": BULK_MAX,
            "filter_form": SavedFilterForm(),
        }
    )
    return render(request, "approvals/inbox.html", context)


@login_required
@require_POST
def filter_save(request: HttpRequest) -> HttpResponse:
    """Save the inbox's current filters and ordering under a name (the same name again replaces it)."""
    _require_inbox(request)
    user = _user(request)
    form = SavedFilterForm(request.POST)
    if not form.is_valid():
        _errors_as_messages(request, form)
        return redirect(inbox_url(_normal(request.POST.get("query", "")[:500])))
    name, query = form.cleaned_data["name"], _normal(form.cleaned_data["query"])
    exists = SavedInboxFilter.objects.filter(user=user, name=name).exists()
    if not exists and SavedInboxFilter.objects.filter(user=user).count() >= SAVED_FILTERS_MAX:
        messages.error(request, _("At most %(n)s saved filters: delete one first.") % {"n": SAVED_FILTERS_MAX})
        return redirect(inbox_url(query))
    SavedInboxFilter.objects.update_or_create(user=user, name=name, defaults={"query": query})
    messages.success(request, _("Filter “%(name)s” saved.") % {"name": name})
    return redirect(inbox_url(query))


@login_required
@require_POST
def filter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one of the user's own saved filters (anyone else's: 404)."""
    _require_inbox(request)
    item = get_object_or_404(SavedInboxFilter, pk=pk, user=_user(request))
    item.delete()
    messages.success(request, _("Filter “%(name)s” deleted.") % {"name": item.name})
    return redirect("approvals:inbox")


@login_required
@require_POST
def bulk_approve(request: HttpRequest) -> HttpResponse:
    """Approve the selected decisions one by one; the summary of what passed and what did not (and why)
    shows on the inbox after the redirect, so a reload never approves again."""
    _require_inbox(request)
    form = BulkApproveForm(request.POST)
    back = inbox_url(_normal(request.POST.get("query", "")[:500]))
    if not form.is_valid():
        _errors_as_messages(request, form)
        return HttpResponseRedirect(back)
    outcomes = decisions_bulk_approve(
        decision_ids=form.cleaned_data["ids"], actor=_user(request), note=form.cleaned_data["note"]
    )
    request.session[SESSION_BULK] = [asdict(o) for o in outcomes]
    return HttpResponseRedirect(back)
