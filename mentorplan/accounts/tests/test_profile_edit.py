import re

import pytest
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory

URL = reverse("accounts:profile-edit")


def _post(client, user, **overrides):
    data = {
        "display_name": user.display_name,
        "time_zone": user.time_zone,
        "bio": user.bio,
        "expertise": user.expertise,
        "interests": user.interests,
        **overrides,
    }
    return client.post(URL, data)


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_saves_profile_and_normalises_tags(client_as):
    user = UserFactory(display_name="Ada", time_zone="Europe/London")
    client = client_as(user)

    response = _post(
        client,
        user,
        display_name="  Ada   Lovelace ",
        time_zone="Asia/Tokyo",
        bio="Mathematician.",
        expertise=" analysis,  Analysis , , writing  ",
        interests="engines,ENGINES,  poetry",
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    user.refresh_from_db()
    assert user.display_name == "Ada Lovelace"
    assert user.time_zone == "Asia/Tokyo"
    assert user.bio == "Mathematician."
    # Whitespace collapsed, empty entries dropped, case-insensitive duplicates removed.
    assert user.expertise == "analysis, writing"
    assert user.interests == "engines, poetry"
    assert user.expertise_list == ["analysis", "writing"]


@pytest.mark.django_db
def test_unknown_time_zone_is_a_field_error(client_as):
    user = UserFactory(time_zone="Europe/London")
    response = _post(client_as(user), user, time_zone="Mars/Olympus_Mons")

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["time_zone"]
    user.refresh_from_db()
    assert user.time_zone == "Europe/London"


@pytest.mark.django_db
def test_blank_name_is_a_field_error_shown_beside_the_field(client_as):
    user = UserFactory(display_name="Ada Lovelace")
    response = _post(client_as(user), user, display_name="   ")

    assert response.status_code == 200
    form = response.context["form"]
    assert "display_name" in form.errors
    assert list(form.errors) == ["display_name"]
    # as_field_group renders the error list beside the input and links them.
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_display_name_error">' in html
    assert re.search(
        r'aria-describedby="[^"]*id_display_name_error[^"]*" id="id_display_name"', html
    )
    user.refresh_from_db()
    assert user.display_name == "Ada Lovelace"


@pytest.mark.django_db
def test_edits_only_own_profile(client_as):
    user = UserFactory(display_name="Ada")
    other = UserFactory(display_name="Grace")
    _post(client_as(user), user, display_name="Ada L")
    other.refresh_from_db()
    assert other.display_name == "Grace"
