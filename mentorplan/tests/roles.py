"""The roles every view test walks, from anonymous to the program's coordinator.

The root conftest.py's ``world`` fixture has a user for each (``world.user(role)``).
Kept in a module of its own because test modules must not import conftest.py: with
e2e/ beside it, "conftest" may name another file.
"""

ROLES = [
    "anonymous",
    "outsider",
    "mentee",
    "mentor",
    "other_mentor",
    "other_coordinator",
    "coordinator",
]
