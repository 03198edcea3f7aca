"""The mentoring journey, end to end: a meeting scheduled, prepared, noted and followed up.

The pair schedule a meeting from the partnership page, both add topics, the
mentor takes notes and an action item that becomes a learning activity of the
plan; the mentee finishes it from the meeting page, which marks the item done,
then achieves the goal, which both partners see celebrated once. A topic left
open at a meeting held carries over to the next one.
"""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentorplan.meetings.models import ActionItem, Meeting
from mentorplan.meetings.tests.factories import in_days
from mentorplan.plans import services
from mentorplan.plans.tests.factories import MeasureFactory

pytestmark = pytest.mark.e2e

TODAY = datetime.date.today()
GOAL = "Lead a team meeting"
MEASURE = "Chaired three meetings"
MENTEE_TOPIC = "How to open the Monday stand-up"
MENTOR_TOPIC = "Handling interruptions"
ACTION = "Draft the stand-up agenda"
NOTES = "Mo opens with the numbers, then hands over to the team.\nTry it twice."
ZONE = "Europe/London"


def _iso(days):
    return (TODAY + datetime.timedelta(days=days)).isoformat()


def _messages(page):
    return page.get_by_role("status", name="Messages")


def _celebrations(page):
    return page.get_by_role("status", name="Celebrations")


@pytest.fixture
def shared_plan(e2e_world):
    """A shared plan with one goal and its agreed success measure, built in the database."""
    plan = services.plan_for_mentee(e2e_world.partnership)
    goal = services.goal_create(
        plan=plan, by=e2e_world.mentee, statement=GOAL, score=3, target_date=None
    )
    MeasureFactory(goal=goal, description=MEASURE, target="3 meetings", agreed=True)
    services.plan_share(plan=plan, by=e2e_world.mentee)
    return plan


