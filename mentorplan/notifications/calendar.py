"""A person's private calendar feed (iCalendar, RFC 5545), and meeting invitations.

The feed holds what a person has a date for, as they may see it:

- the meetings of their partnerships, from ``FEED_PAST_DAYS`` ago on, cancelled
  ones marked STATUS:CANCELLED (so a calendar that read them before crosses
  them out instead of keeping them);
- their own open action items (owned by their side of the pair), on the due date;
- the plan's learning activities not yet done or skipped, and milestones not yet
  reached, of their active partnerships: always for the mentee, for the mentor
  once the plan is shared (as the plan page itself shows them).

Every event has a stable UID (``meeting-12@host``) and a SEQUENCE (a meeting's
own, a plan part's version), so a calendar that reads the feed again updates
its events instead of adding copies. Dated things are all-day events; a
meeting's times carry the zone it was set in.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from icalendar import Event

from mentorplan.meetings.ics import absolute, finish, meeting_event, meeting_file, new_calendar, uid
from mentorplan.meetings.models import ActionItem, Meeting
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import LearningActivity, Milestone

from .models import CalendarFeed, hash_secret

FEED_PAST_DAYS = 90
# A read of the feed is written down at most this often (calendars poll).
LAST_READ_EVERY = timedelta(hours=1)


def open_feed(secret: str) -> CalendarFeed | None:
    """The feed this secret opens, or None (never made, revoked, renewed)."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(secret_hash=hash_secret(secret), user__is_active=True)
        .first()
    )


def note_read(feed, now) -> None:
    if feed.last_read_at is None or feed.last_read_at < now - LAST_READ_EVERY:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)


def _day_event(*, kind, obj, summary, day, url, description, sequence, now) -> Event:
    return Event.new(
        uid=uid(kind, obj.pk),
        summary=summary,
        start=day,
        end=day + timedelta(days=1),
        description=description,
        url=url,
        sequence=sequence,
        stamp=now,
        transparency="TRANSPARENT",  # a due date does not make anyone busy
    )


def feed_for(user, now=None) -> bytes:
    now = now or timezone.now()
    calendar = new_calendar(name="Mentorplan", method="PUBLISH")
    mine = Q(mentor=user) | Q(mentee=user)
    meetings = list(
        Meeting.objects.filter(partnership__in=Partnership.objects.filter(mine))
        .filter(starts_at__gte=now - timedelta(days=FEED_PAST_DAYS))
        .select_related("partnership__mentor", "partnership__mentee")
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, user, now=now))

    active = Partnership.objects.active().filter(mine)
    items = (
        ActionItem.objects.filter(partnership__in=active, done_at__isnull=True)
        .filter(
            Q(owner=ActionItem.Owner.MENTEE, partnership__mentee=user)
            | Q(owner=ActionItem.Owner.MENTOR, partnership__mentor=user)
        )
        .select_related("meeting")
    )
    for item in items:
        calendar.add_component(
            _day_event(
                kind="action-item",
                obj=item,
                summary=f"Action item due: {item.title}",
                day=item.due_on,
                url=absolute(item.meeting.get_absolute_url()),
                description=f"From the meeting of {item.meeting.starts_at:%-d %B %Y}.",
                sequence=0,
                now=now,
            )
        )

    # The plans this person reads: their own as mentee, a mentee's once shared.
    readable = Q(plan__partnership__mentee=user) | Q(
        plan__partnership__mentor=user, plan__shared_at__isnull=False
    )
    plan_parts = Q(plan__partnership__in=active) & readable
    activities = LearningActivity.objects.filter(plan_parts).exclude(
        status__in=[LearningActivity.Status.DONE, LearningActivity.Status.SKIPPED]
    )
    milestones = Milestone.objects.filter(plan_parts, reached=False)
    dated = [
        (activity, "activity", f"Activity due: {activity.title}", activity.due_on,
         f"{activity.get_kind_display()} · {activity.get_status_display()}")
        for activity in activities.select_related("plan__partnership__mentee")
    ] + [
        (milestone, "milestone", f"Milestone: {milestone.title}", milestone.date,
         "A milestone of the action plan's timeline.")
        for milestone in milestones.select_related("plan__partnership__mentee")
    ]  # fmt: skip
    for part, kind, summary, day, description in dated:
        calendar.add_component(
            _day_event(
                kind=kind,
                obj=part,
                summary=_for(user, part.plan, summary),
                day=day,
                url=absolute(part.plan.get_absolute_url() + f"#{kind}-{part.pk}"),
                description=description,
                sequence=part.version,
                now=now,
            )
        )
    return finish(calendar, (m.time_zone for m in meetings))


def _for(user, plan, summary) -> str:
    """A mentor's calendar says whose plan it is; the mentee's own needs no name."""
    mentee = plan.partnership.mentee
    return summary if mentee.pk == user.pk else f"{summary} ({mentee.display_name})"


def invitation_for(notifications, recipient, now) -> tuple[str, bytes, str] | None:
    """The .ics a meeting email carries, as true when it is sent: (name, content, type).

    One meeting scheduled or moved: METHOD:REQUEST; called off: METHOD:CANCEL. A
    series is told in one email: its coming meetings as one file to add
    (METHOD:PUBLISH; an invitation may hold only one meeting's UID).
    """
    last = notifications[-1]
    meeting_pk = (last.data or {}).get("meeting")
    meeting = (
        Meeting.objects.select_related("partnership__mentor", "partnership__mentee", "created_by")
        .filter(pk=meeting_pk)
        .first()
    )
    if meeting is None:
        return None
    if last.subject.startswith("series:") and meeting.series_id:
        meetings = list(
            Meeting.objects.coming(now)
            .filter(series=meeting.series_id)
            .select_related("partnership__mentor", "partnership__mentee")
        )
        method, name = "PUBLISH", "meetings.ics"
    else:
        meetings = [meeting]
        method = "CANCEL" if meeting.is_cancelled else "REQUEST"
        name = "cancel.ics" if meeting.is_cancelled else "invite.ics"
    if not meetings:
        return None
    content = meeting_file(meetings, recipient, method=method, now=now)
    return name, content, f"text/calendar; method={method}; charset=utf-8"
