"""Email backends for the tests: a mail server that refuses one address, and a mailbox on disk.

``RefusingBackend`` is the in-memory backend of the tests, except that it refuses
the addresses named in ``OPTIONS["refuse"]`` the way an SMTP server does.

``MailboxBackend`` is what the real worker in ``test_worker_restart.py`` sends
through: each message becomes a file in ``MENTORPLAN_TEST_MAILBOX``. When
``MENTORPLAN_TEST_DIE_AT`` is set to N, the worker process is killed (SIGKILL: no
clean-up, no ``finally``) the moment it hands over the Nth message, before the
server takes it, as when the machine loses power halfway through a run.
"""

import os
import signal
import smtplib
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(LocmemBackend):
    def __init__(self, *args, refuse=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.refuse = set(refuse)

    def send_messages(self, messages):
        for message in messages:
            refused = self.refuse & set(message.to)
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No such user")))
        return super().send_messages(messages)


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = Path(os.environ["MENTORPLAN_TEST_MAILBOX"])
        die_at = int(os.environ.get("MENTORPLAN_TEST_DIE_AT") or 0)
        for message in messages:
            number = len(list(folder.iterdir())) + 1
            if number == die_at:
                os.kill(os.getpid(), signal.SIGKILL)
            (folder / f"{number:04d}.eml").write_bytes(message.message().as_bytes())
        return len(messages)
