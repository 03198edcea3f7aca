"""Programs for the reminder tests, dated from a fixed clock rather than from today."""

from datetime import timedelta

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import ActionPlan
from mentorplan.plans.tests.factories import ActivityFactory
from mentorplan.programs.tests.factories import CohortFactory, ProgramFactory


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


def shared_plan(partnership, shared_at):
    plan = plan_services.plan_for_mentee(partnership)
    plan_services.plan_share(plan=plan, by=partnership.mentee)
    ActionPlan.objects.filter(pk=plan.pk).update(shared_at=shared_at)
    plan.refresh_from_db()
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
    return plan