def _schedule(page, check_page, days, location):
    """From the partnership page: the Schedule a meeting form, filled and sent."""
    page.get_by_role("button", name="Schedule a meeting", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schedule a meeting")
    check_page()
    page.get_by_label("Date").fill(_iso(days))
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Duration").select_option(label="1 hour")
    page.get_by_label("Time zone").select_option(value=ZONE)
    page.get_by_label("Format").select_option(label="Video call")
    page.get_by_label("Place or link").fill(location)
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(_messages(page)).to_contain_text("The meeting is scheduled.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coming meeting")


def _text_field(scope, name):
    """A text field by the name a screen reader announces (its label must point at it)."""
    field = scope.get_by_role("textbox", name=name, exact=True)
    expect(field, f"one text field named “{name}” in {scope}").to_be_editable()
    return field


def _add_topic(page, title):
    agenda = page.locator("#agenda")
    _text_field(agenda, "Add a topic:").fill(title)
    agenda.get_by_role("button", name="Add topic").click()
    expect(page.locator("#agenda ol.topics")).to_contain_text(title)
    expect(_text_field(page.locator("#agenda"), "Add a topic:")).to_have_value("")


def test_a_meeting_from_schedule_to_follow_up(
    page, new_page, e2e_world, shared_plan, sign_in, check_page
):
    world = e2e_world
    goal = shared_plan.goals.get()
    partnership_path = world.partnership.get_absolute_url()

    # 1. The mentee schedules a meeting from the partnership page.
    sign_in(world.mentee)
    check_page()
    page.get_by_role("link", name="Mentored by Mina Mentor").click()
    journey = page.locator("#journey")
    expect(journey).to_contain_text("No meeting is scheduled.")
    check_page()
    _schedule(page, check_page, 7, "https://meet.example.org/mo-and-mina")
    first = Meeting.objects.get(partnership=world.partnership)
    assert first.time_zone == ZONE
    starts = first.starts_at.astimezone(zoneinfo.ZoneInfo(ZONE))
    assert (starts.date().isoformat(), f"{starts:%H:%M}") == (_iso(7), "14:00")
    assert first.duration_minutes == 60
    assert not first.logged_afterwards
    expect(page).to_have_url(re.compile(rf"/meetings/{first.pk}/$"))
    expect(page.locator("main header")).to_contain_text("Video call")
    expect(page.get_by_role("link", name="https://meet.example.org/mo-and-mina")).to_be_visible()
    expect(page.locator("#agenda")).to_contain_text("No topics yet.")
    check_page()

    # 2. Both add a topic; the mentor takes the notes and an action item.
    _add_topic(page, MENTEE_TOPIC)
    check_page()

    mentor = new_page()
    sign_in(world.mentor, on=mentor)
    check_page(on=mentor)
    mentor.goto(first.get_absolute_url())
    expect(mentor.locator("#agenda ol.topics")).to_contain_text(MENTEE_TOPIC)
    check_page(on=mentor)
    _add_topic(mentor, MENTOR_TOPIC)
    expect(mentor.locator("#agenda ol.topics > li")).to_have_count(2)

    notes = mentor.locator("#notes")
    _text_field(notes, "Shared notes:").fill(NOTES)
    notes.get_by_role("button", name="Save notes").click()
    expect(mentor.locator("#notes")).to_contain_text("Last saved by Mina Mentor")
    expect(_text_field(mentor.locator("#notes"), "Shared notes:")).to_have_value(NOTES)

    items = mentor.locator("#action-items")
    _text_field(items, "Action:").fill(ACTION)
    items.get_by_label("Who").select_option(label="Mentee")
    items.get_by_label("Due date").fill(_iso(10))
    items.get_by_role("button", name="Add action item").click()
    expect(mentor.locator("#action-items ul.action-items")).to_contain_text(ACTION)
    item = ActionItem.objects.get(partnership=world.partnership)
    row = mentor.locator(f"#action-item-{item.pk}")
    expect(row).to_contain_text(ACTION)
    expect(row).to_contain_text("Mo Mentee")
    due = TODAY + datetime.timedelta(days=10)
    expect(row).to_contain_text(f"due {due:%-d %b %Y}")
    check_page(on=mentor)

    # 3. The mentor makes the action item a learning activity of the plan.
    row.get_by_role("link", name="Make it a plan activity").click()
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("Make it a learning activity")
    check_page(on=mentor)
    mentor.get_by_label("Learning by doing").check()
    mentor.get_by_label("Effort").fill("2")
    mentor.get_by_label("Unit").select_option(label="hours")
    mentor.get_by_label("Start date").fill(_iso(0))
    mentor.get_by_label("Goal").select_option(label=f"Goal 1: {GOAL}")
    mentor.get_by_role("button", name="Add to the plan").click()
    expect(_messages(mentor)).to_contain_text(f"“{ACTION}” is now a learning activity of the plan.")
    item.refresh_from_db()
    activity = item.activity
    assert activity is not None
    assert (activity.title, activity.due_on, activity.goal_id) == (ACTION, due, goal.pk)
    row = mentor.locator(f"#action-item-{item.pk}")
    in_plan = row.get_by_role("link", name="In the plan: learning by doing")
    expect(in_plan).to_have_attribute("href", re.compile(rf"/plan/#activity-{activity.pk}$"))
    expect(row.get_by_role("link", name="Make it a plan activity")).to_have_count(0)
    check_page(on=mentor)

    # 4. The mentee finishes the activity in one click: the action item is done with it.
    page.reload()
    progress = page.locator("#progress")
    expect(progress.get_by_role("heading", name="Progress in the plan")).to_be_visible()
    check_page()
    progress.get_by_role("button", name=f"Done, it worked: “{ACTION}”").click()
    expect(_messages(page)).to_contain_text(f"“{ACTION}” is now done.")
    expect(page).to_have_url(re.compile(rf"/meetings/{first.pk}/$"))
    row = page.locator(f"#action-item-{item.pk}")
    expect(row.locator(".badge-completed")).to_have_text("Done")
    expect(row.get_by_role("button", name=f"Not done yet: {ACTION}")).to_be_visible()
    expect(page.locator("#progress")).not_to_contain_text(ACTION)
    activity.refresh_from_db()
    assert (activity.status, activity.outcome) == ("done", "yes")
    check_page()
    page.screenshot(path="/tmp/meeting-page.png", full_page=True, caret="initial")

    # 5. The mentee achieves the goal; each partner sees it celebrated once.
    page.goto(reverse("plans:plan-detail", args=[world.partnership.pk]))
    check_page()
    page.get_by_role("link", name="Edit goal 1").click()
    form = page.locator(f"#part-form-goal-{goal.pk}")
    form.get_by_label("Status").select_option(label="Achieved")
    form.get_by_role("button", name="Save").click()
    expect(page.locator(f"#goal-{goal.pk} .badge-achieved")).to_have_text("Achieved")
    check_page()

    page.goto(partnership_path)
    celebration = _celebrations(page)
    expect(celebration).to_have_class(re.compile(r"\bcelebrate\b"))
    expect(celebration.locator("p")).to_have_count(1)
    expect(celebration).to_contain_text(f"Goal achieved: “{GOAL}”")
    check_page()
    page.reload()
    expect(page.get_by_role("heading", name="The mentoring journey")).to_be_visible()
    expect(page.locator(".celebrate")).to_have_count(0)
    check_page()
    page.goto("/")
    expect(page.get_by_role("heading", name="Your mentoring")).to_be_visible()
    expect(page.locator(".celebrate")).to_have_count(0)
    check_page()

    mentor.goto("/")
    celebration = _celebrations(mentor)
    expect(celebration).to_have_class(re.compile(r"\bcelebrate\b"))
    expect(celebration.locator("p")).to_have_count(1)
    expect(celebration).to_contain_text(f"Goal achieved: “{GOAL}”")
    expect(celebration).to_contain_text("with Mo Mentee")
    check_page(on=mentor)
    mentor.goto(partnership_path)
    expect(mentor.get_by_role("heading", name="The mentoring journey")).to_be_visible()
    expect(mentor.locator(".celebrate")).to_have_count(0)
    check_page(on=mentor)
    mentor.goto("/")
    expect(mentor.get_by_role("heading", name="Your mentees")).to_be_visible()
    expect(mentor.locator(".celebrate")).to_have_count(0)
    check_page(on=mentor)

    # 6. The mentor covers the mentee's topic and leaves theirs open; the
    # meeting is then held (moved two days back in the database), and the
    # open topic carries over to the next meeting.
    mentor.goto(first.get_absolute_url())
    check_page(on=mentor)
    mentor.get_by_role("button", name=f"Covered: {MENTEE_TOPIC}").click()
    covered = mentor.locator("#agenda ol.topics > li", has_text=MENTEE_TOPIC)
    expect(covered.locator(".badge-covered")).to_have_text("Covered")
    check_page(on=mentor)

    held_at = in_days(-2, hour=14)
    Meeting.objects.filter(pk=first.pk).update(starts_at=held_at)

    page.goto(partnership_path)
    expect(page.locator("#journey")).to_contain_text("No meeting is scheduled.")
    past = page.locator(f"#meeting-{first.pk}")
    expect(past).to_contain_text("Mo opens with the numbers")
    expect(past).to_contain_text(f"Covered: {MENTEE_TOPIC}")
    expect(past.locator(".action-items")).to_contain_text(ACTION)
    expect(past.locator(".action-items .badge-completed")).to_have_text("Done")
    check_page()
    _schedule(page, check_page, 14, "https://meet.example.org/mo-and-mina")
    second = Meeting.objects.exclude(pk=first.pk).get(partnership=world.partnership)
    expect(page).to_have_url(re.compile(rf"/meetings/{second.pk}/$"))
    topics = page.locator("#agenda ol.topics > li")
    expect(topics).to_have_count(1)
    carried = topics.filter(has_text=MENTOR_TOPIC)
    expect(carried.locator(".badge")).to_have_text(f"Carried over from {held_at:%-d %b}")
    expect(page.locator("#agenda")).not_to_contain_text(MENTEE_TOPIC)
    # The done action item stays with the meeting it was agreed at.
    expect(page.locator("#action-items")).to_contain_text("No action items yet.")
    check_page()

    page.goto(partnership_path)
    next_meeting = page.locator("#journey .next-meeting")
    expect(next_meeting.get_by_role("link")).to_have_attribute("href", second.get_absolute_url())
    expect(next_meeting.locator("ol.topics > li")).to_have_text(
        re.compile(rf"^{MENTOR_TOPIC}\s+Carried over$")
    )
    check_page()
    page.screenshot(path="/tmp/partnership-page.png", full_page=True, caret="initial")
