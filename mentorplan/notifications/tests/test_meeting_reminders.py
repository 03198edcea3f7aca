"""Reminders of the journey: a meeting tomorrow with its agenda, action items due."""

from datetime import timedelta

from django.core import mail

from mentorplan.meetings.models import Meeting, Topic
from mentorplan.meetings.tests.factories import ActionItemFactory, MeetingFactory, TopicFactory
from mentorplan.notifications.models import Notification
from mentorplan.notifications.reminders import reminders_run

from .helpers import NOW, send_due, sent_to
from .scenes import cohort_from, pair, shared_plan


def run(now):
    reminders_run(now)
    send_due(now)


def _pair():
    """A pair whose plan was just shared: no nudge about the plan is due."""
    partnership = pair(cohort_from(NOW, days_in=30), "Ada Lovelace")
    partnership.mentor.time_zone = "Asia/Kolkata"
    partnership.mentor.save()
    shared_plan(partnership, NOW)
    return partnership


def test_both_partners_hear_of_a_meeting_tomorrow_with_its_agenda(db):
    partnership = _pair()
    meeting = MeetingFactory(partnership=partnership, starts_at=NOW + timedelta(days=1, hours=4))
    TopicFactory(meeting=meeting, title="The budget memo")
    TopicFactory(meeting=meeting, title="Already done", status=Topic.Status.COVERED)

    run(NOW)
    run(NOW + timedelta(hours=1))

    assert sorted(sent_to(mail.outbox)) == [
        ("ada.lovelace@example.org", "Meeting tomorrow at 14:00 (Europe/London)"),
        ("mentor.of.ada.lovelace@example.org", "Meeting tomorrow at 19:30 (Asia/Kolkata)"),
    ]
    body = mail.outbox[0].body
    assert "On the agenda so far: The budget memo." in body
    assert "Already done" not in body


def test_a_meeting_cancelled_before_the_email_goes_is_not_reminded(db):
    partnership = _pair()
    meeting = MeetingFactory(partnership=partnership, starts_at=NOW + timedelta(days=1, hours=4))
    reminders_run(NOW)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)

    send_due(NOW)

    assert mail.outbox == []
    assert Notification.objects.filter(kind="meeting_tomorrow").count() == 2


def test_a_meeting_in_two_days_is_not_yet_reminded(db):
    partnership = _pair()
    MeetingFactory(partnership=partnership, starts_at=NOW + timedelta(days=2, hours=4))
    run(NOW)
    assert mail.outbox == []


def test_an_action_item_due_is_reminded_to_its_owner(db):
    partnership = _pair()
    meeting = MeetingFactory(partnership=partnership, starts_at=NOW - timedelta(days=3))
    ActionItemFactory(
        meeting=meeting,
        title="Send the slides",
        owner="mentor",
        due_on=NOW.date() + timedelta(days=1),
    )
    ActionItemFactory(meeting=meeting, title="Done item", due_on=NOW.date(), done_at=NOW)

    run(NOW)

    assert sent_to(mail.outbox) == [
        ("mentor.of.ada.lovelace@example.org", "Action item “Send the slides” is due tomorrow")
    ]
    (reminder,) = Notification.objects.filter(kind="due")
    assert reminder.url.startswith(meeting.get_absolute_url())
