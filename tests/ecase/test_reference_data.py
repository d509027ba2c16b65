import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from approvals.models import DecisionKindTerm
from complaints.models import ComplaintKind
from ecase.models import TerminationGround


@pytest.mark.django_db(transaction=True)
def test_reference_rows_survive_a_flush():
    # Transactional tests (and operators) flush the database; the rows the code relies on come back.
    call_command("flush", interactive=False, verbosity=0)
    assert TerminationGround.objects.filter(code="35-1-1", is_rehabilitating=True).exists()
    assert DecisionKindTerm.objects.filter(kind="termination").exists()
    assert ComplaintKind.objects.filter(code="general").exists()
    assert PeriodicTask.objects.filter(name="scan deadlines").exists()


@pytest.mark.django_db
def test_reseeding_keeps_an_administrators_correction():
    TerminationGround.objects.filter(code="35-1-11").update(is_rehabilitating=True)
    call_command("migrate", verbosity=0)  # post_migrate runs every seed again
    assert TerminationGround.objects.get(code="35-1-11").is_rehabilitating is True
