import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentorplan.programs.models import Invitation, Membership
from mentorplan.programs.tests.factories import InvitationFactory, MembershipFactory

LINK_RE = re.compile(r"http://testserver(/invitations/[\w-]+/)")


def _resend(client, membership):
    return client.post(reverse("programs:invitation-resend", args=[membership.pk]))


@pytest.mark.django_db
def test_resend_makes_a_new_link_and_the_old_one_stops_working(
    world, client_as, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(cohort=world.cohort, user__email="ada@example.org")
    membership.user.set_unusable_password()
    membership.user.save()
    invitation = InvitationFactory(membership=membership)
    old_url = reverse("programs:invitation-accept", args=[invitation.issue_token()])
    old_hash = invitation.token_hash
    client = client_as(world.coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = _resend(client, membership)

    assert response.status_code == 302
    assert response["Location"] == world.cohort.get_absolute_url()
    invitation.refresh_from_db()
    assert invitation.token_hash != old_hash
    assert len(mail.outbox) == 1
    new_url = LINK_RE.search(mail.outbox[0].body).group(1)
    assert new_url != old_url

    client.logout()
    old = client.get(old_url)
    assert old.status_code == 404
    assert "This invitation link does not work" in old.content.decode()
    assert client.get(new_url).status_code == 200


@pytest.mark.django_db
def test_resend_creates_a_missing_invitation(world, client_as, django_capture_on_commit_callbacks):
    membership = MembershipFactory(cohort=world.cohort)

    with django_capture_on_commit_callbacks(execute=True):
        _resend(client_as(world.coordinator), membership)

    invitation = Invitation.objects.get(membership=membership)
    assert invitation.invited_by == world.coordinator
    assert invitation.status() == Invitation.Status.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_resend_after_joining_sends_nothing(world, client_as, django_capture_on_commit_callbacks):
    membership = Membership.objects.get(cohort=world.cohort, user=world.mentee)
    invitation = InvitationFactory(membership=membership, accepted_at=timezone.now())
    invitation.issue_token()
    token_hash = Invitation.objects.get(pk=invitation.pk).token_hash

    with django_capture_on_commit_callbacks(execute=True):
        response = _resend(client_as(world.coordinator), membership)

    assert response.status_code == 302
    assert mail.outbox == []
    assert Invitation.objects.get(pk=invitation.pk).token_hash == token_hash
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Mo Mentee has already joined."]


@pytest.mark.django_db
def test_task_skips_an_invitation_accepted_after_queueing(world):
    """The task reloads the invitation, so a late send does not replace a used link."""
    from mentorplan.programs.tasks import send_invitation

    invitation = InvitationFactory(membership__cohort=world.cohort, accepted_at=timezone.now())

    send_invitation.enqueue(invitation.pk)

    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.token_hash is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 404), ("mentee", 403), ("other_coordinator", 404)],
)
def test_resend_is_for_coordinators(world, client_as, role, status):
    membership = Membership.objects.get(cohort=world.cohort, user=world.mentee)

    response = _resend(client_as(world.user(role)), membership)

    assert response.status_code == status
    assert mail.outbox == []


@pytest.mark.django_db
def test_resend_needs_post(world, client_as):
    membership = Membership.objects.get(cohort=world.cohort, user=world.mentee)
    url = reverse("programs:invitation-resend", args=[membership.pk])
    assert client_as(world.coordinator).get(url).status_code == 405
