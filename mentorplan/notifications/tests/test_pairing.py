"""Both people learn they have been paired: with whom, their partner's profile, the first step."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.notifications.models import Delivery, Notification
from mentorplan.partnerships.services import partnership_start
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import MembershipFactory

from .helpers import send_due


@pytest.fixture
def pair(world):
    mentor = UserFactory(
        email="pia@example.org",
        display_name="Pia Pilot",
        bio="Harbour master for twenty years.",
        expertise="navigation, tides",
    )
    mentee = UserFactory(
        email="sam@example.org", display_name="Sam Sailor", interests="charts, leadership"
    )
    MembershipFactory(user=mentor, cohort=world.cohort, role=Membership.Role.MENTOR)
    MembershipFactory(user=mentee, cohort=world.cohort, role=Membership.Role.MENTEE)
    return mentor, mentee


def test_both_partners_are_told_with_whom_and_the_first_step(world, pair):
    mentor, mentee = pair
    partnership = partnership_start(
        cohort=world.cohort, mentor=mentor, mentee=mentee, created_by=world.coordinator
    )

    to_mentee = Notification.objects.get(recipient=mentee)
    to_mentor = Notification.objects.get(recipient=mentor)
    assert to_mentee.title == "You have been paired with Pia Pilot as your mentor"
    assert "Harbour master for twenty years." in to_mentee.body
    assert "navigation, tides" in to_mentee.body
    assert "First step: write your action plan" in to_mentee.body
    assert to_mentor.title == "You are now mentoring Sam Sailor"
    assert "charts, leadership" in to_mentor.body
    assert "agree your first meeting" in to_mentor.body
    profile = reverse("partnerships:partnership-detail", args=[partnership.pk])
    assert to_mentee.url == to_mentor.url == profile
    assert to_mentee.actor == world.coordinator
    # The coordinator who paired them is not told about their own action.
    assert not Notification.objects.filter(recipient=world.coordinator).exists()


def test_the_email_waits_for_events_close_together_then_goes_once(world, pair):
    mentor, mentee = pair
    partnership_start(cohort=world.cohort, mentor=mentor, mentee=mentee, created_by=None)
    delivery = Delivery.objects.get(recipient=mentee)
    created = delivery.send_after - timedelta(minutes=5)

    send_due(created + timedelta(minutes=4))
    assert mail.outbox == []

    send_due(created + timedelta(minutes=5))
    send_due(created + timedelta(minutes=6))
    assert sorted(m.to[0] for m in mail.outbox) == ["pia@example.org", "sam@example.org"]
    to_mentee = next(m for m in mail.outbox if m.to == ["sam@example.org"])
    assert to_mentee.subject == "You have been paired with Pia Pilot as your mentor"
    partnership_id = delivery.notifications.get().partnership_id
    profile = reverse("partnerships:partnership-detail", args=[partnership_id])
    assert f"http://testserver{profile}" in to_mentee.body
    html = to_mentee.alternatives[0].content
    assert "Harbour master for twenty years." in html


def test_a_pairing_refused_tells_nobody(world, pair):
    mentor, _ = pair
    with pytest.raises(ValidationError):
        partnership_start(cohort=world.cohort, mentor=mentor, mentee=mentor)
    assert not Notification.objects.exists()
    assert not Delivery.objects.exists()
