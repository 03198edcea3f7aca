import datetime

import factory
from django.utils import timezone

from mentorplan.partnerships.tests.factories import PartnershipFactory

from ..models import ActionItem, Format, Meeting, MeetingNotes, Topic


def in_days(days, hour=10):
    """A moment ``days`` from now (negative: ago), on the hour, in UTC."""
    day = timezone.now() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    starts_at = factory.LazyFunction(lambda: in_days(7))
    duration_minutes = 60
    time_zone = "UTC"
    format = Format.VIDEO
    location = "https://meet.example.org/harbour"


class NotesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingNotes

    meeting = factory.SubFactory(MeetingFactory)
    text = "We talked."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    meeting = factory.SubFactory(MeetingFactory)
    partnership = factory.LazyAttribute(lambda o: o.meeting.partnership)
    title = factory.Sequence(lambda n: f"Topic {n}")
    position = factory.Sequence(lambda n: n)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    partnership = factory.LazyAttribute(lambda o: o.meeting.partnership)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = ActionItem.Owner.MENTEE
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
