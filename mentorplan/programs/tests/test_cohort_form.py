"""Creating and editing cohorts (cohort-create, cohort-edit)."""

import datetime

import pytest
from django.urls import reverse

from mentorplan.programs.models import Cohort


def _data(**overrides):
    return {
        "name": "2027 Partnerships",
        "starts_on": "2027-01-15",
        "ends_on": "2027-11-30",
        "meeting_cadence": "monthly",
        **overrides,
    }


def _create_url(world):
    return reverse("programs:cohort-create", args=[world.program.slug])


def _edit_url(world):
    return reverse("programs:cohort-edit", args=[world.cohort.pk])


@pytest.mark.django_db
def test_create_cohort(world, client_as):
    response = client_as(world.coordinator).post(_create_url(world), _data())

    cohort = Cohort.objects.get(program=world.program, name="2027 Partnerships")
    assert response.status_code == 302
    assert response["Location"] == cohort.get_absolute_url()
    assert cohort.starts_on == datetime.date(2027, 1, 15)
    assert cohort.ends_on == datetime.date(2027, 11, 30)
    assert cohort.meeting_cadence == Cohort.Cadence.MONTHLY


@pytest.mark.django_db
@pytest.mark.parametrize("ends_on", ["2027-01-01", "2027-01-15"])
def test_end_not_after_start_is_an_error_beside_the_end_date(world, client_as, ends_on):
    count = Cohort.objects.count()

    response = client_as(world.coordinator).post(_create_url(world), _data(ends_on=ends_on))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("ends_on", "order")
    assert not form.non_field_errors()
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_ends_on_error"><li>The end date must be after' in html
    assert Cohort.objects.count() == count


@pytest.mark.django_db
def test_duplicate_name_in_program_is_a_field_error(world, client_as):
    count = Cohort.objects.count()

    response = client_as(world.coordinator).post(
        _create_url(world), _data(name="2026 Partnerships")
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("name", "unique")
    assert Cohort.objects.count() == count


@pytest.mark.django_db
def test_same_name_in_another_program_is_fine(world, client_as):
    response = client_as(world.coordinator).post(_create_url(world), _data(name="2026 Fellows"))
    assert response.status_code == 302
    assert Cohort.objects.filter(name="2026 Fellows").count() == 2


@pytest.mark.django_db
def test_edit_cohort(world, client_as):
    response = client_as(world.coordinator).post(
        _edit_url(world), _data(name="2026 Partnerships (spring)")
    )

    assert response.status_code == 302
    world.cohort.refresh_from_db()
    assert world.cohort.name == "2026 Partnerships (spring)"
    assert world.cohort.program == world.program
    assert world.cohort.ends_on == datetime.date(2027, 11, 30)


@pytest.mark.django_db
def test_edit_refuses_end_before_start(world, client_as):
    ends_on = world.cohort.ends_on

    response = client_as(world.coordinator).post(
        _edit_url(world), _data(starts_on="2027-06-01", ends_on="2027-05-01")
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("ends_on", "order")
    world.cohort.refresh_from_db()
    assert world.cohort.ends_on == ends_on


@pytest.mark.django_db
def test_edit_to_a_taken_name_is_a_field_error(world, client_as):
    Cohort.objects.create(
        program=world.program,
        name="2025 Partnerships",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 1),
    )

    response = client_as(world.coordinator).post(_edit_url(world), _data(name="2025 Partnerships"))

    assert response.status_code == 200
    assert response.context["form"].has_error("name", "unique")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("mentor", 403), ("other_coordinator", 404)],
)
def test_create_and_edit_are_for_program_coordinators(world, client_as, role, status):
    client = client_as(world.user(role))
    count = Cohort.objects.count()

    assert client.post(_create_url(world), _data()).status_code == status
    assert client.post(_edit_url(world), _data(name="Renamed")).status_code == status

    assert Cohort.objects.count() == count
    world.cohort.refresh_from_db()
    assert world.cohort.name == "2026 Partnerships"
