"""What people do with a plan: start, share, edit its parts, sign, comment, ask for help.

Every function here that changes a plan ends, in its own transaction, with
``revision.plan_revise``: the plan's revision rises and the domain signals of
``signals.py`` are sent. ``by`` is the person acting; a domain function trusts
its caller (a view that asked ``permissions.py``) for who may act, and checks
what the change itself must satisfy, as the plan's forms do.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from . import signals
from .editing import EditConflict, Saved, field_values, lock_versioned, save_versioned_part
from .models import (
    MEASURE_TERMS,
    TOP_GOALS,
    ActionPlan,
    Agreement,
    Barrier,
    Comment,
    Expectations,
    Goal,
    HelpRequest,
    LearningActivity,
    LearningObjective,
    MentorSide,
    Milestone,
    PlanVisit,
    SelfAssessment,
    StarterItem,
    SuccessMeasure,
    Suggestion,
)
from .revision import CREATED, DELETED, UPDATED, PartChange, event, plan_revise, plans_revise

# The kinds of part, by the names the views and signals use.
PART_MODELS = {
    "goal": Goal,
    "objective": LearningObjective,
    "activity": LearningActivity,
    "milestone": Milestone,
    "barrier": Barrier,
    "measure": SuccessMeasure,
    "expectations": Expectations,
    "mentor-side": MentorSide,
}


def _as(instance, by):
    """Name ``by`` in the history record of the next save or delete of ``instance``."""
    instance._history_user = by
    return instance


# Starting and sharing --------------------------------------------------------------


def plan_for_mentee(partnership) -> ActionPlan:
    """The partnership's plan, created (from the cohort's starter plan) on first use.

    Only the mentee's first visit starts a plan, so the mentee is who started it.
    """
    try:
        return partnership.plan
    except ActionPlan.DoesNotExist:
        pass
    mentee = partnership.mentee
    try:
        with transaction.atomic():
            plan = _as(ActionPlan(partnership=partnership), mentee)
            plan.save()
            _as(Agreement(plan=plan), mentee).save()
            _as(Expectations(plan=plan), mentee).save()
            _as(MentorSide(plan=plan), mentee).save()
            # Items offered to started plans belong to the starter plan too: a
            # plan started after the offer gets them like the others.
            starters = StarterItem.objects.filter(cohort_id=partnership.cohort_id).order_by("pk")
            changes = [
                PartChange(*_starter_item_put(plan=plan, item=item, by=mentee), announce=False)
                for item in starters
            ]
            plan_revise(
                plan,
                by=mentee,
                changes=changes,
                events=[event(signals.plan_started, plan=plan, by=mentee)],
            )
    except IntegrityError:
        # Two first visits at once: the other request created it.
        plan = ActionPlan.objects.get(partnership=partnership)
    partnership.plan = plan
    return plan


def _starter_item_put(*, plan, item, by) -> tuple[str, str, object]:
    """Put a starter item into a plan as a goal, objective or activity of the mentee's.

    Returns (kind, "created", the new part), for a ``PartChange``.
    """
    if item.kind == StarterItem.Kind.GOAL:
        return "goal", CREATED, _goal_insert(plan=plan, by=by, score=None, statement=item.text)
    if item.kind == StarterItem.Kind.OBJECTIVE:
        objective = LearningObjective(
            plan=plan, statement=item.text, category=item.objective_category
        )
        _as(objective, by).save()
        return "objective", CREATED, objective
    cohort = plan.partnership.cohort
    start = max(cohort.starts_on, timezone.localdate())
    activity = LearningActivity(
        plan=plan,
        kind=item.activity_kind,
        title=item.text,
        effort_amount=1,
        effort_unit=LearningActivity.EffortUnit.DAYS,
        starts_on=start,
        due_on=max(start, cohort.ends_on),
    )
    _as(activity, by).save()
    return "activity", CREATED, activity


@transaction.atomic
def plan_share(*, plan, by) -> ActionPlan:
    """The mentee shares the draft with the mentor."""
    if plan.is_shared:
        raise ValidationError("The plan is already shared.", code="shared")
    plan.status = ActionPlan.Status.SHARED
    plan.shared_at = timezone.now()
    plan.version += 1
    _as(plan, by).save()
    plan_revise(plan, by=by, events=[event(signals.plan_shared, plan=plan, by=by)])
    return plan


@transaction.atomic
def understanding_respond(*, plan, by, confirm: bool, feedback: str) -> ActionPlan:
    """The mentee confirms the mentor's understanding of their goals, or says what is missing."""
    plan.understanding_confirmed_at = timezone.now() if confirm else None
    plan.understanding_feedback = feedback.strip()
    plan.version += 1
    _as(plan, by).save()
    plan_revise(
        plan,
        by=by,
        events=[event(signals.understanding_answered, plan=plan, by=by, confirmed=confirm)],
    )
    return plan


