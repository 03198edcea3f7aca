"""How each pair is doing (reports.health.cohort_health), without HTTP, at a fixed moment.

Each rule of the module's docstring gets a pair that breaks it and only it, and
the reason must name the numbers the coordinator acts on.
"""

import datetime
from decimal import Decimal

import pytest

from mentorplan.meetings.models import Meeting
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory
from mentorplan.reports.health import cohort_health
from mentorplan.reports.models import HealthPolicy

from .factories import NOW, Scene, cohort_for, plan_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    return Scene(cohort_for(world.program))


def health_of(scene, partnership, now=NOW):
    (pair,) = cohort_health(
        scene.cohort, now=now, partnerships=Partnership.objects.filter(pk=partnership.pk)
    )
    return pair


def flags_of(scene, partnership):
    return [(f.key, f.reason) for f in health_of(scene, partnership).flags]


# On track, and the ended


def test_a_pair_on_track_has_no_flags(scene):
    partnership = scene.on_track()

    pair = health_of(scene, partnership)

    assert pair.flags == []
    assert pair.at_risk is False
    assert pair.step == "under_way"
    assert pair.cadence_kept is True


def test_an_ended_partnership_has_no_flags_and_is_finished(scene):
    # Everything wrong with it: never shared, never met, activities overdue.
    partnership = scene.pair(began=90)
    ActivityFactory(plan=plan_of(partnership), due_on=scene.today - datetime.timedelta(days=30))
    before = health_of(scene, partnership)
    assert {f.key for f in before.flags} == {"not_shared", "no_first_meeting", "overdue"}

    partnership.end(status=Partnership.Status.COMPLETED, on=scene.today)
    pair = health_of(scene, partnership)

    assert pair.flags == []
    assert pair.step == "finished"
    assert pair.is_active is False
    assert pair.ended_on == scene.today


def test_a_pair_ended_early_is_finished_too(scene):
    partnership = scene.pair(began=90)
    partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Moved away", on=scene.today)

    pair = health_of(scene, partnership)

    assert (pair.step, pair.flags, pair.status) == ("finished", [], "ended_early")


# Each reason, alone


def test_plan_not_shared(scene):
    # 25 days: past the 21 to share, not yet past the 28 to meet.
    partnership = scene.pair(began=25)

    assert flags_of(scene, partnership) == [("not_shared", "Plan not shared 25 days after pairing")]


def test_plan_not_shared_counts_from_the_cohort_start_when_the_pair_was_paired_before(world):
    # Paired 40 days ago for a cohort that began 24 days ago: 24 days count.
    scene = Scene(cohort_for(world.program, began_days_ago=24))
    partnership = scene.pair(began=40)

    assert flags_of(scene, partnership) == [("not_shared", "Plan not shared 24 days after pairing")]
    assert health_of(scene, partnership).began_on == scene.cohort.starts_on


def test_a_pair_without_a_plan_is_not_shared_either(scene):
    partnership = scene.pair(began=22, plan=False)

    pair = health_of(scene, partnership)

    assert pair.plan_id is None
    assert [(f.key, f.reason) for f in pair.flags] == [
        ("not_shared", "Plan not shared 22 days after pairing")
    ]


def test_not_shared_only_after_the_days_to_share(scene):
    on_the_day = scene.pair(began=21)

    assert flags_of(scene, on_the_day) == []


def test_nobody_signed(scene):
    partnership = scene.pair(began=20, shared=16)

    assert flags_of(scene, partnership) == [
        ("not_signed", "Neither has signed the agreement 16 days after sharing")
    ]


def test_only_one_signed(scene):
    partnership = scene.pair(began=20, shared=15, mentee_signed=14)

    assert flags_of(scene, partnership) == [
        ("not_signed", "Only one has signed the agreement 15 days after sharing")
    ]


def test_not_signed_only_after_the_days_to_sign(scene):
    partnership = scene.pair(began=20, shared=14)

    assert flags_of(scene, partnership) == []


def test_no_first_meeting(scene):
    # A meeting planned for next week is not a meeting held.
    partnership = scene.pair(began=30, shared=25, mentee_signed=20, mentor_signed=20, coming=(5,))

    assert flags_of(scene, partnership) == [
        ("no_first_meeting", "No meeting held 30 days after pairing")
    ]


