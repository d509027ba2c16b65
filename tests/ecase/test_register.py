import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections
from django.utils import timezone

from ecase.choices import CaseStatus
from ecase.models import AuditEvent, Case
from ecase.services.cases import case_register


def test_register_numbers_case_and_records_audit(world, make_case):
    case = make_case()
    year = timezone.localtime(case.registered_at).year
    assert case.number == f"{year}-REGA-000001"  # year, region (second level of the tree), sequence
    assert case.supervising_office == world.dist_a1
    assert case.status == CaseStatus.INVESTIGATING
    event = AuditEvent.objects.get(action="case.registered")
    assert event.case == case and event.actor == world.investigator_a


def test_only_investigators_register(world, make_case):
    with pytest.raises(PermissionDenied):
        make_case(investigator=world.prosecutor_a1)
    assert Case.objects.count() == 0


def test_status_cannot_be_written_directly(world, make_case):
    case = make_case()
    with pytest.raises(AttributeError):
        case.status = CaseStatus.TERMINATED
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING


@pytest.mark.django_db(transaction=True)
def test_register_numbers_unique_under_concurrency(require_postgres, world):
    investigators = [world.investigator_a, world.investigator_a2, world.investigator_a3]
    errors: list[BaseException] = []
    barrier = threading.Barrier(12)

    def register(i: int) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                case_register(
                    actor=investigators[i % 3],
                    qualification="190 p.1",
                    category="property",
                    severity="minor",
                    summary=f"Fraud {i}",
                )
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(numbers) == 60
    assert len(set(numbers)) == 60
    seqs = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert seqs == list(range(1, 61))
    assert AuditEvent.objects.filter(action="case.registered").count() == 60