def _understanding_reset(*, plan, by) -> None:
    """The mentor rewrote their understanding: ask the mentee to confirm it again."""
    if plan.understanding_confirmed_at is not None:
        plan.understanding_confirmed_at = None
        plan.version += 1
        _as(plan, by).save()


# Goals -------------------------------------------------------------------------------


def _goal_insert(*, plan, by, score, **fields) -> Goal:
    """A new goal at the end of the priority list, with the mentee's first self-assessment."""
    last = plan.goals.aggregate(m=Max("position"))["m"]
    goal = Goal(plan=plan, position=0 if last is None else last + 1, **fields)
    goal.full_clean()
    _as(goal, by).save()
    if score is not None:
        SelfAssessment.objects.create(goal=goal, score=score)
    return goal


@transaction.atomic
def goal_create(*, plan, by, score, **fields) -> Goal:
    """Add a goal at the end of the priority list, with the mentee's first self-assessment."""
    goal = _goal_insert(plan=plan, by=by, score=score, **fields)
    plan_revise(plan, by=by, changes=[PartChange("goal", CREATED, goal)])
    return goal


def _assessment_add(*, goal, score) -> SelfAssessment | None:
    """A new self-assessment, unless it repeats the latest one."""
    latest = goal.assessments.order_by("-recorded_at", "-pk").first()
    if score is None or (latest is not None and latest.score == score):
        return None
    return SelfAssessment.objects.create(goal=goal, score=score)


@transaction.atomic
def assessment_record(*, goal, by, score) -> SelfAssessment | None:
    """Record a new self-assessment of a goal, unless it repeats the latest one."""
    assessment = _assessment_add(goal=goal, score=score)
    if assessment is not None:
        change = PartChange("goal", UPDATED, goal, before=field_values(goal))
        plan_revise(goal.plan, by=by, changes=[change])
    return assessment


@transaction.atomic
def goal_move(*, goal, by, offset: int) -> None:
    """Move a goal up (-1) or down (+1) in the priority order, renumbering the list."""
    goals = list(
        Goal.objects.select_for_update().filter(plan_id=goal.plan_id).order_by("position", "pk")
    )
    index = next(i for i, g in enumerate(goals) if g.pk == goal.pk)
    target = index + offset
    if not 0 <= target < len(goals):
        return
    moved = goals[index]
    before = field_values(moved)
    goals.insert(target, goals.pop(index))
    for position, g in enumerate(goals):
        if g.position != position:
            g.position = position
            _as(g, by).save(update_fields=["position"])
    change = PartChange(
        "goal", UPDATED, moved, before=before, data={"from": index + 1, "to": target + 1}
    )
    plan_revise(goal.plan, by=by, changes=[change])


def _goal_remove(goal, by) -> None:
    plan_id = goal.plan_id
    _as(goal, by).delete()
    for position, g in enumerate(
        Goal.objects.select_for_update().filter(plan_id=plan_id).order_by("position", "pk")
    ):
        if g.position != position:
            Goal.objects.filter(pk=g.pk).update(position=position)


def top_goals(goals) -> list[Goal]:
    return [g for g in goals if g.position < TOP_GOALS]


# Any part ------------------------------------------------------------------------------


def _is_mentor(plan, by) -> bool:
    return by is not None and by.pk == plan.partnership.mentor_id


@transaction.atomic
def part_save(*, plan, kind, form, by):
    """Save a part from its valid form: a new part, or an edit (EditConflict if stale).

    What a save means beyond the part itself: a goal's self-assessment; a
    success measure added, or redefined, by the mentor is a proposal the
    mentee agrees to (its progress and achieved date are mere updates); a
    mentor who rewrites their understanding asks the mentee to confirm it again.
    """
    data = form.cleaned_data
    if form.instance.pk is None:
        if kind == "goal":
            fields = {f: data[f] for f in form._meta.fields}
            part = _goal_insert(plan=plan, by=by, score=data["score"], **fields)
            saved = Saved(part, None)
        elif kind == "measure":
            by_mentor = _is_mentor(plan, by)
            proposed_by = SuccessMeasure.ProposedBy
            saved = save_versioned_part(
                form,
                _history_user=by,
                proposed_by=proposed_by.MENTOR if by_mentor else proposed_by.MENTEE,
                agreed=not by_mentor,
            )
        else:
            saved = save_versioned_part(form, _history_user=by, plan=plan)
    else:

        def prepare(part, before):
            _edit_meaning(plan=plan, kind=kind, part=part, before=before, by=by)

        # ``_history_user`` names the editor in the part's history record.
        saved = save_versioned_part(form, prepare=prepare, _history_user=by)
        if kind == "goal":
            _assessment_add(goal=saved.part, score=data.get("score"))
    action = CREATED if saved.before is None else UPDATED
    plan_revise(plan, by=by, changes=[PartChange(kind, action, saved.part, before=saved.before)])
    return saved.part


