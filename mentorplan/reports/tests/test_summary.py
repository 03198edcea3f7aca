"""A partnership's closing summary (reports:partnership-summary, ``summary.partnership_summary``).

The story (``story``): Mo Mentee and Mina Mentor began 90 days ago. Mo's plan
has four goals (one achieved, one in progress, one not started, one dropped),
each self-assessed a known number of times, recorded out of order; three
success measures, two of them reached; seven activities (four done, each with
another outcome, one skipped, one in progress, one planned); five meetings
(three held, one cancelled, one coming); and both reflections: Mo's shared with
Mina, Mina's not. Every figure of the page is a different number.
"""

import datetime
import re
from html import unescape
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings.models import Meeting
from mentorplan.meetings.tests.factories import MeetingFactory, in_days
from mentorplan.partnerships.models import Partnership
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import (
    ActivityFactory,
    GoalFactory,
    MeasureFactory,
    SelfAssessmentFactory,
)
from mentorplan.reports.models import GoalVerdict, Reflection
from mentorplan.reports.summary import partnership_summary

pytestmark = pytest.mark.django_db

DOING, OTHERS, STRETCH = LearningActivity.Kind
PLANNED, IN_PROGRESS, DONE, SKIPPED = LearningActivity.Status
YES, PARTLY, NO = LearningActivity.Outcome
MENTEE_TEXT = "A notebook of every Friday call."
MENTOR_TEXT = "Mina's own words: the shadowing days were the best part."
# What the pair wrote in the plan: the goals' statements, the measures' descriptions,
# the activities' titles and lessons.
PLAN_WORDS = [
    "Run a ward round",
    "Speak at the team meeting",
    "Chaired two ward rounds",
    "Spoke once at the huddle",
    "Shadow the ward sister",
    "Write the audit memo",
    "Lead the handover",
    "Ask to shadow a whole shift.",
]


def url_of(partnership):
    return reverse("reports:partnership-summary", args=[partnership.pk])


def today():
    return timezone.localdate()


def ago(n):
    return today() - datetime.timedelta(days=n)


def day(value):
    """A date as the page writes it ("j M Y")."""
    return f"{value.day} {value:%b %Y}"