def test_a_cancelled_meeting_is_no_first_meeting(scene):
    partnership = scene.pair(began=30, shared=25, mentee_signed=20, mentor_signed=20)
    scene.meeting(partnership, -10, status=Meeting.Status.CANCELLED)

    assert flags_of(scene, partnership) == [
        ("no_first_meeting", "No meeting held 30 days after pairing")
    ]


def test_meetings_behind_the_cohorts_suggested_rhythm(scene):
    # The cohort suggests every two weeks: behind after 21 days.
    assert scene.cohort.meeting_cadence == "fortnightly"
    partnership = scene.on_track(held=(40, 25), coming=())

    pair = health_of(scene, partnership)

    assert [(f.key, f.reason) for f in pair.flags] == [
        ("cadence", "No meeting for 25 days (suggested: every two weeks)")
    ]
    assert pair.cadence_kept is False


def test_meetings_behind_the_pairs_agreed_rhythm(scene):
    # They agreed to meet every week: 11 days is behind (more than 10.5).
    partnership = scene.on_track(held=(40, 11), frequency="weekly")

    assert flags_of(scene, partnership) == [
        ("cadence", "No meeting for 11 days (agreed: every week)")
    ]


def test_meetings_on_the_agreed_rhythm_are_not_behind(scene):
    # 25 days is behind every two weeks, but not every month (45 days).
    partnership = scene.on_track(held=(40, 25), frequency="monthly")

    pair = health_of(scene, partnership)

    assert pair.flags == []
    assert pair.cadence_kept is True
    assert pair.frequency == "monthly"
    assert pair.agreed_frequency is True


def test_activities_overdue(scene):
    partnership = scene.on_track()
    plan = plan_of(partnership)
    yesterday = scene.today - datetime.timedelta(days=1)
    status = LearningActivity.Status
    ActivityFactory(plan=plan, due_on=yesterday, status=status.PLANNED)
    ActivityFactory(plan=plan, due_on=yesterday, status=status.IN_PROGRESS)
    # Not overdue: done, skipped, or due today.
    ActivityFactory(plan=plan, due_on=yesterday, status=status.DONE, outcome="yes")
    ActivityFactory(plan=plan, due_on=yesterday, status=status.SKIPPED, outcome="no")
    ActivityFactory(plan=plan, starts_on=scene.today, due_on=scene.today)

    assert flags_of(scene, partnership) == [("overdue", "2 learning activities overdue")]


def test_one_activity_overdue_is_said_in_the_singular(scene):
    partnership = scene.on_track()
    ActivityFactory(plan=plan_of(partnership), due_on=scene.today - datetime.timedelta(days=3))

    assert flags_of(scene, partnership) == [("overdue", "1 learning activity overdue")]


def test_help_unanswered(scene):
    partnership = scene.on_track()
    scene.help_request(partnership, days_ago=9)
    scene.help_request(partnership, days_ago=5)
    # Not waiting too long: answered, or raised within the 3 days.
    scene.help_request(partnership, days_ago=20, answered=True)
    scene.help_request(partnership, days_ago=2)

    assert flags_of(scene, partnership) == [
        ("help", "2 requests for help unanswered (the oldest for 9 days)")
    ]


def test_one_help_request_unanswered(scene):
    partnership = scene.on_track()
    scene.help_request(partnership, days_ago=4)

    assert flags_of(scene, partnership) == [
        ("help", "1 request for help unanswered (the oldest for 4 days)")
    ]


def test_check_ins_low(scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 2, days_ago=7)
    scene.check_in(partnership, 3, days_ago=7, author=partnership.mentor)
    scene.check_in(partnership, 2, days_ago=40)

    pair = health_of(scene, partnership)

    assert [(f.key, f.reason) for f in pair.flags] == [
        ("check_ins", "Check-ins low: 2.3 of 5 on average")
    ]
    assert pair.check_in_average == Decimal("2.3")


def test_a_single_low_check_in_is_not_low_check_ins(scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 1, days_ago=7)

    assert flags_of(scene, partnership) == []


