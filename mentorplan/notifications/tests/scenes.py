"""Programs for the reminder tests, dated from a fixed clock rather than from today."""

from datetime import timedelta

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.notifications.kinds import KINDS, Family
from mentorplan.notifications.models import Delivery, Notification
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import ActionPlan
from mentorplan.plans.tests.factories import ActivityFactory
from mentorplan.programs.tests.factories import CohortFactory, ProgramFactory

EVENT_KINDS = [name for name, kind in KINDS.items() if kind.family == Family.EVENTS]


def cohort_from(now, *, days_in, length=280, **kwargs):
    today = now.date()
    return CohortFactory(
        program=kwargs.pop("program", None) or ProgramFactory(),
        starts_on=today - timedelta(days=days_in),
        ends_on=today - timedelta(days=days_in) + timedelta(days=length),
        **kwargs,
    )


def pair(cohort, mentee_name, mentor=None, *, zone="Europe/London", started_on=None):
    slug = mentee_name.lower().replace(" ", ".")
    mentee = UserFactory(email=f"{slug}@example.org", display_name=mentee_name, time_zone=zone)
    mentor = mentor or UserFactory(
        email=f"mentor.of.{slug}@example.org", display_name=f"Mentor of {mentee_name}"
    )
    return PartnershipFactory(
        cohort=cohort, mentor=mentor, mentee=mentee, started_on=started_on or cohort.starts_on
    )


def told_long_ago(partnership):
    """The scene's past: what the pair was told as it happened is long read and sent.

    Sharing and signing in a scene tell the partner at once (receivers.py); a
    reminder test starts later, so those notifications and their email are gone.
    """
    told = Notification.objects.filter(partnership=partnership, kind__in=EVENT_KINDS)
    deliveries = set(told.values_list("delivery_id", flat=True))
    told.delete()
    Delivery.objects.filter(pk__in=deliveries, notifications__isnull=True).delete()


def shared_plan(partnership, shared_at):
    plan = plan_services.plan_for_mentee(partnership)
    plan_services.plan_share(plan=plan, by=partnership.mentee)
    ActionPlan.objects.filter(pk=plan.pk).update(shared_at=shared_at)
    plan.refresh_from_db()
    told_long_ago(partnership)
    return plan


def activity(plan, title, due_on, **kwargs):
    return ActivityFactory(
        plan=plan, title=title, starts_on=due_on - timedelta(days=10), due_on=due_on, **kwargs
    )


def sign_both(plan):
    terms = agreement_terms(plan)
    partnership = plan.partnership
    agreement_sign(
        plan=plan,
        by=partnership.mentee,
        role="mentee",
        name=partnership.mentee.display_name,
        terms=terms,
    )
    agreement_sign(
        plan=plan,
        by=partnership.mentor,
        role="mentor",
        name=partnership.mentor.display_name,
        terms=terms,
    )
    told_long_ago(partnership)
    return plan
