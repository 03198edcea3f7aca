"""The weekly digests, sent on Monday morning in the reader's zone.

- **Mentor**: for each active mentee, where their plan stands (shared or not, goals
  achieved, activities done, the agreement), what changed in the past week (the
  plan's history, in sentences, for shared plans only), and what is due in the week
  ahead or overdue.
- **Coordinator**: for each running cohort they run, the requests for help raised
  in the past week and those still unanswered, plans not yet shared past the
  cohort's nudge, and agreements not signed by both; by counts and names, never
  the pair's words.

The run queues one digest email per person per week (its key is the kind and the
Monday); the email is written when it is sent, and not sent when there is
nothing to report.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from mentorplan.partnerships.models import Partnership
from mentorplan.plans.changes import plan_changes
from mentorplan.plans.models import ActionPlan, HelpRequest, LearningActivity
from mentorplan.programs.models import Cohort, Program
from mentorplan.programs.permissions import cohorts_coordinated_by

from .clock import zone_of
from .models import CohortReminderSettings, Delivery
from .reminders import OPEN_ACTIVITY

WEEK = timedelta(days=7)
CHANGES_SHOWN = 5


def _week_of(data):
    return datetime.fromisoformat(data["week"]).date()


def _week_start(user, week):
    """The moment the digest's week began: the Monday before, at the reader's midnight."""
    return datetime.combine(week - WEEK, time(0), zone_of(user))


def mentor_digest(user, data, now) -> dict | None:
    week = _week_of(data)
    since = _week_start(user, week)
    partnerships = list(
        Partnership.objects.active()
        .filter(mentor=user)
        .select_related("mentee", "cohort", "plan__agreement")
        .order_by("mentee__display_name", "pk")
    )
    mentees = []
    for partnership in partnerships:
        plan = getattr(partnership, "plan", None)
        shared = plan is not None and plan.is_shared
        row = {"partnership": partnership, "plan": plan, "shared": shared}
        if shared:
            # Named apart from the relations: an aggregate called "goals" would make
            # the filter's goals__status a lookup on that count (FieldError).
            counts = ActionPlan.objects.filter(pk=plan.pk).aggregate(
                n_goals=Count("goals", distinct=True),
                n_achieved=Count("goals", filter=Q(goals__status="achieved"), distinct=True),
                n_activities=Count("activities", distinct=True),
                n_done=Count("activities", filter=Q(activities__status="done"), distinct=True),
            )
            counts = {name.removeprefix("n_"): value for name, value in counts.items()}
            changes = plan_changes(plan, since)
            due = list(
                LearningActivity.objects.filter(
                    plan=plan, status__in=OPEN_ACTIVITY, due_on__lte=week + WEEK
                ).order_by("due_on", "pk")
            )
            agreement = plan.agreement
            row |= {
                "counts": counts,
                "changes": changes[:CHANGES_SHOWN],
                "more_changes": max(len(changes) - CHANGES_SHOWN, 0),
                "due": [a for a in due if a.due_on >= week],
                "overdue": [a for a in due if a.due_on < week],
                "signed_by_both": bool(agreement.mentee_signed_at and agreement.mentor_signed_at),
                "plan_url": reverse("plans:plan-detail", args=[partnership.pk]),
                "changes_url": reverse("plans:plan-changes", args=[partnership.pk])
                + f"?since={(week - WEEK).isoformat()}",
            }
        mentees.append(row)
    if not mentees:
        return None
    return {
        "subject": f"Your mentees this week ({week:%-d %B})",
        "week": week,
        "mentees": mentees,
    }


def coordinator_digest(user, data, now) -> dict | None:
    week = _week_of(data)
    since = _week_start(user, week)
    today = timezone.localtime(now, zone_of(user)).date()
    cohorts = list(
        cohorts_coordinated_by(user)
        .filter(starts_on__lte=today, ends_on__gte=today)
        .select_related("program")
        .order_by("program__name", "starts_on", "pk")
    )
    nudges = dict(CohortReminderSettings.objects.values_list("cohort_id", "nudge_after_days"))
    rows = []
    for cohort in cohorts:
        help_requests = HelpRequest.objects.filter(plan__partnership__cohort=cohort)
        after = nudges.get(cohort.pk, settings.NOTIFICATION_NUDGE_AFTER_DAYS)
        active = Partnership.objects.active().filter(cohort=cohort)
        nudge_from = today - timedelta(days=after)
        unshared = list(
            active.filter(Q(plan__isnull=True) | Q(plan__status=ActionPlan.Status.DRAFT))
            .filter(started_on__lte=nudge_from)
            .select_related("mentor", "mentee")
            .order_by("mentee__display_name")
        )
        if cohort.starts_on > nudge_from:
            unshared = []
        unsigned = (
            active.filter(plan__status=ActionPlan.Status.SHARED)
            .filter(
                Q(plan__agreement__mentee_signed_at__isnull=True)
                | Q(plan__agreement__mentor_signed_at__isnull=True)
            )
            .count()
        )
        row = {
            "cohort": cohort,
            "new_help": list(
                help_requests.filter(raised_at__gte=since)
                .select_related("raised_by", "plan__partnership")
                .order_by("raised_at")
            ),
            "unanswered": help_requests.waiting().count(),
            "unshared": unshared,
            "unsigned": unsigned,
            "active": active.count(),
            "cohort_url": cohort.get_absolute_url(),
        }
        if row["new_help"] or row["unanswered"] or row["unshared"] or row["unsigned"]:
            rows.append(row)
    if not rows:
        return None
    return {"subject": f"Your cohorts this week ({week:%-d %B})", "week": week, "cohorts": rows}


BUILDERS = {"digest_mentor": mentor_digest, "digest_coordinator": coordinator_digest}


def digests_queue(people, now) -> int:
    """Queue this week's digests for mentors and coordinators whose Monday morning has come."""
    mentors = (
        Partnership.objects.active()
        .values_list("mentor_id", "mentor__time_zone")
        .distinct()
        .order_by()
    )
    running = Cohort.objects.filter(ends_on__gte=now.date() - timedelta(days=1))
    coordinators = set(
        Program.coordinators.through.objects.filter(program__cohorts__in=running).values_list(
            "user_id", "user__time_zone"
        )
    )
    coordinators |= set(
        running.filter(memberships__role="coordinator").values_list(
            "memberships__user_id", "memberships__user__time_zone"
        )
    )
    emails = []
    for kind, people_of in (("digest_mentor", set(mentors)), ("digest_coordinator", coordinators)):
        for user_id, zone in people_of:
            today, morning = people.today(zone)
            if not morning or today.weekday() != 0:
                continue
            emails.append(
                Delivery(
                    recipient_id=user_id,
                    kind=kind,
                    key=f"{kind}:{today.isoformat()}",
                    data={"week": today.isoformat()},
                    send_after=now,
                    created_at=now,
                )
            )
    # Queued once a week: the key (kind and Monday) makes a second run add nothing.
    Delivery.objects.bulk_create(emails, batch_size=1000, ignore_conflicts=True)
    return len(emails)
