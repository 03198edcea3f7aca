"""The program's "What worked" (reports:program-report) and its figures (``program_figures``).

Two cohorts of one program with activities of each kind and status, goals,
meetings and reflections chosen so that every figure is a different number;
another program's pair is there too, and counts nowhere.
"""

import datetime
import re
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings.models import Meeting
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory
from mentorplan.programs.models import Cohort, Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory, ProgramFactory
from mentorplan.reports.models import GoalVerdict, Reflection
from mentorplan.reports.program import QUOTES_PER_COHORT, program_figures

from .factories import NOW, Scene, plan_of, reading_in_utc

pytestmark = pytest.mark.django_db

DOING, OTHERS, STRETCH = LearningActivity.Kind
PLANNED, IN_PROGRESS, DONE, SKIPPED = LearningActivity.Status
MENTEE, MENTOR = Reflection.Role


def url_of(program):
    return reverse("reports:program-report", args=[program.slug])


def days(n):
    return datetime.timedelta(days=n)


def activities(plan, kind, status, outcome="", n=1):
    for _ in range(n):
        ActivityFactory(plan=plan, kind=kind, status=status, outcome=outcome)


def goals(plan, status, n=1):
    for _ in range(n):
        GoalFactory(plan=plan, status=status)


def reflect(scene, partnership, role, rating, *, kept="", written=1, verdicts=()):
    """A reflection written ``written`` days before the scene's moment; verdicts as (goal, met)."""
    author = partnership.mentee if role == MENTEE else partnership.mentor
    reflection = Reflection.objects.create(
        partnership=partnership,
        author=author,
        role=role,
        rating=rating,
        kept_on_track=kept,
        written_at=scene.ago(written),
    )
    GoalVerdict.objects.bulk_create(
        GoalVerdict(reflection=reflection, goal=goal, met=met) for goal, met in verdicts
    )
    return reflection


