"""Accepting an invitation: the invitation-accept view and services.invitation_accept."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.programs import services
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import InvitationFactory

NEW_PASSWORD = "tidal-orchard-57-lantern"


def _invitation(cohort, *, has_password=False, **user_fields):
    user = UserFactory(**user_fields)
    if not has_password:
        user.set_unusable_password()
        user.save()
    invitation = InvitationFactory(
        membership__user=user, membership__cohort=cohort, membership__role=Membership.Role.MENTEE
    )
    token = invitation.issue_token()
    return invitation, reverse("programs:invitation-accept", args=[token])


def _accept_data(**overrides):
    return {
        "display_name": "Ada Lovelace",
        "time_zone": "Europe/Paris",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }


@pytest.mark.django_db
def test_new_person_sets_password_and_lands_on_home(world, client):
    invitation, url = _invitation(world.cohort, display_name="ada")

    response = client.post(url, _accept_data(), follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    user = invitation.membership.user
    user.refresh_from_db()
    assert user.display_name == "Ada Lovelace"
    assert user.time_zone == "Europe/Paris"
    assert user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    content = response.content.decode()
    assert "Welcome, Ada! You joined Harbour City Mentoring: 2026 Partnerships." in content
    assert "Waiting to be paired" in content


@pytest.mark.django_db
def test_form_errors_keep_invitation_open(world, client):
    invitation, url = _invitation(world.cohort)

    response = client.post(url, _accept_data(password2="something else", display_name="  "))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("password2", "mismatch")
    assert "display_name" in form.errors
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not invitation.membership.user.has_usable_password()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_weak_password_is_refused(world, client):
    invitation, url = _invitation(world.cohort)

    response = client.post(url, _accept_data(password1="12345678", password2="12345678"))

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_reused_link_says_already_used(world, client):
    _, url = _invitation(world.cohort)
    client.post(url, _accept_data())
    client.logout()

    response = client.get(url)

    assert response.status_code == 410
    assert "This invitation has already been used" in response.content.decode()
    assert reverse("account_login") in response.content.decode()


@pytest.mark.django_db
def test_reused_link_while_signed_in_says_already_used(world, client):
    _, url = _invitation(world.cohort)
    client.post(url, _accept_data())

    response = client.post(url, _accept_data(password1="x", password2="x"))

    assert response.status_code == 410
    assert "already been used" in response.content.decode()


@pytest.mark.django_db
def test_expired_link(world, client):
    invitation, url = _invitation(world.cohort)
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()

    response = client.post(url, _accept_data())

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not invitation.membership.user.has_usable_password()


@pytest.mark.django_db
def test_unknown_token_is_404_with_clear_text(client):
    response = client.get(reverse("programs:invitation-accept", args=["no-such-token"]))

    assert response.status_code == 404
    content = response.content.decode()
    assert "This invitation link does not work" in content
    assert "ask your program coordinator to send a new one" in content


@pytest.mark.django_db
def test_existing_account_must_sign_in_first(world, client):
    invitation, url = _invitation(world.other_cohort, has_password=True)

    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Sign in to join" in content
    assert f"{reverse('account_login')}?next=" in content
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_existing_account_signed_in_joins(world, client_as):
    invitation, url = _invitation(world.other_cohort, has_password=True)
    user = invitation.membership.user
    client = client_as(user)

    # Opening the link only asks to confirm: a GET changes nothing.
    page = client.get(url)
    assert page.status_code == 200
    assert "Join " + world.other_cohort.name in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Their password and profile are untouched.
    user.refresh_from_db()
    assert user.has_usable_password()


@pytest.mark.django_db
def test_signed_in_as_someone_else_is_403(world, client_as):
    invitation, url = _invitation(world.cohort, email="ada@example.org")

    response = client_as(world.mentor).post(url, _accept_data())

    assert response.status_code == 403
    content = response.content.decode()
    assert "This invitation is for someone else" in content
    assert "You are signed in as mentor@example.org" in content
    # The invitee's address is not revealed to whoever holds the link.
    assert "ada@example.org" not in content
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not invitation.membership.user.has_usable_password()


@pytest.mark.django_db
def test_accept_twice_raises_used(world):
    """Two clicks racing: the second sees the first's accepted_at under the row lock."""
    invitation, _ = _invitation(world.cohort)
    user = invitation.membership.user
    stale_copy = type(invitation).objects.get(pk=invitation.pk)

    services.invitation_accept(
        invitation=invitation, user=user, display_name="A", time_zone="UTC", password="p1-long-one"
    )
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(
            invitation=stale_copy,
            user=user,
            display_name="B",
            time_zone="UTC",
            password="p2-long-one",
        )

    assert exc.value.code == "used"
    user.refresh_from_db()
    assert user.display_name == "A"
    assert user.check_password("p1-long-one")


@pytest.mark.django_db
def test_accept_expired_raises_expired(world):
    invitation, _ = _invitation(world.cohort)
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    invitation.save()

    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(invitation=invitation, user=invitation.membership.user)

    assert exc.value.code == "expired"


@pytest.mark.django_db
def test_accept_never_sent_raises_expired(world):
    """An invitation whose email never went out has no valid link to accept."""
    invitation = InvitationFactory(membership__cohort=world.cohort)

    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(invitation=invitation, user=invitation.membership.user)

    assert exc.value.code == "expired"
