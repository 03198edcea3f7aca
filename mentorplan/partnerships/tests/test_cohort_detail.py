"""The cohort page (partnerships:cohort-detail): counts, people, pairs, query count."""

import pytest
from django.urls import reverse

from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, InvitationFactory, ProgramFactory

# Queries for a coordinator, however many people and partnerships the cohort has:
#  1. the session
#  2. the user
#  3. the cohort with its program (get_cohort_for_coordinator)
#  4. does the user coordinate it (can_coordinate_cohort)
#  5. how many memberships (the People table's paginator)
#  6. one page of memberships with user, invitation, mentor load and "paired"
#  7. the cohort's counts (cohorts_with_counts; the pair form shows when
#     there is a mentor and a mentee)
#  8. the mentor choices
#  9. the mentee choices
# 10. how many partnerships (the Partnerships table's paginator)
# 11. one page of partnerships with mentor, mentee, cohort and program
# 12. the unread notifications count in the navigation (base.html)
COHORT_QUERIES = 12


def _url(cohort):
    return reverse("partnerships:cohort-detail", args=[cohort.pk])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("mentee", 403),
        ("mentor", 403),
        ("other_coordinator", 404),
        ("coordinator", 200),
    ],
)
def test_only_coordinators_see_the_cohort_page(world, client_as, role, status):
    assert client_as(world.user(role)).get(_url(world.cohort)).status_code == status


@pytest.mark.django_db
def test_shows_counts_people_and_pairs(world, client_as):
    response = client_as(world.coordinator).get(_url(world.cohort))

    stats = response.context["stats"]
    assert (stats.mentee_count, stats.mentor_count, stats.active_count) == (2, 2, 2)
    assert stats.unpaired_count == 0
    html = response.content.decode()
    for name in ("Mina Mentor", "Mo Mentee", "Otto Mentor", "Olga Mentee"):
        assert name in html
    assert 'id="pair-form"' in html
    mentor_row = next(m for m in response.context["members"] if m.user == world.mentor)
    assert mentor_row.mentee_load == 1


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 10])
def test_query_count_does_not_grow_with_rows(client_as, django_assert_num_queries, world, n):
    cohort = CohortFactory(program=ProgramFactory())
    cohort.program.coordinators.add(world.coordinator)
    for _ in range(n):
        partnership = PartnershipFactory(cohort=cohort)
        for user in (partnership.mentor, partnership.mentee):
            InvitationFactory(membership=Membership.objects.get(user=user, cohort=cohort))
    client = client_as(world.coordinator)

    with django_assert_num_queries(COHORT_QUERIES):
        response = client.get(_url(cohort))

    assert len(response.context["members"]) == 2 * n
    assert response.content.decode().count("badge-active") == n


@pytest.mark.django_db
def test_people_and_partnerships_come_a_page_at_a_time(client_as, world):
    cohort = CohortFactory(program=world.program)
    for _ in range(60):
        PartnershipFactory(cohort=cohort)
    client = client_as(world.coordinator)

    first = client.get(_url(cohort))
    second = client.get(_url(cohort) + "?people=3&pairs=2")

    assert len(first.context["members"]) == 50
    assert len(first.context["partnerships"]) == 50
    assert "1–50 of 120" in first.content.decode()
    assert len(second.context["members"]) == 20
    assert len(second.context["partnerships"]) == 10
    assert 'href="?people=2#people-heading"' in second.content.decode()
    # A page number that is not a number, or too large, gives a page, not an error.
    assert client.get(_url(cohort) + "?people=zz&pairs=999").status_code == 200
