"""The `demo` management command."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from mentorplan.partnerships.models import Partnership
from mentorplan.programs.models import Cohort, Invitation, Membership, Program

User = get_user_model()


def _demo():
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, Program, Cohort, Membership, Invitation, Partnership)
    }


@pytest.mark.django_db
def test_running_twice_changes_no_counts():
    _demo()
    first = _counts()

    _demo()

    assert _counts() == first


@pytest.mark.django_db
def test_builds_a_believable_program():
    _demo()

    program = Program.objects.get(slug="harbour-city")
    cohorts = list(program.cohorts.all())
    assert len(cohorts) == 2
    assert sum(c.is_finished() for c in cohorts) == 1
    assert sum(c.is_running() for c in cohorts) == 1
    memberships = Membership.objects.filter(cohort__program=program)
    mentors = memberships.filter(role=Membership.Role.MENTOR).values("user").distinct().count()
    mentees = memberships.filter(role=Membership.Role.MENTEE).values("user").distinct().count()
    assert mentors >= 6
    assert mentees >= 10
    statuses = set(
        Partnership.objects.filter(cohort__program=program).values_list("status", flat=True)
    )
    assert statuses >= {"active", "completed", "ended_early"}
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_demo_data_keeps_the_pairing_rules():
    """The command writes rows directly, so check it obeys what partnership_start enforces."""
    _demo()

    for p in Partnership.objects.all():
        assert Membership.objects.filter(cohort=p.cohort, user=p.mentor, role="mentor").exists()
        assert Membership.objects.filter(cohort=p.cohort, user=p.mentee, role="mentee").exists()
    for m in Membership.objects.filter(role="mentor"):
        active = Partnership.objects.active().filter(cohort=m.cohort, mentor=m.user).count()
        assert active <= m.capacity, m


@pytest.mark.django_db
def test_printed_logins_can_sign_in(client):
    output = _demo()

    password = re.search(r"password for all: (\S+?)\)", output).group(1)
    emails = re.findall(r"^\s+\S+\s+(\S+@\S+)\s", output, flags=re.MULTILINE)
    assert len(emails) >= 4
    for email in emails:
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert response["Location"] == reverse("home")
        assert client.get(reverse("home")).context["has_any_role"], email
        client.logout()
