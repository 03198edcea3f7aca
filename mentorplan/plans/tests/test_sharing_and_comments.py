"""Sharing the plan, commenting on it, and answering the mentor's understanding.

Views: plans.views.plan.plan_share and understanding_respond, plans.views.comments.
The rules under test: only the mentee shares and answers; the pair comment once
the plan is shared; coordinators never write in a plan (403); everyone else: 404.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services
from mentorplan.plans.models import ActionPlan, Comment, MentorSide
from mentorplan.tests.roles import ROLES

from .factories import ActivityFactory, GoalFactory

# The login page for anonymous visitors, 404 for people outside the pair and
# the cohort, 403 for members without the right.
OUTSIDE = {
    "anonymous": 302,
    "outsider": 404,
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": 403,
}


def _url(world, name):
    return reverse(f"plans:{name}", args=[world.partnership.pk])


@pytest.fixture
def draft(world):
    return services.plan_for_mentee(world.partnership)


@pytest.fixture
def plan(draft):
    return services.plan_share(plan=draft, by=draft.partnership.mentee)


# Sharing


SHARE = OUTSIDE | {"mentee": 302, "mentor": 403}


@pytest.mark.parametrize("role", ROLES)
def test_who_shares(world, draft, client_as, role):
    response = client_as(world.user(role)).post(_url(world, "plan-share"))

    assert response.status_code == SHARE[role]
    draft.refresh_from_db()
    assert draft.is_shared == (role == "mentee")


def test_sharing_tells_the_mentee_and_opens_the_plan_to_the_mentor(world, draft, client_as):
    response = client_as(world.mentee).post(_url(world, "plan-share"), follow=True)

    assert "Your plan is shared with Mina Mentor." in response.text
    draft.refresh_from_db()
    assert draft.status == ActionPlan.Status.SHARED
    assert draft.shared_at is not None
    page = client_as(world.mentor).get(_url(world, "plan-detail"))
    assert "still drafting" not in page.text
    assert "Post comment" in page.text


def test_sharing_twice_says_so(world, plan, client_as):
    shared_at, version = plan.shared_at, plan.version

    response = client_as(world.mentee).post(_url(world, "plan-share"), follow=True)

    assert "The plan is already shared." in response.text
    plan.refresh_from_db()
    assert (plan.shared_at, plan.version) == (shared_at, version)


def test_sharing_needs_post(world, draft, client_as):
    response = client_as(world.mentee).get(_url(world, "plan-share"))

    assert response.status_code == 405


# Comments


COMMENT = OUTSIDE | {"mentee": 302, "mentor": 302}


@pytest.mark.parametrize("role", ROLES)
def test_who_comments(world, plan, client_as, role):
    response = client_as(world.user(role)).post(
        _url(world, "comment-add"), {"about": "plan", "body": "Looks good"}
    )

    assert response.status_code == COMMENT[role]
    comments = list(Comment.objects.filter(plan=plan))
    if role in ("mentee", "mentor"):
        assert [(c.author, c.body, c.goal, c.activity) for c in comments] == [
            (world.user(role), "Looks good", None, None)
        ]
    else:
        assert comments == []


def test_a_coordinator_who_reads_plans_still_cannot_comment(world, plan, client_as):
    world.program.coordinators_read_plans = True
    world.program.save()

    response = client_as(world.coordinator).post(
        _url(world, "comment-add"), {"about": "plan", "body": "Nice"}
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_no_comments_before_sharing(world, draft, client_as):
    page = client_as(world.mentee).get(_url(world, "plan-detail"))
    response = client_as(world.mentee).post(
        _url(world, "comment-add"), {"about": "plan", "body": "Note to self"}
    )

    assert "Comments open once the plan is shared." in page.text
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_no_comments_once_the_partnership_ended(world, plan, client_as):
    world.partnership.end(status=Partnership.Status.COMPLETED)

    response = client_as(world.mentor).post(
        _url(world, "comment-add"), {"about": "plan", "body": "Well done"}
    )

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_comment_about_a_goal_or_an_activity(world, plan, client_as):
    GoalFactory(plan=plan)
    goal = GoalFactory(plan=plan, statement="Lead a team meeting")
    activity = ActivityFactory(plan=plan, title="Shadow the CFO")
    client = client_as(world.mentor)
    form = client.get(_url(world, "plan-detail"))

    client.post(_url(world, "comment-add"), {"about": f"goal-{goal.pk}", "body": "Which team?"})
    client.post(
        _url(world, "comment-add"), {"about": f"activity-{activity.pk}", "body": "Ask her first"}
    )
    page = client.get(_url(world, "plan-detail"))

    assert f'<option value="goal-{goal.pk}">Goal 2: Lead a team meeting</option>' in form.text
    assert f'<option value="activity-{activity.pk}">Activity: Shadow the CFO</option>' in form.text
    on_goal, on_activity = Comment.objects.order_by("pk")
    assert (on_goal.goal, on_goal.activity) == (goal, None)
    assert (on_activity.goal, on_activity.activity) == (None, activity)
    assert "· on goal 2" in page.text
    assert "· on “Shadow the CFO”" in page.text


def test_a_goal_of_another_plan_is_not_a_choice(world, plan, client_as):
    other = GoalFactory(plan=services.plan_for_mentee(world.other_partnership))

    response = client_as(world.mentee).post(
        _url(world, "comment-add"),
        {"about": f"goal-{other.pk}", "body": "Sneaky"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert 'id="id_about_error"' in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_comment_is_an_error(world, plan, client_as, body):
    response = client_as(world.mentee).post(
        _url(world, "comment-add"), {"about": "plan", "body": body}, follow=True
    )

    assert "Write a comment first." in response.text
    assert not Comment.objects.exists()


def test_an_empty_comment_with_htmx_shows_the_error_beside_the_field(world, plan, client_as):
    response = client_as(world.mentee).post(
        _url(world, "comment-add"), {"about": "plan", "body": " "}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="comments"')
    assert 'id="id_body_error"' in response.text
    assert not Comment.objects.exists()


def test_a_comment_with_htmx_comes_back_in_the_section(world, plan, client_as):
    response = client_as(world.mentee).post(
        _url(world, "comment-add"),
        {"about": "plan", "body": "First thoughts"},
        HTTP_HX_REQUEST="true",
    )

    assert response["HX-Retarget"] == "#comments"
    assert "First thoughts" in response.text
    # A fresh, empty form for the next one.
    assert "First thoughts</textarea>" not in response.text


def test_comment_add_domain_function_strips_and_refuses_blank(world, plan):
    comment = services.comment_add(plan=plan, author=world.mentee, body="  Hello \n")
    with pytest.raises(ValidationError) as raised:
        services.comment_add(plan=plan, author=world.mentee, body="   ")

    assert comment.body == "Hello"
    assert raised.value.error_dict["body"][0].code == "required"


# The mentee answers the mentor's understanding


@pytest.fixture
def understood(plan):
    MentorSide.objects.filter(plan=plan).update(understanding="Wants to lead meetings")
    return plan


RESPOND = OUTSIDE | {"mentee": 302, "mentor": 403}


@pytest.mark.parametrize("role", ROLES)
def test_who_answers_the_understanding(world, understood, client_as, role):
    response = client_as(world.user(role)).post(
        _url(world, "understanding-respond"), {"confirm": "on"}
    )

    assert response.status_code == RESPOND[role]
    understood.refresh_from_db()
    assert (understood.understanding_confirmed_at is not None) == (role == "mentee")


def test_the_mentee_confirms(world, understood, client_as):
    client = client_as(world.mentee)
    page = client.get(_url(world, "plan-detail"))

    response = client.post(_url(world, "understanding-respond"), {"confirm": "on"}, follow=True)

    assert "Answer your mentor" in page.text
    understood.refresh_from_db()
    assert understood.understanding_confirmed_at is not None
    assert understood.understanding_feedback == ""
    assert "Mo Mentee confirmed this understanding on" in response.text


def test_the_mentee_says_what_is_missing(world, understood, client_as):
    services.understanding_respond(
        plan=understood, by=understood.partnership.mentee, confirm=True, feedback=""
    )

    client_as(world.mentee).post(
        _url(world, "understanding-respond"), {"feedback": "  Also public speaking \n"}
    )
    page = client_as(world.mentor).get(_url(world, "plan-detail"))

    understood.refresh_from_db()
    assert understood.understanding_confirmed_at is None  # no longer confirmed
    assert understood.understanding_feedback == "Also public speaking"
    assert "Mo Mentee says what is missing:</strong> Also public speaking" in page.text


def test_an_empty_answer_is_an_error(world, understood, client_as):
    client = client_as(world.mentee)

    plain = client.post(_url(world, "understanding-respond"), {"feedback": " "}, follow=True)
    htmx = client.post(
        _url(world, "understanding-respond"), {"feedback": ""}, HTTP_HX_REQUEST="true"
    )

    assert "Confirm the understanding, or say what is missing." in plain.text
    assert htmx.status_code == 200
    assert htmx.text.lstrip().startswith('<section id="mentor-side"')
    assert "Confirm the understanding, or say what is missing." in htmx.text
    understood.refresh_from_db()
    assert understood.understanding_confirmed_at is None


def test_no_answer_before_sharing(world, draft, client_as):
    response = client_as(world.mentee).post(_url(world, "understanding-respond"), {"confirm": "on"})

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.understanding_confirmed_at is None
