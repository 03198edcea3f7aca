"""Two people editing the same part at once (plans.editing and views.parts.part_edit).

Each part carries the version its form was opened at. The rule under test: when
someone saved in between, the later save is refused and nothing is lost: the
first save stays in the database, the second person's text stays in their form
next to what is saved now, and saving that form again overwrites on purpose.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from mentorplan.plans import services
from mentorplan.plans.editing import EditConflict, save_versioned
from mentorplan.plans.forms import GoalForm
from mentorplan.plans.models import Agreement, Goal

from .factories import (
    ActivityFactory,
    BarrierFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
)

CONFLICT = "Someone else saved this"


@dataclass(frozen=True)
class Case:
    kind: str
    field: str  # the text both people change
    first: str  # role of the person who saves first
    second: str  # role of the person whose save is refused
    make: Callable  # plan -> the part (None for the plan's single parts)
    data: Callable  # part -> a valid POST for its form, without the version


def _goal_data(goal):
    return {"statement": goal.statement, "horizon": "short", "status": "not_started", "score": "4"}


CASES = [
    Case(
        "goal",
        "statement",
        "mentee",
        "mentee",
        lambda plan: GoalFactory(plan=plan, statement="Lead a team meeting"),
        _goal_data,
    ),
    Case(
        "objective",
        "statement",
        "mentee",
        "mentee",
        lambda plan: ObjectiveFactory(plan=plan, statement="Speak up"),
        lambda o: {"category": "skill", "statement": o.statement, "goal": ""},
    ),
    Case(
        "activity",
        "title",
        "mentee",
        "mentee",
        lambda plan: ActivityFactory(plan=plan, title="Shadow the CFO"),
        lambda a: {
            "kind": "doing",
            "title": a.title,
            "effort_amount": "2",
            "effort_unit": "days",
            "starts_on": "2026-03-02",
            "due_on": "2026-03-20",
            "status": "planned",
        },
    ),
    Case(
        "milestone",
        "title",
        "mentee",
        "mentee",
        lambda plan: MilestoneFactory(plan=plan, title="First talk"),
        lambda m: {"title": m.title, "date": "2026-04-01"},
    ),
    Case(
        "barrier",
        "description",
        "mentee",
        "mentee",
        lambda plan: BarrierFactory(plan=plan, description="Quarter-end"),
        lambda b: {"kind": "time", "description": b.description, "status": "open"},
    ),
    Case(
        "measure",
        "description",
        "mentee",
        "mentor",
        lambda plan: MeasureFactory(goal=GoalFactory(plan=plan), description="Three talks"),
        lambda m: {"goal": str(m.goal_id), "description": m.description},
    ),
    Case(
        "expectations",
        "meeting_format",
        "mentee",
        "mentee",
        lambda plan: None,
        lambda e: {
            "meeting_frequency": "weekly",
            "meeting_format": "Video call",
            "preferred_channels": "Email",
            "weekly_hours": "4",
        },
    ),
    Case(
        "mentor-side",
        "availability",
        "mentor",
        "mentor",
        lambda plan: None,
        lambda s: {
            "understanding": "Wants to lead meetings",
            "roles": ["advice"],
            "boundaries": "No weekend calls",
            "availability": "Tuesdays",
            "response_time": "Two working days",
        },
    ),
]


@pytest.fixture
def plan(world):
    # Shared, so the mentor may propose measures and write their side.
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


def _login(user):
    client = Client()
    client.force_login(user)
    return client


def _url(world, case, part):
    if part is None:
        return reverse("plans:part-edit-single", args=[world.partnership.pk, case.kind])
    return reverse("plans:part-edit", args=[world.partnership.pk, case.kind, part.pk])


def _version(response) -> str:
    return re.search(r'name="version" value="(\d+)"', response.text).group(1)


def _current(plan, case, part):
    if case.kind == "expectations":
        return type(plan.expectations).objects.get(plan=plan)
    if case.kind == "mentor-side":
        return type(plan.mentor_side).objects.get(plan=plan)
    return type(part).objects.get(pk=part.pk)


def _open_both(world, plan, case):
    """Both people open the edit form of the same part: each holds version N."""
    part = case.make(plan)
    url = _url(world, case, part)
    first, second = _login(world.user(case.first)), _login(world.user(case.second))
    first_version = _version(first.get(url))
    second_version = _version(second.get(url))
    assert first_version == second_version
    base = case.data(part)
    response = first.post(url, {**base, case.field: "First save", "version": first_version})
    assert response.status_code == 302
    return part, url, second, {**base, case.field: "Second save", "version": second_version}


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_the_later_save_is_refused_and_keeps_both_texts(world, plan, case):
    part, url, second, data = _open_both(world, plan, case)

    response = second.post(url, data)

    assert response.status_code == 409
    assert CONFLICT in response.text
    assert "Save mine instead" in response.text
    current = _current(plan, case, part)
    assert getattr(current, case.field) == "First save"  # the first save stays
    # The second person's text is still in their form, next to what is saved now.
    saved_now, form_html = response.text.split('class="conflict"', 1)[1].split("</dl>", 1)
    assert "First save" in saved_now
    assert "Second save" not in saved_now
    assert "Second save" in form_html
    # The form now carries the current version: saving again is deliberate.
    assert _version(response) == str(current.version)


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_saving_the_conflict_form_again_overwrites(world, plan, case):
    part, url, second, data = _open_both(world, plan, case)
    conflict = second.post(url, data)

    response = second.post(url, {**data, "version": _version(conflict)})

    assert response.status_code == 302
    current = _current(plan, case, part)
    assert getattr(current, case.field) == "Second save"
    assert current.version == int(_version(conflict)) + 1


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_conflict_with_htmx_swaps_the_form_in_place(world, plan, case):
    part, url, second, data = _open_both(world, plan, case)

    response = second.post(url, data, HTTP_HX_REQUEST="true")

    # htmx swaps 2xx responses only: the form with the conflict replaces itself.
    assert response.status_code == 200
    assert CONFLICT in response.text
    assert "Second save" in response.text
    assert response.text.lstrip().startswith('<div class="part-form"')
    assert "<html" not in response.text
    assert getattr(_current(plan, case, part), case.field) == "First save"


def test_an_unchanged_version_saves_without_conflict(world, plan, client_as):
    goal = GoalFactory(plan=plan, statement="Lead a team meeting")
    url = reverse("plans:part-edit", args=[world.partnership.pk, "goal", goal.pk])

    response = client_as(world.mentee).post(
        url, {**_goal_data(goal), "statement": "Lead two meetings", "version": goal.version}
    )

    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.statement, goal.version) == ("Lead two meetings", 2)


def test_a_reorder_while_editing_is_kept(world, plan, client_as):
    first = GoalFactory(plan=plan, statement="Speak at the all-hands")
    second = GoalFactory(plan=plan, statement="Lead a team meeting")
    url = reverse("plans:part-edit", args=[world.partnership.pk, "goal", second.pk])
    client = client_as(world.mentee)
    version = _version(client.get(url))

    # Meanwhile, in another tab, the goal moves to the top.
    services.goal_move(goal=second, by=world.mentee, offset=-1)
    response = client.post(
        url, {**_goal_data(second), "statement": "Lead two meetings", "version": version}
    )

    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.statement, second.position) == ("Lead two meetings", 0)
    assert first.position == 1


# The agreement is signed, not edited: its "version" is the text of the terms
# the signer read. A term changed meanwhile means they would sign something else.


def _terms(response) -> str:
    return html.unescape(re.search(r'name="terms" value="([^"]*)"', response.text).group(1))


def test_signing_terms_changed_meanwhile_is_refused(world, plan):
    mentee, mentor = _login(world.mentee), _login(world.mentor)
    plan_url = reverse("plans:plan-detail", args=[world.partnership.pk])
    sign_url = reverse("plans:agreement-sign", args=[world.partnership.pk])
    read = _terms(mentee.get(plan_url))
    side_url = reverse("plans:part-edit-single", args=[world.partnership.pk, "mentor-side"])
    version = _version(mentor.get(side_url))
    mentor.post(side_url, {"availability": "Tuesdays", "version": version})

    response = mentee.post(sign_url, {"name": "Mo Mentee", "terms": read}, follow=True)

    assert "The terms changed while you were reading them" in response.text
    agreement = Agreement.objects.get(plan=plan)
    assert agreement.mentee_signed_name == ""
    # The page now shows the new terms; signing those works.
    fresh = _terms(response)
    assert "Mentor's availability: Tuesdays" in fresh
    mentee.post(sign_url, {"name": "Mo Mentee", "terms": fresh})
    agreement.refresh_from_db()
    assert agreement.mentee_signed_name == "Mo Mentee"


def test_signing_changed_terms_with_htmx_shows_the_new_terms(world, plan):
    mentee = _login(world.mentee)
    sign_url = reverse("plans:agreement-sign", args=[world.partnership.pk])
    read = _terms(mentee.get(reverse("plans:plan-detail", args=[world.partnership.pk])))
    GoalFactory(plan=plan, statement="Lead a team meeting")  # a new top goal

    response = mentee.post(sign_url, {"name": "Mo Mentee", "terms": read}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "The terms changed while you were reading them" in response.text
    assert "1. Lead a team meeting" in _terms(response)
    assert Agreement.objects.get(plan=plan).mentee_signed_name == ""


# The domain function, without HTTP.


def _goal_form(goal, plan, statement, version):
    form = GoalForm(
        {**_goal_data(goal), "statement": statement, "version": version}, instance=goal, plan=plan
    )
    assert form.is_valid(), form.errors
    return form


def test_save_versioned_refuses_a_stale_version(world, plan):
    goal = GoalFactory(plan=plan, statement="Lead a team meeting")
    mine = _goal_form(Goal.objects.get(pk=goal.pk), plan, "Mine", goal.version)
    theirs = _goal_form(Goal.objects.get(pk=goal.pk), plan, "Theirs", goal.version)
    save_versioned(theirs)

    with pytest.raises(EditConflict) as raised:
        save_versioned(mine)

    assert raised.value.current.statement == "Theirs"
    assert raised.value.current.version == 2
    goal.refresh_from_db()
    assert (goal.statement, goal.version) == ("Theirs", 2)


def test_save_versioned_creates_new_parts_with_extra_fields(world, plan):
    form = GoalForm(
        {
            "statement": "Lead a team meeting",
            "horizon": "long",
            "status": "not_started",
            "score": 3,
        },
        plan=plan,
    )
    assert form.is_valid(), form.errors

    goal = save_versioned(form, plan=plan)

    assert (goal.plan, goal.version, goal.horizon) == (plan, 1, "long")
