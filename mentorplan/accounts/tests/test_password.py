"""Password reset by email and password change, through allauth."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from mentorplan.accounts.tests.factories import PASSWORD, UserFactory

NEW_PASSWORD = "tidal-orchard-57-lantern"


@pytest.mark.django_db
def test_password_reset_emails_a_working_link(client):
    user = UserFactory(email="ada@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "ADA@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert message.subject.startswith("[Mentorplan] ")
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)
    assert link, message.body

    # allauth moves the key into the session and redirects to a key-less address.
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    # ACCOUNT_LOGIN_ON_PASSWORD_RESET signs the person in.
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_password_reset_link_works_once(client):
    UserFactory(email="ada@example.org")
    client.post(reverse("account_reset_password"), {"email": "ada@example.org"})
    path = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    response = client.get(path.group(1), follow=True)
    client.post(
        response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    client.logout()

    response = client.get(path.group(1), follow=True)

    assert response.context["token_fail"] is True


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client):
    UserFactory(email="ada@example.org")

    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    # Same answer as for a known address, so the form cannot be used to probe accounts.
    assert response.status_code == 302
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


@pytest.mark.django_db
def test_change_password(client_as):
    user = UserFactory()
    client = client_as(user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE is off: the session stays valid.
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_change_password_needs_the_current_one(client_as):
    user = UserFactory()

    response = client_as(user).post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
