"""Parts of an action plan. Plans themselves come from ``services.plan_for_mentee``."""

import datetime
from decimal import Decimal

import factory

from mentorplan.plans.models import (
    Barrier,
    Comment,
    Goal,
    LearningActivity,
    LearningObjective,
    Milestone,
    SelfAssessment,
    SuccessMeasure,
)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    statement = factory.Sequence(lambda n: f"Goal number {n}")
    position = factory.LazyAttribute(lambda o: o.plan.goals.count())


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningObjective

    category = LearningObjective.Category.SKILL
    statement = factory.Sequence(lambda n: f"Objective {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningActivity

    kind = LearningActivity.Kind.DOING
    title = factory.Sequence(lambda n: f"Activity {n}")
    effort_amount = Decimal("2")
    effort_unit = LearningActivity.EffortUnit.DAYS
    starts_on = datetime.date(2026, 3, 2)
    due_on = datetime.date(2026, 3, 20)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Milestone {n}")
    date = datetime.date(2026, 4, 1)


class BarrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Barrier

    kind = Barrier.Kind.TIME
    description = "Busy quarter-end"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessMeasure

    description = factory.Sequence(lambda n: f"Measure {n}")


class SelfAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfAssessment

    score = 4


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment on a plan; pass ``plan`` and ``author`` (one of the pair)."""

    class Meta:
        model = Comment

    body = factory.Sequence(lambda n: f"Comment {n}")
