"""A partnership's closing summary, built from what it kept: goals, measures, activities, meetings.

Goals with the mentee's self-assessment at the start and at the end, the success
measures reached, the activities done (and which worked, with what was learned),
the meetings held, and the reflections the reader may read. What the pair wrote
is shown only to readers who may read the plan (``plans.permissions``); others
get the figures.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from mentorplan.meetings.models import Meeting
from mentorplan.plans.models import ActionPlan, LearningActivity, SelfAssessment, SuccessMeasure


@dataclass
class GoalLine:
    goal: object
    first_score: int | None
    last_score: int | None
    measures_reached: list = field(default_factory=list)

    @property
    def moved(self) -> int | None:
        if self.first_score is None or self.last_score is None:
            return None
        return self.last_score - self.first_score


@dataclass
class Summary:
    plan: object
    goals: list
    done: list  # activities done, those that worked first
    activity_counts: dict  # status -> count
    meetings_held: int
    first_meeting: object
    last_meeting: object

    @property
    def goals_kept(self) -> int:
        """Goals not dropped: what "achieved" counts against, as everywhere else."""
        return sum(1 for line in self.goals if line.goal.status != line.goal.Status.DROPPED)

    @property
    def goals_achieved(self) -> int:
        return sum(1 for line in self.goals if line.goal.status == line.goal.Status.ACHIEVED)

    @property
    def measures_reached(self) -> int:
        return sum(len(line.measures_reached) for line in self.goals)


def partnership_summary(partnership, *, now=None) -> Summary:
    """Six queries: the plan, goals, their assessments and measures, activities, meetings."""
    plan = (
        ActionPlan.objects.filter(partnership=partnership)
        .select_related("partnership__cohort__program")
        .first()
    )
    goals, done, counts = [], [], {}
    if plan is not None:
        for goal in plan.goals.prefetch_related(
            Prefetch("assessments", queryset=SelfAssessment.objects.order_by("recorded_at", "pk")),
            Prefetch(
                "measures",
                queryset=SuccessMeasure.objects.filter(achieved_on__isnull=False).order_by(
                    "achieved_on", "pk"
                ),
            ),
        ):
            scores = [a.score for a in goal.assessments.all()]
            goals.append(
                GoalLine(
                    goal,
                    scores[0] if scores else None,
                    scores[-1] if scores else None,
                    list(goal.measures.all()),
                )
            )
        activities = list(plan.activities.order_by("due_on", "pk"))
        for activity in activities:
            counts[activity.status] = counts.get(activity.status, 0) + 1
        done = sorted(
            (a for a in activities if a.status == LearningActivity.Status.DONE),
            key=lambda a: (a.outcome != LearningActivity.Outcome.YES, a.due_on),
        )
    held = Meeting.objects.held(now).filter(partnership=partnership).order_by("starts_at")
    dates = list(held.values_list("starts_at", flat=True))
    return Summary(
        plan=plan,
        goals=goals,
        done=done,
        activity_counts=counts,
        meetings_held=len(dates),
        first_meeting=dates[0] if dates else None,
        last_meeting=dates[-1] if dates else None,
    )
