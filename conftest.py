"""Fixtures shared by every app's tests and the browser tests.

``world`` builds one program with a cohort and two pairs, plus a second program,
so each test can act as any of the roles the permission rules distinguish
(after healthchecks' hc/test.py, which sets up an owner, a teammate and an outsider).
"""

import os
from dataclasses import dataclass

import pytest

from mentorplan.accounts.tests.factories import PASSWORD, UserFactory
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.programs.tests.factories import CohortFactory, ProgramFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# calls from that thread are safe here (see shared/TOOLCHAIN.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class World:
    program: object
    cohort: object
    partnership: object
    other_partnership: object
    other_program: object
    other_cohort: object
    coordinator: object
    mentor: object
    mentee: object
    other_mentor: object
    other_mentee: object
    other_coordinator: object
    outsider: object

    def user(self, role):
        """The user acting in a role (None for anonymous)."""
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def world(db):
    program = ProgramFactory(name="Harbour City Mentoring", slug="harbour")
    cohort = CohortFactory(program=program, name="2026 Partnerships")
    coordinator = UserFactory(email="coordinator@example.org", display_name="Cora Coordinator")
    program.coordinators.add(coordinator)
    mentor = UserFactory(email="mentor@example.org", display_name="Mina Mentor")
    mentee = UserFactory(email="mentee@example.org", display_name="Mo Mentee")
    partnership = PartnershipFactory(cohort=cohort, mentor=mentor, mentee=mentee)
    other_mentor = UserFactory(email="other.mentor@example.org", display_name="Otto Mentor")
    other_mentee = UserFactory(email="other.mentee@example.org", display_name="Olga Mentee")
    other_partnership = PartnershipFactory(cohort=cohort, mentor=other_mentor, mentee=other_mentee)
    other_program = ProgramFactory(name="Northgate University", slug="northgate")
    other_cohort = CohortFactory(program=other_program, name="2026 Fellows")
    other_coordinator = UserFactory(email="dean@example.edu", display_name="Dana Dean")
    other_program.coordinators.add(other_coordinator)
    outsider = UserFactory(email="outsider@example.org", display_name="Ossie Outsider")
    return World(
        program=program,
        cohort=cohort,
        partnership=partnership,
        other_partnership=other_partnership,
        other_program=other_program,
        other_cohort=other_cohort,
        coordinator=coordinator,
        mentor=mentor,
        mentee=mentee,
        other_mentor=other_mentor,
        other_mentee=other_mentee,
        other_coordinator=other_coordinator,
        outsider=outsider,
    )


@pytest.fixture
def client_as(client):
    """Log the test client in as a user (or leave it anonymous for None)."""

    def login(user):
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def password():
    return PASSWORD