def _edit_meaning(*, plan, kind, part, before, by) -> None:
    """What an edit means beyond its fields, set just before the part is saved.

    A success measure the mentor redefines (its goal, wording or target) is
    their proposal again, for the mentee to agree to; its progress and achieved
    date are mere updates. A mentor who rewrites their understanding asks the
    mentee to confirm it again: the mentee confirmed the earlier words.
    """
    if kind == "measure" and _is_mentor(plan, by):
        if any(before[t] != getattr(part, t) for t in MEASURE_TERMS):
            part.agreed = False
            part.proposed_by = SuccessMeasure.ProposedBy.MENTOR
            # Their new terms are what they propose now, instead of removing it.
            part.removal_proposed_at = None
    elif kind == "mentor-side" and part.understanding != before["understanding"]:
        _understanding_reset(plan=plan, by=by)


@transaction.atomic
def part_update(*, plan, kind, part, by, expected_version, **changes):
    """Set some fields of a part, validated as its form would, with the version check.

    Raises EditConflict when the part changed since ``expected_version`` (None:
    no check), ValidationError (by field) when the result is not a valid part.
    """
    current = lock_versioned(part, expected_version)
    before = field_values(current)
    goal = changes.get("goal")
    if goal is not None and goal.plan_id != plan.pk:
        raise ValidationError({"goal": ValidationError("Choose a goal of this plan.", code="plan")})
    for name, value in changes.items():
        setattr(current, name, value)
    current.full_clean()
    _edit_meaning(plan=plan, kind=kind, part=current, before=before, by=by)
    current.version += 1
    _as(current, by).save()
    plan_revise(plan, by=by, changes=[PartChange(kind, UPDATED, current, before=before)])
    return current


def part_removal_is_proposal(*, plan, kind, part, by) -> bool:
    """Whether ``by`` removing ``part`` only proposes its removal (see ``part_delete``).

    A measure once agreed stays the pair's even after the mentor rewords it into a
    proposal of their own again: otherwise rewording it first, then deleting it,
    would remove an agreed measure alone (one query, only for the mentor).
    """
    if kind != "measure" or not _is_mentor(plan, by):
        return False
    return part.agreed or part.history.filter(agreed=True).exists()


@transaction.atomic
def part_delete(*, plan, kind, part, by) -> bool:
    """Remove a part of the plan (a goal takes its success measures with it).

    A success measure both have agreed on is not the mentor's to remove alone,
    as it is not theirs to redefine alone: their removal is a proposal, and the
    measure stays, and counts, until the mentee answers it
    (``measure_removal_decide``). Their own proposal never agreed is theirs to
    withdraw. Returns True when the part is removed, False when proposed.
    """
    if kind == "measure" and _is_mentor(plan, by):
        part = lock_versioned(part, None)  # agreed now, not when the page was drawn
        if part_removal_is_proposal(plan=plan, kind=kind, part=part, by=by):
            _measure_removal_propose(plan=plan, measure=part, by=by)
            return False
    before = field_values(part)
    pk = part.pk
    if kind == "goal":
        _goal_remove(part, by)
    else:
        _as(part, by).delete()
    part.pk = pk  # receivers are told which part it was
    plan_revise(plan, by=by, changes=[PartChange(kind, DELETED, part, before=before)])
    return True


def _measure_removal_propose(*, plan, measure, by) -> None:
    """Mark a locked measure as proposed for removal; proposed already, nothing changes."""
    if measure.removal_proposed_at is not None:
        return
    before = field_values(measure)
    measure.removal_proposed_at = timezone.now()
    measure.version += 1
    _as(measure, by).save()
    plan_revise(plan, by=by, changes=[PartChange("measure", UPDATED, measure, before=before)])


