"""The journey's domain functions: every write to a meeting passes one of these.

Views check permissions (``permissions``) first; these functions check what the
data must be and raise ``ValidationError`` by field, or ``EditConflict`` when a
versioned row changed since the writer opened it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentorplan.plans.editing import EditConflict, lock_versioned
from mentorplan.plans.models import ActionPlan
from mentorplan.plans.permissions import MENTEE
from mentorplan.plans.services import activity_create

from . import signals
from .models import (
    ActionItem,
    CheckIn,
    Format,
    JourneyEvent,
    Meeting,
    MeetingChange,
    MeetingNotes,
    MeetingSeries,
    PrivateNote,
    Topic,
)
from .times import series_days, to_utc

SERIES_LIMIT = 60


def _check_place(format, location):
    if format not in Format.values:
        raise ValidationError({"format": ValidationError("Choose a format.", code="invalid")})
    if format == Format.IN_PERSON and not location.strip():
        raise ValidationError(
            {"location": ValidationError("Say where you will meet.", code="required")}
        )


def _held_event(meeting):
    """The feed's "meeting held" line, dated at the meeting's start (shown once it passed)."""
    JourneyEvent.objects.update_or_create(
        partnership_id=meeting.partnership_id,
        key=f"meeting-{meeting.pk}",
        defaults={
            "kind": JourneyEvent.Kind.MEETING_HELD,
            "at": meeting.starts_at,
            "text": f"Meeting ({meeting.get_format_display().lower()})",
            "link": meeting.get_absolute_url(),
            "meeting": meeting,
        },
    )


@transaction.atomic
def meeting_schedule(
    *, partnership, by, day, start, time_zone, duration_minutes, format, location=""
) -> Meeting:
    """Set up one meeting; one whose start has passed is logged as held elsewhere."""
    _check_place(format, location)
    starts_at = to_utc(day, start, time_zone)
    logged = starts_at <= timezone.now()
    meeting = Meeting(
        partnership=partnership,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        time_zone=time_zone,
        format=format,
        location=location.strip(),
        logged_afterwards=logged,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    kind = MeetingChange.Kind.LOGGED if logged else MeetingChange.Kind.SCHEDULED
    MeetingChange.objects.create(meeting=meeting, kind=kind, by=by, new_starts_at=starts_at)
    _held_event(meeting)
    if not logged:
        signals.meeting_scheduled.send(Meeting, meeting=meeting, by=by)
    return meeting


@transaction.atomic
def series_schedule(
    *,
    partnership,
    by,
    first_on,
    start,
    time_zone,
    every_weeks,
    duration_minutes,
    format,
    location="",
    until=None,
) -> MeetingSeries:
    """Meetings every ``every_weeks`` weeks from ``first_on`` until ``until`` or the cohort end."""
    _check_place(format, location)
    until = until or partnership.cohort.ends_on
    if until < first_on:
        raise ValidationError(
            {"until": ValidationError("The last day is before the first meeting.", code="order")}
        )
    if to_utc(first_on, start, time_zone) <= timezone.now():
        raise ValidationError(
            {
                "day": ValidationError(
                    "A series starts in the future; log a past meeting on its own.", code="past"
                )
            }
        )
    series = MeetingSeries(
        partnership=partnership,
        every_weeks=every_weeks,
        first_on=first_on,
        until=until,
        local_time=start,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        format=format,
        location=location.strip(),
        created_by=by,
    )
    series.full_clean()
    series.save()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            partnership=partnership,
            series=series,
            starts_at=to_utc(day, start, time_zone),
            duration_minutes=duration_minutes,
            time_zone=time_zone,
            format=format,
            location=series.location,
            created_by=by,
        )
        for day in series_days(first_on, until, every_weeks, SERIES_LIMIT)
    )
    if not meetings[0].pk:  # Backends without RETURNING on bulk inserts.
        meetings = list(series.meetings.all())
    MeetingChange.objects.bulk_create(
        MeetingChange(
            meeting=m, kind=MeetingChange.Kind.SCHEDULED, by=by, new_starts_at=m.starts_at
        )
        for m in meetings
    )
    for meeting in meetings:
        _held_event(meeting)
        signals.meeting_scheduled.send(Meeting, meeting=meeting, by=by)
    return series


@transaction.atomic
def meeting_move(
    *,
    meeting,
    by,
    expected_version,
    day,
    start,
    time_zone,
    duration_minutes,
    format,
    location="",
    reason="",
) -> Meeting:
    """Give a meeting a new time or place; both partners read what changed and why."""
    current = lock_versioned(meeting, expected_version)
    if current.is_cancelled:
        raise ValidationError("This meeting was cancelled; schedule a new one.", code="cancelled")
    _check_place(format, location)
    old = current.starts_at
    current.starts_at = to_utc(day, start, time_zone)
    current.time_zone = time_zone
    current.duration_minutes = duration_minutes
    current.format = format
    current.location = location.strip()
    current.version += 1
    current.sequence += 1
    current.full_clean()
    current.save()
    MeetingChange.objects.create(
        meeting=current,
        kind=MeetingChange.Kind.MOVED,
        by=by,
        old_starts_at=old,
        new_starts_at=current.starts_at,
        reason=reason.strip(),
    )
    _held_event(current)
    signals.meeting_moved.send(Meeting, meeting=current, by=by, old_starts_at=old)
    return current


def _cancel(meeting, by, reason):
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancel_reason = reason
    meeting.version += 1
    meeting.sequence += 1
    meeting.save()
    MeetingChange.objects.create(
        meeting=meeting, kind=MeetingChange.Kind.CANCELLED, by=by, reason=reason
    )
    JourneyEvent.objects.filter(
        partnership_id=meeting.partnership_id, key=f"meeting-{meeting.pk}"
    ).delete()
    signals.meeting_cancelled.send(Meeting, meeting=meeting, by=by)


def _reason(reason):
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError("Say why, so your partner knows.", code="required")}
        )
    return reason


@transaction.atomic
def meeting_cancel(*, meeting, by, reason) -> Meeting:
    reason = _reason(reason)
    current = lock_versioned(meeting, None)
    if current.is_cancelled:
        raise ValidationError("This meeting is already cancelled.", code="cancelled")
    _cancel(current, by, reason)
    return current


@transaction.atomic
def series_cancel(*, series, by, reason) -> int:
    """Cancel the coming meetings of a series (those held stay in the journey)."""
    reason = _reason(reason)
    coming = list(series.meetings.coming().select_for_update())
    for meeting in coming:
        _cancel(meeting, by, reason)
    series.cancelled_at = timezone.now()
    series.save(update_fields=["cancelled_at"])
    return len(coming)


# Notes ---------------------------------------------------------------------------------


def _save_text(instance, *, expected_version, text, **extra):
    """Create the row, or write it if nobody saved since ``expected_version``."""
    if instance.pk is None:
        instance.text = text
        for name, value in extra.items():
            setattr(instance, name, value)
        if expected_version not in (None, 0):
            # The writer saw a text that someone else then created: show both.
            raise EditConflict(instance)
        instance.save()
        return instance
    current = lock_versioned(instance, expected_version)
    if expected_version is None:
        raise EditConflict(current)
    current.text = text
    for name, value in extra.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    return current


@transaction.atomic
def notes_save(*, meeting, by, text, expected_version) -> MeetingNotes:
    """Save the shared notes; EditConflict (nothing written) if the partner saved meanwhile.

    ``expected_version`` is the version the writer opened, 0 when there were no notes yet.
    """
    notes = MeetingNotes.objects.select_for_update().filter(meeting=meeting).first()
    if notes is None:
        notes = MeetingNotes(meeting=meeting, version=1)
    return _save_text(notes, expected_version=expected_version, text=text, updated_by=by)


@transaction.atomic
def private_note_save(*, meeting, author, text, expected_version) -> PrivateNote:
    note = PrivateNote.objects.filter(meeting=meeting, author=author).first()
    if note is None:
        note = PrivateNote(meeting=meeting, author=author, version=1)
    return _save_text(note, expected_version=expected_version, text=text)


# Agenda ----------------------------------------------------------------------------------


def _next_position(meeting):
    top = Topic.objects.filter(partnership_id=meeting.partnership_id).aggregate(n=Max("position"))
    return (top["n"] or 0) + 1


@transaction.atomic
def topic_add(*, meeting, by, title, source="", link="", status=Topic.Status.OPEN) -> Topic:
    title = title.strip()
    if not title:
        raise ValidationError({"title": ValidationError("Name the topic.", code="required")})
    if source and Topic.objects.filter(meeting=meeting, source=source).exists():
        raise ValidationError("This suggestion is already decided.", code="decided")
    topic = Topic(
        partnership_id=meeting.partnership_id,
        meeting=meeting,
        title=title,
        source=source,
        link=link,
        status=status,
        resolved_in=meeting if status != Topic.Status.OPEN else None,
        position=_next_position(meeting),
        added_by=by,
    )
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_set_status(*, topic, meeting, status) -> Topic:
    """Covered or dropped at ``meeting``, or open again (it then carries over again)."""
    if status not in Topic.Status.values:
        raise ValidationError({"status": ValidationError("Choose a status.", code="invalid")})
    topic.status = status
    topic.resolved_in = None if status == Topic.Status.OPEN else meeting
    topic.save(update_fields=["status", "resolved_in"])
    return topic


@transaction.atomic
def topic_move(*, topic, agenda, offset) -> None:
    """Move ``topic`` up (-1) or down (+1) in ``agenda``, the meeting's list as shown."""
    order = [t.pk for t in agenda]
    if topic.pk not in order:
        return
    i = order.index(topic.pk)
    j = max(0, min(len(order) - 1, i + offset))
    order.insert(j, order.pop(i))
    topics = {t.pk: t for t in agenda}
    for position, pk in enumerate(order):
        topics[pk].position = position
    Topic.objects.bulk_update(topics.values(), ["position"])


