"""The mentoring agreement (plans.agreement and views.agreement): its terms and signing them.

The rule under test: a signature holds the terms as signed. Change a term and
both signatures are outdated until each signs again; nobody signs terms other
than the ones they read.
"""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format

from mentorplan.plans import services
from mentorplan.plans.agreement import (
    agreement_sign,
    agreement_terms,
    is_signed_by_both,
    signatures,
)
from mentorplan.plans.models import Agreement, Expectations, MentorSide
from mentorplan.tests.roles import ROLES

from .factories import GoalFactory


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


def _sign_url(world):
    return reverse("plans:agreement-sign", args=[world.partnership.pk])


def _plan_url(world):
    return reverse("plans:plan-detail", args=[world.partnership.pk])


def _states(plan):
    plan = type(plan).objects.get(pk=plan.pk)
    return [s.state for s in signatures(plan.agreement, agreement_terms(plan))]


def _sign_both(plan):
    terms = agreement_terms(plan)
    agreement_sign(
        plan=plan, by=plan.partnership.mentee, role="mentee", name="Mo Mentee", terms=terms
    )
    agreement_sign(
        plan=plan, by=plan.partnership.mentor, role="mentor", name="Mina Mentor", terms=terms
    )


# The terms


def test_terms_gather_the_plan(world, plan):
    for statement in ["Lead a team meeting", "Speak at the all-hands", "Mentor a junior", "Fourth"]:
        GoalFactory(plan=plan, statement=statement)
    Expectations.objects.filter(plan=plan).update(
        meeting_frequency="monthly",
        meeting_format="Coffee in person",
        preferred_channels="Chat",
        weekly_hours=3,
    )
    MentorSide.objects.filter(plan=plan).update(
        availability="Tuesday afternoons",
        response_time="Within two working days",
        boundaries="No calls at weekends",
    )
    plan = type(plan).objects.get(pk=plan.pk)

    terms = agreement_terms(plan)

    started, ends = world.partnership.started_on, world.cohort.ends_on
    assert f"Duration: {date_format(started)} to {date_format(ends)}" in terms
    assert "Mentee: Mo Mentee\nMentor: Mina Mentor" in terms
    assert "Program: Harbour City Mentoring, 2026 Partnerships" in terms
    assert "  1. Lead a team meeting\n  2. Speak at the all-hands\n  3. Mentor a junior" in terms
    assert "Fourth" not in terms  # only the top three goals are terms
    assert "Meetings: Every month, Coffee in person" in terms
    assert "Between meetings: Chat" in terms
    assert "Mentee's time for the plan: 3.0 hours a week" in terms
    assert "Mentor's availability: Tuesday afternoons" in terms
    assert "Mentor's response time: Within two working days" in terms
    assert "Boundaries: No calls at weekends" in terms


def test_terms_say_what_is_not_agreed_yet(plan):
    terms = agreement_terms(plan)

    assert "Top goals:\n  not agreed yet" in terms
    assert "Meetings: not agreed yet, not agreed yet" in terms
    assert "Mentor's availability: not agreed yet" in terms


# Signing, through the page


def test_signing_with_the_name_in_any_case_and_spacing(world, plan, client_as):
    terms = agreement_terms(plan)

    response = client_as(world.mentee).post(
        _sign_url(world), {"name": "  mo   MENTEE ", "terms": terms}
    )

    assert response.status_code == 302
    agreement = Agreement.objects.get(plan=plan)
    assert agreement.mentee_signed_name == "mo MENTEE"
    assert agreement.mentee_signed_terms == terms
    assert agreement.mentee_signed_at is not None
    assert _states(plan) == ["signed", "missing"]


def test_signing_with_the_windows_line_endings_of_a_form(world, plan, client_as):
    terms = agreement_terms(plan)

    client_as(world.mentor).post(
        _sign_url(world), {"name": "Mina Mentor", "terms": terms.replace("\n", "\r\n")}
    )

    assert _states(plan) == ["missing", "signed"]


