"""The action plan, end to end: built by the mentee, answered by the mentor, signed by both.

Editing happens inside the plan page (htmx swaps a section and the checklist),
so the long walk below sets ``window.__marker`` once and checks that it is still
there: no step reloaded the page. Reading, and adding through the full form
pages, also work with JavaScript off.
"""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mentorplan.plans import services
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, BarrierFactory, MeasureFactory

pytestmark = pytest.mark.e2e

Kind = LearningActivity.Kind

TODAY = datetime.date.today()
GOALS = [
    ("Lead a team meeting", 90, 3),
    ("Present at the regional conference", 200, 2),
    ("Build a network of peers in finance", 150, 4),
]


def _iso(days):
    return (TODAY + datetime.timedelta(days=days)).isoformat()


def _plan_path(world):
    return reverse("plans:plan-detail", args=[world.partnership.pk])


def _checklist(page, done):
    expect(page.locator("#checklist-h")).to_have_text(f"Getting started: {done} of 11")


def _goal_statements(page):
    return page.locator("#goals .goal-list > li .part-head strong")


def _add_goal(page, statement, target_in_days, score):
    page.get_by_role("button", name="Add a goal").click()
    form = page.locator("#part-form-goal-new")
    form.get_by_label("Goal:", exact=True).fill(statement)
    form.get_by_label("Target date").fill(_iso(target_in_days))
    form.get_by_label("Where are you now?").fill(str(score))
    form.get_by_role("button", name="Save").click()
    expect(form).to_be_hidden()
    expect(page.locator("#goals")).to_contain_text(statement)


def _add_measure(page, goal_number, description, target):
    goal = page.locator("#goals .goal-list > li").nth(goal_number - 1)
    goal.get_by_role("link", name="Add a success measure").click()
    form = goal.locator("#part-form-measure-new")
    expect(form.get_by_label("Goal")).to_have_value(re.compile(r"\d+"))
    form.get_by_label("What will show success").fill(description)
    form.get_by_label("Target").fill(target)
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#goals .goal-list > li").nth(goal_number - 1)).to_contain_text(description)


def _add_activity(page, kind, title, goal_label, hours):
    page.get_by_role("link", name=f"Add {kind.label.lower()}").click()
    form = page.locator("#part-form-activity-new")
    expect(form.get_by_label("Kind")).to_have_value(kind.value)  # chosen by the link
    form.get_by_label("Title").fill(title)
    form.get_by_label("Goal").select_option(label=goal_label)
    form.get_by_label("Effort:", exact=True).fill(str(hours))
    form.get_by_label("Start date").fill(_iso(1))
    form.get_by_label("Due date").fill(_iso(56))
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#activities")).to_contain_text(title)