def two_cohorts(program, now):
    """A running cohort of three pairs and a finished one of two, seen at ``now``.

    Spring (fortnightly): Ada meets weekly as agreed, Ben stopped 10 days ago,
    Cy has no plan. Autumn (monthly) ended 300 days ago: Dee completed then, Eve's
    pair was never closed and has no plan.
    """
    today = now.date()
    spring = Scene(
        CohortFactory(
            program=program,
            name="2026 Spring",
            starts_on=today - days(120),
            ends_on=today + days(60),
        ),
        now,
    )
    autumn = Scene(
        CohortFactory(
            program=program,
            name="2025 Autumn",
            starts_on=today - days(600),
            ends_on=today - days(300),
            meeting_cadence=Cohort.Cadence.MONTHLY,
        ),
        now,
    )
    # Spring. Promised: Ada 70 days weekly = 10, Ben 50 days fortnightly = 3, Cy 28 days = 2.
    ada = spring.pair(mentee="Ada", began=70, frequency="weekly", held=(50, 40, 30, 20, 10))
    spring.meeting(ada, -15, status=Meeting.Status.CANCELLED)
    spring.meeting(ada, 7)
    ben = spring.pair(mentee="Ben", began=60, held=(45, 30))
    ben.end(status=Partnership.Status.COMPLETED, on=today - days(10))
    cy = spring.pair(mentee="Cy", began=28, plan=False)
    ada_plan, ben_plan = plan_of(ada), plan_of(ben)
    activities(ada_plan, DOING, DONE, "yes", n=2)
    activities(ada_plan, DOING, DONE, "partly")
    activities(ada_plan, DOING, SKIPPED, "yes")  # skipped: its outcome counts nowhere
    activities(ada_plan, DOING, PLANNED)
    activities(ada_plan, OTHERS, DONE)  # done, never judged
    activities(ben_plan, DOING, DONE, "no")
    activities(ben_plan, DOING, IN_PROGRESS)
    activities(ben_plan, OTHERS, DONE, "yes")
    goals(ada_plan, Goal.Status.ACHIEVED, n=2)
    goals(ada_plan, Goal.Status.IN_PROGRESS)
    goals(ada_plan, Goal.Status.DROPPED)
    goals(ben_plan, Goal.Status.ACHIEVED)
    goals(ben_plan, Goal.Status.NOT_STARTED)
    a1, a2, a3, _dropped = ada_plan.goals.all()
    (b1, _b2) = ben_plan.goals.all()
    reflect(
        spring,
        ada,
        MENTEE,
        4,
        kept="Our Friday calls",
        written=3,
        verdicts=[(a1, "yes"), (a2, "yes"), (a3, "partly")],
    )
    reflect(
        spring,
        ada,
        MENTOR,
        5,
        kept="Knowing she would ask",
        written=5,
        verdicts=[(a1, "yes"), (a3, "no")],
    )
    reflect(spring, ben, MENTEE, 3, kept="The shared calendar", written=1, verdicts=[(b1, "yes")])
    reflect(spring, ben, MENTOR, 1, written=2)
    reflect(spring, cy, MENTEE, 4, kept="Writing it down", written=2)

    # Autumn. Promised: Dee 290 days monthly = 9, Eve 300 days (until the cohort's end) = 10.
    dee = autumn.pair(mentee="Dee", began=590, held=(500, 400, 350))
    dee.end(status=Partnership.Status.COMPLETED, on=today - days(300))
    eve = autumn.pair(mentee="Eve", began=600, plan=False)
    dee_plan = plan_of(dee)
    activities(dee_plan, STRETCH, DONE, "yes")
    activities(dee_plan, STRETCH, SKIPPED, "no", n=2)
    activities(dee_plan, OTHERS, PLANNED)
    activities(dee_plan, DOING, DONE, "partly")
    goals(dee_plan, Goal.Status.ACHIEVED)
    goals(dee_plan, Goal.Status.DROPPED, n=2)
    d1 = dee_plan.goals.get(status=Goal.Status.ACHIEVED)
    reflect(
        autumn, dee, MENTEE, 2, kept="The monthly lunch", written=310, verdicts=[(d1, "partly")]
    )
    reflect(autumn, dee, MENTOR, 3, kept="Her questions", written=305, verdicts=[(d1, "no")])
    reflect(autumn, eve, MENTOR, 4, written=300)

    # Another program's busy pair: none of it is ours.
    elsewhere = Scene(CohortFactory(name="Elsewhere", starts_on=today - days(90)), now)
    other = elsewhere.pair(began=80, held=(30,))
    activities(plan_of(other), DOING, DONE, "yes", n=3)
    goals(plan_of(other), Goal.Status.ACHIEVED)
    reflect(
        elsewhere, other, MENTEE, 1, kept="Not ours", verdicts=[(plan_of(other).goals.get(), "no")]
    )
    return SimpleNamespace(spring=spring.cohort, autumn=autumn.cohort, ada=ada)


@pytest.fixture
def program(db):
    program = ProgramFactory(name="Riverside Mentoring", slug="riverside")
    program.coordinators.add(UserFactory(display_name="Rita Coordinator"))
    return program


def kinds_of(figures):
    return [
        (k.kind, k.planned, k.done, k.skipped, k.worked, k.partly, k.did_not_work, k.worked_share)
        for k in figures.kinds
    ]


# The figures


