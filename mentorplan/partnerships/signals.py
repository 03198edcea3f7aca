"""Domain signals of partnerships, for the apps above (notifications) to react to.

Each is sent explicitly by the domain function in ``services.py`` that made the
change, inside its transaction, after the row is written. A receiver that sends
email or enqueues work does it through ``transaction.on_commit``, so nothing is
sent for a change that is rolled back. ``by`` is the User who did it (None when a
command or the system did).

- ``partnership_started(partnership, by)``: a mentor and a mentee were paired
  (``partnership_start``).
- ``partnership_ended(partnership, by)``: a partnership was completed or ended early
  (``partnership_end``); ``partnership.status`` and ``end_reason`` say how.
"""

from django.dispatch import Signal

partnership_started = Signal()
partnership_ended = Signal()
