"""The scheduled tasks: what the scheduler queues and what each does."""

from datetime import timedelta

import pytest
from crontask import scheduler
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mentorplan.notifications.tasks import prune_task_results, run_reminders, send_due_emails


def test_the_scheduler_knows_every_timed_task():
    jobs = {job.name for job in scheduler.get_jobs()}
    assert {"send_due_emails", "run_reminders", "prune_task_results"} <= jobs


@pytest.mark.django_db
def test_old_finished_results_of_the_queue_are_pruned(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old, recent = send_due_emails.enqueue(), run_reminders.enqueue()
    finished = timezone.now() - timedelta(days=8)
    DBTaskResult.objects.filter(pk=old.id).update(status="SUCCESSFUL", finished_at=finished)
    DBTaskResult.objects.filter(pk=recent.id).update(
        status="SUCCESSFUL", finished_at=timezone.now()
    )

    prune_task_results.call()

    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [recent.id]
