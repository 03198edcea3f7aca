"""Adding, editing, removing and reordering the parts of a plan (views.parts).

One set of views serves every kind in PARTS. The rules under test: the mentee
edits the mentee's side, the mentor the mentor's side, both success measures
(the mentor's only as proposals); bad input is an error beside its field, never
a 500; an ended partnership's plan is read-only.
"""

import datetime
import re

import pytest
from django.urls import reverse

from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services
from mentorplan.plans.models import (
    Barrier,
    Expectations,
    Goal,
    LearningActivity,
    LearningObjective,
    MentorSide,
    Milestone,
    SelfAssessment,
    SuccessMeasure,
)
from mentorplan.tests.roles import ROLES

from .factories import (
    ActivityFactory,
    BarrierFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
    SelfAssessmentFactory,
)


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


@pytest.fixture
def goal(plan):
    goal = GoalFactory(plan=plan, statement="Lead a team meeting")
    SelfAssessmentFactory(goal=goal, score=3)
    return goal


def _create_url(world, kind):
    return reverse("plans:part-create", args=[world.partnership.pk, kind])


def _edit_url(world, kind, item=None):
    if item is None:
        return reverse("plans:part-edit-single", args=[world.partnership.pk, kind])
    return reverse("plans:part-edit", args=[world.partnership.pk, kind, item.pk])


def _delete_url(world, kind, item):
    return reverse("plans:part-delete", args=[world.partnership.pk, kind, item.pk])


def _move_url(world, goal, direction):
    return reverse("plans:goal-move", args=[world.partnership.pk, goal.pk, direction])


def _agree_url(world, measure):
    return reverse("plans:measure-agree", args=[world.partnership.pk, measure.pk])


def _valid(kind, goal):
    """A valid POST for each kind of part (a new one, or its edit)."""
    return {
        "goal": {
            "statement": "Speak at the all-hands",
            "why": "To be seen",
            "horizon": "long",
            "target_date": "2026-09-30",
            "status": "in_progress",
            "score": "5",
        },
        "objective": {"category": "confidence", "statement": "Speak up", "goal": goal.pk},
        "activity": {
            "kind": "stretch",
            "title": "Lead the offsite",
            "goal": goal.pk,
            "effort_amount": "1.5",
            "effort_unit": "days",
            "starts_on": "2026-03-02",
            "due_on": "2026-03-20",
            "status": "planned",
        },
        "milestone": {"title": "First talk", "date": "2026-04-01", "goal": goal.pk},
        "barrier": {"kind": "personal", "description": "Nerves", "strategy": "Rehearse"},
        "measure": {"goal": goal.pk, "description": "Three talks given", "target": "3"},
        "expectations": {
            "meeting_frequency": "monthly",
            "meeting_format": "Coffee",
            "preferred_channels": "Chat",
            "weekly_hours": "3.5",
        },
        "mentor-side": {
            "understanding": "Wants to lead meetings",
            "roles": ["advice", "feedback"],
            "boundaries": "No weekend calls",
            "availability": "Tuesdays",
            "response_time": "Two working days",
        },
    }[kind] | ({"barrier": {"status": "open"}}.get(kind, {}))


MODELS = {
    "goal": Goal,
    "objective": LearningObjective,
    "activity": LearningActivity,
    "milestone": Milestone,
    "barrier": Barrier,
    "measure": SuccessMeasure,
}
ADDED = {
    "goal": ("statement", "Speak at the all-hands"),
    "objective": ("statement", "Speak up"),
    "activity": ("title", "Lead the offsite"),
    "milestone": ("title", "First talk"),
    "barrier": ("description", "Nerves"),
    "measure": ("description", "Three talks given"),
}
SECTIONS = {
    "goal": "goals",
    "objective": "objectives",
    "activity": "activities",
    "milestone": "milestones",
    "barrier": "barriers",
    "measure": "goals",
}
MAKE = {
    "goal": lambda plan, goal: goal,
    "objective": lambda plan, goal: ObjectiveFactory(plan=plan),
    "activity": lambda plan, goal: ActivityFactory(plan=plan),
    "milestone": lambda plan, goal: MilestoneFactory(plan=plan),
    "barrier": lambda plan, goal: BarrierFactory(plan=plan),
    "measure": lambda plan, goal: MeasureFactory(goal=goal),
}


