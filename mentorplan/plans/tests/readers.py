"""Who reads a shared plan's pages (print, what changed): role, program setting, status.

The program setting is "coordinators may read plan text" (Program.coordinators_read_plans).
"""

READERS = [
    ("mentee", False, 200),
    ("mentor", False, 200),
    ("coordinator", True, 200),
    ("coordinator", False, 403),
    ("other_mentor", False, 404),
    ("other_coordinator", True, 404),
    ("outsider", False, 404),
]
