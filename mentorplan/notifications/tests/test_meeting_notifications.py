"""A meeting scheduled, moved or cancelled is told to the other partner at once."""

import datetime

import pytest
from django.utils import timezone

from mentorplan.meetings import services
from mentorplan.notifications.models import Delivery, Notification

pytestmark = pytest.mark.django_db


def _schedule(world, by):
    return services.meeting_schedule(
        partnership=world.partnership,
        by=by,
        day=timezone.localdate() + datetime.timedelta(days=4),
        start=datetime.time(15, 0),
        time_zone="UTC",
        duration_minutes=60,
        format="video",
    )


def test_the_partner_is_told_of_a_meeting_and_each_change(world):
    world.mentor.time_zone = "Asia/Tokyo"
    world.mentor.save()
    meeting = _schedule(world, world.mentee)
    told = Notification.objects.get(recipient=world.mentor, kind="meeting")
    # In the reader's own zone, named: 15:00 UTC is midnight in Tokyo.
    assert told.title.startswith("Mo Mentee scheduled a meeting: ")
    assert told.title.endswith("00:00 (Asia/Tokyo)")
    assert not Notification.objects.filter(recipient=world.mentee).exists()

    services.meeting_cancel(meeting=meeting, by=world.mentee, reason="Mo is ill")

    told = Notification.objects.get(recipient=world.mentor, kind="meeting")
    assert told.title.startswith("Mo Mentee cancelled your meeting")
    assert told.body == "Mo is ill"
    assert told.read_at is None
    # Emailed at once; an email not yet sent goes with the latest word, not twice.
    delivery = Delivery.objects.get(recipient=world.mentor, kind="meeting")
    assert told.delivery_id == delivery.pk


def test_a_series_is_told_once(world):
    services.series_schedule(
        partnership=world.partnership,
        by=world.mentor,
        first_on=timezone.localdate() + datetime.timedelta(days=2),
        start=datetime.time(9, 0),
        time_zone="UTC",
        every_weeks=1,
        duration_minutes=30,
        format="phone",
    )
    told = Notification.objects.filter(recipient=world.mentee, kind="meeting")
    assert told.count() == 1
    assert "Every week on" in told.get().title
    assert Delivery.objects.filter(recipient=world.mentee).count() == 1