@transaction.atomic
def measure_removal_decide(
    *, plan, measure, by, expected_version, remove: bool
) -> SuccessMeasure | None:
    """Answer the mentor's proposal to remove a success measure: remove it, or keep it.

    The mentee removes it or keeps it; the mentor keeps it too (withdraws the
    proposal). Raises EditConflict when the measure changed since
    ``expected_version`` (None: no check), or when no removal is proposed any
    more: the person answers what they saw. Returns the measure kept, or None.
    """
    current = lock_versioned(measure, expected_version)
    if current.removal_proposed_at is None:
        raise EditConflict(current)
    if remove:
        # The mentor's "remove" stays their proposal (``part_delete``).
        removed = part_delete(plan=plan, kind="measure", part=current, by=by)
        return None if removed else current
    before = field_values(current)
    current.removal_proposed_at = None
    current.version += 1
    _as(current, by).save()
    plan_revise(plan, by=by, changes=[PartChange("measure", UPDATED, current, before=before)])
    return current


@transaction.atomic
def measure_agree(*, plan, measure, by, expected_version) -> SuccessMeasure:
    """The mentee agrees to a success measure the mentor proposed."""
    return part_update(
        plan=plan,
        kind="measure",
        part=measure,
        by=by,
        expected_version=expected_version,
        agreed=True,
    )


# What the meetings app changes from a meeting ----------------------------------------------


@transaction.atomic
def activity_status_set(
    *, activity, status, by, expected_version, outcome=None, lessons=""
) -> LearningActivity:
    """Set a learning activity's status: the one-click change of a meeting's checklist.

    Once done or skipped, an activity says whether it worked (``outcome``,
    required, as the model's clean() says) and what was learned. ``outcome``
    None and empty ``lessons`` keep what the activity already records while it
    stays finished; back to planned or in progress, both are cleared, as an
    unfinished activity has no outcome (its history keeps them).
    Raises EditConflict or ValidationError as ``part_update``.
    """
    finished = status in (LearningActivity.Status.DONE, LearningActivity.Status.SKIPPED)
    if status not in LearningActivity.Status.values:
        raise ValidationError(
            {"status": ValidationError("Choose a status of the list.", code="invalid_choice")}
        )
    changes = {"status": status}
    if finished:
        if outcome is not None:
            changes["outcome"] = outcome
        if lessons.strip():
            changes["lessons"] = lessons.strip()
    elif outcome or lessons.strip():
        # Say so, as the form does, rather than dropping what was given.
        changes.update(outcome=outcome or "", lessons=lessons.strip())
    else:
        changes.update(outcome="", lessons="")
    return part_update(
        plan=activity.plan,
        kind="activity",
        part=activity,
        by=by,
        expected_version=expected_version,
        **changes,
    )


@transaction.atomic
def measure_progress_set(
    *, measure, by, expected_version, progress=None, achieved_on=None
) -> SuccessMeasure:
    """Note a success measure's progress, or the day it was reached (celebrated).

    None leaves a field as it is. Progress is not a change of what the measure
    is, so a mentor's note needs no agreement. Raises EditConflict or
    ValidationError as ``part_update``.
    """
    changes = {}
    if progress is not None:
        changes["progress"] = progress.strip()
    if achieved_on is not None:
        changes["achieved_on"] = achieved_on
    return part_update(
        plan=measure.goal.plan,
        kind="measure",
        part=measure,
        by=by,
        expected_version=expected_version,
        **changes,
    )


@transaction.atomic
def activity_create(
    *,
    plan,
    by,
    kind,
    title,
    effort_amount,
    effort_unit,
    starts_on,
    due_on,
    goal=None,
    description="",
) -> LearningActivity:
    """Add a learning activity to the plan (from a meeting's action item, say).

    Validated as the activity form is: a kind and unit of the lists, an effort
    of 0.5 to 999, a due date on or after the start, a goal of this plan.
    Raises ValidationError by field.
    """
    activity = LearningActivity(
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        goal=goal,
        effort_amount=effort_amount,
        effort_unit=effort_unit,
        starts_on=starts_on,
        due_on=due_on,
    )
    return part_create(plan=plan, kind="activity", part=activity, by=by)


@transaction.atomic
def part_create(*, plan, kind, part, by):
    """Add a part built by the caller (a script, another app), validated as its form would be.

    The part is taken as built: a success measure's ``proposed_by`` and
    ``agreed`` are the caller's to set. Raises ValidationError by field.
    """
    goal_id = getattr(part, "goal_id", None)
    if goal_id is not None and not Goal.objects.filter(pk=goal_id, plan=plan).exists():
        raise ValidationError({"goal": ValidationError("Choose a goal of this plan.", code="plan")})
    if kind != "measure":
        part.plan = plan
    part.full_clean()
    _as(part, by).save()
    plan_revise(plan, by=by, changes=[PartChange(kind, CREATED, part)])
    return part


# Visits, comments, help ------------------------------------------------------------------


