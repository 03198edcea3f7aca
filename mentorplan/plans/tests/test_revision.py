"""The write funnel: every write path raises the plan's revision once and sends its signals once.

Each test takes one path (a view, or a domain function without HTTP), and
asserts the exact signals sent, with their arguments, and that the revision
rose by one. ``caught`` records every domain signal of ``signals.py``.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.dispatch import Signal
from django.urls import reverse

from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services, signals
from mentorplan.plans.agreement import agreement_terms
from mentorplan.plans.models import (
    ActionPlan,
    Comment,
    Goal,
    HelpRequest,
    MentorSide,
    StarterItem,
)

from .factories import (
    ActivityFactory,
    BarrierFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
)
from .test_parts import _valid

SIGNALS = {name: value for name, value in vars(signals).items() if isinstance(value, Signal)}


@pytest.fixture
def caught():
    """(signal name, arguments) of every domain signal sent, in order."""
    sent = []
    receivers = {}
    for name, signal in SIGNALS.items():

        def receiver(sender, signal, name=name, **kwargs):
            sent.append((name, kwargs))

        receivers[name] = receiver
        signal.connect(receiver, weak=False, dispatch_uid=f"test-{name}")
    yield sent
    for name, signal in SIGNALS.items():
        signal.disconnect(dispatch_uid=f"test-{name}")


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=world.mentee)
    return plan


@pytest.fixture
def goal(plan):
    return GoalFactory(plan=plan, statement="Lead a team meeting")


def revision(plan):
    return ActionPlan.objects.values_list("revision", flat=True).get(pk=plan.pk)


def names(caught):
    return [name for name, _ in caught]


def url(world, name, *args):
    return reverse(f"plans:{name}", args=[world.partnership.pk, *args])


def test_every_signal_is_documented():
    with open(signals.__file__) as source:
        doc = source.read()
    for name in SIGNALS:
        assert f"``{name}(" in doc, name


# Starting and sharing


def test_starting_a_plan_sends_plan_started_only(world, caught):
    StarterItem.objects.create(cohort=world.cohort, kind="goal", text="Speak up")

    plan = services.plan_for_mentee(world.partnership)

    assert caught == [("plan_started", {"plan": plan, "by": world.mentee})]
    assert plan.goals.get().statement == "Speak up"
    assert revision(plan) == 2


def test_sharing(world, client_as, caught):
    plan = services.plan_for_mentee(world.partnership)
    caught.clear()
    before = revision(plan)

    client_as(world.mentee).post(url(world, "plan-share"))

    assert names(caught) == ["plan_shared"]
    assert caught[0][1]["plan"].pk == plan.pk
    assert caught[0][1]["by"] == world.mentee
    assert revision(plan) == before + 1


# Parts, through their views


@pytest.mark.parametrize("kind", ["goal", "objective", "activity", "milestone", "barrier"])
def test_adding_a_part(world, plan, goal, client_as, caught, kind):
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(url(world, "part-create", kind), _valid(kind, goal))

    assert names(caught) == ["plan_changed"]
    args = caught[0][1]
    assert (args["plan"].pk, args["by"], args["kind"], args["action"]) == (
        plan.pk,
        world.mentee,
        kind,
        "created",
    )
    assert args["part"].pk is not None
    assert args["part"].version == 1
    assert revision(plan) == before + 1


MAKE = {
    "objective": lambda plan, goal: ObjectiveFactory(plan=plan),
    "activity": lambda plan, goal: ActivityFactory(plan=plan),
    "milestone": lambda plan, goal: MilestoneFactory(plan=plan),
    "barrier": lambda plan, goal: BarrierFactory(plan=plan),
    "measure": lambda plan, goal: MeasureFactory(goal=goal),
    "goal": lambda plan, goal: goal,
}


@pytest.mark.parametrize("kind", list(MAKE))
def test_editing_a_part(world, plan, goal, client_as, caught, kind):
    part = MAKE[kind](plan, goal)
    before = revision(plan)
    caught.clear()
    data = _valid(kind, goal) | {"version": part.version}
    if kind == "goal":
        data["status"] = "in_progress"

    response = client_as(world.mentee).post(url(world, "part-edit", kind, part.pk), data)

    assert response.status_code == 302
    assert names(caught) == ["plan_changed"]
    args = caught[0][1]
    assert (args["kind"], args["action"], args["part"].pk, args["by"]) == (
        kind,
        "updated",
        part.pk,
        world.mentee,
    )
    assert args["part"].version == part.version + 1
    assert revision(plan) == before + 1


@pytest.mark.parametrize(("kind", "who"), [("expectations", "mentee"), ("mentor-side", "mentor")])
def test_editing_a_single_part(world, plan, goal, client_as, caught, kind, who):
    before = revision(plan)
    caught.clear()
    data = _valid(kind, goal) | {"version": 1}
    if kind == "mentor-side":
        data["understanding"] = ""

    client_as(world.user(who)).post(url(world, "part-edit-single", kind), data)

    assert names(caught) == ["plan_changed"]
    assert (caught[0][1]["kind"], caught[0][1]["action"]) == (kind, "updated")
    assert revision(plan) == before + 1


@pytest.mark.parametrize("kind", list(MAKE))
def test_removing_a_part(world, plan, goal, client_as, caught, kind):
    part = MAKE[kind](plan, goal)
    pk = part.pk
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(url(world, "part-delete", kind, pk))

    assert names(caught) == ["plan_changed"]
    args = caught[0][1]
    assert (args["kind"], args["action"], args["part"].pk) == (kind, "deleted", pk)
    assert not type(part).objects.filter(pk=pk).exists()
    assert revision(plan) == before + 1


def test_moving_a_goal(world, plan, goal, client_as, caught):
    second = GoalFactory(plan=plan, statement="Second")
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(url(world, "goal-move", second.pk, "up"))

    assert names(caught) == ["plan_changed"]
    assert (caught[0][1]["part"].pk, caught[0][1]["action"]) == (second.pk, "updated")
    assert revision(plan) == before + 1


def test_a_move_that_moves_nothing_is_no_write(world, plan, goal, client_as, caught):
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(url(world, "goal-move", goal.pk, "up"))  # already first

    assert caught == []
    assert revision(plan) == before


def test_a_goal_achieved(world, plan, goal, client_as, caught):
    caught.clear()
    data = _valid("goal", goal) | {"version": goal.version, "status": "achieved"}

    client_as(world.mentee).post(url(world, "part-edit", "goal", goal.pk), data)

    assert names(caught) == ["plan_changed", "goal_achieved"]
    assert caught[1][1] == {"goal": caught[0][1]["part"], "by": world.mentee}
    assert caught[1][1]["goal"].status == "achieved"

    # Saved again while achieved: not achieved anew.
    caught.clear()
    data["version"] = goal.version + 1
    client_as(world.mentee).post(url(world, "part-edit", "goal", goal.pk), data)
    assert names(caught) == ["plan_changed"]


@pytest.mark.parametrize("status", ["done", "skipped"])
def test_an_activity_finished(world, plan, goal, client_as, caught, status):
    activity = ActivityFactory(plan=plan)
    caught.clear()
    data = _valid("activity", goal) | {
        "version": activity.version,
        "status": status,
        "outcome": "partly",
    }

    client_as(world.mentee).post(url(world, "part-edit", "activity", activity.pk), data)

    assert names(caught) == ["plan_changed", "activity_finished"]
    assert caught[1][1]["activity"].pk == activity.pk
    assert caught[1][1]["by"] == world.mentee


def test_a_measure_reached(world, plan, goal, client_as, caught):
    measure = MeasureFactory(goal=goal)
    caught.clear()
    data = _valid("measure", goal) | {"version": measure.version, "achieved_on": "2026-05-04"}

    client_as(world.mentee).post(url(world, "part-edit", "measure", measure.pk), data)

    assert names(caught) == ["plan_changed", "measure_reached"]
    assert caught[1][1]["measure"].achieved_on == datetime.date(2026, 5, 4)


def test_the_mentor_proposes_to_remove_an_agreed_measure(world, plan, goal, client_as, caught):
    measure = MeasureFactory(goal=goal)
    caught.clear()

    client_as(world.mentor).post(url(world, "part-delete", "measure", measure.pk))
    client_as(world.mentor).post(url(world, "part-delete", "measure", measure.pk))

    # Once: the second "remove" finds the proposal waiting and changes nothing.
    assert names(caught) == ["plan_changed", "measure_removal_proposed"]
    assert caught[1][1]["measure"].pk == measure.pk
    assert caught[1][1]["by"] == world.mentor


def test_the_mentor_proposes_a_measure(world, plan, goal, client_as, caught):
    caught.clear()

    client_as(world.mentor).post(url(world, "part-create", "measure"), _valid("measure", goal))

    assert names(caught) == ["plan_changed", "measure_proposed"]
    measure = caught[1][1]["measure"]
    assert (measure.agreed, measure.proposed_by, caught[1][1]["by"]) == (
        False,
        "mentor",
        world.mentor,
    )


def test_the_mentor_redefining_a_measure_proposes_it_again(world, plan, goal, client_as, caught):
    measure = MeasureFactory(goal=goal, description="Three talks")
    caught.clear()
    data = _valid("measure", goal) | {"version": measure.version, "description": "Five talks"}

    client_as(world.mentor).post(url(world, "part-edit", "measure", measure.pk), data)

    assert names(caught) == ["plan_changed", "measure_proposed"]

    # Their note of progress is an update, not a proposal.
    caught.clear()
    data |= {"version": measure.version + 1, "progress": "Two given"}
    client_as(world.mentor).post(url(world, "part-edit", "measure", measure.pk), data)
    assert names(caught) == ["plan_changed"]


def test_the_mentee_agrees_to_a_proposal(world, plan, goal, client_as, caught):
    measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False)
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(
        url(world, "measure-agree", measure.pk), {"version": measure.version}
    )

    assert names(caught) == ["plan_changed"]
    assert caught[0][1]["part"].agreed is True
    assert revision(plan) == before + 1


def test_the_mentor_writes_their_understanding(world, plan, goal, client_as, caught):
    plan.understanding_confirmed_at = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    plan.save()
    caught.clear()
    data = _valid("mentor-side", goal) | {"version": 1}

    client_as(world.mentor).post(url(world, "part-edit-single", "mentor-side"), data)

    assert names(caught) == ["plan_changed", "understanding_written"]
    assert caught[1][1] == {"plan": caught[1][1]["plan"], "by": world.mentor}
    assert caught[1][1]["plan"].pk == plan.pk
    # The mentee confirmed other words: they are asked again.
    assert ActionPlan.objects.get(pk=plan.pk).understanding_confirmed_at is None

    caught.clear()
    data |= {"version": 2, "availability": "Wednesdays"}
    client_as(world.mentor).post(url(world, "part-edit-single", "mentor-side"), data)
    assert names(caught) == ["plan_changed"]


@pytest.mark.parametrize(("confirm", "feedback"), [(True, ""), (False, "More on networks")])
def test_the_mentee_answers_the_understanding(world, plan, client_as, caught, confirm, feedback):
    MentorSide.objects.filter(plan=plan).update(understanding="Wants to lead")
    before = revision(plan)
    caught.clear()
    data = {"feedback": feedback} | ({"confirm": "on"} if confirm else {})

    client_as(world.mentee).post(url(world, "understanding-respond"), data)

    assert names(caught) == ["understanding_answered"]
    assert caught[0][1]["by"] == world.mentee
    assert caught[0][1]["confirmed"] is confirm
    assert revision(plan) == before + 1


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_signing(world, plan, client_as, caught, role):
    plan = ActionPlan.objects.get(pk=plan.pk)
    before = revision(plan)
    caught.clear()
    user = world.user(role)

    client_as(user).post(
        url(world, "agreement-sign"), {"name": user.display_name, "terms": agreement_terms(plan)}
    )

    assert names(caught) == ["agreement_signed"]
    assert caught[0][1]["by"] == user
    assert caught[0][1]["role"] == role
    assert revision(plan) == before + 1


def test_commenting(world, plan, client_as, caught):
    before = revision(plan)
    caught.clear()

    client_as(world.mentor).post(url(world, "comment-add"), {"about": "plan", "body": "Good"})

    comment = Comment.objects.get()
    assert caught == [("comment_added", {"comment": comment})]
    assert comment.author == world.mentor
    assert revision(plan) == before + 1


def test_asking_for_help_and_the_answer(world, plan, client_as, caught):
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(url(world, "help-request-create"), {"message": "Stuck"})

    help_request = HelpRequest.objects.get()
    assert caught == [("help_requested", {"help_request": help_request})]
    assert revision(plan) == before + 1

    caught.clear()
    client_as(world.coordinator).post(
        reverse("plans:help-request-detail", args=[help_request.pk]), {"answer": "Call me"}
    )

    assert names(caught) == ["help_answered"]
    assert caught[0][1]["help_request"].answer == "Call me"
    assert caught[0][1]["by"] == world.coordinator
    assert revision(plan) == before + 2


def test_marking_handled_and_reopening(world, plan, client_as, caught):
    help_request = services.help_request_raise(plan=plan, user=world.mentee, message="Stuck")
    before = revision(plan)
    caught.clear()
    client = client_as(world.coordinator)

    client.post(reverse("plans:help-request-handle", args=[help_request.pk]))

    # No signal: nobody is told, there is no answer to send.
    assert caught == []
    assert revision(plan) == before + 1

    client.post(reverse("plans:help-request-reopen", args=[help_request.pk]))

    assert caught == []
    assert revision(plan) == before + 2

    # Nothing to reopen any more: no write, no new revision.
    client.post(reverse("plans:help-request-reopen", args=[help_request.pk]))
    assert revision(plan) == before + 2


# Starter plans


def test_offering_an_item_to_started_plans(world, plan, client_as, caught):
    same_cohort = services.plan_for_mentee(world.other_partnership)
    elsewhere = services.plan_for_mentee(PartnershipFactory(cohort=world.other_cohort))
    before = {p.pk: revision(p) for p in (plan, same_cohort, elsewhere)}
    caught.clear()

    client_as(world.coordinator).post(
        reverse("plans:cohort-starter", args=[world.cohort.pk]),
        {"kind": "goal", "text": "Mentor someone", "offer_to_existing": "on"},
    )

    item = StarterItem.objects.get()
    assert names(caught) == ["suggestions_offered"]
    assert caught[0][1]["item"] == item
    assert {p.pk for p in caught[0][1]["plans"]} == {plan.pk, same_cohort.pk}
    assert revision(plan) == before[plan.pk] + 1
    assert revision(same_cohort) == before[same_cohort.pk] + 1
    assert revision(elsewhere) == before[elsewhere.pk]


@pytest.mark.parametrize("decision", ["accept", "dismiss"])
def test_deciding_on_a_suggestion(world, plan, client_as, caught, decision):
    item = StarterItem(kind="goal", text="Mentor someone")
    services.starter_item_add(cohort=world.cohort, item=item, offer_to_existing=True)
    suggestion = plan.suggestions.get()
    before = revision(plan)
    caught.clear()

    client_as(world.mentee).post(url(world, "suggestion-decide", suggestion.pk, decision))

    if decision == "accept":
        assert names(caught) == ["plan_changed"]
        args = caught[0][1]
        assert (args["kind"], args["action"], args["part"].statement) == (
            "goal",
            "created",
            "Mentor someone",
        )
    else:
        assert caught == []
    assert revision(plan) == before + 1


def test_removing_an_item_withdraws_its_offers(world, plan, client_as, caught):
    item = StarterItem(kind="goal", text="Mentor someone")
    services.starter_item_add(cohort=world.cohort, item=item, offer_to_existing=True)
    before = revision(plan)

    client_as(world.coordinator).post(
        reverse("plans:starter-item-delete", args=[world.cohort.pk, item.pk])
    )

    assert not plan.suggestions.exists()
    assert revision(plan) == before + 1


# Domain functions without HTTP


def test_a_self_assessment_alone(world, plan, goal, caught):
    before = revision(plan)
    caught.clear()

    services.assessment_record(goal=goal, by=world.mentee, score=7)

    assert names(caught) == ["plan_changed"]
    assert (caught[0][1]["part"], caught[0][1]["action"]) == (goal, "updated")
    assert revision(plan) == before + 1

    caught.clear()
    assert services.assessment_record(goal=goal, by=world.mentee, score=7) is None
    assert caught == []  # the same score again is no write
    assert revision(plan) == before + 1


def test_signals_are_sent_inside_the_transaction(world, plan, goal):
    seen = []

    def receiver(sender, plan, **kwargs):
        seen.append((connection.in_atomic_block, revision(plan)))

    before = revision(plan)
    signals.plan_changed.connect(receiver, weak=False, dispatch_uid="test-inside")
    try:
        services.part_update(
            plan=plan, kind="goal", part=goal, by=world.mentee, expected_version=None, why="Why"
        )
    finally:
        signals.plan_changed.disconnect(dispatch_uid="test-inside")

    # Inside the write's transaction, and the revision already raised.
    assert seen == [(True, before + 1)]


def test_a_failing_receiver_undoes_the_write(world, plan, goal):
    def receiver(sender, **kwargs):
        raise RuntimeError("receiver failed")

    before = revision(plan)
    signals.goal_achieved.connect(receiver, weak=False, dispatch_uid="test-failing")
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.part_update(
                plan=plan,
                kind="goal",
                part=goal,
                by=world.mentee,
                expected_version=None,
                status=Goal.Status.ACHIEVED,
            )
    finally:
        signals.goal_achieved.disconnect(dispatch_uid="test-failing")

    assert Goal.objects.get(pk=goal.pk).status == Goal.Status.NOT_STARTED
    assert revision(plan) == before


def test_the_revision_is_never_written_back_from_memory(world, plan):
    stale = ActionPlan.objects.get(pk=plan.pk)
    services.understanding_respond(plan=plan, by=world.mentee, confirm=True, feedback="")
    raised = revision(plan)
    assert raised == stale.revision + 1

    stale.understanding_feedback = "An old copy, saved whole"
    stale.save()

    assert revision(plan) == raised
