"""The "what changed" page: who may read it, the date it starts from, bad dates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.plans import services
from mentorplan.plans.models import Goal, PlanVisit

from .factories import GoalFactory
from .readers import READERS, READS, status_of


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


def url(world, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    base = reverse("plans:plan-changes", args=[world.partnership.pk])
    return f"{base}?{query}" if query else base


def add_goal(world, plan, statement="Lead a team meeting"):
    goal = GoalFactory.build(plan=plan, statement=statement)
    goal._history_user = world.mentee
    goal.save()
    return goal


@pytest.mark.parametrize(("role", "reads_plans", "expected"), READERS)
def test_who_reads_the_changes(world, plan, client_as, role, reads_plans, expected):
    world.program.coordinators_read_plans = reads_plans
    world.program.save()
    add_goal(world, plan)

    response = client_as(world.user(role)).get(url(world))

    assert response.status_code == status_of(expected)
    if expected == READS:
        assert "Mo added goal 1: “Lead a team meeting”." in response.text
    else:
        assert "Lead a team meeting" not in response.text


def test_anonymous_is_sent_to_sign_in(world, plan, client):
    response = client.get(url(world))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_mentor_sees_only_the_progress_of_a_draft(world, client_as):
    plan = services.plan_for_mentee(world.partnership)
    add_goal(world, plan)

    response = client_as(world.mentor).get(url(world))

    # As on the plan page (plan_detail): the plan's progress, not its changes.
    assert response.status_code == 200
    assert "plans/plan_progress.html" in [t.name for t in response.templates]
    assert "is still drafting their plan" in response.text
    assert "Lead a team meeting" not in response.text


def test_default_is_the_readers_previous_visit(world, plan, client_as):
    client = client_as(world.mentor)
    seen = add_goal(world, plan, "Seen before")
    hours_ago = timezone.now() - datetime.timedelta(hours=2)
    Goal.history.filter(id=seen.pk).update(history_date=hours_ago)
    client.get(reverse("plans:plan-detail", args=[world.partnership.pk]))
    # That visit ended an hour ago (visits last services.VISIT_LENGTH).
    PlanVisit.objects.filter(user=world.mentor).update(
        seen_at=hours_ago + datetime.timedelta(hours=1)
    )
    add_goal(world, plan, "New since")
    client.get(reverse("plans:plan-detail", args=[world.partnership.pk]))

    response = client.get(url(world))

    assert "since your last visit" in response.text
    assert "“New since”" in response.text
    assert "“Seen before”" not in response.text


def test_without_a_visit_it_starts_with_the_plan(world, plan, client_as):
    add_goal(world, plan)

    response = client_as(world.mentee).get(url(world))  # never opened the plan page

    assert "since the plan began" in response.text


def test_a_chosen_date_starts_at_the_beginning_of_that_day(world, plan, client_as):
    goal = add_goal(world, plan)
    old = timezone.now() - datetime.timedelta(days=3)
    Goal.history.filter(id=goal.pk).update(history_date=old)
    client = client_as(world.mentee)

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert "Lead a team meeting" not in client.get(url(world, since=yesterday)).text

    earlier = timezone.localdate(old)
    assert "Lead a team meeting" in client.get(url(world, since=earlier)).text


def test_nothing_changed(world, plan, client_as):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client_as(world.mentee).get(url(world, since=tomorrow))

    assert "Nothing changed since" in response.text


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-40", "0001-01-01"])
def test_a_bad_date_is_explained_beside_the_field(world, plan, client_as, bad):
    response = client_as(world.mentee).get(url(world, since=bad))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["since"]
    assert 'aria-invalid="true"' in response.text
    assert form.errors["since"][0] in response.text.replace("&#x27;", "'")


def test_entries_link_to_their_place_in_the_plan_and_show_local_times(world, plan, client_as):
    goal = add_goal(world, plan)
    world.mentee.time_zone = "Asia/Tokyo"
    world.mentee.save()

    response = client_as(world.mentee).get(url(world))

    plan_url = reverse("plans:plan-detail", args=[world.partnership.pk])
    assert f'href="{plan_url}#goal-{goal.pk}"' in response.text
    record = Goal.history.get(id=goal.pk)
    tokyo = datetime.timezone(datetime.timedelta(hours=9))  # no summer time
    local = timezone.localtime(record.history_date, timezone=tokyo)
    assert f">{local:%H:%M}</time>" in response.text


def test_plan_page_links_here(world, plan, client_as):
    plan_url = reverse("plans:plan-detail", args=[world.partnership.pk])
    response = client_as(world.mentee).get(plan_url)

    assert url(world) in response.text
