"""Write a demo pair's meetings the way the pair would have, through the journey's services.

A journey is described as data (``_demo_meetings.JourneySpec``); ``JourneyWriter``
books each meeting (``meeting_schedule``), puts its topics on the agenda
(``topic_add``, a plan suggestion taken up as the meeting page does), adds its
action items and ticks them off, saves the shared notes (``notes_save``, a second
save by the partner when they added a line) and records each partner's
check-in. The services take their moments from the clock; the writer then dates
each row when it would have happened (with ``update()``, which leaves the rows'
other values as the services wrote them):

- a meeting was booked at the end of the one before (the first a week ahead);
  one "logged afterwards" was entered the evening after it took place;
- topics were added between the booking and the meeting, action items near the
  end of the meeting, notes just after it, check-ins that afternoon (for one
  logged afterwards: all of it as it was logged);
- an action item was ticked off on its ``done`` day.

Past meetings pass ``meeting_schedule`` like a meeting logged afterwards (their
start has passed); all but those marked ``logged`` are then turned back into
meetings booked in advance, with the "scheduled" change of their booking.
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from mentorplan.meetings import services
from mentorplan.meetings.agenda import suggestions_for
from mentorplan.meetings.models import (
    ActionItem,
    CheckIn,
    Format,
    Meeting,
    MeetingChange,
    MeetingNotes,
    Topic,
)
from mentorplan.meetings.times import to_utc
from mentorplan.plans.models import ActionPlan, LearningActivity

from ._demo_meetings import CHECK_IN_COMMENTS, OWNER
from ._plan_writer import MENTEE, MENTOR

FIRST_BOOKED_AHEAD = timedelta(days=7)


def on_or_after(day, weekdays):
    """The first of ``weekdays`` (0 = Monday) on or after ``day``."""
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


class JourneyWriter:
    def __init__(self, spec, partnership, today):
        self.spec, self.partnership, self.today = spec, partnership, today
        self.people = {MENTEE: partnership.mentee, MENTOR: partnership.mentor}
        self.plan = ActionPlan.objects.filter(partnership=partnership).first()
        self.now = timezone.now()
        # Seeded by the pair, so each run writes the same check-in comments and moments.
        self.rng = random.Random(f"{spec.mentor}/{spec.mentee}")
        self.previous = None

    def write(self):
        for spec in self.spec.meetings:
            meeting = self._meeting(spec)
            self._topics(meeting, spec)
            self._items(meeting, spec)
            if meeting.is_held(self.now):
                self._notes(meeting, spec)
                self._check_ins(meeting, spec)
            self.previous = meeting

    def _clamp(self, moment):
        """Never after now: a row dated in the future would read as a mistake."""
        return min(moment, self.now)

    def _after(self, meeting, minutes):
        """A moment after the meeting: from its end, or from when it was logged afterwards."""
        since = meeting.created_at if meeting.logged_afterwards else meeting.ends_at
        return self._clamp(since + timedelta(minutes=minutes))

    def _day_at(self, n, hour, minute=0):
        day = self.today + timedelta(days=n)
        return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
            hour=hour, minute=minute
        )

    def _meeting(self, spec):
        s = self.spec
        day = on_or_after(self.today + timedelta(days=spec.day), s.weekdays)
        starts_at = to_utc(day, s.start, s.time_zone)
        by = self.people[spec.by]
        meeting = services.meeting_schedule(
            partnership=self.partnership,
            by=by,
            day=day,
            start=s.start,
            time_zone=s.time_zone,
            duration_minutes=s.duration,
            format=spec.format,
            location=s.place if spec.format == Format.IN_PERSON else s.link,
        )
        if spec.logged:
            booked = self._clamp(starts_at + timedelta(hours=9))
        elif self.previous is not None:
            booked = self.previous.ends_at - timedelta(minutes=5)
        else:
            booked = starts_at - FIRST_BOOKED_AHEAD
        Meeting.objects.filter(pk=meeting.pk).update(
            created_at=booked, logged_afterwards=spec.logged
        )
        MeetingChange.objects.filter(meeting=meeting).update(
            at=booked,
            kind=MeetingChange.Kind.LOGGED if spec.logged else MeetingChange.Kind.SCHEDULED,
        )
        meeting.created_at, meeting.logged_afterwards = booked, spec.logged
        return meeting

    def _topics(self, meeting, spec):
        # Between the booking and the meeting (or now, for one still to come).
        added = meeting.created_at + (min(meeting.starts_at, self.now) - meeting.created_at) / 2
        if meeting.logged_afterwards:
            added = meeting.created_at
        if spec.suggestion:
            topic = self._suggestion(meeting, spec)
            if topic is not None:
                Topic.objects.filter(pk=topic.pk).update(added_at=added)
        for n, t in enumerate(spec.topics):
            topic = services.topic_add(
                meeting=meeting, by=self.people[t.by], title=t.title, status=t.status
            )
            Topic.objects.filter(pk=topic.pk).update(added_at=added + n * timedelta(minutes=3))

    def _suggestion(self, meeting, spec):
        """Take the plan's first suggestion of that kind onto the agenda, as its button does."""
        if self.plan is None:
            return None
        reader = self.people[spec.by]
        since = self.previous.starts_at if self.previous is not None else None
        found = suggestions_for(
            meeting=meeting, plan=self.plan, reader=reader, since=since, taken=set()
        )
        for s in found:
            if s.key.startswith(spec.suggestion):
                return services.topic_add(
                    meeting=meeting,
                    by=reader,
                    title=f"{s.kind}: {s.title}",
                    source=s.key,
                    link=s.link,
                )
        return None

    def _items(self, meeting, spec):
        day = timezone.localdate(meeting.starts_at)
        for n, i in enumerate(spec.items):
            item = services.action_item_add(
                meeting=meeting,
                by=self.people[i.owner],
                title=i.title,
                owner=OWNER[i.owner],
                due_on=max(day, self.today + timedelta(days=i.due)),
            )
            added = meeting.ends_at - timedelta(minutes=10 - n)
            if meeting.logged_afterwards:
                added = self._after(meeting, 2 + n)
            changes = {"added_at": added}
            if i.done is not None:
                services.action_item_set_done(item=item, done=True)
                done = self._clamp(self._day_at(i.done, 16, 20))
                changes["done_at"] = max(done, self._after(meeting, 120))
            if i.activity:
                changes["activity"] = LearningActivity.objects.get(plan=self.plan, title=i.activity)
            ActionItem.objects.filter(pk=item.pk).update(**changes)

    def _notes(self, meeting, spec):
        if not spec.notes:
            return
        writer = self.people[spec.by]
        notes = services.notes_save(meeting=meeting, by=writer, text=spec.notes, expected_version=0)
        saved = self._after(meeting, 25)
        if spec.addendum:
            other = self.people[MENTOR if spec.by == MENTEE else MENTEE]
            notes = services.notes_save(
                meeting=meeting,
                by=other,
                text=f"{spec.notes}\n\n{spec.addendum}",
                expected_version=notes.version,
            )
            saved = self._after(meeting, 22 * 60)
        MeetingNotes.objects.filter(pk=notes.pk).update(updated_at=saved)

    def _check_ins(self, meeting, spec):
        for role, usefulness in zip((MENTEE, MENTOR), spec.check_ins, strict=True):
            if usefulness is None:
                continue
            check_in = services.check_in_record(
                meeting=meeting,
                by=self.people[role],
                usefulness=usefulness,
                comment=self.rng.choice(CHECK_IN_COMMENTS),
            )
            later = self.rng.randint(20, 300)
            CheckIn.objects.filter(pk=check_in.pk).update(at=self._after(meeting, later))