# Creating


@pytest.mark.parametrize("kind", list(MODELS))
def test_the_mentee_adds_each_kind(world, plan, goal, client_as, kind):
    response = client_as(world.mentee).post(_create_url(world, kind), _valid(kind, goal))

    assert response.status_code == 302
    field, value = ADDED[kind]
    part = MODELS[kind].objects.get(**{field: value})
    assert part.version == 1
    assert (part.goal if kind == "measure" else part.plan) == (goal if kind == "measure" else plan)


def test_a_new_goal_goes_last_with_its_self_assessment(world, plan, goal, client_as):
    client_as(world.mentee).post(_create_url(world, "goal"), _valid("goal", goal))

    new = Goal.objects.get(statement="Speak at the all-hands")
    assert new.position == 1
    assert [a.score for a in new.assessments.all()] == [5]
    assert (new.horizon, new.status, new.target_date) == (
        "long",
        "in_progress",
        datetime.date(2026, 9, 30),
    )


def test_the_add_form_opens_with_a_kind_or_goal_chosen(world, plan, goal, client_as):
    client = client_as(world.mentee)

    activity = client.get(_create_url(world, "activity") + "?kind=others")
    measure = client.get(_create_url(world, "measure") + f"?goal={goal.pk}")

    assert activity.status_code == measure.status_code == 200
    assert '<option value="others" selected>' in activity.text
    assert f'<option value="{goal.pk}" selected>' in measure.text


# Who adds a goal: the mentee. Members of the program without the right: 403;
# everyone else: 404.
ADD_GOAL = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 302,
    "mentor": 403,
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_adds_a_goal(world, plan, goal, client_as, role):
    response = client_as(world.user(role)).post(_create_url(world, "goal"), _valid("goal", goal))

    assert response.status_code == ADD_GOAL[role]
    assert Goal.objects.filter(statement="Speak at the all-hands").exists() == (role == "mentee")


# Who edits the mentor's side: the mentor, once the plan is shared.
EDIT_SIDE = ADD_GOAL | {"mentee": 403, "mentor": 302}


@pytest.mark.parametrize("role", ROLES)
def test_who_writes_the_mentor_side(world, plan, goal, client_as, role):
    response = client_as(world.user(role)).post(
        _edit_url(world, "mentor-side"), {**_valid("mentor-side", goal), "version": 1}
    )

    assert response.status_code == EDIT_SIDE[role]
    side = MentorSide.objects.get(plan=plan)
    assert (side.availability == "Tuesdays") == (role == "mentor")


def test_the_mentor_cannot_write_their_side_of_a_draft(world, client_as):
    services.plan_for_mentee(world.partnership)

    response = client_as(world.mentor).get(_edit_url(world, "mentor-side"))

    assert response.status_code == 403


@pytest.mark.parametrize("kind", ["goal", "objective", "activity", "milestone", "barrier"])
def test_the_mentor_cannot_change_the_mentee_side(world, plan, goal, client_as, kind):
    part = MAKE[kind](plan, goal)
    client = client_as(world.mentor)

    create = client.post(_create_url(world, kind), _valid(kind, goal))
    edit = client.post(_edit_url(world, kind, part), {**_valid(kind, goal), "version": 1})
    delete = client.post(_delete_url(world, kind, part))

    assert (create.status_code, edit.status_code, delete.status_code) == (403, 403, 403)
    assert MODELS[kind].objects.filter(pk=part.pk, version=1).exists()


def test_the_mentor_cannot_change_the_expectations(world, plan, goal, client_as):
    response = client_as(world.mentor).post(
        _edit_url(world, "expectations"), {**_valid("expectations", goal), "version": 1}
    )

    assert response.status_code == 403
    assert Expectations.objects.get(plan=plan).meeting_format == ""


# Editing


@pytest.mark.parametrize("kind", list(MODELS))
def test_the_mentee_edits_each_kind(world, plan, goal, client_as, kind):
    part = MAKE[kind](plan, goal)
    client = client_as(world.mentee)
    form = client.get(_edit_url(world, kind, part))

    response = client.post(_edit_url(world, kind, part), {**_valid(kind, goal), "version": 1})

    assert form.status_code == 200
    assert 'name="version" value="1"' in form.text
    assert response.status_code == 302
    assert response.url.endswith("#" + SECTIONS[kind])
    part.refresh_from_db()
    field, value = ADDED[kind]
    assert getattr(part, field) == value
    assert part.version == 2