@pytest.mark.parametrize("name", ["Mo", "Mina Mentor", "MoMentee", ""])
def test_another_name_is_a_field_error(world, plan, client_as, name):
    response = client_as(world.mentee).post(
        _sign_url(world),
        {"name": name, "terms": agreement_terms(plan)},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert 'id="id_name_error"' in response.text
    assert Agreement.objects.get(plan=plan).mentee_signed_name == ""


def test_a_wrong_name_without_htmx_says_why(world, plan, client_as):
    response = client_as(world.mentee).post(
        _sign_url(world), {"name": "Mo", "terms": agreement_terms(plan)}, follow=True
    )

    assert "Type your name as it appears in your profile: Mo Mentee." in response.text
    assert Agreement.objects.get(plan=plan).mentee_signed_name == ""


def test_both_signatures_sign_the_agreement(world, plan, client_as):
    _sign_both(plan)

    response = client_as(world.mentee).get(_plan_url(world))

    assert _states(plan) == ["signed", "signed"]
    agreement = Agreement.objects.get(plan=plan)
    assert is_signed_by_both(agreement, agreement_terms(plan))
    assert response.text.count('badge-achieved">Signed</span>') == 2
    assert "Sign the agreement" not in response.text


@pytest.mark.parametrize("change", ["meeting frequency", "top goal", "boundaries"])
def test_changing_a_term_asks_both_to_sign_again(world, plan, client_as, change):
    goal = GoalFactory(plan=plan, statement="Lead a team meeting")
    _sign_both(plan)

    if change == "meeting frequency":
        Expectations.objects.filter(plan=plan).update(meeting_frequency="weekly")
    elif change == "top goal":
        type(goal).objects.filter(pk=goal.pk).update(statement="Lead two meetings")
    else:
        MentorSide.objects.filter(plan=plan).update(boundaries="No calls after 6pm")
    response = client_as(world.mentor).get(_plan_url(world))

    assert _states(plan) == ["outdated", "outdated"]
    assert response.text.count("Sign again") == 2
    assert "Sign the agreement" in response.text  # the mentor's own form is back


def test_a_goal_below_the_top_three_is_not_a_term(world, plan):
    for _ in range(3):
        GoalFactory(plan=plan)
    fourth = GoalFactory(plan=plan)
    _sign_both(plan)

    type(fourth).objects.filter(pk=fourth.pk).update(statement="Something else")

    assert _states(plan) == ["signed", "signed"]


def test_history_keeps_each_signature(world, plan):
    _sign_both(plan)
    Expectations.objects.filter(plan=plan).update(meeting_frequency="weekly")
    plan = type(plan).objects.get(pk=plan.pk)
    agreement_sign(
        plan=plan,
        by=plan.partnership.mentee,
        role="mentee",
        name="Mo Mentee",
        terms=agreement_terms(plan),
    )

    agreement = Agreement.objects.get(plan=plan)
    # Creation, then three signatures, newest first.
    records = list(agreement.history.all())
    assert len(records) == 4
    assert [r.version for r in records] == [4, 3, 2, 1]
    assert records[2].mentee_signed_name == "Mo Mentee"
    assert records[2].mentor_signed_name == ""
    assert records[1].mentor_signed_name == "Mina Mentor"
    assert "Meetings: not agreed yet" in records[1].mentee_signed_terms
    assert "Meetings: Every week" in records[0].mentee_signed_terms
    assert "Meetings: not agreed yet" in records[0].mentor_signed_terms


def test_stale_terms_are_refused(plan):
    read = agreement_terms(plan)
    GoalFactory(plan=plan, statement="Lead a team meeting")

    with pytest.raises(ValidationError) as raised:
        agreement_sign(
            plan=plan, by=plan.partnership.mentee, role="mentee", name="Mo Mentee", terms=read
        )

    assert raised.value.code == "changed"
    assert Agreement.objects.get(plan=plan).mentee_signed_name == ""


def test_only_the_pair_signs(world, plan):
    with pytest.raises(ValidationError) as raised:
        agreement_sign(
            plan=plan,
            by=world.coordinator,
            role="coordinator",
            name="Cora",
            terms=agreement_terms(plan),
        )

    assert raised.value.code == "role"


# Who signs: the pair, once the plan is shared. Coordinators are refused (403),
# the rest of the world does not learn the plan exists (404).
SIGN = {
    "anonymous": 302,
    "outsider": 404,
    "mentee": 302,
    "mentor": 302,
    "other_mentor": 404,
    "other_coordinator": 404,
    "coordinator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_who_signs(world, plan, client_as, role):
    user = world.user(role)
    name = user.display_name if user else "Someone"

    response = client_as(user).post(
        _sign_url(world), {"name": name, "terms": agreement_terms(plan)}
    )

    assert response.status_code == SIGN[role]
    agreement = Agreement.objects.get(plan=plan)
    signed = {agreement.mentee_signed_name, agreement.mentor_signed_name} - {""}
    assert signed == ({name} if role in ("mentee", "mentor") else set())


def test_the_coordinator_cannot_sign_even_when_reading_plans(world, plan, client_as):
    world.program.coordinators_read_plans = True
    world.program.save()

    response = client_as(world.coordinator).post(
        _sign_url(world), {"name": "Cora Coordinator", "terms": agreement_terms(plan)}
    )

    assert response.status_code == 403


def test_the_mentee_cannot_sign_before_sharing(world, client_as):
    plan = services.plan_for_mentee(world.partnership)

    page = client_as(world.mentee).get(_plan_url(world))
    response = client_as(world.mentee).post(
        _sign_url(world), {"name": "Mo Mentee", "terms": agreement_terms(plan)}
    )

    assert "You both sign once the plan is shared." in page.text
    assert 'name="terms"' not in page.text
    assert response.status_code == 403
    assert Agreement.objects.get(plan=plan).mentee_signed_name == ""


def test_the_signing_form_carries_the_terms_shown(world, plan, client_as):
    GoalFactory(plan=plan, statement="Lead a team meeting & more")

    response = client_as(world.mentee).get(_plan_url(world))

    shown = re.search(r'name="terms" value="([^"]*)"', response.text).group(1)
    assert html.unescape(shown) == agreement_terms(plan)