def test_check_ins_at_the_threshold_are_low(scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 2, days_ago=7)
    scene.check_in(partnership, 3, days_ago=7, author=partnership.mentor)

    assert flags_of(scene, partnership) == [("check_ins", "Check-ins low: 2.5 of 5 on average")]


def test_check_ins_falling(scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 5, days_ago=40)
    scene.check_in(partnership, 4, days_ago=40, author=partnership.mentor)
    scene.check_in(partnership, 3, days_ago=7)
    scene.check_in(partnership, 3, days_ago=7, author=partnership.mentor)

    pair = health_of(scene, partnership)

    assert [(f.key, f.reason) for f in pair.flags] == [
        ("check_ins", "Check-ins falling: 3.0 in the last four weeks, 4.5 before")
    ]
    assert (pair.check_in_recent, pair.check_in_earlier) == (Decimal("3.0"), Decimal("4.5"))


def test_check_ins_falling_by_less_than_a_point_are_not_falling(scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 5, days_ago=40)
    scene.check_in(partnership, 4, days_ago=40, author=partnership.mentor)
    scene.check_in(partnership, 4, days_ago=7)

    assert flags_of(scene, partnership) == []


def test_check_ins_falling_by_exactly_a_point_are_falling(scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 5, days_ago=40)
    scene.check_in(partnership, 4, days_ago=7)

    assert flags_of(scene, partnership) == [
        ("check_ins", "Check-ins falling: 4.0 in the last four weeks, 5.0 before")
    ]


def test_several_reasons_come_in_the_rules_order(scene):
    partnership = scene.pair(began=35)
    ActivityFactory(plan=plan_of(partnership), due_on=scene.today - datetime.timedelta(days=1))

    assert flags_of(scene, partnership) == [
        ("not_shared", "Plan not shared 35 days after pairing"),
        ("no_first_meeting", "No meeting held 35 days after pairing"),
        ("overdue", "1 learning activity overdue"),
    ]


# The program's thresholds


def test_a_saved_policy_changes_who_is_flagged(world, scene):
    partnership = scene.pair(began=10)
    assert flags_of(scene, partnership) == []  # the default: 21 days to share

    HealthPolicy.objects.create(program=world.program, days_to_share=7)

    assert flags_of(scene, partnership) == [("not_shared", "Plan not shared 10 days after pairing")]


def test_another_programs_policy_changes_nothing(world, scene):
    partnership = scene.pair(began=10)
    HealthPolicy.objects.create(program=world.other_program, days_to_share=7)

    assert flags_of(scene, partnership) == []


@pytest.mark.parametrize(
    ("policy", "pair", "expected"),
    [
        (
            {"days_to_sign": 3},
            {"began": 10, "shared": 5},
            ("not_signed", "Neither has signed the agreement 5 days after sharing"),
        ),
        (
            {"days_to_first_meeting": 5},
            {"began": 6, "shared": 5, "mentee_signed": 4, "mentor_signed": 4},
            ("no_first_meeting", "No meeting held 6 days after pairing"),
        ),
    ],
    ids=["days_to_sign", "days_to_first_meeting"],
)
def test_each_days_threshold_comes_from_the_policy(world, scene, policy, pair, expected):
    partnership = scene.pair(**pair)
    assert flags_of(scene, partnership) == []

    HealthPolicy.objects.create(program=world.program, **policy)

    assert flags_of(scene, partnership) == [expected]


def test_help_waiting_days_come_from_the_policy(world, scene):
    partnership = scene.on_track()
    scene.help_request(partnership, days_ago=8)
    assert [k for k, _ in flags_of(scene, partnership)] == ["help"]

    HealthPolicy.objects.create(program=world.program, help_waiting_days=10)

    assert flags_of(scene, partnership) == []


def test_low_check_in_comes_from_the_policy(world, scene):
    partnership = scene.on_track()
    scene.check_in(partnership, 3, days_ago=7)
    scene.check_in(partnership, 3, days_ago=7, author=partnership.mentor)
    assert flags_of(scene, partnership) == []

    HealthPolicy.objects.create(program=world.program, low_check_in=Decimal("3.0"))

    assert flags_of(scene, partnership) == [("check_ins", "Check-ins low: 3.0 of 5 on average")]


