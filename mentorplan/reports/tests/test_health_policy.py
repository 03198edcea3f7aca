"""A program's health thresholds (reports:health-policy): a versioned form for its coordinators.

Two coordinators may change them at once: the later save, made from an older
version, is refused with a conflict (400) and the values saved meanwhile stay.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory
from mentorplan.reports.models import HealthPolicy

from .factories import Scene, cohort_for, reading_in_utc

pytestmark = pytest.mark.django_db

VALUES = {
    "days_to_share": "10",
    "days_to_sign": "7",
    "days_to_first_meeting": "20",
    "help_waiting_days": "2",
    "low_check_in": "3.0",
}
DEFAULTS = {
    "days_to_share": 21,
    "days_to_sign": 14,
    "days_to_first_meeting": 28,
    "help_waiting_days": 3,
    "low_check_in": Decimal("2.5"),
}
CONFLICT = "Another coordinator changed these thresholds after you opened the page."


def url_of(program):
    return reverse("reports:health-policy", args=[program.slug])


@pytest.fixture
def coordinator(world, client_as):
    return client_as(reading_in_utc(world.coordinator))


@pytest.fixture
def second_coordinator(world):
    """Another coordinator of the program, with a client of their own."""
    colleague = UserFactory(email="colleague@example.org", display_name="Cal Colleague")
    world.program.coordinators.add(colleague)
    client = Client()
    client.force_login(colleague)
    return client


def values_of(policy):
    return {name: getattr(policy, name) for name in DEFAULTS}


def test_the_form_opens_with_the_defaults(world, coordinator):
    response = coordinator.get(url_of(world.program))

    assert response.status_code == 200
    form = response.context["form"]
    assert {name: form[name].value() for name in DEFAULTS} == DEFAULTS | {"low_check_in": 2.5}
    assert 'name="days_to_share" value="21"' in response.text


def test_the_first_save_makes_the_one_row(world, coordinator):
    # Opened twice: the second opening's form saves, and makes one row.
    coordinator.get(url_of(world.program))
    version = coordinator.get(url_of(world.program)).context["form"]["version"].value()

    response = coordinator.post(url_of(world.program), VALUES | {"version": version or ""})

    assert response.status_code == 302
    assert response.url == world.program.get_absolute_url()
    policy = HealthPolicy.objects.get(program=world.program)
    assert values_of(policy) == {
        "days_to_share": 10,
        "days_to_sign": 7,
        "days_to_first_meeting": 20,
        "help_waiting_days": 2,
        "low_check_in": Decimal("3.0"),
    }
    assert HealthPolicy.objects.count() == 1
    assert coordinator.get(url_of(world.program)).context["form"]["version"].value() == 1


def test_a_second_save_changes_the_same_row(world, coordinator):
    HealthPolicy.objects.create(program=world.program)
    version = coordinator.get(url_of(world.program)).context["form"]["version"].value()
    assert version == 1

    response = coordinator.post(url_of(world.program), VALUES | {"version": version})

    assert response.status_code == 302
    (policy,) = HealthPolicy.objects.filter(program=world.program)
    assert policy.days_to_share == 10
    assert policy.version == 2


def test_the_success_message_names_the_program(world, coordinator):
    HealthPolicy.objects.create(program=world.program)

    response = coordinator.post(url_of(world.program), VALUES | {"version": 1}, follow=True)

    assert "The health thresholds of Harbour City Mentoring are saved." in response.text


def test_a_stale_version_is_a_conflict_and_keeps_the_other_coordinators_values(
    world, coordinator, second_coordinator
):
    HealthPolicy.objects.create(program=world.program)
    # Both open the form at version 1; the colleague saves first.
    assert coordinator.get(url_of(world.program)).context["form"]["version"].value() == 1
    saved = second_coordinator.post(
        url_of(world.program), VALUES | {"days_to_share": "12", "version": 1}
    )
    assert saved.status_code == 302

    response = coordinator.post(
        url_of(world.program), VALUES | {"days_to_share": "5", "version": 1}
    )

    assert response.status_code == 400
    assert CONFLICT in response.text
    policy = HealthPolicy.objects.get(program=world.program)
    assert (policy.days_to_share, policy.version) == (12, 2)
    # The colleague's values are shown, and the form now carries their version...
    assert response.context["conflict_values"][0] == ("Plan shared within (days)", 12)
    assert "Plan shared within (days): 12" in response.text
    assert 'name="version" value="2"' in response.text
    # ...with the coordinator's own values, so that saving again keeps them.
    assert 'name="days_to_share" value="5"' in response.text
    again = coordinator.post(url_of(world.program), VALUES | {"days_to_share": "5", "version": 2})
    assert again.status_code == 302
    assert HealthPolicy.objects.get(program=world.program).days_to_share == 5


def test_a_form_without_its_version_cannot_overwrite(world, coordinator):
    HealthPolicy.objects.create(program=world.program, days_to_share=12)

    response = coordinator.post(url_of(world.program), VALUES)

    assert response.status_code == 400
    assert CONFLICT in response.text
    assert HealthPolicy.objects.get(program=world.program).days_to_share == 12


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("days_to_share", "0", "Ensure this value is greater than or equal to 1."),
        ("days_to_sign", "366", "Ensure this value is less than or equal to 365."),
        ("days_to_first_meeting", "0", "Ensure this value is greater than or equal to 1."),
        ("help_waiting_days", "400", "Ensure this value is less than or equal to 365."),
        ("low_check_in", "0.5", "Ensure this value is greater than or equal to 1."),
        ("low_check_in", "5.5", "Ensure this value is less than or equal to 5."),
        ("days_to_share", "", "This field is required."),
        ("days_to_share", "soon", "Enter a whole number."),
    ],
)
def test_invalid_values_are_field_errors(world, coordinator, field, value, error):
    HealthPolicy.objects.create(program=world.program)

    response = coordinator.post(url_of(world.program), VALUES | {field: value, "version": 1})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert error in errors[field]
    assert error in response.text
    policy = HealthPolicy.objects.get(program=world.program)
    assert (values_of(policy), policy.version) == (DEFAULTS, 1)


@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 403), ("mentee", 403), ("other_coordinator", 404), ("outsider", 404)],
)
def test_only_the_programs_coordinators_change_the_thresholds(world, client_as, role, status):
    client = client_as(world.user(role))

    assert client.get(url_of(world.program)).status_code == status
    assert client.post(url_of(world.program), VALUES | {"version": ""}).status_code == status
    assert values_of(HealthPolicy.for_program(world.program)) == DEFAULTS


def test_a_cohort_coordinator_may_not_change_the_programs_thresholds(world, client_as):
    runner = UserFactory(display_name="Rae Runner")
    MembershipFactory(user=runner, cohort=world.cohort, role=Membership.Role.COORDINATOR)

    response = client_as(runner).post(url_of(world.program), VALUES | {"version": ""})

    assert response.status_code == 403
    assert not HealthPolicy.objects.exists()


def test_anonymous_is_sent_to_sign_in(world, client):
    response = client.post(url_of(world.program), VALUES)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not HealthPolicy.objects.exists()


def test_saved_thresholds_change_the_dashboard(world, coordinator):
    now = timezone.now()
    scene = Scene(cohort_for(world.program, now=now), now)
    scene.pair(mentee="Ten Days", began=10)
    dashboard = reverse("reports:cohort-dashboard", args=[scene.cohort.pk])
    assert coordinator.get(dashboard).context["dashboard"].at_risk_count == 0

    coordinator.post(url_of(world.program), VALUES | {"days_to_share": "7", "version": ""})

    response = coordinator.get(dashboard)
    (pair,) = response.context["dashboard"].pairs
    assert [f.key for f in pair.flags] == ["not_shared"]
    assert "Plan not shared 10 days after pairing" in response.text
