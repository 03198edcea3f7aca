"""Who reads a plan's pages (the plan, print, timeline, what changed), and what they get.

The program setting is "coordinators may read plan text" (Program.coordinators_read_plans).
The answer is READS (200, the page with the plan's text), PROGRESS (200, the plan's
progress page, as ``plan_detail`` shows it, without a word of the plan) or a status.
"""

READS, PROGRESS = "reads", "progress"


def status_of(expected) -> int:
    return 200 if expected in (READS, PROGRESS) else expected


# A shared plan.
READERS = [
    ("mentee", False, READS),
    ("mentor", False, READS),
    ("coordinator", True, READS),
    ("coordinator", False, PROGRESS),
    ("other_mentor", False, 404),
    ("other_coordinator", True, 404),
    ("outsider", False, 404),
]

# A plan the mentee has not shared: coordinators never read drafts, whatever the setting.
DRAFT_READERS = [
    ("mentee", False, READS),
    ("mentor", False, PROGRESS),
    ("coordinator", True, PROGRESS),
    ("coordinator", False, PROGRESS),
    ("other_mentor", False, 404),
    ("other_coordinator", True, 404),
    ("outsider", False, 404),
]

# No plan yet, the partnership active: the mentee's first visit to any of the
# plan's pages starts the plan; the others see that it has not started.
UNSTARTED_READERS = [
    ("mentee", False, READS),
    ("mentor", False, PROGRESS),
    ("coordinator", True, PROGRESS),
    ("coordinator", False, PROGRESS),
    ("other_mentor", False, 404),
    ("other_coordinator", True, 404),
    ("outsider", False, 404),
]

# No plan, the partnership ended: nobody starts one any more.
ENDED_UNSTARTED_READERS = [
    ("mentee", False, PROGRESS),
    ("mentor", False, PROGRESS),
    ("coordinator", True, PROGRESS),
    ("other_mentor", False, 404),
    ("other_coordinator", True, 404),
    ("outsider", False, 404),
]
