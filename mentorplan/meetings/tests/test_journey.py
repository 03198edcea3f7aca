"""The journey: the feed, celebrations shown once, the cadence, "what changed" since the meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings.models import JourneyEvent
from mentorplan.meetings.selectors import cadence_for, with_journey_facts
from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import Expectations
from mentorplan.plans.tests.factories import GoalFactory, MeasureFactory

from .factories import MeetingFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = plan_services.plan_for_mentee(world.partnership)
    plan_services.plan_share(plan=plan, by=world.mentee)
    return plan


def _achieve(goal, by):
    plan_services.part_update(
        plan=goal.plan,
        kind="goal",
        part=goal,
        by=by,
        expected_version=goal.version,
        status="achieved",
    )


def test_the_feed_tells_what_happened_newest_first(world, client_as, plan):
    goal = GoalFactory(plan=plan, statement="Lead the Monday stand-up")
    MeetingFactory(partnership=world.partnership, starts_at=in_days(-5))
    from mentorplan.meetings import services

    services._held_event(world.partnership.meetings.get())
    _achieve(goal, world.mentee)

    kinds = [e.kind for e in JourneyEvent.objects.order_by("-at", "-pk")]
    assert kinds[0] == JourneyEvent.Kind.GOAL_ACHIEVED
    assert set(kinds) >= {"plan_shared", "meeting_held", "goal_achieved", "plan_changed"}
    page = client_as(world.mentor).get(world.partnership.get_absolute_url()).content.decode()
    assert "Goal achieved: “Lead the Monday stand-up”" in page


def test_a_coordinator_sees_the_kind_of_event_not_the_plan_words(world, client_as, plan):
    goal = GoalFactory(plan=plan, statement="Lead the Monday stand-up")
    _achieve(goal, world.mentee)
    page = client_as(world.coordinator).get(world.partnership.get_absolute_url()).content.decode()
    assert "Goal achieved" in page
    assert "Lead the Monday stand-up" not in page


def test_a_draft_plan_writes_no_journey(world):
    plan = plan_services.plan_for_mentee(world.partnership)
    GoalFactory(plan=plan)
    plan_services.part_update(
        plan=plan,
        kind="expectations",
        part=plan.expectations,
        by=world.mentee,
        expected_version=plan.expectations.version,
        guidance_areas="Budgets",
    )
    assert not JourneyEvent.objects.exists()


def test_both_partners_see_a_celebration_once(world, client_as, plan):
    goal = GoalFactory(plan=plan)
    measure = MeasureFactory(goal=goal, description="Three talks given")
    plan_services.measure_progress_set(
        measure=measure,
        by=world.mentor,
        expected_version=measure.version,
        achieved_on=timezone.localdate(),
    )
    mentee, mentor = client_as(world.mentee), None

    first = mentee.get(reverse("home")).content.decode()
    again = mentee.get(reverse("home")).content.decode()
    mentor = client_as(world.mentor)
    on_partnership = mentor.get(world.partnership.get_absolute_url()).content.decode()
    mentor_home = mentor.get(reverse("home")).content.decode()

    text = "Success measure reached: “Three talks given”"
    assert text in first
    assert 'class="celebrate"' in first
    assert 'class="celebrate"' not in again
    assert text in on_partnership
    assert 'class="celebrate"' in on_partnership
    assert 'class="celebrate"' not in mentor_home
    # It stays in the journey.
    assert text in mentor.get(world.partnership.get_absolute_url()).content.decode()


NOON = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)


def _cadence(partnership, now=NOON):
    facts = with_journey_facts(Partnership.objects.filter(pk=partnership.pk), now=now).get()
    return cadence_for(facts, now=now)


def test_the_agreed_cadence_is_compared_with_the_meetings_held(world, client_as, plan):
    Expectations.objects.filter(plan=plan).update(meeting_frequency="fortnightly")
    MeetingFactory(
        partnership=world.partnership,
        starts_at=timezone.now() - datetime.timedelta(weeks=5, hours=1),
    )

    cadence = _cadence(world.partnership)

    message = "You agreed to meet every two weeks; the last meeting was 5 weeks ago."
    assert cadence.behind
    assert cadence.message == message
    for user in (world.mentee, world.mentor):
        client = client_as(user)
        assert message in client.get(reverse("home")).content.decode()
        assert message in client.get(world.partnership.get_absolute_url()).content.decode()


def test_a_pair_on_rhythm_is_not_behind(world, plan):
    MeetingFactory(
        partnership=world.partnership,
        starts_at=NOON - datetime.timedelta(days=6, hours=1),
    )
    cadence = _cadence(world.partnership)
    assert not cadence.behind
    assert (
        cadence.message
        == "Your program suggests meeting every two weeks; the last meeting was 6 days ago."
    )


def test_a_pair_that_never_met_counts_from_the_pairing(world):
    Partnership.objects.filter(pk=world.partnership.pk).update(
        started_on=timezone.localdate() - datetime.timedelta(days=40)
    )
    cadence = _cadence(Partnership.objects.get(pk=world.partnership.pk))
    assert cadence.behind
    assert "you have not met since you were paired 5 weeks ago" in cadence.message


def test_what_changed_counts_from_the_last_meeting_held(world, client_as, plan):
    held = MeetingFactory(partnership=world.partnership, starts_at=in_days(-3))
    MeetingFactory(partnership=world.partnership, starts_at=in_days(3))
    response = client_as(world.mentor).get(
        reverse("plans:plan-changes", args=[world.partnership.pk])
    )
    assert response.context["since_what"] == "meeting"
    assert response.context["since"] == held.starts_at
    assert "since our last meeting" in response.content.decode()


def test_one_click_progress_from_the_home_page(world, client_as, plan):
    goal = GoalFactory(plan=plan)
    from mentorplan.plans.tests.factories import ActivityFactory

    activity = ActivityFactory(plan=plan, goal=goal, title="Give a lightning talk")
    client = client_as(world.mentee)
    home = client.get(reverse("home")).content.decode()
    url = reverse("meetings:activity-progress", args=[world.partnership.pk, activity.pk])
    assert url in home

    response = client.post(
        url, {"version": activity.version, "status": "done", "outcome": "yes", "next": "/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    activity.refresh_from_db()
    assert (activity.status, activity.outcome) == ("done", "yes")
    # A stale click (the old version) changes nothing and says so.
    stale = client.post(
        url, {"version": 1, "status": "in_progress", "next": "https://evil.example"}, follow=False
    )
    assert stale["Location"] == plan.get_absolute_url()
    activity.refresh_from_db()
    assert activity.status == "done"
