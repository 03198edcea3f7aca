"""Ending a partnership: Partnership.end and the partnership-end view."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from mentorplan.partnerships.models import Partnership


@pytest.mark.django_db
def test_end_as_completed(world):
    world.partnership.end(status=Partnership.Status.COMPLETED, on=datetime.date(2026, 6, 30))

    world.partnership.refresh_from_db()
    assert world.partnership.status == Partnership.Status.COMPLETED
    assert world.partnership.ended_on == datetime.date(2026, 6, 30)
    assert world.partnership.end_reason == ""


@pytest.mark.django_db
def test_end_defaults_to_today(world):
    world.partnership.end(status=Partnership.Status.COMPLETED, reason="  Plan done.  ")
    world.partnership.refresh_from_db()
    assert world.partnership.ended_on == timezone.localdate()
    assert world.partnership.end_reason == "Plan done."


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "   "])
def test_ending_early_needs_a_reason(world, reason):
    with pytest.raises(ValidationError) as exc:
        world.partnership.end(status=Partnership.Status.ENDED_EARLY, reason=reason)

    assert [e.code for e in exc.value.error_dict["reason"]] == ["required"]
    world.partnership.refresh_from_db()
    assert world.partnership.is_active


@pytest.mark.django_db
def test_ending_early_with_reason(world):
    world.partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Moved away.")
    world.partnership.refresh_from_db()
    assert world.partnership.status == Partnership.Status.ENDED_EARLY
    assert world.partnership.end_reason == "Moved away."


@pytest.mark.django_db
def test_cannot_end_twice(world):
    world.partnership.end(status=Partnership.Status.COMPLETED, on=datetime.date(2026, 6, 30))

    with pytest.raises(ValidationError) as exc:
        world.partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Again")

    assert exc.value.code == "not_active"
    world.partnership.refresh_from_db()
    assert world.partnership.status == Partnership.Status.COMPLETED
    assert world.partnership.ended_on == datetime.date(2026, 6, 30)


@pytest.mark.django_db
def test_cannot_end_as_active(world):
    with pytest.raises(ValidationError) as exc:
        world.partnership.end(status=Partnership.Status.ACTIVE)
    assert [e.code for e in exc.value.error_dict["status"]] == ["invalid"]


# The view


def _url(partnership):
    return reverse("partnerships:partnership-end", args=[partnership.pk])


@pytest.mark.django_db
def test_view_ends_partnership(world, client_as):
    response = client_as(world.coordinator).post(
        _url(world.partnership), {"status": "completed", "reason": "Plan finished."}, follow=True
    )

    assert response.redirect_chain == [(world.partnership.get_absolute_url(), 302)]
    assert "The partnership is now completed." in response.content.decode()
    world.partnership.refresh_from_db()
    assert world.partnership.status == Partnership.Status.COMPLETED
    assert world.partnership.end_reason == "Plan finished."


@pytest.mark.django_db
def test_view_shows_missing_reason_beside_the_field(world, client_as):
    response = client_as(world.coordinator).post(
        _url(world.partnership), {"status": "ended_early", "reason": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("reason", "required")
    assert '<ul class="errorlist" id="id_reason_error">' in response.content.decode()
    world.partnership.refresh_from_db()
    assert world.partnership.is_active


@pytest.mark.django_db
def test_view_on_ended_partnership_changes_nothing(world, client_as):
    world.partnership.end(status=Partnership.Status.COMPLETED, on=datetime.date(2026, 6, 30))

    response = client_as(world.coordinator).post(
        _url(world.partnership), {"status": "ended_early", "reason": "Oops"}
    )

    assert "This partnership has already ended (completed)." in response.content.decode()
    world.partnership.refresh_from_db()
    assert world.partnership.status == Partnership.Status.COMPLETED
    assert world.partnership.end_reason == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("mentor", 403),
        ("mentee", 403),
        ("other_mentor", 404),
        ("other_coordinator", 404),
    ],
)
def test_only_coordinators_end(world, client_as, role, status):
    response = client_as(world.user(role)).post(
        _url(world.partnership), {"status": "completed", "reason": ""}
    )
    assert response.status_code == status
    world.partnership.refresh_from_db()
    assert world.partnership.is_active
