"""Scenes for the reports: pairs at a known step, with known figures, seen at a known moment.

A ``Scene`` is a cohort and the moment it is looked at (``now``); every date of
a pair is given in days before (or after) that moment, so a test reads like
the rule it checks ("shared 16 days ago, nobody signed").
"""

import datetime
from dataclasses import dataclass

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings.models import CheckIn, Meeting
from mentorplan.meetings.tests.factories import MeetingFactory
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import ActionPlan, Agreement, Expectations, HelpRequest
from mentorplan.programs.tests.factories import CohortFactory
from mentorplan.reports.models import Nudge

# A Friday at noon, UTC (the test settings' time zone): days count without surprises.
NOW = datetime.datetime(2026, 5, 15, 12, 0, tzinfo=datetime.UTC)


def cohort_for(program, *, now=NOW, began_days_ago=120, **kwargs):
    """A cohort that began well before ``now``, so that each pair's own start counts."""
    today = now.date()
    return CohortFactory(
        program=program,
        starts_on=today - datetime.timedelta(days=began_days_ago),
        ends_on=today + datetime.timedelta(days=200),
        **kwargs,
    )


@dataclass
class Scene:
    cohort: object
    now: datetime.datetime = NOW

    @property
    def today(self) -> datetime.date:
        return self.now.date()

    def ago(self, days) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days)

    def pair(
        self,
        *,
        mentee=None,
        mentor=None,
        began=60,
        plan=True,
        shared=None,
        mentee_signed=None,
        mentor_signed=None,
        frequency="",
        held=(),
        coming=(),
    ):
        """A partnership that began ``began`` days ago; the other dates are days ago too.

        ``held`` and ``coming`` are the meetings held (days ago) and planned (days
        ahead); ``frequency`` the rhythm the pair agreed in their plan.
        """
        partnership = PartnershipFactory(
            cohort=self.cohort,
            mentee=_person(mentee),
            mentor=_person(mentor),
            started_on=self.today - datetime.timedelta(days=began),
        )
        if plan:
            made = plan_services.plan_for_mentee(partnership)
            if shared is not None:
                ActionPlan.objects.filter(pk=made.pk).update(
                    status=ActionPlan.Status.SHARED, shared_at=self.ago(shared)
                )
            Agreement.objects.filter(plan=made).update(
                mentee_signed_at=None if mentee_signed is None else self.ago(mentee_signed),
                mentor_signed_at=None if mentor_signed is None else self.ago(mentor_signed),
            )
            Expectations.objects.filter(plan=made).update(meeting_frequency=frequency)
        for days in held:
            self.meeting(partnership, -days)
        for days in coming:
            self.meeting(partnership, days)
        partnership.refresh_from_db()
        return partnership

    def on_track(self, **kwargs):
        """A pair doing everything in time: shared, signed, meeting every fortnight or so."""
        values = {
            "began": 60,
            "shared": 50,
            "mentee_signed": 45,
            "mentor_signed": 44,
            "held": (40, 7),
            "coming": (7,),
        }
        return self.pair(**(values | kwargs))

    def meeting(self, partnership, days, **kwargs):
        """A meeting ``days`` from now (negative: held that many days ago)."""
        return MeetingFactory(
            partnership=partnership, starts_at=self.now + datetime.timedelta(days=days), **kwargs
        )

    def check_in(self, partnership, usefulness, *, days_ago, author=None):
        """A check-in on a meeting held that day (one meeting each, so authors never clash)."""
        meeting = Meeting.objects.filter(
            partnership=partnership, starts_at=self.ago(days_ago)
        ).first() or self.meeting(partnership, -days_ago)
        return CheckIn.objects.create(
            meeting=meeting,
            author=author or partnership.mentee,
            usefulness=usefulness,
            at=self.ago(days_ago),
        )

    def help_request(self, partnership, *, days_ago, answered=False):
        plan = ActionPlan.objects.get(partnership=partnership)
        return HelpRequest.objects.create(
            plan=plan,
            raised_by=partnership.mentee,
            message="We cannot find a time that suits us both.",
            raised_at=self.ago(days_ago),
            answered_at=self.ago(days_ago - 1) if answered else None,
        )

    def nudge(self, partnership, *, days_ago, by=None):
        return Nudge.objects.create(
            partnership=partnership, sent_by=by, sent_at=self.ago(days_ago), message="Hello both"
        )


def _person(name):
    if name is None:
        return UserFactory()
    if not isinstance(name, str):
        return name  # a user already
    return UserFactory(display_name=name)


def reading_in_utc(user):
    """The user, reading dates in UTC as the scenes count them.

    The pages count days where the reader lives: in London a pair paired 25 UTC
    days ago is 26 days old after 23:00 UTC in summer, or across a change of clock.
    """
    user.time_zone = "UTC"
    user.save(update_fields=["time_zone"])
    return user


def plan_of(partnership):
    return ActionPlan.objects.get(partnership=partnership)
