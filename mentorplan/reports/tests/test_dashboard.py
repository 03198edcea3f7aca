"""The cohort dashboard (reports:cohort-dashboard): who sees it, its filters, sort, pages, cost.

Also the pictures' figures (``activities_by_kind``, ``meetings_per_week``) and the
checklists of a page of rows (``plans.selectors.checklists_for``), without HTTP.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings.models import CheckIn, Meeting
from mentorplan.meetings.tests.factories import MeetingFactory
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.agreement import agreement_terms
from mentorplan.plans.models import (
    ActionPlan,
    Agreement,
    Expectations,
    LearningActivity,
    MentorSide,
)
from mentorplan.plans.selectors import checklists_for, load_plan, plan_data
from mentorplan.plans.tests.factories import (
    ActivityFactory,
    BarrierFactory,
    GoalFactory,
    MeasureFactory,
)
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory
from mentorplan.reports.dashboard import (
    PER_PAGE,
    activities_by_kind,
    meetings_per_week,
)
from mentorplan.reports.health import cohort_health

from .factories import Scene, cohort_for, plan_of, reading_in_utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(world):
    """A cohort of the world's program, seen now (the views read the clock)."""
    now = timezone.now()
    return Scene(cohort_for(world.program, now=now), now)


def url_of(cohort):
    return reverse("reports:cohort-dashboard", args=[cohort.pk])


@pytest.fixture
def coordinator(world, client_as):
    return client_as(reading_in_utc(world.coordinator))


@pytest.fixture
def five(live):
    """Five pairs, each at a different place; the mentors have two, two and one pairs.

    Dates are far enough from the thresholds that the coordinator's time zone
    (a day either way) changes nothing.
    """
    max_mentor = UserFactory(display_name="Max Mentor")
    nia = UserFactory(display_name="Nia Mentor")
    dev = live.on_track(mentee="Dev Done", mentor=nia)
    dev.end(status=Partnership.Status.COMPLETED)
    return {
        # 25 days, never shared: past the 21 to share, not the 28 to meet.
        "ada": live.pair(mentee="Ada Unshared", mentor=max_mentor, began=25),
        # Last met 25 days ago, every two weeks suggested: behind.
        "ben": live.on_track(mentee="Ben Behind", mentor=max_mentor, held=(40, 25), coming=()),
        "cleo": live.on_track(mentee="Cleo Fine", mentor=nia),
        "dev": dev,
        "eve": live.pair(mentee="Eve Shared", mentor="Oli Mentor", began=10, shared=5),
    }


NAMES = {
    "ada": "Ada Unshared",
    "ben": "Ben Behind",
    "cleo": "Cleo Fine",
    "dev": "Dev Done",
    "eve": "Eve Shared",
}


def rows(response):
    return [p.mentee_name for p in response.context["dashboard"].page]


def assert_shows_only(response, *keys):
    assert response.status_code == 200
    assert sorted(rows(response)) == sorted(NAMES[k] for k in keys)
    for key, name in NAMES.items():
        assert (name in response.text) is (key in keys), name


# Who sees it


def test_the_coordinator_sees_every_pair_with_its_reasons(live, five, coordinator):
    response = coordinator.get(url_of(live.cohort))

    assert response.status_code == 200
    assert_shows_only(response, "ada", "ben", "cleo", "dev", "eve")
    html = response.text
    assert "<h1>Dashboard" in html
    assert "Max Mentor" in html
    assert "Nia Mentor" in html
    assert "Plan not shared 25 days after pairing" in html
    assert "No meeting for 25 days (suggested: every two weeks)" in html
    assert "On track" in html
    dashboard = response.context["dashboard"]
    assert (len(dashboard.pairs), dashboard.active_count, dashboard.at_risk_count) == (5, 4, 2)
    assert "Nudge the 2 at risk" in html


def test_the_default_order_puts_the_pairs_at_risk_first(live, five, coordinator):
    response = coordinator.get(url_of(live.cohort))

    assert rows(response)[:2] == ["Ada Unshared", "Ben Behind"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("mentor", 403), ("mentee", 403), ("other_coordinator", 404), ("outsider", 404)],
)
def test_others_do_not_see_the_dashboard(world, client_as, role, status):
    response = client_as(world.user(role)).get(url_of(world.cohort))

    assert response.status_code == status
    assert "Mo Mentee" not in response.text


