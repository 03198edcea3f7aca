"""Signing in with allauth: email login, closed sign-up, throttling, the admin login."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mentorplan.accounts.tests.factories import PASSWORD, UserFactory

LOGIN_URL = reverse("account_login")
THROTTLE_MESSAGE = "Too many failed login attempts. Try again later."


def _login(client, login, password):
    return client.post(LOGIN_URL, {"login": login, "password": password})


@pytest.mark.django_db
def test_email_login_ignores_case(client):
    user = UserFactory(email="ada@example.org")

    response = _login(client, "  ADA@Example.ORG ", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_wrong_password_is_refused(client):
    UserFactory(email="ada@example.org")

    response = _login(client, "ada@example.org", "not the password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


@pytest.mark.django_db
def test_invited_person_without_password_cannot_sign_in(client):
    user = UserFactory(email="new@example.org")
    user.set_unusable_password()
    user.save()

    response = _login(client, "new@example.org", "")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_is_closed(client):
    count = get_user_model().objects.count()

    response = client.post(
        reverse("account_signup"),
        {"email": "walk-in@example.org", "password1": "tidal-orchard-57-lantern"},
    )

    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert get_user_model().objects.count() == count
    assert not get_user_model().objects.filter(email="walk-in@example.org").exists()


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client):
    """Five failures in five minutes for one account (ACCOUNT_RATE_LIMITS), then refusal."""
    UserFactory(email="ada@example.org")
    for _ in range(5):
        response = _login(client, "ada@example.org", "guess")
        assert THROTTLE_MESSAGE not in response.content.decode()

    # Even the right password is refused while the account is throttled,
    # and the key ignores case, so changing it does not reset the count.
    response = _login(client, "ADA@example.org", PASSWORD)

    assert response.status_code == 200
    assert THROTTLE_MESSAGE in response.context["form"].non_field_errors()
    assert THROTTLE_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_throttle_is_per_account(client):
    UserFactory(email="ada@example.org")
    grace = UserFactory(email="grace@example.org")
    for _ in range(5):
        _login(client, "ada@example.org", "guess")

    response = _login(client, "grace@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(grace.pk)


@pytest.mark.django_db
def test_admin_login_redirects_to_the_throttled_login(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL + "?next=")


@pytest.mark.django_db
def test_admin_login_post_does_not_bypass_the_throttle(client):
    UserFactory(email="boss@example.org", is_staff=True, is_superuser=True)

    response = client.post(
        reverse("admin:login"), {"username": "boss@example.org", "password": PASSWORD}
    )

    # The admin's own form never runs: the POST is redirected like a GET.
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_throttle_shared_with_site_login(client):
    UserFactory(email="boss@example.org", is_staff=True, is_superuser=True)
    for _ in range(5):
        _login(client, "boss@example.org", "guess")

    next_url = client.get(reverse("admin:index"), follow=True).request["QUERY_STRING"]
    response = client.post(
        f"{LOGIN_URL}?{next_url}", {"login": "boss@example.org", "password": PASSWORD}
    )

    assert THROTTLE_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_staff_signs_in_through_allauth_and_reaches_admin(client):
    UserFactory(email="boss@example.org", is_staff=True, is_superuser=True)

    response = client.post(
        f"{LOGIN_URL}?next=/admin/", {"login": "boss@example.org", "password": PASSWORD}
    )

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