@pytest.mark.parametrize(("kind", "user"), [("expectations", "mentee"), ("mentor-side", "mentor")])
def test_editing_the_single_parts(world, plan, goal, client_as, kind, user):
    response = client_as(getattr(world, user)).post(
        _edit_url(world, kind), {**_valid(kind, goal), "version": 1}
    )

    assert response.status_code == 302
    if kind == "expectations":
        saved = Expectations.objects.get(plan=plan)
        assert (saved.meeting_frequency, saved.weekly_hours) == ("monthly", 3.5)
    else:
        saved = MentorSide.objects.get(plan=plan)
        assert saved.roles == ["advice", "feedback"]
    assert saved.version == 2


def test_the_single_parts_are_not_added_or_removed(world, plan, client_as):
    client = client_as(world.mentee)
    side = MentorSide.objects.get(plan=plan)

    create = client.get(_create_url(world, "expectations"))
    delete = client_as(world.mentor).post(
        reverse("plans:part-delete", args=[world.partnership.pk, "mentor-side", side.pk])
    )

    assert (create.status_code, delete.status_code) == (404, 404)
    assert MentorSide.objects.filter(pk=side.pk).exists()


# Bad input: errors beside the field, status 422, nothing saved


INVALID = [
    ("goal", {"statement": ""}, "statement"),
    ("goal", {"score": "11"}, "score"),
    ("goal", {"target_date": "2026-02-30"}, "target_date"),
    ("objective", {"category": "wisdom"}, "category"),
    ("activity", {"starts_on": "2026-03-20", "due_on": "2026-03-02"}, "due_on"),
    ("activity", {"outcome": "yes"}, "outcome"),  # before it is done
    ("activity", {"lessons": "Prepare more"}, "outcome"),
    ("activity", {"status": "done"}, "outcome"),  # done, but did it work?
    ("activity", {"effort_amount": "0"}, "effort_amount"),
    ("activity", {"effort_amount": "lots"}, "effort_amount"),
    ("activity", {"starts_on": "yesterday"}, "starts_on"),
    ("activity", {"goal": "999999"}, "goal"),
    ("milestone", {"date": ""}, "date"),
    ("barrier", {"description": ""}, "description"),
    ("measure", {"goal": ""}, "goal"),
    ("measure", {"description": "x" * 301}, "description"),
]


@pytest.mark.parametrize(("kind", "change", "field"), INVALID)
def test_bad_input_is_an_error_beside_the_field(world, plan, goal, client_as, kind, change, field):
    before = MODELS[kind].objects.count()

    response = client_as(world.mentee).post(_create_url(world, kind), _valid(kind, goal) | change)

    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.text
    # The field points at its error (after its help text, when it has one).
    assert re.search(f'aria-describedby="[^"]*id_{field}_error"', response.text)
    assert MODELS[kind].objects.count() == before


@pytest.mark.parametrize(("kind", "change", "field"), INVALID)
def test_bad_edits_are_refused_too(world, plan, goal, client_as, kind, change, field):
    part = MAKE[kind](plan, goal)
    data = _valid(kind, goal) | change | {"version": part.version}

    response = client_as(world.mentee).post(_edit_url(world, kind, part), data)

    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.text
    part.refresh_from_db()
    assert part.version == 1


@pytest.mark.parametrize(
    ("kind", "user", "change", "field"),
    [
        ("expectations", "mentee", {"weekly_hours": "0"}, "weekly_hours"),
        ("expectations", "mentee", {"weekly_hours": "41"}, "weekly_hours"),
        ("expectations", "mentee", {"meeting_frequency": "hourly"}, "meeting_frequency"),
        ("mentor-side", "mentor", {"roles": ["guru"]}, "roles"),
        ("mentor-side", "mentor", {"response_time": "x" * 101}, "response_time"),
    ],
)
def test_bad_input_on_the_single_parts(world, plan, goal, client_as, kind, user, change, field):
    data = _valid(kind, goal) | change | {"version": 1}

    response = client_as(getattr(world, user)).post(_edit_url(world, kind), data)

    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.text


