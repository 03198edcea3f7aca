import pytest
from django.urls import reverse

from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.programs.models import Membership


def _url(membership):
    return reverse("programs:membership-capacity", args=[membership.pk])


@pytest.fixture
def mentor_membership(world):
    return Membership.objects.get(cohort=world.cohort, user=world.mentor)


@pytest.mark.django_db
def test_coordinator_changes_capacity(world, client_as, mentor_membership):
    response = client_as(world.coordinator).post(_url(mentor_membership), {"capacity": "4"})

    assert response.status_code == 302
    assert response["Location"] == world.cohort.get_absolute_url()
    mentor_membership.refresh_from_db()
    assert mentor_membership.capacity == 4


@pytest.mark.django_db
@pytest.mark.parametrize("capacity", ["0", "21", "", "lots"])
def test_capacity_must_be_in_range(world, client_as, mentor_membership, capacity):
    response = client_as(world.coordinator).post(_url(mentor_membership), {"capacity": capacity})

    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    assert 'id="id_capacity_error"' in response.content.decode()
    mentor_membership.refresh_from_db()
    assert mentor_membership.capacity == 2


@pytest.mark.django_db
def test_mentee_has_no_capacity(world, client_as):
    membership = Membership.objects.get(cohort=world.cohort, user=world.mentee)

    response = client_as(world.coordinator).post(_url(membership), {"capacity": "3"}, follow=True)

    assert "Only mentors have a capacity." in response.content.decode()
    membership.refresh_from_db()
    assert membership.capacity is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("mentor", 403), ("other_coordinator", 404)],
)
def test_only_coordinators_change_capacity(world, client_as, mentor_membership, role, status):
    response = client_as(world.user(role)).post(_url(mentor_membership), {"capacity": "9"})

    assert response.status_code == status
    mentor_membership.refresh_from_db()
    assert mentor_membership.capacity == 2


@pytest.mark.django_db
def test_capacity_cannot_drop_below_current_mentees(world, client_as, mentor_membership):
    # world.mentor mentors world.mentee: a capacity of 1 fits, below it cannot exist,
    # so add a second mentee and try to go back to 1.
    PartnershipFactory(cohort=world.cohort, mentor=world.mentor)

    response = client_as(world.coordinator).post(_url(mentor_membership), {"capacity": "1"})

    assert response.status_code == 200
    assert response.context["form"].has_error("capacity", "below_load")
    assert "mentors 2 people now" in response.content.decode()
    mentor_membership.refresh_from_db()
    assert mentor_membership.capacity == 2
