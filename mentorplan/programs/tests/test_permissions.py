import pytest

from mentorplan.programs.models import Membership
from mentorplan.programs.permissions import cohorts_coordinated_by
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory


@pytest.mark.django_db
def test_cohorts_coordinated_by_lists_each_cohort_once(world):
    # Coordinator of the program and also a cohort coordinator of one cohort.
    MembershipFactory(user=world.coordinator, cohort=world.cohort, role=Membership.Role.COORDINATOR)
    second = CohortFactory(program=world.program)
    # A cohort run by a cohort-level coordinator only.
    MembershipFactory(user=world.mentor, cohort=second, role=Membership.Role.COORDINATOR)

    assert sorted(c.pk for c in cohorts_coordinated_by(world.coordinator)) == sorted(
        [world.cohort.pk, second.pk]
    )
    assert [c.pk for c in cohorts_coordinated_by(world.mentor)] == [second.pk]
    assert list(cohorts_coordinated_by(world.outsider)) == []


@pytest.mark.django_db
def test_cohorts_coordinated_by_does_not_join_memberships(world):
    # Joining memberships repeats each cohort once per member, and every count
    # annotated on top then runs once per member: 47 s for a coordinator's home
    # at 10,000 partnerships (benchmarks/results.md).
    sql = str(cohorts_coordinated_by(world.coordinator).query).upper()
    assert "DISTINCT" not in sql
    assert "JOIN" not in sql