def test_a_goal_of_another_plan_is_not_a_choice(world, plan, goal, client_as):
    other_goal = GoalFactory(plan=services.plan_for_mentee(world.other_partnership))

    response = client_as(world.mentee).post(
        _create_url(world, "measure"), _valid("measure", goal) | {"goal": other_goal.pk}
    )

    assert response.status_code == 422
    assert 'id="id_goal_error"' in response.text
    assert not other_goal.measures.exists()


def test_an_unknown_kind_is_not_found(world, plan, goal, client_as):
    client = client_as(world.mentee)

    responses = [
        client.get(_create_url(world, "wish")),
        client.get(reverse("plans:part-edit", args=[world.partnership.pk, "wish", goal.pk])),
        client.post(reverse("plans:part-delete", args=[world.partnership.pk, "wish", goal.pk])),
        client.get(_edit_url(world, "goal")),  # a goal needs its number
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]


@pytest.mark.parametrize("kind", list(MODELS))
def test_another_plans_part_is_not_found(world, plan, goal, client_as, kind):
    other_plan = services.plan_for_mentee(world.other_partnership)
    other = MAKE[kind](other_plan, GoalFactory(plan=other_plan))
    client = client_as(world.mentee)

    edit = client.post(_edit_url(world, kind, other), {**_valid(kind, goal), "version": 1})
    delete = client.post(_delete_url(world, kind, other))

    assert (edit.status_code, delete.status_code) == (404, 404)
    assert MODELS[kind].objects.filter(pk=other.pk, version=1).exists()


def test_another_plans_goal_does_not_move_and_its_measure_is_not_agreed(
    world, plan, goal, client_as
):
    other_goal = GoalFactory(plan=services.plan_for_mentee(world.other_partnership))
    measure = MeasureFactory(goal=other_goal, agreed=False)
    client = client_as(world.mentee)

    move = client.post(_move_url(world, other_goal, "down"))
    agree = client.post(_agree_url(world, measure))

    assert (move.status_code, agree.status_code) == (404, 404)
    measure.refresh_from_db()
    assert not measure.agreed


# Deleting


@pytest.mark.parametrize("kind", list(MODELS))
def test_the_mentee_removes_each_kind(world, plan, goal, client_as, kind):
    part = MAKE[kind](plan, goal)

    response = client_as(world.mentee).post(_delete_url(world, kind, part))

    assert response.status_code == 302
    assert not MODELS[kind].objects.filter(pk=part.pk).exists()


def test_removing_needs_post(world, plan, goal, client_as):
    response = client_as(world.mentee).get(_delete_url(world, "goal", goal))

    assert response.status_code == 405
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_removing_a_goal_renumbers_the_rest(world, plan, goal, client_as):
    second, third = GoalFactory(plan=plan), GoalFactory(plan=plan)

    client_as(world.mentee).post(_delete_url(world, "goal", goal))

    assert list(plan.goals.values_list("pk", "position")) == [(second.pk, 0), (third.pk, 1)]


# Reordering goals


def test_moving_goals_up_and_down_renumbers(world, plan, goal, client_as):
    second, third = GoalFactory(plan=plan), GoalFactory(plan=plan)
    client = client_as(world.mentee)

    response = client.post(_move_url(world, third, "up"))
    assert response.status_code == 302
    assert list(plan.goals.values_list("pk", flat=True)) == [goal.pk, third.pk, second.pk]

    client.post(_move_url(world, goal, "down"))
    assert list(plan.goals.values_list("pk", "position")) == [
        (third.pk, 0),
        (goal.pk, 1),
        (second.pk, 2),
    ]


def test_moving_past_either_end_changes_nothing(world, plan, goal, client_as):
    second = GoalFactory(plan=plan)
    client = client_as(world.mentee)

    client.post(_move_url(world, goal, "up"))
    client.post(_move_url(world, second, "down"))
    bad = client.post(_move_url(world, goal, "sideways"))

    assert bad.status_code == 404
    assert list(plan.goals.values_list("pk", "position")) == [(goal.pk, 0), (second.pk, 1)]


def test_the_mentor_cannot_reorder_goals(world, plan, goal, client_as):
    second = GoalFactory(plan=plan)

    response = client_as(world.mentor).post(_move_url(world, second, "up"))

    assert response.status_code == 403
    assert list(plan.goals.values_list("pk", flat=True)) == [goal.pk, second.pk]