# Steps


@pytest.mark.parametrize(
    ("pair", "step"),
    [
        ({"began": 5, "plan": False}, "paired"),
        ({"began": 5}, "paired"),  # a draft plan
        ({"began": 5, "shared": 3}, "shared"),
        ({"began": 5, "shared": 3, "mentee_signed": 2}, "shared"),
        ({"began": 5, "shared": 3, "mentee_signed": 2, "mentor_signed": 1}, "signed"),
        (
            {"began": 5, "shared": 3, "mentee_signed": 2, "mentor_signed": 1, "coming": (2,)},
            "signed",
        ),
        ({"began": 9, "shared": 8, "mentee_signed": 7, "mentor_signed": 7, "held": (2,)}, "met"),
        ({"began": 30, "held": (20, 6), "coming": (8,)}, "under_way"),
    ],
    ids=[
        "no plan",
        "draft",
        "shared",
        "one signature",
        "both signed",
        "meeting only planned",
        "one meeting held",
        "two meetings held",
    ],
)
def test_steps(scene, pair, step):
    partnership = scene.pair(**pair)

    assert health_of(scene, partnership).step == step


def test_a_cancelled_meeting_does_not_make_a_pair_under_way(scene):
    partnership = scene.pair(began=9, shared=8, mentee_signed=7, mentor_signed=7, held=(4,))
    scene.meeting(partnership, -2, status=Meeting.Status.CANCELLED)

    assert health_of(scene, partnership).step == "met"


# Figures, against a cohort with known answers


@pytest.fixture
def known_cohort(scene):
    busy = scene.on_track(mentee="Bea Busy", mentor="Mark Mentor", held=(40, 7), coming=(7, 14))
    plan = plan_of(busy)
    status = LearningActivity.Status
    ActivityFactory(plan=plan, status=status.DONE, outcome="yes")
    ActivityFactory(plan=plan, status=status.DONE, outcome="partly")
    ActivityFactory(plan=plan, status=status.IN_PROGRESS, due_on=scene.today)
    ActivityFactory(plan=plan, status=status.PLANNED, due_on=scene.today)
    ActivityFactory(plan=plan, status=status.SKIPPED, outcome="no")
    for goal_status in ["achieved", "achieved", "in_progress", "dropped"]:
        GoalFactory(plan=plan, status=goal_status)
    # Cancelled meetings count neither as held nor as next.
    scene.meeting(busy, -3, status=Meeting.Status.CANCELLED)
    scene.meeting(busy, 3, status=Meeting.Status.CANCELLED)
    scene.check_in(busy, 4, days_ago=40)
    scene.check_in(busy, 5, days_ago=7)
    scene.check_in(busy, 4, days_ago=7, author=busy.mentor)
    scene.nudge(busy, days_ago=20)
    scene.nudge(busy, days_ago=2)

    quiet = scene.pair(mentee="Quinn Quiet", mentor="Nora Mentor", began=5)
    return busy, quiet


def test_figures_of_a_busy_pair(scene, known_cohort):
    busy, _quiet = known_cohort

    pair = health_of(scene, busy)

    assert (pair.mentee_name, pair.mentor_name) == ("Bea Busy", "Mark Mentor")
    assert pair.activities_total == 5
    assert pair.activities_done == 2
    assert pair.activities_skipped == 1
    assert pair.activities_planned == 4  # the skipped one left out
    assert pair.activities_worked == 1
    assert pair.activities_overdue == 0
    assert pair.goals_total == 3  # the dropped one left out
    assert pair.goals_achieved == 2
    assert pair.meetings_held == 2
    assert pair.first_held_at == scene.ago(40)
    assert pair.last_held_at == scene.ago(7)
    assert pair.next_meeting_at == scene.now + datetime.timedelta(days=7)
    assert pair.check_in_count == 3
    assert pair.check_in_average == Decimal("4.3")  # 13 / 3
    assert pair.check_in_recent == Decimal("4.5")
    assert pair.check_in_earlier == Decimal("4.0")
    assert pair.last_nudged_at == scene.ago(2)
    assert pair.shared_at == scene.ago(50)
    assert pair.signatures == "both"
    assert pair.flags == []


