"""What happens to meetings, for the apps above ``meetings`` (notifications, the calendar).

Sent by the domain functions of ``services`` inside the write's transaction,
after the change is written; a receiver that sends email or enqueues a task
does so in ``transaction.on_commit``. ``by`` is the ``User`` who did it.
"""

from django.dispatch import Signal

#: ``meeting_scheduled(meeting, by)``: a meeting was set up (alone or as part of
#: a series; a series sends one per meeting). Not sent for one logged afterwards.
meeting_scheduled = Signal()

#: ``meeting_moved(meeting, by, old_starts_at)``: a meeting got a new time (or
#: a new place, format or duration; ``old_starts_at`` then equals its start).
meeting_moved = Signal()

#: ``meeting_cancelled(meeting, by)``: ``meeting.cancel_reason`` says why.
meeting_cancelled = Signal()