# Action items ----------------------------------------------------------------------------


@transaction.atomic
def action_item_add(*, meeting, by, title, owner, due_on) -> ActionItem:
    item = ActionItem(
        partnership_id=meeting.partnership_id,
        meeting=meeting,
        title=title.strip(),
        owner=owner,
        due_on=due_on,
        added_by=by,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_set_done(*, item, done: bool) -> ActionItem:
    item.done_at = (item.done_at or timezone.now()) if done else None
    item.save(update_fields=["done_at"])
    return item


@transaction.atomic
def action_item_to_activity(
    *, item, by, kind, effort_amount, effort_unit, starts_on, goal=None
) -> ActionItem:
    """Make the action item a learning activity of the plan, linked both ways.

    The activity is due when the item is; finishing it marks the item done
    (``journey.activity_finished``).
    """
    if item.activity_id:
        raise ValidationError("This action item is already an activity of the plan.", code="done")
    plan = ActionPlan.objects.filter(partnership_id=item.partnership_id).first()
    if plan is None:
        raise ValidationError("The mentee has not started the action plan yet.", code="no_plan")
    if plan.partnership.mentee_id != by.pk and not plan.is_shared:
        raise ValidationError("The plan is not shared with you yet.", code="not_shared")
    if starts_on and starts_on > item.due_on:
        raise ValidationError(
            {"starts_on": ValidationError("Start on or before the due date.", code="order")}
        )
    activity = activity_create(
        plan=plan,
        by=by,
        kind=kind,
        title=item.title,
        description=f"From the meeting of {timezone.localdate(item.meeting.starts_at):%-d %B %Y}.",
        effort_amount=effort_amount,
        effort_unit=effort_unit,
        starts_on=starts_on,
        due_on=item.due_on,
        goal=goal,
    )
    item.activity = activity
    item.save(update_fields=["activity"])
    return item


# Check-ins and celebrations --------------------------------------------------------------


@transaction.atomic
def check_in_record(*, meeting, by, usefulness, comment="") -> CheckIn:
    if not meeting.is_held():
        raise ValidationError("Check in once the meeting has taken place.", code="not_held")
    check_in, _ = CheckIn.objects.update_or_create(
        meeting=meeting,
        author=by,
        defaults={"usefulness": usefulness, "comment": comment.strip(), "at": timezone.now()},
    )
    check_in.full_clean()
    return check_in


def celebrations_seen(*, events, role) -> None:
    """Mark these celebrations seen by the mentee or the mentor: they are shown once."""
    field = "mentee_seen_at" if role == MENTEE else "mentor_seen_at"
    pks = [e.pk for e in events]
    if pks:
        JourneyEvent.objects.filter(pk__in=pks, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
