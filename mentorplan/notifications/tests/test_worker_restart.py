"""A real worker killed halfway and started again: nobody gets a reminder twice, none is lost.

The worker is the one production runs (``manage.py db_worker``), on this test's
database, with the database task queue. It sends through ``MailboxBackend``,
which writes each email to a folder and, on the first run, kills the worker
process (SIGKILL) as it hands over the fourth email, after three have gone.
"""

import os
import signal
import subprocess
import sys
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from mentorplan.notifications.models import Delivery, Notification
from mentorplan.notifications.tasks import run_reminders

from .scenes import activity, cohort_from, pair, shared_plan, sign_both

ROOT = Path(settings.BASE_DIR)
MENTEES = 6


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}@{db['HOST']}{port}/{db['NAME']}"


def start_worker(mailbox, *, die_at=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mentorplan.settings_test",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "MENTORPLAN_TEST_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "mentorplan.notifications.tests.mailbox.MailboxBackend",
        "MENTORPLAN_TEST_MAILBOX": str(mailbox),
        "MENTORPLAN_TEST_DIE_AT": str(die_at or ""),
        # Everybody's morning has come, whatever the hour this test runs at.
        "NOTIFICATION_MORNING_HOUR": "0",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def received(mailbox):
    messages = [message_from_bytes(f.read_bytes()) for f in sorted(mailbox.iterdir())]
    return [(m["To"], m["Message-ID"]) for m in messages]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_halfway_sends_each_reminder_once(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    cohort = cohort_from(now, days_in=60)
    for n in range(MENTEES):
        plan = sign_both(shared_plan(pair(cohort, f"Mentee {n}", zone="UTC"), now))
        # Two days ahead: still "due soon" should the date turn during the test.
        activity(plan, f"Activity {n}", now.date() + timedelta(days=2))
    mailbox = tmp_path / "mailbox"
    mailbox.mkdir()

    run_reminders.enqueue()
    killed = start_worker(mailbox, die_at=4)

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(received(mailbox)) == 3
    assert Notification.objects.count() == MENTEES
    # On a Monday the same run also queues the mentors' weekly digests, after the
    # reminders: only the reminders' emails are counted here.
    reminders = Delivery.objects.filter(kind="due")
    statuses = sorted(reminders.values_list("status", flat=True))
    assert statuses == ["sending"] * 3 + ["sent"] * 3

    # Ten minutes later the dead worker's claims have run out; the next hourly run
    # finds the same reminders (and makes nothing new) and sends what is left.
    Delivery.objects.filter(status="sending").update(claimed_until=now - timedelta(seconds=1))
    run_reminders.enqueue()
    restarted = start_worker(mailbox)

    assert restarted.returncode == 0, restarted.stderr
    got = [(to, message_id) for to, message_id in received(mailbox) if to.startswith("mentee.")]
    assert sorted(to for to, _ in got) == [f"mentee.{n}@example.org" for n in range(MENTEES)]
    assert len({message_id for _, message_id in got}) == MENTEES
    assert Notification.objects.count() == MENTEES
    assert set(reminders.values_list("status", flat=True)) == {"sent"}
    expected_ids = {d.message_id for d in reminders}
    assert {message_id for _, message_id in got} == expected_ids
