"""The reminders: found by a run the scheduler starts every hour, sent in the reader's morning.

Each reminder has a key (person, kind, subject, occasion): the occasion is the day
it is about (a due date, a meeting's day, the day a nudge falls due), so finding
it again, in the next hour's run or after a worker was killed halfway, makes
nothing new. A person's reminders are found once their own clock has passed
``NOTIFICATION_MORNING_HOUR``; every run looks at everybody whose morning has come,
so a run that was missed (the scheduler was down) is made up by the next one.

All reminders of one kind for one person on one day go in one email (the key of
that email is the kind and the day); one found after that day's email went out
waits for the next morning's. Before an email is sent each of its reminders is
checked again (``still_relevant``): one whose reason has gone is withdrawn.

What is reminded, and to whom:

- ``due``: a learning activity due in the next ``NOTIFICATION_DUE_SOON_DAYS`` days
  (once per due date), or overdue by up to a week (once more), to the mentee;
- ``plan_not_shared``: a plan still a draft ``nudge_after_days`` (per cohort,
  default 7) into the cohort or the partnership, whichever began later, and every
  week after, to the mentee;
- ``agreement_unsigned``: a shared plan's agreement that one side has not signed,
  as long after sharing, to that side;
- ``understanding_unconfirmed``: the mentor's understanding of the goals that the
  mentee has neither confirmed nor answered, as long after it was written, to the
  mentee;
- ``meeting_tomorrow``: a meeting on the reader's tomorrow, with its agenda so far and
  a prompt to add topics, to both partners;
- ``due`` also covers open action items of meetings, to their owner, as activities.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings.models import ActionItem, Meeting, Topic
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import ActionPlan, LearningActivity

from .clock import UTC, zone_of_name
from .models import CohortReminderSettings, Delivery, Notification
from .preferences import EmailChoices

OPEN_ACTIVITY = [LearningActivity.Status.PLANNED, LearningActivity.Status.IN_PROGRESS]
OVERDUE_DAYS = 7  # overdue items older than this are left to the weekly digest


@dataclass(frozen=True)
class Reminder:
    recipient_id: int
    zone: str
    kind: str
    subject: str
    occasion: object  # date
    partnership_id: int
    cohort_id: int
    title: str
    url: str
    body: str = ""
    data: tuple = ()  # (name, value) pairs, kept for the check before sending

    @property
    def key(self):
        return (self.recipient_id, self.kind, self.subject, self.occasion)


class People:
    """Each person's own date and hour at ``now``, from their time zone name."""

    def __init__(self, now):
        self.now = now
        self._dates = {}

    def today(self, zone_name):
        if zone_name not in self._dates:
            local = timezone.localtime(self.now, zone_of_name(zone_name))
            morning = local.hour >= settings.NOTIFICATION_MORNING_HOUR
            self._dates[zone_name] = (local.date(), morning)
        return self._dates[zone_name]


def _plan_url(partnership_id, anchor=""):
    return reverse("plans:plan-detail", args=[partnership_id]) + anchor


