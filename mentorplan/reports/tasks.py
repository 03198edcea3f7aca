"""The scheduled work of reports, run by the task worker, timed by ``manage.py crontask``.

- ``remind_reflections`` every morning (08:40 UTC): asks each partner whose
  reflection is open and unwritten to write it, at most once a week
  (``reflection.reflection_reminders_send``). A second run the same day tells
  nobody twice: a notification is made once per person, kind and day.
"""

import logging

from crontask import cron
from django.tasks import task

from .reflection import reflection_reminders_send

logger = logging.getLogger(__name__)


@cron("40 8 * * *")
@task
def remind_reflections() -> int:
    sent = reflection_reminders_send()
    if sent:
        logger.info("Reflection reminders: %s", sent)
    return sent