def text_of(response) -> str:
    """The page's text, without tags, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.text, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


# Tags that end a run of text: "<dt>Rating</dt><dd>4</dd>" reads "Rating 4".
BLOCKS = {"br", "dd", "div", "dt", "header", "li", "p", "td", "th", "ul"}


class _Page(HTMLParser):
    """The texts of the page's table rows (cell by cell), done activities and reflections."""

    def __init__(self, html):
        super().__init__()
        self.rows, self.activities, self.reflections = [], [], []
        self._row = self._cell = self._activity = self._reflection = None
        self._in_activities = False
        self.feed(html)

    def _break(self, tag):
        if tag in BLOCKS:
            self.handle_data(" ")

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "ul" and "summary-activities" in classes:
            self._in_activities = True
        elif tag == "li" and self._in_activities:
            self._activity = []
        elif tag == "article" and "reflection" in classes:
            self._reflection = []

    def handle_endtag(self, tag):
        self._break(tag)
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(_joined(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "li" and self._activity is not None:
            self.activities.append(_joined(self._activity))
            self._activity = None
        elif tag == "ul" and self._in_activities and self._activity is None:
            self._in_activities = False
        elif tag == "article" and self._reflection is not None:
            self.reflections.append(_joined(self._reflection))
            self._reflection = None

    def handle_data(self, data):
        for part in (self._cell, self._activity, self._reflection):
            if part is not None:
                part.append(data)


def _joined(parts):
    return " ".join("".join(parts).split())


def page(response) -> _Page:
    return _Page(response.text)


def assess(goal, *scores):
    """Self-assessments of a goal, as (score, days ago), saved in the order given."""
    for score, days_ago in scores:
        SelfAssessmentFactory(
            goal=goal,
            score=score,
            recorded_at=timezone.now() - datetime.timedelta(days=days_ago),
        )


def reflection_by(partnership, author, *, verdicts=(), **fields):
    role = Reflection.Role.MENTEE if author == partnership.mentee else Reflection.Role.MENTOR
    reflection = Reflection.objects.create(
        partnership=partnership, author=author, role=role, **({"rating": 4} | fields)
    )
    for goal, met in verdicts:
        GoalVerdict.objects.create(reflection=reflection, goal=goal, met=met)
    return reflection


def _activity(plan, title, kind, status, outcome="", due=10, **fields):
    return ActivityFactory(
        plan=plan,
        title=title,
        kind=kind,
        status=status,
        outcome=outcome,
        starts_on=ago(due + 5),
        due_on=ago(due),
        **fields,
    )


def tell(world, *, share=True, reads_plans=True):
    """The story of Mo and Mina (see the module's docstring)."""
    world.program.coordinators_read_plans = reads_plans
    world.program.save()
    pair = world.partnership
    pair.started_on = ago(90)
    pair.save()
    plan = plan_services.plan_for_mentee(pair)
    if share:
        plan_services.plan_share(plan=plan, by=world.mentee)
    plan.refresh_from_db()
    ward_round = GoalFactory(plan=plan, statement="Run a ward round", status=Goal.Status.ACHIEVED)
    # Saved last first: the first and last are by when they were recorded.
    assess(ward_round, (8, 5), (3, 80), (6, 40))
    speak = GoalFactory(
        plan=plan, statement="Speak at the team meeting", status=Goal.Status.IN_PROGRESS
    )
    assess(speak, (7, 60), (5, 2))
    starter = GoalFactory(plan=plan, statement="Mentor a new starter")
    assess(starter, (4, 30))
    GoalFactory(plan=plan, statement="Learn Welsh", status=Goal.Status.DROPPED)
    MeasureFactory(goal=ward_round, description="Chaired two ward rounds", achieved_on=ago(20))
    MeasureFactory(goal=ward_round, description="Wrote the rota")
    MeasureFactory(goal=speak, description="Spoke once at the huddle", achieved_on=ago(8))
    shadowing = _activity(
        plan,
        "Shadow the ward sister",
        OTHERS,
        DONE,
        YES,
        due=20,
        lessons="Ask to shadow a whole shift.",
    )
    memo = _activity(plan, "Write the audit memo", DOING, DONE, NO, due=30)
    _activity(plan, "Lead the handover", STRETCH, DONE, PARTLY, due=10)
    _activity(plan, "Sit in on the board", OTHERS, DONE, "", due=5)
    _activity(plan, "Visit the other site", DOING, SKIPPED, NO, due=15)
    ActivityFactory(plan=plan, title="Present at grand rounds", kind=STRETCH, status=IN_PROGRESS)
    ActivityFactory(plan=plan, title="Read the guidelines", kind=DOING, status=PLANNED)
    held = [
        MeetingFactory(partnership=pair, starts_at=in_days(-days, hour=12)) for days in (60, 25, 4)
    ]
    MeetingFactory(
        partnership=pair, starts_at=in_days(-12, hour=12), status=Meeting.Status.CANCELLED
    )
    MeetingFactory(partnership=pair, starts_at=in_days(6, hour=12))
    mine = reflection_by(
        pair,
        world.mentee,
        most_helpful=shadowing,
        most_helpful_why="I saw how she runs the ward.",
        least_helpful=memo,
        kept_on_track=MENTEE_TEXT,
        rating=5,
        shared_with_partner=True,
        verdicts=[(ward_round, GoalVerdict.Met.YES), (speak, GoalVerdict.Met.PARTLY)],
    )
    theirs = reflection_by(pair, world.mentor, kept_on_track=MENTOR_TEXT, rating=3)
    return SimpleNamespace(plan=plan, held=held, mine=mine, theirs=theirs)


@pytest.fixture
def story(world):
    return tell(world)


# Every figure


def test_the_figures_of_the_story(world, client_as, story):
    response = client_as(world.mentee).get(url_of(world.partnership))

    assert response.status_code == 200
    text = text_of(response)
    # "Goals achieved" is checked in test_a_dropped_goal_is_not_counted_in_the_goals.
    assert "Measures reached 2" in text
    assert "Activities done 4" in text
    assert "Meetings held 3" in text
    assert "4 done, 1 in progress, 1 planned, 1 skipped." in text
    first, _middle, last = story.held
    assert f"3 meetings held, from {day(first.starts_at)} to {day(last.starts_at)}." in text


def test_a_dropped_goal_is_not_counted_in_the_goals(world, client_as, story):
    # The dashboard, the exports and the program's report leave dropped goals out
    # of the total ("Goals total": the dropped one left out); so does the summary.
    response = client_as(world.mentee).get(url_of(world.partnership))

    assert "Goals achieved 1 of 3" in text_of(response)


def test_each_goal_with_its_first_and_last_self_assessment(world, client_as, story):
    response = client_as(world.mentee).get(url_of(world.partnership))

    assert page(response).rows == [
        ["Goal", "Status", "Self-assessment, first → last (of 10)", "Success measures reached"],
        [
            "Goal 1: Run a ward round",
            "Achieved",
            "3 → 8 (+5)",
            f"Chaired two ward rounds, reached {day(ago(20))}",
        ],
        [
            "Goal 2: Speak at the team meeting",
            "In progress",
            "7 → 5 (-2)",
            f"Spoke once at the huddle, reached {day(ago(8))}",
        ],
        ["Goal 3: Mentor a new starter", "Not started", "4 → 4", "None"],
        ["Goal 4: Learn Welsh", "Dropped", "–", "None"],
    ]
    assert "Wrote the rota" not in response.text  # not reached


def test_the_done_activities_those_that_worked_first(world, client_as, story):
    response = client_as(world.mentee).get(url_of(world.partnership))

    assert page(response).activities == [
        f"Shadow the ward sister (learning from others, due {day(ago(20))}): Yes, it worked "
        "Ask to shadow a whole shift.",
        f"Write the audit memo (learning by doing, due {day(ago(30))}): No, it did not work",
        f"Lead the handover (stretch assignment, due {day(ago(10))}): Partly",
        f"Sit in on the board (learning from others, due {day(ago(5))}): "
        "not said whether it worked",
    ]
    for not_done in ("Visit the other site", "Present at grand rounds", "Read the guidelines"):
        assert not_done not in response.text


def test_partnership_summary_without_http(world, story):
    summary = partnership_summary(world.partnership)

    assert summary.plan == story.plan
    assert [(line.first_score, line.last_score, line.moved) for line in summary.goals] == [
        (3, 8, 5),
        (7, 5, -2),
        (4, 4, 0),
        (None, None, None),
    ]
    assert [len(line.measures_reached) for line in summary.goals] == [1, 1, 0, 0]
    assert summary.measures_reached == 2
    assert summary.activity_counts == {DONE: 4, SKIPPED: 1, IN_PROGRESS: 1, PLANNED: 1}
    assert [a.title for a in summary.done] == [
        "Shadow the ward sister",
        "Write the audit memo",
        "Lead the handover",
        "Sit in on the board",
    ]
    assert summary.meetings_held == 3
    assert (summary.first_meeting, summary.last_meeting) == (
        story.held[0].starts_at,
        story.held[-1].starts_at,
    )


def test_meetings_held_are_counted_at_the_moment_given(world, story):
    # Seen 30 days ago: only the first meeting had been held.
    summary = partnership_summary(world.partnership, now=timezone.now() - datetime.timedelta(30))

    assert summary.meetings_held == 1
    assert summary.first_meeting == summary.last_meeting == story.held[0].starts_at


def test_a_pair_without_a_plan_has_the_figures_of_none(world, client_as):
    MeetingFactory(partnership=world.other_partnership, starts_at=in_days(-3, hour=12))

    response = client_as(world.other_mentor).get(url_of(world.other_partnership))

    assert response.status_code == 200
    text = text_of(response)
    assert "Goals achieved 0 of 0" in text
    assert "Measures reached 0" in text
    assert "Activities done 0" in text
    assert "Meetings held 1" in text
    assert "No goals were written." in text
    assert "0 done, 0 in progress, 0 planned, 0 skipped." in text
    assert "1 meeting held, from" in text
    assert "No reflection to read here yet." in text


def test_no_meeting_held_is_said(world, client_as):
    MeetingFactory(partnership=world.other_partnership, starts_at=in_days(3, hour=12))

    response = client_as(world.other_mentee).get(url_of(world.other_partnership))

    assert "No meeting was held in Mentorplan." in text_of(response)


# So far, or closing


def test_a_running_partnership_is_so_far(world, client_as, story):
    response = client_as(world.mentor).get(url_of(world.partnership))

    text = text_of(response)
    assert "The partnership so far" in text
    assert "this is what it has done so far" in text
    assert "Closing summary Mina" not in text
    assert (
        "Mina Mentor mentoring Mo Mentee · Harbour City Mentoring, 2026 Partnerships · "
        f"{day(ago(90))} – today"
    ) in text


def test_an_ended_partnership_has_its_closing_summary(world, client_as, story):
    world.partnership.end(status=Partnership.Status.COMPLETED, on=ago(1))

    response = client_as(world.mentee).get(url_of(world.partnership))

    text = text_of(response)
    assert "Closing summary Mina Mentor mentoring Mo Mentee" in text
    assert f"{day(ago(90))} – {day(ago(1))} (completed)" in text
    assert "so far" not in text
    assert "Measures reached 2" in text


def test_an_ended_partnership_without_reflections_says_none_without_yet(world, client_as):
    world.other_partnership.end(status=Partnership.Status.ENDED_EARLY, reason="Moved away")

    response = client_as(world.other_mentee).get(url_of(world.other_partnership))

    text = text_of(response)
    assert "(ended early)" in text
    assert "No reflection to read here." in text
    assert "yet." not in text


# What the pair wrote, to whom


@pytest.mark.parametrize(
    ("role", "share", "reads_plans", "shown"),
    [
        ("mentee", True, False, True),
        ("mentee", False, False, True),
        ("mentor", True, False, True),
        ("mentor", False, True, False),
        ("coordinator", True, True, True),
        ("coordinator", True, False, False),
        ("coordinator", False, True, False),
    ],
)
def test_the_plans_words_only_to_who_may_read_the_plan(
    world, client_as, role, share, reads_plans, shown
):
    tell(world, share=share, reads_plans=reads_plans)

    response = client_as(world.user(role)).get(url_of(world.partnership))

    assert response.status_code == 200
    assert response.context["reads_plan"] is shown
    for words in PLAN_WORDS:
        assert (words in unescape(response.text)) is shown, words
    rows = page(response).rows
    activities = page(response).activities
    if shown:
        assert rows[1][0] == "Goal 1: Run a ward round"
    else:
        # The figures stay: numbers, statuses, scores, kinds, outcomes and dates.
        assert [row[:3] for row in rows[1:]] == [
            ["Goal 1", "Achieved", "3 → 8 (+5)"],
            ["Goal 2", "In progress", "7 → 5 (-2)"],
            ["Goal 3", "Not started", "4 → 4"],
            ["Goal 4", "Dropped", "–"],
        ]
        assert rows[1][3] == f"reached {day(ago(20))}"
        assert activities[0] == (
            f"A learning from others activity (learning from others, due {day(ago(20))}): "
            "Yes, it worked"
        )
        assert "Measures reached 2" in text_of(response)


@pytest.mark.parametrize(
    ("role", "authors"),
    [
        ("mentee", ["Mo Mentee"]),  # Mina's is not shared with Mo
        ("mentor", ["Mo Mentee", "Mina Mentor"]),  # Mina's own, and Mo's shared one
        ("coordinator", ["Mo Mentee", "Mina Mentor"]),
    ],
)
def test_the_reflections_each_reader_may_read(world, client_as, story, role, authors):
    response = client_as(world.user(role)).get(url_of(world.partnership))

    shown = response.context["reflections"]
    assert sorted(str(r.author) for r in shown) == sorted(authors)
    assert (MENTOR_TEXT in unescape(response.text)) is ("Mina Mentor" in authors)
    assert MENTEE_TEXT in response.text
    assert len(page(response).reflections) == len(authors)


def test_an_unshared_reflection_is_absent_for_the_partner(world, client_as, story):
    Reflection.objects.filter(pk=story.mine.pk).update(shared_with_partner=False)

    mentor = client_as(world.mentor).get(url_of(world.partnership))

    assert [r.author for r in mentor.context["reflections"]] == [world.mentor]
    assert MENTEE_TEXT not in mentor.text
    assert "I saw how she runs the ward." not in mentor.text


def test_a_reflection_names_its_activities_and_goals_to_plan_readers(world, client_as, story):
    response = client_as(world.mentor).get(url_of(world.partnership))

    (mine,) = [r for r in page(response).reflections if r.startswith("Mo Mentee")]
    assert "Helped most Shadow the ward sister: I saw how she runs the ward." in mine
    assert "Helped least Write the audit memo" in mine
    assert "Goal 1, Run a ward round: Met" in mine
    assert "Goal 2, Speak at the team meeting: Partly met" in mine


def test_a_reflection_tells_activities_by_kind_to_a_coordinator_who_may_not_read_plans(
    world, client_as
):
    tell(world, reads_plans=False)

    response = client_as(world.coordinator).get(url_of(world.partnership))

    (mine,) = [r for r in page(response).reflections if r.startswith("Mo Mentee")]
    assert "Helped most A learning from others activity: I saw how she runs the ward." in mine
    assert "Helped least A learning by doing activity" in mine
    assert "Goal 1: Met" in mine
    assert MENTEE_TEXT in mine


# The cost


def _larger(world):
    """A bigger plan than the story's: every part several times over."""
    plan = plan_services.plan_for_mentee(world.other_partnership)
    plan_services.plan_share(plan=plan, by=world.other_mentee)
    goals = [GoalFactory(plan=plan) for _ in range(6)]
    for goal in goals:
        assess(goal, (3, 50), (5, 20), (7, 1))
        MeasureFactory(goal=goal, achieved_on=ago(3))
        MeasureFactory(goal=goal, achieved_on=ago(2))
    for n in range(12):
        _activity(plan, f"Activity {n}", OTHERS, DONE if n % 2 else SKIPPED, YES, due=n + 1)
    for n in range(8):
        MeetingFactory(partnership=world.other_partnership, starts_at=in_days(-n - 1, hour=12))
    for author in (world.other_mentee, world.other_mentor):
        reflection_by(
            world.other_partnership,
            author,
            most_helpful=plan.activities.first(),
            shared_with_partner=True,
            verdicts=[(goal, GoalVerdict.Met.YES) for goal in goals],
        )
    return world.other_partnership


def _smaller(world):
    """The smallest plan with one of every part."""
    plan = plan_services.plan_for_mentee(world.other_partnership)
    plan_services.plan_share(plan=plan, by=world.other_mentee)
    goal = GoalFactory(plan=plan)
    assess(goal, (3, 50))
    MeasureFactory(goal=goal, achieved_on=ago(3))
    _activity(plan, "Activity", OTHERS, DONE, YES)
    MeetingFactory(partnership=world.other_partnership, starts_at=in_days(-1, hour=12))
    for author in (world.other_mentee, world.other_mentor):
        reflection_by(
            world.other_partnership,
            author,
            most_helpful=plan.activities.first(),
            shared_with_partner=True,
            verdicts=[(goal, GoalVerdict.Met.YES)],
        )
    return world.other_partnership


# As the coordinator, who reads the plans:
#  1-2. session, user   3. the partnership with its people, cohort and program
#  4. whether the user runs the cohort (permissions.get_partnership_for_reflection)
#  partnership_summary: 5. the plan   6. its goals   7. their self-assessments
#  8. their measures reached   9. the activities   10. the meetings held
#  11. the reflections with their authors, activities and partnership   12. their
#  verdicts   13. the verdicts' goals   14. the plan again (reflection_views._readable)
#  15. whether the user runs the cohort (plan_role, for naming activities)
#  16-19. for each of the two reflections (at most two: one per partner), its
#  partnership's cohort and whether the user runs it (can_read_reflection)
#  20. whether the user runs the cohort, for the page's words (plan_role)
#  21. unread notifications (navigation)
SUMMARY_QUERIES = 21


@pytest.mark.parametrize("build", [_smaller, _larger], ids=["smaller", "larger"])
def test_the_summary_costs_the_same_for_a_small_or_large_plan(
    world, client_as, django_assert_num_queries, build
):
    world.program.coordinators_read_plans = True
    world.program.save()
    partnership = build(world)
    client = client_as(world.coordinator)
    client.get(url_of(partnership))  # fills what the navigation caches

    with django_assert_num_queries(SUMMARY_QUERIES):
        response = client.get(url_of(partnership))

    assert response.status_code == 200
    assert response.context["reads_plan"] is True
    assert len(response.context["reflections"]) == 2


# Who opens it


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("mentee", 200),
        ("mentor", 200),
        ("coordinator", 200),
        ("other_mentor", 404),
        ("other_mentee", 404),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_who_opens_the_summary(world, client_as, story, role, status):
    response = client_as(world.user(role)).get(url_of(world.partnership))

    assert response.status_code == status
    if status == 404:
        assert MENTEE_TEXT not in response.text
        assert "Measures reached" not in response.text


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(url_of(world.partnership))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_summary_is_read_only(world, client_as):
    response = client_as(world.mentee).post(url_of(world.partnership))

    assert response.status_code == 405