def nudge_day(start, today, after_days):
    """The latest nudge day (start + after_days, then weekly) on or before today, or None."""
    first = start + timedelta(days=after_days)
    if today < first:
        return None
    return first + timedelta(days=7 * ((today - first).days // 7))


def _nudge_days():
    default = settings.NOTIFICATION_NUDGE_AFTER_DAYS
    custom = dict(CohortReminderSettings.objects.values_list("cohort_id", "nudge_after_days"))
    return lambda cohort_id: custom.get(cohort_id, default)


def find_due_activities(people, window):
    lowest, highest = window
    rows = LearningActivity.objects.filter(
        status__in=OPEN_ACTIVITY,
        due_on__gte=lowest - timedelta(days=OVERDUE_DAYS),
        due_on__lte=highest + timedelta(days=settings.NOTIFICATION_DUE_SOON_DAYS),
        plan__partnership__status=Partnership.Status.ACTIVE,
    ).values_list(
        "pk",
        "title",
        "due_on",
        "plan__partnership_id",
        "plan__partnership__cohort_id",
        "plan__partnership__mentee_id",
        "plan__partnership__mentee__time_zone",
    )
    for pk, title, due_on, partnership_id, cohort_id, mentee_id, zone in rows.iterator(2000):
        today, morning = people.today(zone)
        if not morning:
            continue
        days = (due_on - today).days
        if 0 <= days <= settings.NOTIFICATION_DUE_SOON_DAYS:
            when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
            subject, text = f"activity:{pk}:soon", f"“{title}” is due {when}"
        elif -OVERDUE_DAYS <= days < 0:
            subject, text = f"activity:{pk}:overdue", f"“{title}” is overdue"
        else:
            continue
        yield Reminder(
            mentee_id,
            zone,
            "due",
            subject,
            due_on,
            partnership_id,
            cohort_id,
            text,
            _plan_url(partnership_id, f"#activity-{pk}"),
            body=f"Due {due_on:%A %-d %B}. Mark it done, or move its date, on your plan.",
            data=(("activity", pk), ("due_on", due_on.isoformat())),
        )


def find_unshared_plans(people, window):
    after = _nudge_days()
    lowest, _ = window
    rows = (
        Partnership.objects.active()
        .filter(Q(plan__isnull=True) | Q(plan__status=ActionPlan.Status.DRAFT))
        .filter(cohort__ends_on__gte=lowest)
        .values_list(
            "pk",
            "cohort_id",
            "started_on",
            "cohort__starts_on",
            "mentee_id",
            "mentee__time_zone",
            "mentor__display_name",
        )
    )
    for pk, cohort_id, started_on, cohort_starts, mentee_id, zone, mentor in rows.iterator(2000):
        today, morning = people.today(zone)
        day = morning and nudge_day(max(started_on, cohort_starts), today, after(cohort_id))
        if not day:
            continue
        yield Reminder(
            mentee_id,
            zone,
            "plan_not_shared",
            f"partnership:{pk}",
            day,
            pk,
            cohort_id,
            f"Your action plan is not shared with {mentor} yet",
            _plan_url(pk, "#share"),
            body="A plan in writing is where the mentoring starts: share it, even unfinished, "
            "and fine-tune it together.",
            data=(("partnership", pk),),
        )


def find_unsigned_agreements(people, window):
    after = _nudge_days()
    rows = (
        ActionPlan.objects.filter(
            status=ActionPlan.Status.SHARED, partnership__status=Partnership.Status.ACTIVE
        )
        .filter(Q(agreement__mentee_signed_at__isnull=True) | Q(agreement__mentor_signed_at=None))
        .values_list(
            "pk",
            "shared_at",
            "partnership_id",
            "partnership__cohort_id",
            "agreement__mentee_signed_at",
            "agreement__mentor_signed_at",
            "partnership__mentee_id",
            "partnership__mentee__time_zone",
            "partnership__mentor_id",
            "partnership__mentor__time_zone",
        )
    )
    for row in rows.iterator(2000):
        plan_id, shared_at, partnership_id, cohort_id = row[:4]
        signed = {"mentee": row[4], "mentor": row[5]}
        people_of = {"mentee": row[6:8], "mentor": row[8:10]}
        for role, (user_id, zone) in people_of.items():
            if signed[role] is not None:
                continue
            today, morning = people.today(zone)
            start = timezone.localtime(shared_at, zone_of_name(zone)).date()
            day = morning and nudge_day(start, today, after(cohort_id))
            if not day:
                continue
            yield Reminder(
                user_id,
                zone,
                "agreement_unsigned",
                f"agreement:{plan_id}:{role}",
                day,
                partnership_id,
                cohort_id,
                "The mentoring agreement waits for your signature",
                _plan_url(partnership_id, "#agreement"),
                body="Read the terms drawn from your plan, and sign them, or say what should "
                "change.",
                data=(("plan", plan_id), ("role", role)),
            )


def find_unconfirmed_understandings(people, window):
    after = _nudge_days()
    rows = (
        ActionPlan.objects.filter(
            status=ActionPlan.Status.SHARED,
            partnership__status=Partnership.Status.ACTIVE,
            understanding_confirmed_at__isnull=True,
            understanding_feedback="",
        )
        .exclude(mentor_side__understanding="")
        .values_list(
            "pk",
            "mentor_side__updated_at",
            "partnership_id",
            "partnership__cohort_id",
            "partnership__mentee_id",
            "partnership__mentee__time_zone",
            "partnership__mentor__display_name",
        )
    )
    for plan_id, written_at, partnership_id, cohort_id, mentee_id, zone, mentor in rows.iterator(
        2000
    ):
        today, morning = people.today(zone)
        start = timezone.localtime(written_at, zone_of_name(zone)).date()
        day = morning and nudge_day(start, today, after(cohort_id))
        if not day:
            continue
        yield Reminder(
            mentee_id,
            zone,
            "understanding_unconfirmed",
            f"understanding:{plan_id}",
            day,
            partnership_id,
            cohort_id,
            f"{mentor}'s understanding of your goals waits for your answer",
            _plan_url(partnership_id, "#mentor-side"),
            body="Confirm it, or say what is missing, so you both work towards the same goals.",
            data=(("plan", plan_id),),
        )


def find_due_action_items(people, window):
    lowest, highest = window
    rows = ActionItem.objects.filter(
        done_at__isnull=True,
        due_on__gte=lowest - timedelta(days=OVERDUE_DAYS),
        due_on__lte=highest + timedelta(days=settings.NOTIFICATION_DUE_SOON_DAYS),
        partnership__status=Partnership.Status.ACTIVE,
    ).values_list(
        "pk",
        "title",
        "due_on",
        "owner",
        "meeting_id",
        "partnership_id",
        "partnership__cohort_id",
        "partnership__mentee_id",
        "partnership__mentee__time_zone",
        "partnership__mentor_id",
        "partnership__mentor__time_zone",
    )
    for row in rows.iterator(2000):
        pk, title, due_on, owner, meeting_id, partnership_id, cohort_id = row[:7]
        user_id, zone = row[7:9] if owner == ActionItem.Owner.MENTEE else row[9:11]
        today, morning = people.today(zone)
        if not morning:
            continue
        days = (due_on - today).days
        if 0 <= days <= settings.NOTIFICATION_DUE_SOON_DAYS:
            when = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
            subject, text = f"action-item:{pk}:soon", f"Action item “{title}” is due {when}"
        elif -OVERDUE_DAYS <= days < 0:
            subject, text = f"action-item:{pk}:overdue", f"Action item “{title}” is overdue"
        else:
            continue
        yield Reminder(
            user_id,
            zone,
            "due",
            subject,
            due_on,
            partnership_id,
            cohort_id,
            text,
            reverse("meetings:meeting-detail", args=[meeting_id]) + f"#action-item-{pk}",
            body=f"Due {due_on:%A %-d %B}. Mark it done on the meeting page.",
            data=(("action_item", pk), ("due_on", due_on.isoformat())),
        )


def find_meetings_tomorrow(people, window):
    """Meetings on each partner's own tomorrow, with the agenda so far."""
    lowest, highest = window
    start = datetime.combine(lowest, time.min, UTC)
    end = datetime.combine(highest + timedelta(days=2), time.min, UTC)
    meetings = list(
        Meeting.objects.scheduled()
        .filter(
            starts_at__gte=start,
            starts_at__lt=end,
            partnership__status=Partnership.Status.ACTIVE,
        )
        .select_related("partnership__mentor", "partnership__mentee")
    )
    topics = defaultdict(list)
    for meeting_id, title in Topic.objects.filter(
        meeting__in=meetings, status=Topic.Status.OPEN
    ).values_list("meeting_id", "title"):
        topics[meeting_id].append(title)
    for meeting in meetings:
        partnership = meeting.partnership
        agenda = topics[meeting.pk]
        body = (
            "On the agenda so far: " + "; ".join(agenda) + ". Add what you want to talk about."
            if agenda
            else "No topics yet: add what you want to talk about, with suggestions from the plan."
        )
        for person in (partnership.mentee, partnership.mentor):
            zone = person.time_zone
            today, morning = people.today(zone)
            local = timezone.localtime(meeting.starts_at, zone_of_name(zone))
            if not morning or local.date() != today + timedelta(days=1):
                continue
            yield Reminder(
                person.pk,
                zone,
                "meeting_tomorrow",
                f"meeting:{meeting.pk}",
                local.date(),
                partnership.pk,
                partnership.cohort_id,
                f"Meeting tomorrow at {local:%H:%M} ({zone.replace('_', ' ')})",
                meeting.get_absolute_url() + "#agenda",
                body=body,
                data=(("meeting", meeting.pk), ("starts_at", meeting.starts_at.isoformat())),
            )


# Finders of reminders. Each yields the
# reminders due at ``people.now`` for everybody whose morning has come.
FINDERS = [
    find_due_activities,
    find_due_action_items,
    find_meetings_tomorrow,
    find_unshared_plans,
    find_unsigned_agreements,
    find_unconfirmed_understandings,
]


def _morning(day, zone_name):
    return datetime.combine(day, time(settings.NOTIFICATION_MORNING_HOUR), zone_of_name(zone_name))


@transaction.atomic
def reminders_run(now=None) -> dict:
    """Find every reminder due now, keep each once, and queue the emails; returns counts."""
    now = now or timezone.now()
    people = People(now)
    # Every zone's date lies within a day of UTC's.
    utc_today = now.astimezone(UTC).date()
    window = (utc_today - timedelta(days=1), utc_today + timedelta(days=1))
    found = {}
    for finder in FINDERS:
        for reminder in finder(people, window):
            found.setdefault(reminder.key, reminder)
    if not found:
        return {"found": 0, "new": 0, "emails": 0}
    lowest = min(r.occasion for r in found.values())
    kinds = {r.kind for r in found.values()}
    existing = set(
        Notification.objects.filter(kind__in=kinds, occasion__gte=lowest).values_list(
            "recipient_id", "kind", "subject", "occasion"
        )
    )
    new = [r for key, r in found.items() if key not in existing]
    choices = EmailChoices({r.recipient_id for r in new}, {r.cohort_id for r in new})
    emailed = [r for r in new if choices.wants(r.recipient_id, r.kind, r.cohort_id)]
    deliveries = _deliveries_for(emailed, people, now)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=r.recipient_id,
                kind=r.kind,
                subject=r.subject,
                occasion=r.occasion,
                partnership_id=r.partnership_id,
                title=r.title,
                body=r.body,
                url=r.url,
                data=dict(r.data),
                created_at=now,
                delivery_id=deliveries.get(r.key),
            )
            for r in new
        ],
        batch_size=1000,
        # A run at the same moment wrote the same reminder: it stands, with its email.
        ignore_conflicts=True,
    )
    return {"found": len(found), "new": len(new), "emails": len(set(deliveries.values()))}