def test_mentee_and_mentor_complete_and_sign_the_plan(
    page, new_page, e2e_world, sign_in, check_page, screenshot
):
    world = e2e_world
    sign_in(world.mentee)
    check_page()
    page.goto(_plan_path(world))
    expect(page.get_by_role("heading", name=re.compile("^Your action plan"))).to_be_visible()
    _checklist(page, 0)
    check_page()
    page.evaluate("window.__marker = 'no reload'")

    # Goals, then the third moved up to second place.
    for statement, days, score in GOALS:
        _add_goal(page, statement, days, score)
    _checklist(page, 2)  # three top goals, each with a target date
    expect(_goal_statements(page)).to_have_text([g[0] for g in GOALS])
    page.get_by_role("button", name="Move goal 3 up").click()
    order = [GOALS[0][0], GOALS[2][0], GOALS[1][0]]
    expect(_goal_statements(page)).to_have_text(order)
    goals = Goal.objects.filter(plan__partnership=world.partnership)
    assert list(goals.values_list("statement", flat=True)) == order
    expect(page.locator("#goals")).to_contain_text("now 4/10")

    # An open inline form is part of the page: check it once.
    page.get_by_role("link", name="Add a success measure").first.click()
    expect(page.locator("#part-form-measure-new")).to_be_visible()
    check_page()
    page.locator("#part-form-measure-new").get_by_role("link", name="Cancel").click()
    expect(page.locator("#part-form-measure-new")).to_be_hidden()

    _add_measure(page, 1, "Chaired three meetings", "3 meetings by the summer")
    _checklist(page, 2)
    _add_measure(page, 2, "Ten new contacts", "10 people I can call")
    _add_measure(page, 3, "Talk accepted", "one talk")
    _checklist(page, 3)

    _add_activity(page, Kind.DOING, "Special project: team rota", f"Goal 1: {order[0]}", 8)
    _add_activity(page, Kind.OTHERS, "Shadowing the finance lead", f"Goal 2: {order[1]}", 8)
    _checklist(page, 3)
    _add_activity(
        page, Kind.STRETCH, "Leadership role at the staff forum", f"Goal 3: {order[2]}", 8
    )
    _checklist(page, 5)  # each top goal has an activity; all three kinds
    activities = page.locator("#activities")
    expect(activities).to_contain_text("No hours a week given yet")

    page.get_by_role("button", name="Edit expectations").click()
    form = page.locator("#expectations .part-form")
    form.get_by_label("Meeting frequency").select_option(label="Every two weeks")
    form.get_by_label("Meeting format").fill("Video call")
    form.get_by_label("Preferred channels").fill("Email")
    form.get_by_label("Hours a week for the plan").fill("4")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#expectations")).to_contain_text("4 hours a week")
    # The fit warning went away with the hours (the activities section, out of band).
    expect(activities).not_to_contain_text("No hours a week given yet")
    expect(activities.locator(".fit-warning")).to_have_count(0)
    _checklist(page, 7)

    page.get_by_role("link", name="Add a barrier").click()
    form = page.locator("#part-form-barrier-new")
    form.get_by_label("Kind").select_option(label="Time")
    form.get_by_label("Description").fill("Quarter-end closing eats my evenings")
    form.get_by_label("Strategy").fill("Plan activities around the closing weeks")
    form.get_by_role("button", name="Save").click()
    expect(page.locator("#barriers")).to_contain_text("Plan activities around the closing weeks")
    _checklist(page, 8)
    assert page.evaluate("window.__marker") == "no reload"
    check_page()
    screenshot("5-plan-built", phone=True)

    # Sharing is an ordinary form post: the page reloads with a message.
    page.get_by_role("button", name="Share the plan with Mina Mentor").click()
    expect(page.get_by_role("status")).to_contain_text("Your plan is shared with Mina Mentor.")
    _checklist(page, 9)
    check_page()

    # The mentor, in a browser of their own.
    mentor = new_page()
    sign_in(world.mentor, on=mentor)
    check_page(on=mentor)
    mentor.goto(_plan_path(world))
    expect(
        mentor.get_by_role("heading", name=re.compile("^Mo Mentee’s action plan"))
    ).to_be_visible()
    expect(mentor.locator("#goals")).to_contain_text(GOALS[0][0])
    _checklist(mentor, 9)
    check_page(on=mentor)
    mentor.evaluate("window.__marker = 'no reload'")

    comments = mentor.locator("#comments")
    comments.get_by_label("About").select_option(label=f"Goal 1: {order[0]}")
    comments.get_by_label("Comment").fill("Start with the Monday stand-up: it is short.")
    comments.get_by_role("button", name="Post comment").click()
    expect(mentor.locator("#comments ol.comments")).to_contain_text("on goal 1")
    expect(mentor.locator("#comments").get_by_label("Comment")).to_have_value("")

    mentor.get_by_role("button", name="Edit your side").click()
    form = mentor.locator("#mentor-side .part-form")
    form.get_by_label("My understanding").fill("Mo wants to lead meetings with confidence.")
    form.get_by_label("Giving advice").check()
    form.get_by_label("Constructive feedback").check()
    form.get_by_label("Boundaries").fill("No weekend calls.")
    form.get_by_label("Availability").fill("Tuesday afternoons")
    form.get_by_label("Expected response time").fill("Within two working days")
    form.get_by_role("button", name="Save").click()
    side = mentor.locator("#mentor-side")
    expect(side).to_contain_text("Constructive feedback")
    expect(side).to_contain_text("Within two working days")
    _checklist(mentor, 10)
    # The agreement's terms now carry the mentor's side (swapped out of band).
    expect(mentor.locator("#agreement .terms")).to_contain_text("Tuesday afternoons")
    assert mentor.evaluate("window.__marker") == "no reload"
    check_page(on=mentor)
    screenshot("5-plan-mentor", on=mentor)

    # The mentee's next visit: the comment is new, the understanding to confirm.
    page.reload()
    new = page.locator("#comments li.new")
    expect(new).to_contain_text("Start with the Monday stand-up")
    expect(new.get_by_text("New", exact=True)).to_be_visible()
    _checklist(page, 10)
    check_page()
    page.evaluate("window.__marker = 'no reload'")
    page.get_by_label("Yes, this is what I need").check()
    page.get_by_role("button", name="Answer your mentor").click()
    expect(page.locator("#mentor-side")).to_contain_text("Mo Mentee confirmed this understanding")

    # Signing: a wrong name is refused beside the field, the right one signs.
    agreement = page.locator("#agreement")
    agreement.get_by_label("Type your full name to sign").fill("Mo Mentor")
    agreement.get_by_role("button", name="Sign the agreement").click()
    name = page.locator("#agreement").get_by_label("Type your full name to sign")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(
        re.compile(re.escape("Type your name as it appears in your profile: Mo Mentee."))
    )
    expect(name).to_be_focused()
    check_page()
    name.fill("Mo Mentee")
    page.locator("#agreement").get_by_role("button", name="Sign the agreement").click()
    expect(page.locator("#agreement .signatures")).to_contain_text("Signed by Mo Mentee")
    expect(
        page.locator("#agreement").get_by_role("button", name="Sign the agreement")
    ).to_have_count(0)
    _checklist(page, 10)

    mentor.reload()
    check_page(on=mentor)
    mentor.locator("#agreement").get_by_label("Type your full name to sign").fill("Mina Mentor")
    mentor.locator("#agreement").get_by_role("button", name="Sign the agreement").click()
    expect(mentor.locator("#agreement .signatures")).to_contain_text("Signed by Mina Mentor")
    _checklist(mentor, 11)
    expect(mentor.locator("#checklist")).to_contain_text(
        "Your plan has everything a good plan needs."
    )
    check_page(on=mentor)

    page.reload()
    _checklist(page, 11)
    expect(page.locator("#checklist .done-all")).to_contain_text("everything a good plan needs")
    check_page()
    screenshot("5-plan-complete", phone=True)

    # The plan's other pages, once each.
    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Timeline")
    expect(page.locator("main")).to_contain_text("Leadership role at the staff forum")
    check_page()
    screenshot("5-plan-timeline")
    page.goto(reverse("plans:plan-changes", args=[world.partnership.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("What changed")
    check_page()
    screenshot("5-plan-changes")
    page.goto(reverse("plans:plan-print", args=[world.partnership.pk]))
    expect(page.locator("main")).to_contain_text("Special project: team rota")
    expect(page.locator("main .signatures")).to_contain_text("signed by Mina Mentor")
    check_page()
    screenshot("5-plan-print")


@pytest.fixture
def shared_plan(e2e_world):
    """A complete shared plan, built in the database (the walk above builds one in the UI)."""
    plan = services.plan_for_mentee(e2e_world.partnership)
    goals = [
        services.goal_create(
            plan=plan,
            by=plan.partnership.mentee,
            statement=statement,
            score=score,
            target_date=None,
        )
        for statement, _, score in GOALS
    ]
    for goal in goals:
        MeasureFactory(goal=goal, description=f"Measure of {goal.statement}", agreed=True)
    for kind, goal in zip(LearningActivity.Kind, goals, strict=True):
        ActivityFactory(
            plan=plan,
            kind=kind,
            goal=goal,
            title=LearningActivity.EXAMPLES[kind][0],
            starts_on=TODAY,
            due_on=TODAY + datetime.timedelta(days=30),
        )
    BarrierFactory(plan=plan, strategy="Block two mornings a month")
    services.comment_add(plan=plan, author=e2e_world.mentee, body="Does goal 1 look right?")
    services.plan_share(plan=plan, by=plan.partnership.mentee)
    return plan


def test_an_edit_conflict_keeps_both_texts_and_saving_again_wins(
    page, new_page, e2e_world, shared_plan, sign_in, check_page, screenshot
):
    goal = shared_plan.goals.get(position=0)
    first = new_page()
    for who in (first, page):
        sign_in(e2e_world.mentee, on=who)
        check_page(on=who)
        who.goto(_plan_path(e2e_world))
        check_page(on=who)
        who.get_by_role("link", name="Edit goal 1").click()
    page.evaluate("window.__marker = 'no reload'")

    first_form = first.locator(f"#part-form-goal-{goal.pk}")
    first_form.get_by_label("Goal:", exact=True).fill("Chair the weekly team meeting")
    first_form.get_by_role("button", name="Save").click()
    expect(first.locator("#goals")).to_contain_text("Chair the weekly team meeting")

    form = page.locator(f"#part-form-goal-{goal.pk}")
    form.get_by_label("Goal:", exact=True).fill("Run the monthly all-hands")
    form.get_by_role("button", name="Save").click()
    conflict = form.get_by_role("alert")
    expect(conflict).to_contain_text("Someone else saved this goal while you were editing it.")
    expect(conflict).to_contain_text("Chair the weekly team meeting")
    expect(form.get_by_label("Goal:", exact=True)).to_have_value("Run the monthly all-hands")
    goal.refresh_from_db()
    assert goal.statement == "Chair the weekly team meeting"
    check_page()
    screenshot("6-edit-conflict")

    form.get_by_role("button", name="Save mine instead").click()
    expect(page.locator("#goals .goal-list > li").first).to_contain_text(
        "Run the monthly all-hands"
    )
    expect(page.get_by_role("alert")).to_be_hidden()
    goal.refresh_from_db()
    assert goal.statement == "Run the monthly all-hands"
    assert page.evaluate("window.__marker") == "no reload"
    check_page()


def test_reading_and_adding_work_with_javascript_off(
    page, new_page, e2e_world, shared_plan, sign_in, check_page, screenshot
):
    mentor = new_page(java_script_enabled=False)
    sign_in(e2e_world.mentor, on=mentor)
    check_page(on=mentor)
    mentor.goto(_plan_path(e2e_world))
    main = mentor.locator("main")
    for text in [
        *(g[0] for g in GOALS),
        "Measure of Lead a team meeting",
        "Special project",
        "Shadowing",
        "Project outside the department",
        "Block two mornings a month",
        "Does goal 1 look right?",
        "Getting started:",
    ]:
        expect(main).to_contain_text(text)
    # Without htmx the edit links lead to ordinary form pages.
    expect(mentor.get_by_role("button", name="Edit your side")).to_have_attribute(
        "href", re.compile(r"/mentor-side/edit/$")
    )
    check_page(on=mentor)
    screenshot("7-plan-no-js-mentor", on=mentor)

    mentee = new_page(java_script_enabled=False)
    sign_in(e2e_world.mentee, on=mentee)
    check_page(on=mentee)
    mentee.goto(_plan_path(e2e_world))
    check_page(on=mentee)
    mentee.get_by_role("button", name="Add a goal").click()
    expect(mentee).to_have_url(re.compile(r"/plan/goal/new/$"))
    expect(mentee.get_by_role("heading", name="Add goal")).to_be_visible()
    check_page(on=mentee)
    mentee.get_by_label("Goal:", exact=True).fill("Mentor a new starter")
    mentee.get_by_label("Where are you now?").fill("11")
    mentee.get_by_role("button", name="Save").click()
    # An invalid form comes back as a page, with the error beside the field.
    score = mentee.get_by_label("Where are you now?")
    expect(score).to_have_attribute("aria-invalid", "true")
    # Chrome logs the 422 status of the page itself as a console error.
    check_page(on=mentee, allow_console=[r"status of 422"])
    score.fill("2")
    mentee.get_by_role("button", name="Save").click()
    expect(mentee).to_have_url(re.compile(r"/plan/#goals$"))
    expect(mentee.get_by_role("status")).to_contain_text("The goal is added.")
    expect(_goal_statements(mentee).last).to_have_text("Mentor a new starter")
    check_page(on=mentee)
    assert shared_plan.goals.filter(statement="Mentor a new starter", position=3).exists()


def test_check_page_scans_pages_shown_without_javascript(page, new_page, live_server, check_page):
    # axe cannot run where JavaScript is off, so check_page scans a copy: make sure it does.
    no_js = new_page(java_script_enabled=False)
    no_js.goto("/accounts/login/")
    check_page(on=no_js)
    no_js.evaluate("document.querySelector('main').append(document.createElement('img'))")
    with pytest.raises(AssertionError, match="image-alt"):
        check_page(on=no_js)
