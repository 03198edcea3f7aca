"""What people do with a plan: start, share, reorder, assess, sign, comment, ask for help."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from .models import (
    TOP_GOALS,
    ActionPlan,
    Agreement,
    Comment,
    Expectations,
    Goal,
    HelpRequest,
    LearningActivity,
    LearningObjective,
    MentorSide,
    PlanVisit,
    SelfAssessment,
    StarterItem,
    Suggestion,
)


def plan_for_mentee(partnership) -> ActionPlan:
    """The partnership's plan, created (from the cohort's starter plan) on first use."""
    try:
        return partnership.plan
    except ActionPlan.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(partnership=partnership)
            Agreement.objects.create(plan=plan)
            Expectations.objects.create(plan=plan)
            MentorSide.objects.create(plan=plan)
            # Items offered to started plans belong to the starter plan too: a
            # plan started after the offer gets them like the others.
            for item in StarterItem.objects.filter(cohort_id=partnership.cohort_id).order_by("pk"):
                starter_item_apply(plan=plan, item=item)
    except IntegrityError:
        # Two first visits at once: the other request created it.
        plan = ActionPlan.objects.get(partnership=partnership)
    partnership.plan = plan
    return plan


def starter_item_apply(*, plan, item) -> None:
    """Put a starter item into a plan as a goal, objective or activity of the mentee's."""
    if item.kind == StarterItem.Kind.GOAL:
        goal_create(plan=plan, statement=item.text, score=None)
    elif item.kind == StarterItem.Kind.OBJECTIVE:
        LearningObjective.objects.create(
            plan=plan, statement=item.text, category=item.objective_category
        )
    else:
        cohort = plan.partnership.cohort
        start = max(cohort.starts_on, timezone.localdate())
        LearningActivity.objects.create(
            plan=plan,
            kind=item.activity_kind,
            title=item.text,
            effort_amount=1,
            effort_unit=LearningActivity.EffortUnit.DAYS,
            starts_on=start,
            due_on=max(start, cohort.ends_on),
        )


def plan_share(*, plan) -> ActionPlan:
    if plan.is_shared:
        raise ValidationError("The plan is already shared.", code="shared")
    plan.status = ActionPlan.Status.SHARED
    plan.shared_at = timezone.now()
    plan.version += 1
    plan.save()
    return plan


def understanding_respond(*, plan, confirm: bool, feedback: str) -> ActionPlan:
    """The mentee confirms the mentor's understanding of their goals, or says what is missing."""
    plan.understanding_confirmed_at = timezone.now() if confirm else None
    plan.understanding_feedback = feedback.strip()
    plan.version += 1
    plan.save()
    return plan


def understanding_reset(*, plan) -> None:
    """The mentor rewrote their understanding: ask the mentee to confirm it again."""
    if plan.understanding_confirmed_at is not None:
        plan.understanding_confirmed_at = None
        plan.version += 1
        plan.save()


# What a success measure is; its progress and achieved date are mere updates.
MEASURE_TERMS = {"goal", "description", "target"}


@transaction.atomic
def goal_create(*, plan, score, **fields) -> Goal:
    """Add a goal at the end of the priority list, with the mentee's first self-assessment."""
    last = plan.goals.aggregate(m=Max("position"))["m"]
    goal = Goal(plan=plan, position=0 if last is None else last + 1, **fields)
    goal.full_clean()
    goal.save()
    if score is not None:
        SelfAssessment.objects.create(goal=goal, score=score)
    return goal


def assessment_record(*, goal, score) -> SelfAssessment | None:
    """Record a new self-assessment, unless it repeats the latest one."""
    latest = goal.assessments.order_by("-recorded_at", "-pk").first()
    if score is None or (latest is not None and latest.score == score):
        return None
    return SelfAssessment.objects.create(goal=goal, score=score)


@transaction.atomic
def goal_move(*, goal, offset: int) -> None:
    """Move a goal up (-1) or down (+1) in the priority order, renumbering the list."""
    goals = list(
        Goal.objects.select_for_update().filter(plan_id=goal.plan_id).order_by("position", "pk")
    )
    index = next(i for i, g in enumerate(goals) if g.pk == goal.pk)
    target = index + offset
    if not 0 <= target < len(goals):
        return
    goals.insert(target, goals.pop(index))
    for position, g in enumerate(goals):
        if g.position != position:
            g.position = position
            g.save(update_fields=["position"])


@transaction.atomic
def goal_delete(*, goal) -> None:
    plan_id = goal.plan_id
    goal.delete()
    for position, g in enumerate(
        Goal.objects.select_for_update().filter(plan_id=plan_id).order_by("position", "pk")
    ):
        if g.position != position:
            Goal.objects.filter(pk=g.pk).update(position=position)


def top_goals(goals) -> list[Goal]:
    return [g for g in goals if g.position < TOP_GOALS]


def visit_record(*, plan, user) -> PlanVisit:
    """Note this visit and keep the one before: "new since your last visit" uses it.

    One query: an insert that updates the row when there is one. The time of
    the visit before comes with the plan (``reader_seen_at`` of
    ``selectors.plans_for_reader``). Two opens at the same moment both keep the
    same earlier visit, which is what either reader saw.
    """
    visit = PlanVisit(
        plan=plan, user=user, seen_at=timezone.now(), previous_seen_at=plan.reader_seen_at
    )
    PlanVisit.objects.bulk_create(
        [visit],
        update_conflicts=True,
        unique_fields=["plan", "user"],
        update_fields=["seen_at", "previous_seen_at"],
    )
    return visit


def comment_add(*, plan, author, body, goal=None, activity=None) -> Comment:
    body = body.strip()
    if not body:
        raise ValidationError({"body": ValidationError("Write a comment first.", code="required")})
    return Comment.objects.create(plan=plan, author=author, body=body, goal=goal, activity=activity)


def help_request_raise(*, plan, user, message, barrier=None) -> HelpRequest:
    return HelpRequest.objects.create(
        plan=plan, raised_by=user, message=message.strip(), barrier=barrier
    )


def help_request_answer(*, help_request, user, answer) -> HelpRequest:
    help_request.answer = answer.strip()
    help_request.answered_by = user
    help_request.answered_at = timezone.now()
    help_request.save(update_fields=["answer", "answered_by", "answered_at"])
    return help_request


@transaction.atomic
def starter_item_add(*, cohort, item, offer_to_existing: bool) -> int:
    """Add an item to a cohort's starter plan; optionally offer it to the plans already begun.

    Returns how many plans it was offered to.
    """
    item.cohort = cohort
    item.offered_later = offer_to_existing
    item.full_clean()
    item.save()
    if not offer_to_existing:
        return 0
    plans = ActionPlan.objects.filter(partnership__cohort=cohort, partnership__status="active")
    Suggestion.objects.bulk_create(
        [Suggestion(plan=p, item=item) for p in plans], ignore_conflicts=True
    )
    return plans.count()


@transaction.atomic
def suggestion_decide(*, suggestion, accept: bool) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError("This suggestion has already been answered.", code="decided")
    if accept:
        starter_item_apply(plan=suggestion.plan, item=suggestion.item)
    suggestion.status = Suggestion.Status.ACCEPTED if accept else Suggestion.Status.DISMISSED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    return suggestion