def test_anonymous_is_sent_to_sign_in(world, client):
    url = url_of(world.cohort)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_a_cohort_coordinator_sees_their_cohorts_dashboard(world, client_as):
    runner = UserFactory(display_name="Rae Runner")
    MembershipFactory(user=runner, cohort=world.cohort, role=Membership.Role.COORDINATOR)

    response = client_as(runner).get(url_of(world.cohort))

    assert response.status_code == 200
    assert {"Mo Mentee", "Olga Mentee"} <= set(rows(response))


def test_an_unknown_cohort_is_404(world, coordinator):
    response = coordinator.get(reverse("reports:cohort-dashboard", args=[987654]))

    assert response.status_code == 404


def test_the_dashboard_is_read_only(world, coordinator):
    response = coordinator.post(url_of(world.cohort))

    assert response.status_code == 405


# Filters


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"risk": "at_risk"}, ["ada", "ben"]),
        ({"risk": "not_shared"}, ["ada"]),
        ({"risk": "cadence"}, ["ben"]),
        ({"risk": "overdue"}, []),
        ({"step": "shared"}, ["eve"]),
        ({"step": "under_way"}, ["ben", "cleo"]),
        ({"step": "finished"}, ["dev"]),
        ({"state": "completed"}, ["dev"]),
        ({"state": "active"}, ["ada", "ben", "cleo", "eve"]),
        ({"q": "cleo"}, ["cleo"]),  # a mentee, whatever the case
        ({"q": "  FINE "}, ["cleo"]),
        ({"q": "nia"}, ["cleo", "dev"]),  # a mentor
        ({"q": "nia", "state": "active"}, ["cleo"]),
        ({"risk": "at_risk", "step": "paired"}, ["ada"]),
    ],
    ids=lambda v: "&".join(f"{k}={w}" for k, w in v.items()) if isinstance(v, dict) else None,
)
def test_filters_show_only_the_matching_pairs(live, five, coordinator, query, shown):
    response = coordinator.get(url_of(live.cohort), query)

    if shown:
        assert_shows_only(response, *shown)
        assert response.context["dashboard"].shown_count == len(shown)
    else:
        assert rows(response) == []
        assert "No partnership matches these filters." in response.text
    # The counts above the table stay the whole cohort's.
    assert len(response.context["dashboard"].pairs) == 5


def test_the_mentor_filter_shows_that_mentors_pairs_and_names_them(live, five, coordinator):
    mentor = five["ada"].mentor

    response = coordinator.get(url_of(live.cohort), {"mentor": mentor.pk})

    assert_shows_only(response, "ada", "ben")
    assert "Only the partnerships of <strong>Max Mentor</strong>" in response.text
    assert f'name="mentor" value="{mentor.pk}"' in response.text


def test_a_mentor_of_another_cohort_shows_nobody(world, live, five, coordinator):
    response = coordinator.get(url_of(live.cohort), {"mentor": world.mentor.pk})

    assert rows(response) == []
    assert "Only the partnerships of <strong>this mentor</strong>" in response.text
    assert "No partnership matches these filters." in response.text


def test_a_search_matching_nobody_says_so(live, five, coordinator):
    response = coordinator.get(url_of(live.cohort), {"q": "zzz"})

    assert response.status_code == 200
    assert rows(response) == []
    assert "No partnership matches these filters." in response.text
    assert "No partnerships in this cohort yet" not in response.text


# Sort


def test_sort_by_mentee_ascending(live, five, coordinator):
    response = coordinator.get(url_of(live.cohort), {"sort": "mentee"})

    expected = ["Ada Unshared", "Ben Behind", "Cleo Fine", "Dev Done", "Eve Shared"]
    assert rows(response) == expected
    positions = [response.text.index(name) for name in expected]
    assert positions == sorted(positions)


def test_sort_by_mentee_descending(live, five, coordinator):
    response = coordinator.get(url_of(live.cohort), {"sort": "-mentee"})

    expected = ["Eve Shared", "Dev Done", "Cleo Fine", "Ben Behind", "Ada Unshared"]
    assert rows(response) == expected
    positions = [response.text.index(name) for name in expected]
    assert positions == sorted(positions)


