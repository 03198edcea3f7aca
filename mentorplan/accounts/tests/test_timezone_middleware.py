import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from mentorplan.accounts.middleware import UserTimezoneMiddleware
from mentorplan.accounts.tests.factories import UserFactory


def _zone_during_request(user):
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        seen["noon_utc"] = timezone.localtime(
            datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
        )
        return None

    request = RequestFactory().get("/")
    request.user = user
    UserTimezoneMiddleware(view)(request)
    return seen


@pytest.fixture(autouse=True)
def _reset_zone():
    yield
    timezone.deactivate()


@pytest.mark.django_db
def test_activates_the_signed_in_persons_zone():
    seen = _zone_during_request(UserFactory.build(time_zone="Asia/Tokyo"))

    assert seen["zone"] == "Asia/Tokyo"
    assert seen["noon_utc"].hour == 21  # UTC+9


@pytest.mark.django_db
def test_anonymous_gets_the_default_zone():
    timezone.activate(zoneinfo.ZoneInfo("Asia/Tokyo"))  # left over from an earlier request

    seen = _zone_during_request(AnonymousUser())

    assert seen["zone"] == "UTC"


@pytest.mark.django_db
def test_unknown_stored_zone_falls_back_to_default():
    timezone.activate(zoneinfo.ZoneInfo("Asia/Tokyo"))

    seen = _zone_during_request(UserFactory.build(time_zone="Nowhere/Special"))

    assert seen["zone"] == "UTC"


@pytest.mark.django_db
def test_zone_is_active_in_a_real_request(client_as):
    """The middleware sits after authentication, so request.user is known."""
    user = UserFactory(time_zone="America/Sao_Paulo")
    response = client_as(user).get("/")
    assert response.status_code == 200
    assert "Times are shown in America/Sao_Paulo" in response.content.decode()
