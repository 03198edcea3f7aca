"""Pairing rules in services.partnership_start (no HTTP)."""

import pytest
from django.core.exceptions import ValidationError

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.services import partnership_start
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory


def _member(cohort, role, **kwargs):
    return MembershipFactory(cohort=cohort, role=role, **kwargs).user


def _refused(field, code, **kwargs):
    count = Partnership.objects.count()
    with pytest.raises(ValidationError) as exc:
        partnership_start(**kwargs)
    assert [e.code for e in exc.value.error_dict[field]] == [code]
    assert Partnership.objects.count() == count
    return exc.value


@pytest.mark.django_db
def test_pairs_a_mentor_with_a_mentee(world):
    mentee = _member(world.cohort, Membership.Role.MENTEE)

    partnership = partnership_start(
        cohort=world.cohort, mentor=world.mentor, mentee=mentee, created_by=world.coordinator
    )

    assert partnership.status == Partnership.Status.ACTIVE
    assert (partnership.mentor, partnership.mentee) == (world.mentor, mentee)
    assert partnership.created_by == world.coordinator
    assert partnership.started_on >= world.cohort.starts_on


@pytest.mark.django_db
def test_refuses_self_pairing(world):
    _refused("mentee", "self", cohort=world.cohort, mentor=world.mentor, mentee=world.mentor)


@pytest.mark.django_db
def test_refuses_a_mentee_as_mentor(world):
    mentee = _member(world.cohort, Membership.Role.MENTEE)
    error = _refused(
        "mentor", "not_mentor", cohort=world.cohort, mentor=world.mentee, mentee=mentee
    )
    assert error.message_dict["mentor"] == ["Mo Mentee is not a mentor in this cohort."]


@pytest.mark.django_db
def test_refuses_a_mentor_as_mentee(world):
    _refused(
        "mentee", "not_mentee", cohort=world.cohort, mentor=world.mentor, mentee=world.other_mentor
    )


@pytest.mark.django_db
def test_refuses_a_mentor_from_another_cohort(world):
    stranger = _member(world.other_cohort, Membership.Role.MENTOR)
    mentee = _member(world.cohort, Membership.Role.MENTEE)
    _refused("mentor", "not_mentor", cohort=world.cohort, mentor=stranger, mentee=mentee)


@pytest.mark.django_db
def test_refuses_a_mentee_from_another_cohort(world):
    stranger = _member(world.other_cohort, Membership.Role.MENTEE)
    _refused("mentee", "not_mentee", cohort=world.cohort, mentor=world.mentor, mentee=stranger)


@pytest.mark.django_db
def test_refuses_a_person_without_membership(world):
    _refused("mentee", "not_mentee", cohort=world.cohort, mentor=world.mentor, mentee=UserFactory())


@pytest.mark.django_db
def test_refuses_a_mentor_at_capacity(world):
    # world.mentor has capacity 2 and one active mentee.
    partnership_start(
        cohort=world.cohort, mentor=world.mentor, mentee=_member(world.cohort, "mentee")
    )

    error = _refused(
        "mentor",
        "at_capacity",
        cohort=world.cohort,
        mentor=world.mentor,
        mentee=_member(world.cohort, "mentee"),
    )
    assert "Mina Mentor is at capacity (2)" in error.message_dict["mentor"][0]


@pytest.mark.django_db
def test_ended_partnerships_free_capacity(world):
    Membership.objects.filter(user=world.mentor, cohort=world.cohort).update(capacity=1)
    mentee = _member(world.cohort, "mentee")
    _refused("mentor", "at_capacity", cohort=world.cohort, mentor=world.mentor, mentee=mentee)

    world.partnership.end(status=Partnership.Status.COMPLETED)

    assert partnership_start(cohort=world.cohort, mentor=world.mentor, mentee=mentee).is_active


@pytest.mark.django_db
def test_refuses_a_duplicate_active_pair(world):
    _refused("mentee", "duplicate", cohort=world.cohort, mentor=world.mentor, mentee=world.mentee)


@pytest.mark.django_db
def test_allows_repairing_after_the_earlier_partnership_ended(world):
    world.partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Parental leave.")

    again = partnership_start(cohort=world.cohort, mentor=world.mentor, mentee=world.mentee)

    assert again.pk != world.partnership.pk
    assert again.is_active
    assert Partnership.objects.filter(mentor=world.mentor, mentee=world.mentee).count() == 2
