import pytest

from mentorplan.programs.forms import ParticipantForm
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory


def _form(cohort, **overrides):
    data = {"email": "ada@example.org", "display_name": "Ada Lovelace", "role": "mentee"}
    data.update(overrides)
    return ParticipantForm(data, cohort=cohort)


@pytest.mark.django_db
def test_mentee_without_capacity_is_valid():
    form = _form(CohortFactory(), email="  ADA@Example.org ", display_name=" Ada   Lovelace ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "ada@example.org"
    assert form.cleaned_data["display_name"] == "Ada Lovelace"
    assert form.cleaned_data["capacity"] is None


@pytest.mark.django_db
def test_mentor_needs_capacity():
    form = _form(CohortFactory(), role="mentor")
    assert not form.is_valid()
    assert form.has_error("capacity", "required")
    assert list(form.errors) == ["capacity"]


@pytest.mark.django_db
def test_mentor_with_capacity_is_valid():
    form = _form(CohortFactory(), role="mentor", capacity="3", expertise="a, A ,b")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["capacity"] == 3
    assert form.cleaned_data["expertise"] == "a, b"


@pytest.mark.django_db
@pytest.mark.parametrize("capacity", ["0", "21", "-1", "two"])
def test_mentor_capacity_out_of_range(capacity):
    form = _form(CohortFactory(), role="mentor", capacity=capacity)
    assert not form.is_valid()
    assert list(form.errors) == ["capacity"]
    # Only the range/number error, not a second "needs a capacity" on top.
    assert len(form.errors["capacity"]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["mentee", "coordinator"])
def test_non_mentor_must_not_have_capacity(role):
    form = _form(CohortFactory(), role=role, capacity="2")
    assert not form.is_valid()
    assert form.has_error("capacity", "not_mentor")


@pytest.mark.django_db
def test_already_member_is_refused_naming_the_role():
    cohort = CohortFactory()
    MembershipFactory(cohort=cohort, user__email="ada@example.org", role=Membership.Role.MENTOR)

    form = _form(cohort, email="Ada@Example.org")

    assert not form.is_valid()
    assert form.has_error("email", "already_member")
    assert form.errors["email"] == ["ada@example.org is already in this cohort as mentor."]
    assert form.existing_membership.role == Membership.Role.MENTOR


@pytest.mark.django_db
def test_member_of_another_cohort_may_join():
    MembershipFactory(user__email="ada@example.org")
    form = _form(CohortFactory())
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_unknown_role_is_refused():
    form = _form(CohortFactory(), role="boss")
    assert not form.is_valid()
    assert form.has_error("role", "invalid_choice")