def test_figures_of_a_quiet_pair_are_empty(scene, known_cohort):
    _busy, quiet = known_cohort

    pair = health_of(scene, quiet)

    assert pair.mentee_name == "Quinn Quiet"
    assert (pair.activities_total, pair.activities_done, pair.activities_planned) == (0, 0, 0)
    assert (pair.goals_total, pair.goals_achieved) == (0, 0)
    assert pair.meetings_held == 0
    assert pair.last_held_at is None
    assert pair.next_meeting_at is None
    assert pair.check_in_count == 0
    assert pair.check_in_average is None
    assert pair.last_nudged_at is None
    assert pair.cadence_kept is None
    assert pair.signatures == "none"
    assert pair.step == "paired"


def test_the_whole_cohort_keeps_each_pairs_figures_apart(scene, known_cohort):
    busy, quiet = known_cohort

    pairs = {p.pk: p for p in cohort_health(scene.cohort, now=NOW)}

    assert set(pairs) == {busy.pk, quiet.pk}
    assert (pairs[busy.pk].activities_done, pairs[quiet.pk].activities_done) == (2, 0)
    assert (pairs[busy.pk].goals_achieved, pairs[quiet.pk].goals_achieved) == (2, 0)
    assert (pairs[busy.pk].meetings_held, pairs[quiet.pk].meetings_held) == (2, 0)
    assert pairs[busy.pk] == health_of(scene, busy)


def test_other_cohorts_pairs_are_left_out(world, scene, known_cohort):
    pairs = cohort_health(scene.cohort, now=NOW)

    assert world.partnership.pk not in {p.pk for p in pairs}
    assert {p.cohort_id for p in pairs} == {scene.cohort.pk}


def test_the_name_is_the_email_when_there_is_no_display_name(scene):
    partnership = scene.pair(began=5)
    partnership.mentee.display_name = ""
    partnership.mentee.save()

    assert health_of(scene, partnership).mentee_name == partnership.mentee.email


def test_a_pair_whose_only_goal_is_dropped_has_no_goals(scene):
    partnership = scene.pair(began=5)
    plan = plan_of(partnership)
    GoalFactory(plan=plan, status=Goal.Status.DROPPED)

    pair = health_of(scene, partnership)

    assert (pair.goals_total, pair.goals_achieved) == (0, 0)


# Queries


def _busy_cohort(scene, n):
    for i in range(n):
        partnership = scene.on_track(held=(40, 20 + i % 5), coming=(7,))
        plan = plan_of(partnership)
        GoalFactory(plan=plan, status=Goal.Status.ACHIEVED)
        ActivityFactory(plan=plan, status=LearningActivity.Status.DONE, outcome="yes")
        ActivityFactory(plan=plan, due_on=scene.today - datetime.timedelta(days=2))
        scene.check_in(partnership, 1 + i % 5, days_ago=40)
        scene.help_request(partnership, days_ago=6)
        scene.nudge(partnership, days_ago=1)


# cohort_health, query by query:
#  1. the program's health policy      2. the partnerships with their people, plan,
#  agreement and agreed frequency      3. activities   4. goals   5. meetings
#  6. check-ins   7. requests for help waiting   8. nudges
HEALTH_QUERIES = 8


@pytest.mark.parametrize("n", [2, 12])
def test_cohort_health_costs_the_same_for_2_or_12_pairs(scene, django_assert_num_queries, n):
    _busy_cohort(scene, n)

    with django_assert_num_queries(HEALTH_QUERIES):
        pairs = cohort_health(scene.cohort, now=NOW)

    assert len(pairs) == n
    assert all(p.meetings_held == 2 and p.activities_overdue == 1 for p in pairs)
    assert all({"overdue", "help"} <= {f.key for f in p.flags} for p in pairs)


def test_an_empty_cohort_costs_two_queries(scene, django_assert_num_queries):
    # The policy and the (no) partnerships: the figures are not asked for.
    with django_assert_num_queries(2):
        assert cohort_health(scene.cohort, now=NOW) == []
