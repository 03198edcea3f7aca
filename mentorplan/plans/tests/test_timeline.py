"""The timeline pictures (plans/timeline.py) and the timeline page (plans:plan-timeline)."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from django.urls import reverse

from mentorplan.plans import services
from mentorplan.plans.effort import plan_fit
from mentorplan.plans.models import Goal, LearningActivity, Milestone
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory, MilestoneFactory
from mentorplan.plans.timeline import (
    CHART_LEFT,
    CHART_RIGHT,
    HEADER,
    ROW,
    TimelineActivity,
    TimelineGroup,
    TimelineMilestone,
    effort_svg,
    timeline_groups,
    timeline_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
STARTS, ENDS = date(2026, 3, 1), date(2026, 11, 30)


def bar(title="Write a memo", starts_on=date(2026, 4, 1), due_on=date(2026, 4, 30), **kw):
    values = {
        "kind": "doing",
        "kind_label": "Learning by doing",
        "status": "planned",
        "status_label": "Planned",
        "effort": "10 hours",
        **kw,
    }
    return TimelineActivity(title=title, starts_on=starts_on, due_on=due_on, **values)


def draw(groups, today=date(2026, 6, 15), starts_on=STARTS, ends_on=ENDS):
    html = str(timeline_svg(starts_on=starts_on, ends_on=ends_on, today=today, groups=groups))
    return html, ET.fromstring(html)


def activity_groups(root):
    return [g for g in root.iter(f"{SVG}g") if "tl-activity" in g.get("class", "")]


def bar_rect(group):
    return next(r for r in group.findall(f"{SVG}rect") if r.get("height") == "14")


# The picture, from plain data.


def test_svg_is_an_image_with_a_title_and_a_summary():
    groups = [
        TimelineGroup("Goal 1: Lead a team", [bar(), bar(status="done", status_label="Done")]),
        TimelineGroup(
            "Goal 2: Speak up", [], [TimelineMilestone("First talk", date(2026, 5, 1), False)]
        ),
    ]

    html, root = draw(groups)

    assert root.get("role") == "img"
    assert root.get("viewBox").startswith("0 0 960 ")
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert desc.text.startswith(
        "2 activities and 1 milestone from 1 Mar to 30 Nov 2026, grouped by 2 goals."
    )
    assert "1 done, 1 planned." in desc.text
    assert "Today is 15 Jun 2026." in desc.text
    # The CSP forbids inline styles: presentation attributes and classes only.
    assert "style=" not in html


def test_a_header_row_per_goal_in_priority_order_then_the_unlinked():
    goals = [Goal(pk=7, position=1, statement="Speak up"), Goal(pk=3, position=0, statement="Lead")]
    goals.sort(key=lambda g: g.position)
    activities = [
        LearningActivity(
            title="Chair a meeting",
            kind="stretch",
            goal_id=7,
            effort_amount=Decimal(2),
            effort_unit="days",
            starts_on=date(2026, 4, 1),
            due_on=date(2026, 4, 2),
        ),
        LearningActivity(
            title="Read a book",
            kind="doing",
            effort_amount=Decimal(5),
            effort_unit="hours",
            starts_on=date(2026, 4, 1),
            due_on=date(2026, 4, 2),
        ),
    ]
    milestones = [Milestone(title="Promoted", date=date(2026, 9, 1), goal_id=3)]

    groups = timeline_groups(goals, activities, milestones)
    _, root = draw(groups)

    headers = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tl-goal"]
    assert [t.find(f"{SVG}title").text for t in headers] == [
        "Goal 1: Lead",
        "Goal 2: Speak up",
        "Not linked to a goal",
    ]
    assert [len(g.activities) for g in groups] == [0, 1, 1]
    assert groups[0].milestones[0].title == "Promoted"
    assert groups[1].activities[0].effort == "2 days (16 hours)"
    # The milestone is a diamond on its goal's row, with a tooltip.
    diamond = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "tl-milestone")
    assert diamond.find(f"{SVG}title").text == "Milestone: Promoted — 1 Sep 2026, ahead"
    assert diamond.find(f"{SVG}polygon").get("points").split()[1].endswith(f",{HEADER + ROW / 2:g}")


def test_bars_are_clipped_to_the_cohort_with_an_arrow_outside():
    groups = [
        TimelineGroup(
            "Goal 1: Lead",
            [
                bar("Early", date(2026, 1, 10), date(2026, 3, 31)),
                bar("Late", date(2026, 11, 1), date(2027, 2, 1)),
                bar("Inside", date(2026, 4, 1), date(2026, 4, 30)),
                bar("Long gone", date(2025, 1, 1), date(2025, 2, 1)),
            ],
        )
    ]

    _, root = draw(groups)

    early, late, inside, gone = activity_groups(root)
    assert float(bar_rect(early).get("x")) == CHART_LEFT
    right = float(bar_rect(late).get("x")) + float(bar_rect(late).get("width"))
    assert right == pytest.approx(CHART_RIGHT, abs=0.1)
    # An arrow (polygon) marks the side where the activity runs on.
    assert len(early.findall(f"{SVG}polygon")) == 1
    assert len(late.findall(f"{SVG}polygon")) == 1
    assert inside.findall(f"{SVG}polygon") == []
    assert "starts before the cohort" in early.find(f"{SVG}title").text
    assert "ends after the cohort" in late.find(f"{SVG}title").text
    # Wholly before the cohort: no bar, only the arrow.
    assert [r for r in gone.findall(f"{SVG}rect") if r.get("height") == "14"] == []
    assert len(gone.findall(f"{SVG}polygon")) == 1


def test_today_is_marked_only_within_the_cohort():
    groups = [TimelineGroup("Goal 1: Lead", [bar()])]

    html, _ = draw(groups, today=date(2026, 6, 15))
    assert 'class="tl-today"' in html
    assert ">Today</text>" in html

    html, root = draw(groups, today=date(2027, 1, 5))
    assert "tl-today" not in html
    assert "Today is" not in root.find(f"{SVG}desc").text


def test_user_text_is_escaped():
    evil = '<script>alert("x")</script>'
    groups = [
        TimelineGroup(
            f"Goal 1: {evil}", [bar(evil)], [TimelineMilestone(evil, date(2026, 5, 1), True)]
        )
    ]

    html, root = draw(groups)

    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert evil in activity_groups(root)[0].find(f"{SVG}title").text


def test_long_titles_are_truncated_with_the_full_text_in_the_tooltip():
    title = "Shadow the head of operations during the quarterly planning cycle"
    _, root = draw([TimelineGroup("Goal 1: Lead", [bar(title)])])

    group = activity_groups(root)[0]
    label = next(t for t in group.findall(f"{SVG}text") if "tl-label" in t.get("class", ""))
    assert label.text.endswith("…")
    assert len(label.text) <= 34
    assert group.find(f"{SVG}title").text.startswith(title + " — Learning by doing")


def test_status_is_shown_by_fill_style_not_colour_only():
    groups = [
        TimelineGroup(
            "Goal 1: Lead",
            [
                bar("A", status="planned", status_label="Planned"),
                bar("B", status="in_progress", status_label="In progress"),
                bar("C", status="done", status_label="Done"),
                bar("D", status="skipped", status_label="Skipped"),
            ],
        )
    ]

    _, root = draw(groups)

    planned, in_progress, done, skipped = activity_groups(root)
    assert bar_rect(planned).get("fill-opacity") == "0.15"
    assert bar_rect(in_progress).get("fill-opacity") is None
    labels = [t for t in done.findall(f"{SVG}text") if "tl-label" in t.get("class", "")]
    assert labels[0].text == "C ✓"
    assert bar_rect(skipped).get("fill") == "url(#tl-hatch)"
    label = next(t for t in skipped.findall(f"{SVG}text") if "tl-label" in t.get("class", ""))
    assert label.get("text-decoration") == "line-through"


def test_forty_activities_make_forty_bars_of_constant_row_height():
    activities = [
        bar(f"Activity {i}", STARTS + timedelta(days=5 * i), STARTS + timedelta(days=5 * i + 20))
        for i in range(40)
    ]
    groups = [
        TimelineGroup("Goal 1: Lead", activities[:25]),
        TimelineGroup("Goal 2", activities[25:]),
    ]

    _, root = draw(groups)

    bars = activity_groups(root)
    assert len(bars) == 40
    ys = [float(bar_rect(g).get("y")) for g in bars]
    steps = {b - a for a, b in pairwise(ys)}
    # Constant steps, one row more where the second goal's header sits.
    assert steps == {ROW, 2 * ROW}
    assert root.get("height") == str(HEADER + ROW * (2 + 40) + 8)


def test_effort_chart_marks_overloaded_weeks_with_a_pattern_and_text():
    activities = [
        LearningActivity(
            effort_amount=Decimal(12),
            effort_unit="hours",
            starts_on=date(2026, 3, 2),
            due_on=date(2026, 3, 8),
            status="planned",
        ),
        LearningActivity(
            effort_amount=Decimal(2),
            effort_unit="hours",
            starts_on=date(2026, 3, 9),
            due_on=date(2026, 3, 15),
            status="planned",
        ),
    ]
    fit = plan_fit(activities=activities, weekly_hours=Decimal(4), starts_on=STARTS, ends_on=ENDS)

    html = str(effort_svg(fit=fit, starts_on=STARTS, ends_on=ENDS, today=date(2026, 3, 4)))
    root = ET.fromstring(html)

    assert root.get("role") == "img"
    desc = root.find(f"{SVG}desc").text
    assert "Available: 4 hours a week. 1 week plans more than that" in desc
    over = [g for g in root.iter(f"{SVG}g") if "effort-over" in g.get("class", "")]
    assert len(over) == 1
    assert over[0].find(f"{SVG}title").text == (
        "Week of 2 Mar 2026: 12 hours planned, 8 more than the 4 available"
    )
    assert any(r.get("fill") == "url(#effort-over)" for r in over[0].iter(f"{SVG}rect"))
    assert ">!</text>" in html
    assert "You have 4 h a week" in html
    # Every week of the cohort gets a slot (23 Feb to 30 Nov: 41 weeks).
    weeks = [g for g in root.iter(f"{SVG}g") if "effort-week" in g.get("class", "")]
    assert len(weeks) == 41
    assert "style=" not in html


def test_effort_chart_without_weekly_hours_has_no_line():
    fit = plan_fit(activities=[], weekly_hours=None, starts_on=STARTS, ends_on=ENDS)

    html = str(effort_svg(fit=fit, starts_on=STARTS, ends_on=ENDS, today=date(2026, 3, 4)))

    assert "You have" not in html
    assert "No weekly availability has been given yet." in html


# The page.


def _url(partnership):
    return reverse("plans:plan-timeline", args=[partnership.pk])


@pytest.fixture
def plan(world):
    plan = services.plan_for_mentee(world.partnership)
    plan.expectations.weekly_hours = Decimal(4)
    plan.expectations.save()
    return plan


def _activity(plan, **kw):
    starts = plan.partnership.cohort.starts_on + timedelta(days=7)
    values = {
        "starts_on": starts,
        "due_on": starts + timedelta(days=13),
        "effort_amount": Decimal(4),
        "effort_unit": "hours",
        **kw,
    }
    return ActivityFactory(plan=plan, **values)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("other_mentor", 404),
        ("other_coordinator", 404),
        # The progress page, as on the plan page: coordinators unless the program
        # lets them read (and never a draft), the mentor before the plan is shared.
        ("coordinator", 200),
        ("mentor", 200),
        ("mentee", 200),
    ],
)
def test_who_sees_the_draft_plans_timeline(world, client_as, plan, role, status):
    assert client_as(world.user(role)).get(_url(world.partnership)).status_code == status


@pytest.mark.django_db
def test_the_mentor_sees_it_once_shared(world, client_as, plan):
    _activity(plan, title="Shadow the CFO")
    services.plan_share(plan=plan, by=plan.partnership.mentee)

    response = client_as(world.mentor).get(_url(world.partnership))

    assert response.status_code == 200
    assert "Shadow the CFO" in response.content.decode()


@pytest.mark.django_db
def test_page_shows_pictures_legend_summary_and_table(world, client_as, plan):
    goal = GoalFactory(plan=plan, statement="Lead a <b>team</b>")
    _activity(plan, goal=goal, title="Run the stand-up", kind="others")
    MilestoneFactory(plan=plan, goal=goal, date=plan.partnership.cohort.starts_on + timedelta(30))

    response = client_as(world.mentee).get(_url(world.partnership))

    html = response.content.decode()
    assert html.count('role="img"') == 2
    assert 'class="legend"' in html
    assert "4 hours planned</strong>; you have 4 hours a week =" in html
    assert "The plan fits" in html
    assert '<th scope="rowgroup" colspan="5">Goal 1: Lead a &lt;b&gt;team&lt;/b&gt;</th>' in html
    assert "Run the stand-up" in html
    assert "Learning from others" in html


@pytest.mark.django_db
def test_warning_says_which_weeks_and_by_how_much(world, client_as, plan):
    starts = plan.partnership.cohort.starts_on + timedelta(days=14)
    monday = starts - timedelta(days=starts.weekday())
    _activity(plan, starts_on=monday, due_on=monday + timedelta(days=6), effort_amount=Decimal(10))

    response = client_as(world.mentee).get(_url(world.partnership))

    html = response.content.decode()
    assert 'class="fit-warning"' in html
    assert "The plan does not fit." in html
    assert f"The week of {monday:%-d %b %Y}: 10 hours planned" in html
    assert "6 hours too many" in html
    assert "What to do" in html


@pytest.mark.django_db
def test_plan_page_links_to_the_timeline_and_warns_when_it_does_not_fit(world, client_as, plan):
    _activity(plan, effort_amount=Decimal(40))

    html = client_as(world.mentee).get(plan.get_absolute_url()).content.decode()

    link = f'href="{_url(world.partnership)}"'
    assert html.count(link) == 2  # the header's "Timeline" and the warning's link
    assert re.search(r'class="fit-warning" id="timeline".*?The plan does not fit', html)


# Queries for the mentee, however many activities the plan has:
#  1. the session (none with a deployment's Redis cache: cached_db sessions)
#  2. the user
#  3. the plan with expectations, mentor's side, agreement, the partnership
#     with people, cohort and program (selectors.plans_for_reader)
#  4. goals
#  5. their self-assessments (5 and 6 only run when the plan has goals)
#  6. their success measures
#  7. activities
#  8. barriers
#  9. milestones (objectives are not read: the timeline does not show them)
# 10. the unread notifications count in the navigation (base.html)
TIMELINE_QUERIES = 10


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 20])
def test_query_count_does_not_grow_with_activities(
    world, client_as, plan, django_assert_num_queries, n
):
    goals = [GoalFactory(plan=plan), GoalFactory(plan=plan)]
    for i in range(n):
        _activity(plan, goal=goals[i % 2])
        MilestoneFactory(plan=plan, goal=goals[i % 2], date=plan.partnership.cohort.starts_on)
    client = client_as(world.mentee)

    with django_assert_num_queries(TIMELINE_QUERIES):
        response = client.get(_url(world.partnership))

    assert len(activity_groups(ET.fromstring(str(response.context["timeline"])))) == n