def _deliveries_for(reminders, people, now) -> dict:
    """reminder key -> the id of the email (one per person, kind and day) it goes in."""
    wanted = {}
    for r in reminders:
        today, _ = people.today(r.zone)
        wanted[r.key] = (r.recipient_id, r.kind, today, r.zone)
    if not wanted:
        return {}

    def key_of(kind, day):
        return f"{kind}:{day.isoformat()}"

    def ensure(emails):
        Delivery.objects.bulk_create(
            [
                Delivery(
                    recipient_id=user_id,
                    kind=kind,
                    key=key_of(kind, day),
                    send_after=send_after,
                    created_at=now,
                )
                for (user_id, kind, day), send_after in emails.items()
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        keys = {key_of(kind, day) for _, kind, day in emails}
        by_key = defaultdict(dict)
        for pk, user_id, key, status in Delivery.objects.filter(key__in=keys).values_list(
            "pk", "recipient_id", "key", "status"
        ):
            by_key[(user_id, key)] = (pk, status)
        return by_key

    today_emails = {(u, k, d): now for u, k, d, _ in wanted.values()}
    found = ensure(today_emails)
    result, later = {}, {}
    for key, (user_id, kind, day, zone) in wanted.items():
        pk, status = found[(user_id, key_of(kind, day))]
        if status == Delivery.Status.PENDING:
            result[key] = pk
        else:
            # Today's email of this kind is gone already: tomorrow morning's takes it.
            later[key] = (user_id, kind, day + timedelta(days=1), zone)
    if later:
        found = ensure({(u, k, d): _morning(d, z) for u, k, d, z in later.values()})
        for key, (user_id, kind, day, _) in later.items():
            result[key] = found[(user_id, key_of(kind, day))][0]
    return result


# Checks before sending: which of an email's reminders still hold at ``now``.


def _values(notifications, name):
    return {n.data.get(name) for n in notifications}


def check_due(notifications, now):
    activity_ids = _values(notifications, "activity") - {None}
    still = {
        (pk, due_on.isoformat())
        for pk, due_on in LearningActivity.objects.filter(
            pk__in=activity_ids,
            status__in=OPEN_ACTIVITY,
            plan__partnership__status=Partnership.Status.ACTIVE,
        ).values_list("pk", "due_on")
    }
    return {n.pk for n in notifications if (n.data.get("activity"), n.data.get("due_on")) in still}


def check_due_action_items(notifications, now):
    still = {
        (pk, due_on.isoformat())
        for pk, due_on in ActionItem.objects.filter(
            pk__in=_values(notifications, "action_item") - {None},
            done_at__isnull=True,
            partnership__status=Partnership.Status.ACTIVE,
        ).values_list("pk", "due_on")
    }
    return {
        n.pk for n in notifications if (n.data.get("action_item"), n.data.get("due_on")) in still
    }


def check_meeting(notifications, now):
    """A meeting cancelled or moved since is not reminded (the move told them already)."""
    still = {
        (pk, starts_at.isoformat())
        for pk, starts_at in Meeting.objects.scheduled()
        .filter(pk__in=_values(notifications, "meeting") - {None}, starts_at__gt=now)
        .values_list("pk", "starts_at")
    }
    return {
        n.pk for n in notifications if (n.data.get("meeting"), n.data.get("starts_at")) in still
    }


def check_unshared(notifications, now):
    still = set(
        Partnership.objects.active()
        .filter(pk__in=_values(notifications, "partnership"))
        .filter(Q(plan__isnull=True) | Q(plan__status=ActionPlan.Status.DRAFT))
        .values_list("pk", flat=True)
    )
    return {n.pk for n in notifications if n.data.get("partnership") in still}


def check_unsigned(notifications, now):
    plans = {
        pk: (mentee_at, mentor_at)
        for pk, mentee_at, mentor_at in ActionPlan.objects.filter(
            pk__in=_values(notifications, "plan"), partnership__status=Partnership.Status.ACTIVE
        ).values_list("pk", "agreement__mentee_signed_at", "agreement__mentor_signed_at")
    }
    keep = set()
    for n in notifications:
        signed = plans.get(n.data.get("plan"))
        if signed is not None and signed[0 if n.data.get("role") == "mentee" else 1] is None:
            keep.add(n.pk)
    return keep


def check_unconfirmed(notifications, now):
    still = set(
        ActionPlan.objects.filter(
            pk__in=_values(notifications, "plan"),
            partnership__status=Partnership.Status.ACTIVE,
            understanding_confirmed_at__isnull=True,
            understanding_feedback="",
        )
        .exclude(mentor_side__understanding="")
        .values_list("pk", flat=True)
    )
    return {n.pk for n in notifications if n.data.get("plan") in still}


CHECKS = {
    "due": [check_due, check_due_action_items],
    "meeting_tomorrow": [check_meeting],
    "plan_not_shared": [check_unshared],
    "agreement_unsigned": [check_unsigned],
    "understanding_unconfirmed": [check_unconfirmed],
}


def still_relevant(kind, notifications, now) -> set:
    """The ids of the notifications whose reason still holds (any check of the kind keeps one)."""
    keep = set()
    for check in CHECKS.get(kind, []):
        keep |= check(notifications, now)
    return keep
