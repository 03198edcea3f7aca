"""The home page (mentorplan.views.home): what each role sees, at a fixed query count."""

import re

import pytest
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory, ProgramFactory

URL = reverse("home")

# Queries for any signed-in person, whatever their roles and however many rows:
#  1. the session
#  2. the user
#  3. cohorts they coordinate, with their programs (their counts come from the
#     cache: see COORDINATOR_QUERIES)
#  4. partnerships where they are the mentee, with mentor, mentee, cohort, program
#  5. partnerships where they are the mentor, likewise
#  6. their memberships with cohort and program (for "waiting to be paired")
#  7. the unread notifications count in the navigation (base.html)
HOME_QUERIES = 7
# For coordinators only, once their cohorts' counts are in the cache
# (partnerships.counts; each cohort's counts are counted once, then again only
# after its people or pairs change):
#  8. the cohorts' stamps and 9. their counts, on the database cache of the
#     embedded default (none on Redis)
# 10. requests for help of their cohorts, with pair and cohort
COORDINATOR_QUERIES = HOME_QUERIES + 3
# For a person with an active partnership (mentorplan/views.py, the journey):
#  8. next meeting, last meeting held and agreed rhythm of each (with_journey_facts)
#  9. celebrations they have not seen
MENTOR_QUERIES = HOME_QUERIES + 2
# 10. for a mentee: their plans (none started here: no activities or measures to read)
MENTEE_QUERIES = MENTOR_QUERIES + 1


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_mentee_sees_their_mentor(world, client_as):
    response = client_as(world.mentee).get(URL)

    html = response.content.decode()
    assert response.context["as_mentee"] == [world.partnership]
    assert "Mentored by Mina Mentor" in html
    assert world.partnership.get_absolute_url() in html
    assert "Otto Mentor" not in html
    assert "Your mentees" not in html
    assert "Cohorts you run" not in html


@pytest.mark.django_db
def test_mentor_sees_their_mentees(world, client_as):
    response = client_as(world.mentor).get(URL)

    html = response.content.decode()
    assert response.context["as_mentor"] == [world.partnership]
    assert "Your mentees" in html
    assert "Mo Mentee" in html
    assert "Olga Mentee" not in html
    assert "Your mentoring" not in html


@pytest.mark.django_db
def test_coordinator_sees_cohort_counts(world, client_as):
    MembershipFactory(cohort=world.cohort, role=Membership.Role.MENTEE)  # unpaired
    world.other_partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Moved.")

    response = client_as(world.coordinator).get(URL)

    [cohort] = response.context["coordinated_cohorts"]
    assert cohort == world.cohort
    counts = (
        cohort.mentee_count,
        cohort.mentor_count,
        cohort.active_count,
        cohort.unpaired_count,
        cohort.ended_count,
    )
    assert counts == (3, 2, 1, 2, 1)
    html = response.content.decode()
    assert "Cohorts you run" in html
    assert re.search(r"<td>3</td>\s*<td>2</td>\s*<td>1</td>\s*<td><strong>2</strong></td>", html)
    assert "2026 Fellows" not in html  # another program's cohort


@pytest.mark.django_db
def test_person_without_memberships_sees_the_empty_state(world, client_as):
    response = client_as(world.outsider).get(URL)

    assert response.context["has_any_role"] is False
    assert "You are not part of a mentoring program yet." in response.content.decode()


@pytest.mark.django_db
def test_unpaired_member_is_waiting(world, client_as):
    person = MembershipFactory(cohort=world.cohort, role=Membership.Role.MENTOR).user

    response = client_as(person).get(URL)

    html = response.content.decode()
    assert "Waiting to be paired" in html
    assert "You are a mentor in <strong>2026 Partnerships</strong>" in html
    assert "You are not part of a mentoring program yet." not in html


def _mentor_with(n):
    mentor = UserFactory()
    cohort = CohortFactory()
    MembershipFactory(user=mentor, cohort=cohort, role=Membership.Role.MENTOR, capacity=20)
    for _ in range(n):
        PartnershipFactory(cohort=cohort, mentor=mentor)
    return mentor


def _mentee_with(n):
    mentee = UserFactory()
    for _ in range(n):
        PartnershipFactory(mentee=mentee)  # one per cohort
    return mentee


def _coordinator_with(n):
    coordinator = UserFactory()
    program = ProgramFactory()
    program.coordinators.add(coordinator)
    for _ in range(n):
        cohort = CohortFactory(program=program)
        PartnershipFactory(cohort=cohort)
        PartnershipFactory(cohort=cohort)
    return coordinator


@pytest.mark.django_db
@pytest.mark.parametrize("make", [_mentor_with, _mentee_with, _coordinator_with])
@pytest.mark.parametrize("n", [1, 10])
def test_query_count_does_not_grow_with_rows(client_as, django_assert_num_queries, make, n):
    client = client_as(make(n))
    expected = {
        _coordinator_with: COORDINATOR_QUERIES,
        _mentor_with: MENTOR_QUERIES,
        _mentee_with: MENTEE_QUERIES,
    }[make]
    client.get(URL)  # counts the coordinator's cohorts into the cache

    with django_assert_num_queries(expected):
        response = client.get(URL)

    rows = (
        len(response.context["as_mentor"])
        + len(response.context["as_mentee"])
        + len(response.context["coordinated_cohorts"])
    )
    assert rows == n


@pytest.mark.django_db
def test_query_count_for_every_role_at_once(world, client_as, django_assert_num_queries):
    """A person who mentors, is mentored and coordinates still costs the same."""
    person = world.mentor
    world.program.coordinators.add(person)
    PartnershipFactory(cohort=world.other_cohort, mentee=person)
    client = client_as(person)
    client.get(URL)

    with django_assert_num_queries(COORDINATOR_QUERIES + MENTEE_QUERIES - HOME_QUERIES):
        response = client.get(URL)

    assert response.context["as_mentee"]
    assert response.context["as_mentor"]
    assert response.context["coordinated_cohorts"]
