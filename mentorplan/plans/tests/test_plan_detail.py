"""The plan page (views.plan.plan_detail): who sees what, in how many queries.

The rule under test (plans.permissions): the mentee writes and always sees the
plan; the mentor reads it once shared; coordinators see progress only, unless
the program lets them read shared plans, and never edit; everyone else: 404.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorplan.plans import services
from mentorplan.plans.models import ActionPlan, PlanVisit
from mentorplan.tests.roles import ROLES

from .factories import (
    ActivityFactory,
    BarrierFactory,
    CommentFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
    SelfAssessmentFactory,
)

GOAL = "Lead a team meeting"
COMMENT = "Great first draft"


def _url(world):
    return reverse("plans:plan-detail", args=[world.partnership.pk])


def _plan(world, *, shared):
    plan = services.plan_for_mentee(world.partnership)
    goal = GoalFactory(plan=plan, statement=GOAL)
    ActivityFactory(plan=plan, goal=goal, title="Shadow the CFO")
    if shared:
        services.plan_share(plan=plan, by=plan.partnership.mentee)
        CommentFactory(plan=plan, author=world.mentor, body=COMMENT)
    return plan


# What each role gets once the plan is shared: the plan itself, the progress
# page, nothing (404) or the login page.
SHARED = {
    "anonymous": "login",
    "outsider": 404,
    "mentee": "plan",
    "mentor": "plan",
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": "progress",
}


@pytest.mark.parametrize("role", ROLES)
def test_shared_plan_by_role(world, client_as, role):
    _plan(world, shared=True)

    response = client_as(world.user(role)).get(_url(world))

    expected = SHARED[role]
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif expected == 404:
        assert response.status_code == 404
        assert GOAL not in response.text
    else:
        assert response.status_code == 200
        assert (GOAL in response.text) == (expected == "plan")
        assert (COMMENT in response.text) == (expected == "plan")
        assert ("Getting started:" in response.text) == (expected == "plan")
        assert ("As a coordinator you see the plan’s progress" in response.text) == (
            expected == "progress"
        )


def test_the_mentee_starts_the_plan_on_the_first_visit(world, client_as):
    assert not ActionPlan.objects.filter(partnership=world.partnership).exists()

    response = client_as(world.mentee).get(_url(world))

    assert response.status_code == 200
    plan = ActionPlan.objects.get(partnership=world.partnership)
    assert plan.status == ActionPlan.Status.DRAFT
    assert hasattr(plan, "agreement")
    assert hasattr(plan, "expectations")
    assert hasattr(plan, "mentor_side")
    assert "Your action plan" in response.text
    assert "This plan is a draft: only you can see it." in response.text
    assert "Share the plan with Mina Mentor" in response.text


@pytest.mark.parametrize("role", ["mentor", "coordinator"])
def test_before_the_mentee_starts(world, client_as, role):
    response = client_as(world.user(role)).get(_url(world))

    assert response.status_code == 200
    assert "Mo Mentee has not started their plan yet." in response.text
    assert not ActionPlan.objects.exists()  # only the mentee's visit starts it


def test_the_mentee_sees_the_draft(world, client_as):
    _plan(world, shared=False)

    response = client_as(world.mentee).get(_url(world))

    assert GOAL in response.text
    assert "Shadow the CFO" in response.text
    assert "Add a goal" in response.text


def test_the_mentor_sees_a_draft_as_still_drafting(world, client_as):
    _plan(world, shared=False)

    response = client_as(world.mentor).get(_url(world))

    assert response.status_code == 200
    assert "Mo Mentee is still drafting their plan." in response.text
    assert GOAL not in response.text
    assert "Shadow the CFO" not in response.text
    assert not PlanVisit.objects.exists()


def test_the_mentor_reads_the_shared_plan(world, client_as):
    _plan(world, shared=True)

    response = client_as(world.mentor).get(_url(world))

    assert "Mo Mentee’s action plan" in response.text
    assert GOAL in response.text
    assert "Edit your side" in response.text
    assert "Add a goal" not in response.text  # the mentee's side is the mentee's
    assert "Post comment" in response.text


def test_the_coordinator_sees_progress_only(world, client_as):
    plan = _plan(world, shared=True)
    ActivityFactory(plan=plan, title="Present at the offsite", status="done", outcome="yes")

    response = client_as(world.coordinator).get(_url(world))

    text = response.text
    assert "<dt>Goals</dt><dd>1</dd>" in text
    assert "<dt>Activities</dt><dd>2</dd>" in text
    assert "<dt>Done</dt><dd>1</dd>" in text
    # Done: the goal has an activity, and the plan is shared.
    assert "<dt>Checklist</dt><dd>2/11</dd>" in text
    assert "<li>Done: 1</li><li>Planned: 1</li>" in text
    assert "Three top goals, in priority order" in text
    assert "Goal 1:" in text
    for written in [GOAL, "Shadow the CFO", "Present at the offsite", COMMENT]:
        assert written not in text
    assert "coordinators may read plan text” is off" in text


def test_a_coordinator_who_may_read_plans_reads_the_shared_plan(world, client_as):
    world.program.coordinators_read_plans = True
    world.program.save()
    plan = _plan(world, shared=True)
    MeasureFactory(goal=plan.goals.get(), description="Three meetings led")

    response = client_as(world.coordinator).get(_url(world))

    text = response.text
    assert GOAL in text
    assert COMMENT in text
    for edit in [
        "Add a goal",
        "Edit goal",
        "Add a success measure",
        "Propose a success measure",
        "Edit your side",
        "Edit expectations",
        "Sign the agreement",
        "Post comment",
        "Share the plan",
        "/edit/",
        "/new/",
    ]:
        assert edit not in text
    assert not PlanVisit.objects.filter(user=world.coordinator).exists()


def test_a_coordinator_who_may_read_plans_does_not_read_drafts(world, client_as):
    world.program.coordinators_read_plans = True
    world.program.save()
    _plan(world, shared=False)

    response = client_as(world.coordinator).get(_url(world))

    assert GOAL not in response.text
    assert "until the mentee shares the plan" in response.text


# Queries


def _fill(world, plan, n):
    """n of each part, with comments about goals and activities."""
    for _ in range(n):
        goal = GoalFactory(plan=plan)
        SelfAssessmentFactory(goal=goal)
        MeasureFactory(goal=goal, achieved_on=datetime.date(2026, 3, 1))
        activity = ActivityFactory(plan=plan, goal=goal)
        ObjectiveFactory(plan=plan, goal=goal)
        MilestoneFactory(plan=plan, goal=goal)
        BarrierFactory(plan=plan)
        CommentFactory(plan=plan, author=world.mentor, goal=goal)
        CommentFactory(plan=plan, author=world.mentee, activity=activity)


@pytest.mark.parametrize("role", ["mentee", "mentor"])
@pytest.mark.parametrize("n", [1, 15])
def test_queries_do_not_grow_with_the_plan(world, client_as, django_assert_num_queries, role, n):
    """Warm: the sections come from the cache, so no part of the plan is read."""
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    _fill(world, plan, n)
    client = client_as(world.user(role))
    client.get(_url(world))  # the first visit creates the visit record and fills the cache

    # 1 session (none with the Redis cache of a deployment: cached_db
    # sessions), 2 user, 3 the plan with its one-to-one parts, its partnership
    # with people, cohort and program, and the reader's last visit
    # (selectors.plans_for_reader), 4 this visit (an upsert), 5 the cached
    # sections (a query on the database cache of the embedded default; none
    # on Redis), 6 the unread notifications count in the navigation.
    with django_assert_num_queries(6):
        response = client.get(_url(world))

    assert response.status_code == 200
    assert response.text.count('<li id="comment-') == 2 * n


@pytest.mark.parametrize("role", ["mentee", "mentor"])
@pytest.mark.parametrize("n", [1, 15])
def test_cold_queries_do_not_grow_with_the_plan(
    world, client_as, django_assert_num_queries, role, n
):
    """Cold: the first reader after a change draws the sections and stores them."""
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    _fill(world, plan, n)
    client = client_as(world.user(role))
    client.get(_url(world))
    services.comment_add(plan=plan, author=world.mentee, body="One more thought")

    # 1 session, 2 user, 3 the plan (plans_for_reader), 4 this visit, 5 the
    # cache (a miss), 6 goals, 7 self-assessments, 8 success measures,
    # 9 activities, 10 barriers, 11 comments with authors, goals and
    # activities, 12 objectives, 13 milestones, 14-18 storing the sections
    # (the database cache counts its rows, then in a savepoint looks for the
    # key and inserts it; none on Redis), 19 the unread notifications count.
    # Pending suggestions and the reader's help requests are asked for only
    # when the plan has some.
    with django_assert_num_queries(19):
        response = client.get(_url(world))

    assert response.status_code == 200
    assert response.text.count('<li id="comment-') == 2 * n + 1


@pytest.mark.parametrize("n", [1, 15])
def test_progress_queries_do_not_grow_with_the_plan(world, client_as, django_assert_num_queries, n):
    plan = services.plan_for_mentee(world.partnership)
    _fill(world, plan, n)
    client = client_as(world.coordinator)

    # 1 session, 2 user, 3 the plan with its partnership (plans_for_reader),
    # 4 the user's role (coordinates the cohort?), then what progress needs
    # of plan_data: 5 goals, 6 assessments, 7 measures, 8 activities, 9 barriers,
    # 10 the unread notifications count in the navigation.
    with django_assert_num_queries(10):
        response = client.get(_url(world))

    assert f"<dt>Goals</dt><dd>{n}</dd>" in response.text


# Comments new since the last visit


def test_comments_since_the_last_visit_are_new(world, client_as):
    plan = _plan(world, shared=True)
    client = client_as(world.mentor)
    client.get(_url(world))
    _seen_minutes_ago(world.mentor, 5)
    theirs = services.comment_add(plan=plan, author=world.mentee, body="Does this look right?")
    mine = services.comment_add(plan=plan, author=world.mentor, body="Added my side")

    response = client.get(_url(world))

    text = response.text
    old = _comment_row(text, plan.comments.get(body=COMMENT).pk)
    assert "badge-new" not in old
    assert 'class="new"' in _comment_row(text, theirs.pk)
    assert "New</span>" in _comment_row(text, theirs.pk)
    assert "badge-new" not in _comment_row(text, mine.pk)  # one's own is never new
    assert "Your last visit:" in text

    # The comments section swapped back by htmx (say after posting one) still
    # marks what was new when the page opened.
    section = client.get(_url(world) + "?section=comments", HTTP_HX_REQUEST="true")
    assert "New</span>" in _comment_row(section.text, theirs.pk)


def _seen_minutes_ago(user, minutes):
    seen_at = timezone.now() - datetime.timedelta(minutes=minutes)
    PlanVisit.objects.filter(user=user).update(seen_at=seen_at)
    return PlanVisit.objects.get(user=user).seen_at


def test_each_open_is_a_visit_in_one_write(world, client_as):
    plan = _plan(world, shared=True)
    client = client_as(world.mentor)
    client.get(_url(world))
    earlier = _seen_minutes_ago(world.mentor, 5)

    with CaptureQueriesContext(connection) as queries:
        client.get(_url(world))

    visit = PlanVisit.objects.get(user=world.mentor, plan=plan)
    assert visit.previous_seen_at == earlier
    assert timezone.now() - visit.seen_at < datetime.timedelta(minutes=1)
    writes = [q["sql"] for q in queries if "plans_planvisit" in q["sql"].split("(")[0]]
    assert len(writes) == 1
    assert writes[0].startswith("INSERT")


def test_nothing_is_new_on_the_first_visit(world, client_as):
    _plan(world, shared=True)

    response = client_as(world.mentee).get(_url(world))

    assert COMMENT in response.text
    assert "badge-new" not in response.text


def _comment_row(text, pk):
    return text.split(f'id="comment-{pk}"', 1)[1].split("</li>", 1)[0]


# Celebrations


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_an_achieved_measure_is_celebrated(world, client_as, role):
    plan = _plan(world, shared=True)
    MeasureFactory(
        goal=plan.goals.get(), description="Led three meetings", achieved_on=datetime.date.today()
    )
    MeasureFactory(goal=plan.goals.get(), description="Asked for feedback")

    response = client_as(world.user(role)).get(_url(world))

    celebrations = response.text.split('aria-label="Celebrations"', 1)[1].split("</section>")[0]
    assert "🎉 <strong>Led three meetings</strong>" in celebrations
    assert "(goal 1). Well done!" in celebrations
    assert "Asked for feedback" not in celebrations


def test_no_celebration_before_a_measure_is_achieved(world, client_as):
    plan = _plan(world, shared=True)
    MeasureFactory(goal=plan.goals.get())

    response = client_as(world.mentee).get(_url(world))

    assert "🎉" not in response.text


# One section at a time, for htmx


def test_htmx_gets_just_one_section(world, client_as):
    _plan(world, shared=True)

    response = client_as(world.mentee).get(_url(world) + "?section=goals", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="goals"')
    assert GOAL in response.text
    assert 'id="objectives"' not in response.text
    assert "Shadow the CFO" not in response.text
    assert "<html" not in response.text
    assert response["HX-Retarget"] == "#goals"
    # The checklist comes along, out of band.
    assert re.search('<aside id="checklist"[^>]* hx-swap-oob="true"', response.text)


@pytest.mark.parametrize("section", ["goals", "objectives"])
@pytest.mark.parametrize("n", [1, 15])
def test_a_saved_section_comes_from_the_cache(
    world, client_as, django_assert_num_queries, section, n
):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    _fill(world, plan, n)
    client = client_as(world.mentee)

    # Cold, the first reader of this revision draws every section (the page
    # would): 1 session, 2 user, 3 the plan (plans_for_reader), 4 the cache
    # (a miss), 5-12 the parts as for the whole page, 13-17 storing them.
    with django_assert_num_queries(17):
        client.get(_url(world) + f"?section={section}", HTTP_HX_REQUEST="true")
    # Warm: 1 session, 2 user, 3 the plan, 4 the cached sections.
    with django_assert_num_queries(4):
        response = client.get(_url(world) + f"?section={section}", HTTP_HX_REQUEST="true")

    assert response.text.lstrip().startswith(f'<section id="{section}"')
    assert response.text.count('<li class="part') >= n


def test_an_unknown_section_gets_the_whole_page(world, client_as):
    _plan(world, shared=True)

    response = client_as(world.mentee).get(_url(world) + "?section=nothing", HTTP_HX_REQUEST="true")

    assert "<html" in response.text
    assert 'id="objectives"' in response.text


def test_a_section_is_not_a_way_around_the_progress_page(world, client_as):
    _plan(world, shared=False)

    response = client_as(world.mentor).get(_url(world) + "?section=goals", HTTP_HX_REQUEST="true")

    assert GOAL not in response.text
    assert "still drafting" in response.text