def test_sort_by_last_meeting_puts_the_pairs_without_one_last_both_ways(live, five, coordinator):
    ascending = rows(coordinator.get(url_of(live.cohort), {"sort": "last_meeting"}))
    descending = rows(coordinator.get(url_of(live.cohort), {"sort": "-last_meeting"}))

    # Ben last met 25 days ago, Cleo and Dev 7 days ago; Ada and Eve never.
    assert ascending == ["Ben Behind", "Cleo Fine", "Dev Done", "Ada Unshared", "Eve Shared"]
    assert descending == ["Cleo Fine", "Dev Done", "Ben Behind", "Ada Unshared", "Eve Shared"]


# Pages


@pytest.fixture
def thirty(live):
    return [live.pair(mentee=f"Mentee {n:02}", mentor=f"Mentor {n:02}", began=5) for n in range(30)]


def test_the_second_page_shows_the_rest(live, thirty, coordinator):
    response = coordinator.get(url_of(live.cohort), {"sort": "mentee", "page": "2"})

    assert response.status_code == 200
    assert rows(response) == [f"Mentee {n}" for n in range(25, 30)]
    assert "Mentee 24" not in response.text
    assert "Mentee 00" not in response.text
    assert "26–30 of 30" in response.text
    assert PER_PAGE == 25


def test_the_first_page_shows_25(live, thirty, coordinator):
    response = coordinator.get(url_of(live.cohort), {"sort": "mentee"})

    assert rows(response) == [f"Mentee {n:02}" for n in range(25)]
    assert "Mentee 25" not in response.text
    # The page links keep the filters and the sort.
    assert 'href="?sort=mentee&amp;page=2#dashboard-heading"' in response.text


def test_page_links_keep_the_filters(live, thirty, coordinator):
    # All 30 match both filters: two pages, and page 2's link keeps them.
    response = coordinator.get(url_of(live.cohort), {"q": "mentee", "step": "paired"})

    assert len(rows(response)) == 25
    assert 'href="?q=mentee&amp;step=paired&amp;page=2#dashboard-heading"' in response.text


# htmx


