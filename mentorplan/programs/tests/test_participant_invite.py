"""Inviting one person: services.participant_add and the participant-invite view."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.programs import services
from mentorplan.programs.models import Invitation, Membership

User = get_user_model()
LINK_RE = re.compile(r"http://testserver(/invitations/[\w-]+/)")


def _invite_url(cohort):
    return reverse("programs:participant-invite", args=[cohort.pk])


@pytest.mark.django_db
def test_new_person_gets_account_without_password(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        membership = services.participant_add(
            cohort=world.cohort,
            email="Ada@Example.org",
            display_name="Ada Lovelace",
            role=Membership.Role.MENTOR,
            capacity=2,
            expertise="analysis, writing",
            invited_by=world.coordinator,
        )

    user = membership.user
    assert user.email == "ada@example.org"
    assert user.display_name == "Ada Lovelace"
    assert user.expertise == "analysis, writing"
    assert not user.has_usable_password()
    assert membership.role == Membership.Role.MENTOR
    assert membership.capacity == 2
    invitation = membership.invitation
    assert invitation.invited_by == world.coordinator
    assert invitation.accepted_at is None
    # The email goes out only after the transaction commits: its task waits for it
    # (beside the renewal of the cohort's counts, partnerships.counts).
    assert sum("enqueue" in repr(callback) for callback in callbacks) == 1
    assert mail.outbox == []
    assert invitation.token_hash is None
    assert invitation.status() == Invitation.Status.QUEUED


@pytest.mark.django_db
def test_existing_person_keeps_their_profile(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.participant_add(
            cohort=world.other_cohort,
            email="MENTOR@example.org",
            display_name="Someone Else",
            role=Membership.Role.MENTEE,
            capacity=5,
            interests="overwritten?",
            invited_by=world.other_coordinator,
        )

    assert membership.user == world.mentor
    world.mentor.refresh_from_db()
    assert world.mentor.display_name == "Mina Mentor"
    assert world.mentor.interests == ""
    assert world.mentor.has_usable_password()
    # Capacity only ever belongs to mentors.
    assert membership.capacity is None
    assert User.objects.filter(email__iexact="mentor@example.org").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_invite_view_adds_person_and_emails_a_working_link(
    world, client_as, django_capture_on_commit_callbacks
):
    client = client_as(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _invite_url(world.cohort),
            {
                "email": "ada@example.org",
                "display_name": "Ada Lovelace",
                "role": "mentee",
                "interests": "engines",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == world.cohort.get_absolute_url()
    membership = Membership.objects.get(cohort=world.cohort, user__email="ada@example.org")
    assert membership.role == Membership.Role.MENTEE
    assert not membership.user.has_usable_password()
    invitation = membership.invitation
    assert invitation.status() == Invitation.Status.SENT

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Harbour City Mentoring" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    text_link = LINK_RE.search(message.body).group(1)
    html_link = LINK_RE.search(html).group(1)
    assert text_link == html_link
    assert "Cora Coordinator has invited you" in message.body
    assert "choose your password" in message.body

    client.logout()
    page = client.get(text_link)
    assert page.status_code == 200
    assert "Choose a password for" in page.content.decode()
    assert page.context["invitation"] == invitation


@pytest.mark.django_db
def test_invite_view_shows_field_errors_and_adds_nobody(world, client_as):
    count = Membership.objects.count()

    response = client_as(world.coordinator).post(
        _invite_url(world.cohort),
        {"email": "mentee@example.org", "display_name": "Mo", "role": "mentor"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("email", "already_member")
    assert form.has_error("capacity", "required")
    assert 'id="id_capacity_error"' in response.content.decode()
    assert Membership.objects.count() == count
    assert mail.outbox == []


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
def test_invite_view_is_for_coordinators(world, client_as, role, status):
    response = client_as(world.user(role)).get(_invite_url(world.cohort))
    assert response.status_code == status


@pytest.mark.django_db
def test_cohort_coordinator_may_invite(world, client_as, django_capture_on_commit_callbacks):
    """A coordinator membership in the cohort is enough, without running the program."""
    helper = UserFactory()
    Membership.objects.create(user=helper, cohort=world.cohort, role=Membership.Role.COORDINATOR)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(helper).post(
            _invite_url(world.cohort),
            {"email": "ada@example.org", "display_name": "Ada", "role": "mentee"},
        )

    assert response.status_code == 302
    assert Invitation.objects.get(membership__user__email="ada@example.org").invited_by == helper