# Self-assessments


def test_an_edit_with_a_new_score_records_a_self_assessment(world, plan, goal, client_as):
    data = _valid("goal", goal) | {"score": "6", "version": 1}

    client_as(world.mentee).post(_edit_url(world, "goal", goal), data)

    assert [a.score for a in goal.assessments.all()] == [3, 6]


@pytest.mark.parametrize("score", ["3", ""])
def test_an_edit_without_a_new_score_records_nothing(world, plan, goal, client_as, score):
    data = _valid("goal", goal) | {"score": score, "version": 1}

    response = client_as(world.mentee).post(_edit_url(world, "goal", goal), data)

    assert response.status_code == 302
    assert SelfAssessment.objects.filter(goal=goal).count() == 1


def test_the_edit_form_shows_the_latest_score(world, plan, goal, client_as):
    SelfAssessmentFactory(goal=goal, score=7)

    response = client_as(world.mentee).get(_edit_url(world, "goal", goal))

    assert 'name="score" value="7"' in response.text


# Success measures: the mentor proposes, the mentee agrees


def test_the_mentor_proposes_a_measure(world, plan, goal, client_as):
    response = client_as(world.mentor).post(_create_url(world, "measure"), _valid("measure", goal))

    assert response.status_code == 302
    measure = SuccessMeasure.objects.get(description="Three talks given")
    assert (measure.proposed_by, measure.agreed) == ("mentor", False)


def test_the_mentee_adds_an_agreed_measure(world, plan, goal, client_as):
    client_as(world.mentee).post(_create_url(world, "measure"), _valid("measure", goal))

    measure = SuccessMeasure.objects.get(description="Three talks given")
    assert (measure.proposed_by, measure.agreed) == ("mentee", True)


def test_the_mentee_agrees_to_a_proposed_measure(world, plan, goal, client_as):
    measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False)
    page = client_as(world.mentee).get(reverse("plans:plan-detail", args=[world.partnership.pk]))

    response = client_as(world.mentee).post(_agree_url(world, measure), {"version": 1})

    assert "Proposed by the mentor" in page.text
    assert _agree_url(world, measure) in page.text
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.agreed, measure.version) == (True, 2)


def test_agreeing_to_a_measure_changed_meanwhile_is_refused(world, plan, goal, client_as):
    measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False, version=2)

    response = client_as(world.mentee).post(_agree_url(world, measure), {"version": 1}, follow=True)

    assert "The measure changed while you were reading it" in response.text
    measure.refresh_from_db()
    assert not measure.agreed


@pytest.mark.parametrize("role", ["mentor", "coordinator"])
def test_only_the_mentee_agrees(world, plan, goal, client_as, role):
    measure = MeasureFactory(goal=goal, proposed_by="mentor", agreed=False)

    response = client_as(world.user(role)).post(_agree_url(world, measure), {"version": 1})

    assert response.status_code == 403
    measure.refresh_from_db()
    assert not measure.agreed


def test_the_mentor_edits_a_measure(world, plan, goal, client_as):
    measure = MeasureFactory(goal=goal)
    data = _valid("measure", goal) | {"progress": "One given", "version": 1}

    response = client_as(world.mentor).post(_edit_url(world, "measure", measure), data)

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.progress == "One given"


# An ended partnership: the plan is read-only


@pytest.fixture
def ended(world, plan):
    world.partnership.end(status=Partnership.Status.COMPLETED)
    return world.partnership


def test_an_ended_plan_is_read_only(world, plan, goal, ended, client_as):
    measure = MeasureFactory(goal=goal, agreed=False)
    mentee = client_as(world.mentee)
    responses = [
        mentee.get(_create_url(world, "goal")),
        mentee.post(_create_url(world, "goal"), _valid("goal", goal)),
        mentee.post(_edit_url(world, "goal", goal), {**_valid("goal", goal), "version": 1}),
        mentee.post(_delete_url(world, "goal", goal)),
        mentee.post(_move_url(world, goal, "down")),
        mentee.post(_agree_url(world, measure)),
        mentee.post(_edit_url(world, "expectations"), {**_valid("expectations", goal)}),
    ]
    # client_as logs the same test client in as someone else.
    mentor = client_as(world.mentor)
    responses.append(mentor.post(_edit_url(world, "mentor-side"), _valid("mentor-side", goal)))
    page = client_as(world.mentee).get(reverse("plans:plan-detail", args=[world.partnership.pk]))

    assert {r.status_code for r in responses} == {403}
    goal.refresh_from_db()
    assert (goal.statement, goal.version) == ("Lead a team meeting", 1)
    assert plan.goals.count() == 1
    assert "Partnership completed: read-only" in page.text
    assert "/edit/" not in page.text
    assert "/new/" not in page.text