def test_htmx_gets_only_the_table(live, five, coordinator):
    response = coordinator.get(
        url_of(live.cohort),
        {"risk": "at_risk"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="dashboard-table",
    )

    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<div id="dashboard-table">')
    assert "<h1" not in html
    assert "<html" not in html
    assert "The cohort at a glance" not in html
    assert "Ada Unshared" in html
    assert "Plan not shared 25 days after pairing" in html
    assert "Cleo Fine" not in html


def test_htmx_aimed_elsewhere_gets_the_whole_page(live, five, coordinator):
    response = coordinator.get(url_of(live.cohort), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")

    assert response.status_code == 200
    assert "<h1>Dashboard" in response.text


# What it never shows, what it shows when empty, what it survives


@pytest.mark.parametrize(
    "query",
    [
        {"sort": "nonsense"},
        {"sort": "-"},
        {"sort": "--mentee"},
        {"mentor": "abc"},
        {"mentor": "-3"},
        {"mentor": "9" * 30},
        {"page": "999"},
        {"page": "abc"},
        {"page": "0"},
        {"page": "-1"},
        {"risk": "everything"},
        {"state": "asleep"},
        {"step": "flying"},
        {"q": "x" * 500},
        {"q": "%_'\"<script>"},
    ],
    ids=lambda q: "&".join(f"{k}={v[:12]}" for k, v in q.items()),
)
def test_bad_query_values_are_left_out_not_a_500(live, five, coordinator, query):
    response = coordinator.get(url_of(live.cohort), query)

    assert response.status_code == 200
    filters = response.context["dashboard"].filters
    assert filters.sort == "-health"
    assert filters.mentor is None
    assert filters.risk == filters.state == filters.step == ""
    assert "<script>" not in response.text


def test_page_999_shows_the_last_page(live, thirty, coordinator):
    response = coordinator.get(url_of(live.cohort), {"sort": "mentee", "page": "999"})

    assert response.status_code == 200
    assert response.context["dashboard"].page.number == 2
    assert rows(response) == [f"Mentee {n}" for n in range(25, 30)]


def test_a_mentor_given_in_other_digits_is_not_a_500(live, five, coordinator):
    # "²".isdigit() is True but int("²") raises: Filters.from_query must not crash.
    response = coordinator.get(url_of(live.cohort), {"mentor": "²"})

    assert response.status_code == 200
    assert response.context["dashboard"].filters.mentor is None


def test_an_empty_cohort_invites_pairing(world, coordinator):
    empty = CohortFactory(program=world.program, name="2027 Partnerships")

    response = coordinator.get(url_of(empty))

    assert response.status_code == 200
    assert "No partnerships in this cohort yet." in response.text
    assert "Pair a mentor with a mentee" in response.text
    assert "The cohort at a glance" not in response.text
    assert "<table" not in response.text
    assert "Nudge the" not in response.text


def test_plan_text_never_appears(world, live, coordinator):
    # The program lets coordinators read plans: the dashboard still shows no plan text.
    world.program.coordinators_read_plans = True
    world.program.save()
    partnership = live.on_track(mentee="Pat Private", mentor="Quin Mentor")
    plan = plan_of(partnership)
    goal = GoalFactory(plan=plan, statement="Become a staff engineer by spring")
    MeasureFactory(goal=goal, description="Lead the platform migration")
    ActivityFactory(
        plan=plan,
        goal=goal,
        title="Shadow the CTO at board meetings",
        due_on=live.today - datetime.timedelta(days=3),
    )
    BarrierFactory(plan=plan, description="Caring for my father", strategy="Mornings only")
    help_request = live.help_request(partnership, days_ago=6)
    meeting = Meeting.objects.filter(partnership=partnership).first()
    CheckIn.objects.create(
        meeting=meeting, author=partnership.mentee, usefulness=4, comment="He seemed distracted"
    )

    response = coordinator.get(url_of(live.cohort))

    html = response.text
    assert "Pat Private" in html
    assert "1 learning activity overdue" in html
    assert "1 request for help unanswered" in html
    for text in [
        "Become a staff engineer",
        "Lead the platform migration",
        "Shadow the CTO",
        "Caring for my father",
        "Mornings only",
        help_request.message,
        "He seemed distracted",
    ]:
        assert text not in html, text


def test_the_rows_show_the_figures(live, coordinator):
    partnership = live.on_track(mentee="Fig Figures", mentor="Gil Mentor")
    plan = plan_of(partnership)
    status = LearningActivity.Status
    ActivityFactory(plan=plan, status=status.DONE, outcome="yes", due_on=live.today)
    ActivityFactory(plan=plan, status=status.PLANNED, due_on=live.today)
    ActivityFactory(plan=plan, status=status.SKIPPED, outcome="no", due_on=live.today)
    GoalFactory(plan=plan, status="achieved")
    GoalFactory(plan=plan, status="dropped")
    live.check_in(partnership, 4, days_ago=7)
    live.check_in(partnership, 5, days_ago=7, author=partnership.mentor)

    response = coordinator.get(url_of(live.cohort))

    (pair,) = response.context["dashboard"].page
    assert (pair.activities_done, pair.activities_planned) == (1, 2)
    assert (pair.goals_achieved, pair.goals_total) == (1, 1)
    assert pair.check_in_average == Decimal("4.5")
    html = response.text
    assert "<td>1 of 2</td>" in html  # activities done of planned
    assert "<td>1 of 1</td>" in html  # goals achieved
    assert "4.5 of 5" in html
    assert "Both signed" in html
    expected = checklists_for([plan.pk])[plan.pk]
    assert (pair.checklist_done, pair.checklist_total) == (
        sum(item.done for item in expected),
        len(expected),
    )
    assert f"<td>{pair.checklist_done} of {len(expected)}</td>" in html


# Cost


def _pairs_with_plans(live, n):
    for _ in range(n):
        partnership = live.on_track()
        plan = plan_of(partnership)
        goal = GoalFactory(plan=plan, status="achieved")
        MeasureFactory(goal=goal)
        ActivityFactory(plan=plan, goal=goal, due_on=live.today - datetime.timedelta(days=1))
        BarrierFactory(plan=plan)
        live.check_in(partnership, 3, days_ago=7)
        live.help_request(partnership, days_ago=6)
        live.nudge(partnership, days_ago=1)


# The dashboard, query by query (views.cohort_dashboard_view):
#  1-2. session, user              3. the cohort with its program
#  4. whether the user runs it (permissions.get_cohort_for_reports)
#  cohort_health: 5. the program's health policy   6. the partnerships with their
#  people, plan, agreement and agreed frequency   7. activities   8. goals
#  9. meetings   10. check-ins   11. requests for help waiting   12. nudges
#  The page's checklists (plans.selectors.checklists_for): 13. the plans with their
#  one-to-one parts and people   14. goals   15. their success measures
#  16. activities   17. barriers
#  The reflection (reflection.cohort_reflection_state): 18. the cohort's window
#  19. reflections written
#  The pictures: 20. activities by kind and status   21. meetings held by day
#  22. unread notifications (navigation)
DASHBOARD_QUERIES = 22
# With htmx, only the table: 1-17 above.
DASHBOARD_TABLE_QUERIES = 17


@pytest.mark.parametrize("n", [3, 30])
def test_the_dashboard_costs_the_same_for_3_or_30_pairs(
    live, coordinator, django_assert_num_queries, n
):
    _pairs_with_plans(live, n)
    url = url_of(live.cohort)
    coordinator.get(url)  # fills what the navigation caches

    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = coordinator.get(url)

    assert response.status_code == 200
    assert len(rows(response)) == min(n, PER_PAGE)
    assert response.context["dashboard"].at_risk_count == n


@pytest.mark.parametrize("n", [3, 30])
def test_the_table_costs_the_same_for_3_or_30_pairs(
    live, coordinator, django_assert_num_queries, n
):
    _pairs_with_plans(live, n)
    url = url_of(live.cohort)
    coordinator.get(url)

    with django_assert_num_queries(DASHBOARD_TABLE_QUERIES):
        response = coordinator.get(
            url, {"page": "2"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="dashboard-table"
        )

    assert response.status_code == 200
    assert len(rows(response)) == (n - PER_PAGE if n > PER_PAGE else n)


# The checklists of a page of rows (plans.selectors.checklists_for)


def _rich_plan(scene, *, goals, sign=True):
    partnership = scene.pair(began=20, shared=10)
    plan = plan_of(partnership)
    cohort = scene.cohort
    made = []
    # Created out of order: positions, not ids, make the top three.
    for position in reversed(range(goals)):
        goal = GoalFactory(
            plan=plan,
            position=position,
            target_date=cohort.ends_on if position != 1 else None,
        )
        made.append(goal)
        MeasureFactory(goal=goal, agreed=position != 0)
    kinds = LearningActivity.Kind.values
    for n, goal in enumerate(made[:2]):
        ActivityFactory(
            plan=plan,
            goal=goal,
            kind=kinds[n],
            effort_amount=2,
            effort_unit="hours",
            starts_on=cohort.starts_on,
            due_on=cohort.starts_on + datetime.timedelta(days=6),
        )
    BarrierFactory(plan=plan, strategy="Block Friday mornings")
    BarrierFactory(plan=plan, strategy="")
    Expectations.objects.filter(plan=plan).update(
        meeting_frequency="weekly",
        meeting_format="Video call",
        preferred_channels="Email",
        weekly_hours=Decimal(4),
    )
    MentorSide.objects.filter(plan=plan).update(
        understanding="Wants to lead",
        roles=["advice"],
        boundaries="No weekends",
        availability="Tuesdays",
        response_time="Two days",
    )
    if sign:
        plan = load_plan(plan.pk)
        terms = agreement_terms(plan)
        Agreement.objects.filter(plan=plan).update(
            mentee_signed_name="Mentee",
            mentee_signed_at=scene.ago(5),
            mentee_signed_terms=terms,
            mentor_signed_name="Mentor",
            mentor_signed_at=scene.ago(5),
            mentor_signed_terms=terms,
        )
    return ActionPlan.objects.get(pk=plan.pk)


def _page_checklist(plan):
    return plan_data(load_plan(plan.pk)).checklist


def test_checklists_for_gives_the_plan_pages_checklist(world):
    scene = Scene(cohort_for(world.program))
    plan = _rich_plan(scene, goals=4)

    found = checklists_for([plan.pk])

    expected = _page_checklist(plan)
    assert found == {plan.pk: expected}
    # A plan with a bit of everything: some items done, some not.
    done = {item.key: item.done for item in expected}
    assert done["top-goals"] is True
    assert done["measures"] is False
    assert done["target-dates"] is False
    assert done["barriers"] is False
    assert done["expectations"] is True
    assert done["mentor-side"] is True
    assert done["shared"] is True
    assert done["agreement"] is True


def test_checklists_for_keeps_each_plans_parts_apart(world):
    scene = Scene(cohort_for(world.program))
    rich = _rich_plan(scene, goals=4)
    thin = _rich_plan(scene, goals=1, sign=False)
    bare = plan_of(scene.pair(began=3))

    found = checklists_for(p.pk for p in [rich, thin, bare])

    assert set(found) == {rich.pk, thin.pk, bare.pk}
    for plan in (rich, thin, bare):
        assert found[plan.pk] == _page_checklist(plan), plan
    assert found[rich.pk] != found[thin.pk]
    assert found[thin.pk] != found[bare.pk]


def test_checklists_for_no_plans_is_empty(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert checklists_for([]) == {}


def test_checklists_for_costs_five_queries_for_any_number(world, django_assert_num_queries):
    scene = Scene(cohort_for(world.program))
    plans = [_rich_plan(scene, goals=3) for _ in range(3)]

    # plans with their one-to-one parts and people, goals, measures, activities, barriers
    with django_assert_num_queries(5):
        found = checklists_for([p.pk for p in plans])

    assert len(found) == 3


# The pictures' figures


def test_activities_by_kind_counts_the_cohorts_activities(world):
    scene = Scene(cohort_for(world.program))
    one, two = scene.pair(began=5), scene.pair(began=5)
    status = LearningActivity.Status
    ActivityFactory(plan=plan_of(one), kind="doing", status=status.DONE, outcome="yes")
    ActivityFactory(plan=plan_of(one), kind="doing", status=status.PLANNED)
    ActivityFactory(plan=plan_of(two), kind="doing", status=status.PLANNED)
    ActivityFactory(plan=plan_of(two), kind="stretch", status=status.SKIPPED, outcome="no")
    # Another cohort's activity is not counted.
    other = Scene(cohort_for(world.program)).pair(began=5)
    ActivityFactory(plan=plan_of(other), kind="others", status=status.DONE, outcome="yes")

    found = {row.kind: row for row in activities_by_kind(scene.cohort)}

    assert list(found) == ["doing", "others", "stretch"]
    assert found["doing"].counts == {"planned": 2, "in_progress": 0, "done": 1, "skipped": 0}
    assert found["doing"].total == 3
    assert found["others"].total == 0
    assert found["stretch"].counts["skipped"] == 1
    assert found["doing"].label == "Learning by doing"


def test_meetings_per_week_held_against_promised(world):
    # A cohort from Monday 2 March 2026, seen on Wednesday 25 March: four weeks.
    now = datetime.datetime(2026, 3, 25, 12, 0, tzinfo=datetime.UTC)
    cohort = CohortFactory(
        program=world.program,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 9, 30),
        meeting_cadence="fortnightly",
    )
    scene = Scene(cohort, now)
    # Every two weeks (suggested) from 2 March.
    fortnightly = scene.pair(began=23)
    # Every week (agreed) from Thursday 12 March.
    weekly = scene.pair(began=13, frequency="weekly")
    # Every month (agreed) from 2 March, completed on Tuesday 10 March.
    monthly = scene.pair(began=23, frequency="monthly")
    monthly.end(status=Partnership.Status.COMPLETED, on=datetime.date(2026, 3, 10))
    for partnership, day in [(fortnightly, 3), (weekly, 12), (fortnightly, 17), (weekly, 19)]:
        MeetingFactory(
            partnership=partnership,
            starts_at=datetime.datetime(2026, 3, day, 10, 0, tzinfo=datetime.UTC),
        )
    # Neither cancelled meetings nor meetings to come are held.
    scene.meeting(weekly, -7, status=Meeting.Status.CANCELLED)
    scene.meeting(weekly, 2)

    weeks = meetings_per_week(cohort, cohort_health(cohort, now=now), now=now)

    assert [w.week for w in weeks] == [datetime.date(2026, 3, d) for d in (2, 9, 16, 23)]
    assert [w.held for w in weeks] == [1, 1, 2, 0]
    # 0.5 a week every two weeks, 1 every week, 7/30 every month until it ended.
    assert [w.promised for w in weeks] == [0.7, 1.7, 1.5, 1.5]


def test_meetings_per_week_before_the_cohort_begins_is_empty(world):
    cohort = CohortFactory(
        program=world.program,
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 12, 1),
    )
    now = datetime.datetime(2026, 5, 15, 12, 0, tzinfo=datetime.UTC)

    assert meetings_per_week(cohort, [], now=now) == []
