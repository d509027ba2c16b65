"""Benchmark concurrent approvals over the real API, on PostgreSQL.

    python manage.py bench_approve --clients 10 --decisions 1000

Seeds `--decisions` pending termination decisions through the services (one fresh case each), then N client
threads - each with its own database connection and its own DRF test client, which runs the whole stack
(middleware, authentication, the viewset, the service) - approve distinct decisions as fast as they can,
while a linker thread chains the audit events every second as the beat task would. Prints a table
(clients, approvals/s, p50, p99, lost, duplicated), checks that every decision has exactly one approval event
and one signature, and compares with a floor measured in the same run: the same clients doing nothing but
`audit_record` in a transaction (a bare INSERT loop of audit events). Exit code 1 if any approval was lost
or duplicated. Runs once with each of `--clients` (comma-separated, e.g. 1,10).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Count
from rest_framework.test import APIClient

from approvals.choices import DecisionKind
from approvals.content import DecisionContent
from approvals.models import DecisionSignature, ProceduralDecision
from approvals.services import decision_create, decision_submit
from ecase.audit.linker import audit_link
from ecase.audit.services import audit_record
from ecase.choices import CaseCategory, Role, Severity
from ecase.models import AuditEvent, User
from ecase.services.cases import case_register


class Command(BaseCommand):
    help = "Approve pending decisions from N concurrent API clients; print approvals/s, p50, p99, lost, duplicated."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clients", default="10", help="Client threads; comma-separated for several runs.")
        parser.add_argument("--decisions", type=int, default=1000, help="Pending decisions per run.")

    def handle(self, *args: Any, clients: str, decisions: int, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench_approve measures PostgreSQL (set DATABASE_URL).")
        investigator, prosecutor = _users()
        rows = []
        for n in (int(c) for c in clients.split(",")):
            ids = _seed(investigator, decisions)
            floor = _run(n, [f"floor-{i}" for i in range(decisions)], lambda job: _insert_event(prosecutor, job))
            api = _run(n, ids, _approver(prosecutor))
            lost, duplicated = _check(ids)
            rows.append((n, len(ids) / api.seconds, api.p50, api.p99, lost, duplicated, len(ids) / floor.seconds))
        self.stdout.write(
            f"{'clients':>7} {'approvals/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'lost':>5} {'dup':>5} "
            f"{'floor ev/s':>10} {'ratio':>6}"
        )
        for n, rate, p50, p99, lost, duplicated, floor_rate in rows:
            self.stdout.write(
                f"{n:>7} {rate:>11.1f} {p50:>8.1f} {p99:>8.1f} {lost:>5} {duplicated:>5} "
                f"{floor_rate:>10.1f} {rate / floor_rate:>6.2f}"
            )
        if any(r[4] or r[5] for r in rows):
            raise CommandError("approvals were lost or duplicated", returncode=1)


def _users() -> tuple[User, User]:
    investigator = (
        User.objects.filter(role=Role.INVESTIGATOR, is_active=True, organisation__parent__isnull=False)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    if investigator is None or investigator.organisation is None:
        raise CommandError("No investigator: run `manage.py seed_demo` first.")
    prosecutor = User.objects.filter(
        role=Role.PROSECUTOR, is_active=True, organisation=investigator.organisation.parent
    ).first()
    if prosecutor is None:
        raise CommandError("No prosecutor of the investigator's supervising office: run `manage.py seed_demo`.")
    return investigator, prosecutor


def _seed(investigator: User, count: int) -> list[int]:
    ids = []
    for i in range(count):
        case = case_register(
            actor=investigator,
            qualification="188 p.2",
            category=CaseCategory.PROPERTY,
            severity=Severity.MEDIUM,
            summary=f"Benchmark case {i + 1}: theft of a mobile phone.",
        )
        content = DecisionContent(text="The materials give grounds to terminate.", termination_ground="35-1-2")
        decision = decision_create(actor=investigator, case_id=case.pk, kind=DecisionKind.TERMINATION, content=content)
        ids.append(decision_submit(decision_id=decision.pk, actor=investigator).pk)
    audit_link()
    return ids


class _Timing:
    def __init__(self, seconds: float, latencies: list[float]) -> None:
        self.seconds = seconds
        ordered = sorted(latencies) or [0.0]
        self.p50 = statistics.median(ordered) * 1000
        self.p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def _run(clients: int, jobs: list[Any], work: Callable[[Any], None]) -> _Timing:
    """Run `work(job)` for every job from `clients` threads (each its own connection); a linker thread chains
    the audit events every second meanwhile."""
    queue = list(reversed(jobs))
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def client() -> None:
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    job = queue.pop()
                started = time.perf_counter()
                work(job)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    def linker() -> None:
        try:
            while not done.wait(1.0):
                audit_link(wait=False)
        finally:
            connection.close()

    link_thread = threading.Thread(target=linker)
    link_thread.start()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    done.set()
    link_thread.join()
    if errors:
        raise CommandError(f"a client failed: {errors[0]!r}")
    return _Timing(seconds, latencies)


def _approver(prosecutor: User) -> Callable[[int], None]:
    clients: dict[int, APIClient] = {}

    def approve(decision_id: int) -> None:
        client = clients.get(threading.get_ident())
        if client is None:
            host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost").lstrip(".")
            client = clients[threading.get_ident()] = APIClient(HTTP_HOST=host)
            client.force_authenticate(user=prosecutor)
        response = client.post(f"/api/v1/decisions/{decision_id}/approve/", {"note": "bench"}, format="json")
        if response.status_code != 200:
            raise CommandError(f"approve {decision_id}: {response.status_code} {response.content[:200]!r}")

    return approve


def _insert_event(actor: User, job: str) -> None:
    with transaction.atomic():
        audit_record(action="bench.floor", obj=actor, actor=actor, data={"job": job})


def _check(ids: list[int]) -> tuple[int, int]:
    """(lost, duplicated): decisions without exactly one approval event or signature."""
    audit_link()
    events = dict(
        AuditEvent.objects.filter(
            object_type=ProceduralDecision._meta.label_lower,
            object_id__in=[str(i) for i in ids],
            action="decision.approved",
        )
        .values_list("object_id")
        .annotate(n=Count("id"))
        .values_list("object_id", "n")
    )
    signatures = dict(
        DecisionSignature.objects.filter(decision_id__in=ids)
        .values_list("decision_id")
        .annotate(n=Count("id"))
        .values_list("decision_id", "n")
    )
    lost = sum(1 for i in ids if events.get(str(i), 0) == 0 or signatures.get(i, 0) == 0)
    duplicated = sum(1 for i in ids if events.get(str(i), 0) > 1 or signatures.get(i, 0) > 1)
    return lost, duplicated
