"""The end-of-cohort reflection: when it opens, who writes and reads it, saving it.

It opens for a partnership ``OPENS_BEFORE_END`` before its cohort ends, as soon as
the partnership has ended, or when a coordinator opens it for the cohort
(``ReflectionWindow``). Each partner writes their own; it stays theirs and the
coordinators' unless they share it with their partner. A reminder asks each
partner who has not written it, once a week, until ``REMINDED_UNTIL`` after the
cohort's end (``reflection_reminders_send``, run daily by ``tasks``).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mentorplan.notifications.models import Notification
from mentorplan.notifications.services import notify
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.editing import EditConflict, save_versioned

from .models import GoalVerdict, Reflection, ReflectionWindow

OPENS_BEFORE_END = timedelta(days=28)
REMINDED_UNTIL = timedelta(days=30)
REMIND_EVERY = timedelta(days=7)
# The daily run starts a little earlier or later each day: last week's reminder,
# made at about this time, is a week old, not "this week".
SLACK = timedelta(hours=12)


def opens_on(partnership):
    """The day the reflection opens by itself (the window or an ending may open it sooner)."""
    return partnership.cohort.ends_on - OPENS_BEFORE_END


def is_open(partnership, today=None) -> bool:
    today = today or timezone.localdate()
    return (
        not partnership.is_active
        or today >= opens_on(partnership)
        or ReflectionWindow.objects.filter(cohort_id=partnership.cohort_id).exists()
    )


def cohort_reflection_state(cohort, today=None) -> dict:
    """Whether the cohort's reflection is open for its running pairs, and how many wrote (2)."""
    today = today or timezone.localdate()
    window = ReflectionWindow.objects.filter(cohort=cohort).first()
    return {
        "open": window is not None or today >= cohort.ends_on - OPENS_BEFORE_END,
        "window": window,
        "opens_on": cohort.ends_on - OPENS_BEFORE_END,
        "written": Reflection.objects.filter(partnership__cohort=cohort).count(),
    }


def role_in(user, partnership) -> str | None:
    if user.pk == partnership.mentee_id:
        return Reflection.Role.MENTEE
    if user.pk == partnership.mentor_id:
        return Reflection.Role.MENTOR
    return None


def window_open(*, cohort, by) -> ReflectionWindow:
    window, _created = ReflectionWindow.objects.get_or_create(
        cohort=cohort, defaults={"opened_by": by}
    )
    return window


@transaction.atomic
def reflection_save(*, form, partnership, author, verdicts) -> Reflection:
    """Save the author's reflection and their goal verdicts (``{goal: met}``).

    A second save from an older page raises ``EditConflict``; two first saves at
    once as well (the second finds the row the first made).
    """
    try:
        with transaction.atomic():
            reflection = save_versioned(
                form,
                partnership=partnership,
                author=author,
                role=role_in(author, partnership),
                written_at=timezone.now(),
            )
    except IntegrityError:
        raise EditConflict(Reflection.objects.get(partnership=partnership, author=author)) from None
    GoalVerdict.objects.filter(reflection=reflection).delete()
    GoalVerdict.objects.bulk_create(
        GoalVerdict(reflection=reflection, goal=goal, met=met)
        for goal, met in verdicts.items()
        if met
    )
    return reflection


def reflection_reminders_send(now=None) -> int:
    """Remind each partner whose reflection is open and unwritten, at most once a week."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    windows = ReflectionWindow.objects.values("cohort_id")
    # Running pairs whose reflection is open, until a while after the cohort's end;
    # pairs that ended, for as long after their end.
    running = Q(status=Partnership.Status.ACTIVE, cohort__ends_on__gte=today - REMINDED_UNTIL) & (
        Q(cohort__ends_on__lte=today + OPENS_BEFORE_END) | Q(cohort__in=windows)
    )
    ended = ~Q(status=Partnership.Status.ACTIVE) & Q(ended_on__gte=today - REMINDED_UNTIL)
    partnerships = (
        Partnership.objects.with_people().filter(running | ended).prefetch_related("reflections")
    )
    recent = set(
        Notification.objects.filter(
            kind="reflection", created_at__gt=now - REMIND_EVERY + SLACK
        ).values_list("recipient_id", "subject")
    )
    sent = 0
    for partnership in partnerships:
        written = {r.author_id for r in partnership.reflections.all()}
        subject = f"partnership:{partnership.pk}"
        for person in (partnership.mentee, partnership.mentor):
            if person.pk in written or (person.pk, subject) in recent:
                continue
            other = partnership.mentor if person == partnership.mentee else partnership.mentee
            notify(
                recipient=person,
                kind="reflection",
                subject=subject,
                title=f"Look back on your partnership with {other}",
                body="What helped most and least, what kept you on track, what you would "
                "change, and whether each goal was met: a few minutes, read only by you "
                "and your program's coordinators unless you share it.",
                url=reverse("reports:reflection", args=[partnership.pk]),
                partnership=partnership,
                now=now,
            )
            sent += 1
    return sent