def test_every_figure_of_each_cohort(program):
    two_cohorts(program, NOW)

    spring, autumn = program_figures(program, now=NOW)

    assert spring.cohort.name == "2026 Spring"
    assert autumn.cohort.name == "2025 Autumn"
    assert (spring.partnerships, spring.finished) == (3, 1)
    assert kinds_of(spring) == [
        ("doing", 6, 4, 1, 2, 1, 1, 50),
        ("others", 2, 2, 0, 1, 0, 0, 100),
        ("stretch", 0, 0, 0, 0, 0, 0, None),
    ]
    assert [k.label for k in spring.kinds] == [
        "Learning by doing",
        "Learning from others",
        "Stretch assignment",
    ]
    assert (spring.goals, spring.goals_achieved) == (5, 3)
    assert spring.goals_achieved_per_pair == Decimal("1.0")
    assert spring.verdicts == Counter(yes=4, partly=1, no=1)
    assert (spring.meetings_held, spring.meetings_promised) == (7, 15)
    assert spring.meetings_kept_share == 47
    assert spring.ratings == {"mentee": (Decimal("3.7"), 3), "mentor": (Decimal("3.0"), 2)}
    assert spring.reflections == 5
    assert spring.kept_on_track == [
        ("Mentee", "The shared calendar"),
        ("Mentee", "Writing it down"),
        ("Mentee", "Our Friday calls"),
        ("Mentor", "Knowing she would ask"),
    ]

    assert (autumn.partnerships, autumn.finished) == (2, 1)
    assert kinds_of(autumn) == [
        ("doing", 1, 1, 0, 0, 1, 0, 0),
        ("others", 1, 0, 0, 0, 0, 0, None),
        ("stretch", 1, 1, 2, 1, 0, 0, 100),
    ]
    assert (autumn.goals, autumn.goals_achieved) == (1, 1)
    assert autumn.goals_achieved_per_pair == Decimal("0.5")
    assert autumn.verdicts == Counter(partly=1, no=1)
    assert (autumn.meetings_held, autumn.meetings_promised) == (3, 19)
    assert autumn.meetings_kept_share == 16
    assert autumn.ratings == {"mentee": (Decimal("2.0"), 1), "mentor": (Decimal("3.5"), 2)}
    assert autumn.reflections == 3
    assert autumn.kept_on_track == [("Mentor", "Her questions"), ("Mentee", "The monthly lunch")]


def test_meetings_count_until_the_moment_asked(program):
    two_cohorts(program, NOW)

    # A week on, Ada's coming meeting has been held and her rhythm promises one more.
    spring, _autumn = program_figures(program, now=NOW + days(7))

    assert (spring.meetings_held, spring.meetings_promised) == (8, 16)


def test_a_cohort_without_pairs_has_its_zeros(program):
    cohort = CohortFactory(program=program, name="2027 Pilot")

    (figures,) = program_figures(program, now=NOW)

    assert figures.cohort == cohort
    assert (figures.partnerships, figures.goals, figures.meetings_promised) == (0, 0, 0)
    assert figures.goals_achieved_per_pair is None
    assert figures.meetings_kept_share is None
    assert figures.ratings == {}
    assert figures.reflections == 0
    assert figures.kept_on_track == []
    assert {k.kind: k.planned for k in figures.kinds} == {"doing": 0, "others": 0, "stretch": 0}