# htmx: the section comes back, with the checklist and dependent sections out of band


def _out_of_band(response, tag, id_):
    return re.search(f'<{tag} id="{id_}"[^>]* hx-swap-oob="true"', response.text)


def test_htmx_add_returns_the_section_and_the_checklist(world, plan, goal, client_as):
    response = client_as(world.mentee).post(
        _create_url(world, "barrier"), _valid("barrier", goal), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#barriers"
    assert response["HX-Reswap"] == "outerHTML"
    assert response.text.lstrip().startswith('<section id="barriers"')
    assert "Nerves" in response.text
    assert _out_of_band(response, "aside", "checklist")
    assert 'id="agreement"' not in response.text  # barriers are not terms


def test_htmx_add_of_a_goal_refreshes_the_agreement(world, plan, goal, client_as):
    response = client_as(world.mentee).post(
        _create_url(world, "goal"), _valid("goal", goal), HTTP_HX_REQUEST="true"
    )

    assert response["HX-Retarget"] == "#goals"
    assert _out_of_band(response, "section", "agreement")
    assert "2. Speak at the all-hands" in response.text  # the new term
    assert _out_of_band(response, "aside", "checklist")


def test_htmx_save_of_the_expectations_refreshes_agreement_and_activities(
    world, plan, goal, client_as
):
    response = client_as(world.mentee).post(
        _edit_url(world, "expectations"),
        {**_valid("expectations", goal), "version": 1},
        HTTP_HX_REQUEST="true",
    )

    assert response["HX-Retarget"] == "#expectations"
    assert _out_of_band(response, "section", "agreement")
    assert _out_of_band(response, "section", "activities")


def test_htmx_bad_input_returns_the_form_with_its_errors(world, plan, goal, client_as):
    response = client_as(world.mentee).post(
        _create_url(world, "goal"),
        _valid("goal", goal) | {"statement": ""},
        HTTP_HX_REQUEST="true",
    )

    # htmx swaps only 2xx responses.
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div class="part-form" id="part-form-goal-new"')
    assert 'id="id_statement_error"' in response.text
    assert "<html" not in response.text
    assert plan.goals.count() == 1


def test_htmx_opens_the_form_in_place(world, plan, goal, client_as):
    response = client_as(world.mentee).get(_edit_url(world, "goal", goal), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<div class="part-form" id="part-form-goal-{goal.pk}"'
    )
    assert "Remove this goal" in response.text


@pytest.mark.django_db
def test_mentor_changing_what_a_measure_is_needs_the_mentees_agreement_again(world, client_as):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    goal = services.goal_create(
        plan=plan, by=plan.partnership.mentee, statement="Lead a meeting", score=3
    )
    measure = SuccessMeasure.objects.create(goal=goal, description="Chair 2 meetings")
    url = reverse("plans:part-edit", args=[world.partnership.pk, "measure", measure.pk])
    client = client_as(world.mentor)

    # Progress is an update: the measure stays agreed.
    client.post(
        url,
        {
            "goal": goal.pk,
            "description": "Chair 2 meetings",
            "progress": "1 done",
            "version": measure.version,
        },
    )
    measure.refresh_from_db()
    assert (measure.progress, measure.agreed) == ("1 done", True)

    # A new target is a new proposal.
    client.post(
        url,
        {
            "goal": goal.pk,
            "description": "Chair 4 meetings",
            "progress": "1 done",
            "version": measure.version,
        },
    )
    measure.refresh_from_db()
    assert measure.description == "Chair 4 meetings"
    assert measure.agreed is False
    assert measure.proposed_by == SuccessMeasure.ProposedBy.MENTOR
