"""The scheduled work of notifications, run by the task worker, timed by ``manage.py crontask``.

- ``send_due_emails`` every minute (and at once after a meeting change): sends the
  emails that are due (``delivery.send_due``).
- ``run_reminders`` every hour: finds the reminders and queues the digests of
  everybody whose morning has come (``reminders.reminders_run``), then sends.

Both are safe to run twice at once or again after a crash: reminders and emails
have unique keys, and each email is claimed before it is sent. So a second
scheduler by mistake, or a run after a missed hour, sends nobody anything twice.
"""

import logging

from crontask import cron
from django.core.management import call_command
from django.tasks import task, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from .delivery import send_due
from .digests import digests_queue
from .reminders import People, reminders_run

logger = logging.getLogger(__name__)


@cron("* * * * *")
@task
def send_due_emails() -> dict:
    counts = send_due()
    if any(counts.values()):
        logger.info("Emails: %s", counts)
    return counts


@cron("2 * * * *")
@task
def run_reminders() -> dict:
    now = timezone.now()
    counts = reminders_run(now)
    counts["digests"] = digests_queue(People(now), now)
    logger.info("Reminders: %s", counts)
    counts |= send_due(now)
    return counts


@cron("17 3 * * *")
@task
def prune_task_results() -> None:
    """Delete the queue's finished results after a week: the minute's sweep adds 1,440 a day."""
    if isinstance(task_backends["default"], DatabaseBackend):
        call_command("prune_db_task_results", "--min-age-days", "7")