def test_a_program_without_cohorts_has_no_figures(program, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert program_figures(program, now=NOW) == []


def _busy_cohorts(program, n):
    """Two cohorts of ``n`` pairs, each pair with a bit of everything."""
    for name in ("2026 Spring", "2025 Autumn"):
        scene = Scene(CohortFactory(program=program, name=name, starts_on=NOW.date() - days(90)))
        for i in range(n):
            partnership = scene.pair(began=60, frequency="weekly", held=(30, 10))
            plan = plan_of(partnership)
            activities(plan, DOING, DONE, "yes")
            activities(plan, STRETCH, SKIPPED, "no")
            goals(plan, Goal.Status.ACHIEVED)
            goal = plan.goals.get()
            reflect(scene, partnership, MENTEE, 4, kept=f"Mentee {i}", verdicts=[(goal, "yes")])
            reflect(scene, partnership, MENTOR, 5, kept=f"Mentor {i}", verdicts=[(goal, "no")])


# program_figures, query by query:
#  1. the program's cohorts   2. their partnerships with the agreed rhythm
#  3. activities by cohort, kind, status and outcome   4. goals by cohort and status
#  5. meetings held by cohort   6. ratings by cohort and role
#  7. verdicts by cohort   8. the "kept on track" answers, newest first
FIGURES_QUERIES = 8


@pytest.mark.parametrize("n", [2, 8])
def test_the_figures_cost_the_same_for_2_or_8_pairs_a_cohort(program, django_assert_num_queries, n):
    _busy_cohorts(program, n)

    with django_assert_num_queries(FIGURES_QUERIES):
        figures = program_figures(program, now=NOW)

    assert [f.partnerships for f in figures] == [n, n]
    assert [f.reflections for f in figures] == [2 * n, 2 * n]
    assert [f.verdicts for f in figures] == [Counter(yes=n, no=n)] * 2
    assert [(f.meetings_held, f.meetings_promised) for f in figures] == [(2 * n, 8 * n)] * 2


def test_quotes_are_the_newest_six_of_each_cohort(program):
    today = NOW.date()
    busy = Scene(CohortFactory(program=program, name="Busy", starts_on=today - days(90)))
    quiet = Scene(CohortFactory(program=program, name="Quiet", starts_on=today - days(200)))
    for i in range(4):
        pair = busy.pair(plan=False)
        reflect(busy, pair, MENTEE, 4, kept=f"Busy mentee {i}", written=2 * i)
        reflect(busy, pair, MENTOR, 4, kept=f"Busy mentor {i}", written=2 * i + 1)
    # Older than every answer of Busy: a cap over the program would leave Quiet empty.
    old = quiet.pair(plan=False)
    reflect(quiet, old, MENTEE, 3, kept="Quiet mentee", written=100)
    reflect(quiet, old, MENTOR, 3, kept="Quiet mentor", written=50)

    figures = {f.cohort.name: f for f in program_figures(program, now=NOW)}

    assert QUOTES_PER_COHORT == 6
    assert figures["Busy"].kept_on_track == [
        ("Mentee", "Busy mentee 0"),
        ("Mentor", "Busy mentor 0"),
        ("Mentee", "Busy mentee 1"),
        ("Mentor", "Busy mentor 1"),
        ("Mentee", "Busy mentee 2"),
        ("Mentor", "Busy mentor 2"),
    ]
    assert figures["Busy"].reflections == 8
    assert figures["Quiet"].kept_on_track == [
        ("Mentor", "Quiet mentor"),
        ("Mentee", "Quiet mentee"),
    ]


# The page


def _text(pieces):
    """The text of an element's pieces (a quote and its footer), its spaces made single."""
    return " ".join(" ".join(pieces).split())


class _Page(HTMLParser):
    """The page's table rows as lists of cell texts, and its quotes per cohort heading."""

    def __init__(self, html):
        super().__init__()
        self.rows, self.quotes = [], {}
        self._row = self._cell = self._heading = self._quote = None
        self._cohort = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "h3":
            self._heading = []
        elif tag == "blockquote":
            self._quote = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(_text(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "h3":
            self._cohort = _text(self._heading)
            self.quotes[self._cohort] = []
            self._heading = None
        elif tag == "blockquote":
            self.quotes[self._cohort].append(_text(self._quote))
            self._quote = None

    def handle_data(self, data):
        for part in (self._cell, self._heading, self._quote):
            if part is not None:
                part.append(data)


@pytest.fixture
def coordinator(program, client_as):
    return client_as(reading_in_utc(program.coordinators.get()))


def test_the_page_shows_every_figure(program, coordinator):
    two_cohorts(program, timezone.now())

    response = coordinator.get(url_of(program))

    assert response.status_code == 200
    page = _Page(response.text)
    activity_rows = [r for r in page.rows if len(r) == 9]
    assert activity_rows == [
        ["Kind", "Cohort", "Planned", "Done", "Skipped", "Worked", "Partly", "Did not work",
         "Worked, of those judged"],
        ["Learning by doing", "2026 Spring", "6", "4", "1", "2", "1", "1", "50%"],
        ["Learning by doing", "2025 Autumn", "1", "1", "0", "0", "1", "0", "0%"],
        ["Learning from others", "2026 Spring", "2", "2", "0", "1", "0", "0", "100%"],
        ["Learning from others", "2025 Autumn", "1", "0", "0", "0", "0", "0", "–"],
        ["Stretch assignment", "2026 Spring", "0", "0", "0", "0", "0", "0", "–"],
        ["Stretch assignment", "2025 Autumn", "1", "1", "2", "1", "0", "0", "100%"],
    ]  # fmt: skip
    assert [r for r in page.rows if len(r) == 3] == [
        ["Figure", "2026 Spring", "2025 Autumn"],
        ["Partnerships (finished)", "3 (1)", "2 (1)"],
        ["Goals achieved", "3 of 5, 1.0 per partnership", "1 of 1, 0.5 per partnership"],
        ["Goals met, as the reflections say", "4 met, 1 partly, 1 not", "0 met, 1 partly, 1 not"],
        ["Meetings held, of those the rhythms promise", "7 of 15 (47%)", "3 of 19 (16%)"],
        ["Reflections written", "5", "3"],
        ["Mentees’ rating of their partnership", "3.7 of 5 (3)", "2.0 of 5 (1)"],
        ["Mentors’ rating of their partnership", "3.0 of 5 (2)", "3.5 of 5 (2)"],
    ]
    assert page.quotes == {
        "2026 Spring": [
            "The shared calendar A mentee",
            "Writing it down A mentee",
            "Our Friday calls A mentee",
            "Knowing she would ask A mentor",
        ],
        "2025 Autumn": ["Her questions A mentor", "The monthly lunch A mentee"],
    }
    assert "Not ours" not in response.text


def test_the_page_draws_the_kinds_cohort_by_cohort(program, coordinator):
    two_cohorts(program, timezone.now())

    response = coordinator.get(url_of(program))

    (svg,) = re.findall(r"<svg .*?</svg>", response.text, flags=re.S)
    assert 'role="img"' in svg
    assert '<title id="chart-cohorts-title">Learning activities by kind, cohort by cohort' in svg
    assert "Learning by doing, 2026 Spring: 6 planned, 4 done, 2 worked" in svg
    assert "Stretch assignment, 2025 Autumn: 1 planned, 1 done, 1 worked" in svg
    assert "2 worked of 4 done, 6 planned" in svg


def test_the_program_page_links_to_it(program, coordinator):
    response = coordinator.get(program.get_absolute_url())

    assert response.status_code == 200
    assert f'href="{url_of(program)}"' in response.text


def test_a_program_without_cohorts_shows_the_empty_state(program, coordinator):
    response = coordinator.get(url_of(program))

    assert response.status_code == 200
    assert response.context["cohorts"] == []
    assert "No cohorts yet." in response.text
    assert reverse("programs:cohort-create", args=[program.slug]) in response.text
    assert "<svg" not in response.text
    assert "<table" not in response.text


# Who sees it


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coordinator", 200),
        ("mentor", 403),
        ("mentee", 403),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_only_the_programs_coordinators_see_it(world, client_as, role, status):
    response = client_as(world.user(role)).get(url_of(world.program))

    assert response.status_code == status
    # The world's program has a cohort: its figures are the page's second table.
    assert ("Cohorts side by side" in response.text) is (status == 200)


def test_a_coordinator_of_one_cohort_only_is_refused(world, client_as):
    runner = UserFactory()
    MembershipFactory(user=runner, cohort=world.cohort, role=Membership.Role.COORDINATOR)

    response = client_as(runner).get(url_of(world.program))

    assert response.status_code == 403


def test_a_mentor_of_the_program_is_refused_its_figures(program, client_as):
    pairs = two_cohorts(program, NOW)

    response = client_as(pairs.ada.mentor).get(url_of(program))

    assert response.status_code == 403
    assert "Our Friday calls" not in response.text


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(url_of(world.program))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_is_read_only(world, client_as):
    response = client_as(world.coordinator).post(url_of(world.program))

    assert response.status_code == 405