def visit_record(*, plan, user) -> PlanVisit:
    """Note this visit and keep the one before: "new since your last visit" uses it.

    One query: an insert that updates the row when there is one. The time of
    the visit before comes with the plan (``reader_seen_at`` of
    ``selectors.plans_for_reader``). Two opens at the same moment both keep the
    same earlier visit, which is what either reader saw. A visit is the
    reader's, not the plan's: it does not raise the plan's revision.
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


@transaction.atomic
def comment_add(*, plan, author, body, goal=None, activity=None) -> Comment:
    body = body.strip()
    if not body:
        raise ValidationError({"body": ValidationError("Write a comment first.", code="required")})
    comment = Comment.objects.create(
        plan=plan, author=author, body=body, goal=goal, activity=activity
    )
    plan_revise(plan, by=author, events=[event(signals.comment_added, comment=comment)])
    return comment


@transaction.atomic
def help_request_raise(*, plan, user, message, barrier=None) -> HelpRequest:
    help_request = HelpRequest.objects.create(
        plan=plan, raised_by=user, message=message.strip(), barrier=barrier
    )
    plan_revise(plan, by=user, events=[event(signals.help_requested, help_request=help_request)])
    return help_request


@transaction.atomic
def help_request_answer(*, help_request, user, answer) -> HelpRequest:
    """Answer the request; an answer to one marked handled replaces "handled".

    Written whatever another coordinator did meanwhile: an answer is never lost,
    and "handled" never overwrites one (``help_request_handle``).
    """
    help_request.answer = answer.strip()
    help_request.answered_by = user
    help_request.answered_at = timezone.now()
    help_request.handled_by = None
    help_request.handled_at = None
    help_request.save(
        update_fields=["answer", "answered_by", "answered_at", "handled_by", "handled_at"]
    )
    plan_revise(
        help_request.plan,
        by=user,
        events=[event(signals.help_answered, help_request=help_request, by=user)],
    )
    return help_request


HELP_STATE_FIELDS = ["answer", "answered_by", "answered_at", "handled_by", "handled_at"]


@transaction.atomic
def help_request_handle(*, help_request, user) -> bool:
    """Mark a waiting request handled: a coordinator dealt with it without writing an answer.

    Claimed with a conditional update, so a request answered or handled since the
    page was drawn is left as it is (False), and ``help_request`` is read again
    to say what happened instead. Nobody is told: there is no answer to send, and
    the person who asked reads "dealt with" on the request.
    """
    claimed = (
        HelpRequest.objects.filter(pk=help_request.pk)
        .waiting()
        .update(handled_at=timezone.now(), handled_by=user)
    )
    help_request.refresh_from_db(fields=HELP_STATE_FIELDS)
    if claimed:
        plan_revise(help_request.plan, by=user)
    return bool(claimed)


@transaction.atomic
def help_request_reopen(*, help_request, user) -> bool:
    """Put a handled request back among the waiting ones; False when it was not handled."""
    reopened = HelpRequest.objects.filter(pk=help_request.pk, handled_at__isnull=False).update(
        handled_at=None, handled_by=None
    )
    help_request.refresh_from_db(fields=HELP_STATE_FIELDS)
    if reopened:
        plan_revise(help_request.plan, by=user)
    return bool(reopened)


# Starter plans -------------------------------------------------------------------------


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
    plans = list(
        ActionPlan.objects.filter(partnership__cohort=cohort, partnership__status="active")
    )
    Suggestion.objects.bulk_create(
        [Suggestion(plan=p, item=item) for p in plans], ignore_conflicts=True
    )
    plans_revise(
        [p.pk for p in plans], events=[event(signals.suggestions_offered, item=item, plans=plans)]
    )
    return len(plans)


@transaction.atomic
def starter_item_remove(*, item) -> None:
    """Remove an item from a starter plan; offers not yet answered are withdrawn with it.

    Plans that accepted it keep what it added.
    """
    pending = Suggestion.objects.filter(item=item, status=Suggestion.Status.PENDING)
    plans_revise(list(pending.values_list("plan_id", flat=True)))
    item.delete()


@transaction.atomic
def suggestion_decide(*, suggestion, by, accept: bool) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise ValidationError("This suggestion has already been answered.", code="decided")
    changes = []
    if accept:
        changes.append(
            PartChange(*_starter_item_put(plan=suggestion.plan, item=suggestion.item, by=by))
        )
    suggestion.status = Suggestion.Status.ACCEPTED if accept else Suggestion.Status.DISMISSED
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    plan_revise(suggestion.plan, by=by, changes=changes)
    return suggestion
