"""The cohort's exports: CSV per table and one workbook, read back and checked against a scene.

The scene (``scene``): in the world's cohort, Mo Mentee and Mina Mentor have a
shared plan with three goals (one achieved, one dropped), three learning
activities (one done, one skipped, one overdue), four meetings (two held, one
cancelled, one coming) and three check-ins (3, 4 and 5); Olga Mentee and Otto
Mentor were paired today and have no plan yet. The coordinator reads times in
Tokyo. ``reflections`` adds what each of them wrote looking back: Mo's (shared,
naming two activities), Mina's (not shared, naming none) and Olga's (no plan).
"""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings.models import CheckIn, Meeting, PrivateNote
from mentorplan.meetings.tests.factories import MeetingFactory, NotesFactory, in_days
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.tests.factories import ActivityFactory, GoalFactory
from mentorplan.programs.tests.factories import CohortFactory
from mentorplan.reports.exports import NOT_SHARED, safe_text
from mentorplan.reports.models import GoalVerdict, Nudge, Reflection

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
HYPERLINK = '=HYPERLINK("https://evil.example/","Click me")'
Status = LearningActivity.Status


def days(n):
    return timezone.localdate(timezone.now(), TOKYO) + datetime.timedelta(days=n)


def csv_url(world, table):
    return reverse("reports:cohort-export-csv", args=[world.cohort.pk, table])


def xlsx_url(world):
    return reverse("reports:cohort-export-xlsx", args=[world.cohort.pk])


def read_csv(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # so spreadsheet programs read it as UTF-8
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def read_xlsx(response):
    assert isinstance(response, FileResponse)
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def sheet_as_dicts(sheet) -> list[dict]:
    """A sheet as csv.DictReader reads a CSV: every cell as text, empty as ""."""
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def as_numbers(rows: list[dict]) -> list[dict]:
    """The rows with every number as a Decimal: a workbook keeps 4.0 as 4."""

    def number(text):
        try:
            return Decimal(text)
        except ArithmeticError:
            return text

    return [{name: number(value) for name, value in row.items()} for row in rows]


def shared_plan(partnership, *, reads_plans=True, share=True):
    program = partnership.cohort.program
    program.coordinators_read_plans = reads_plans
    program.save()
    plan = plan_services.plan_for_mentee(partnership)
    if share:
        plan_services.plan_share(plan=plan, by=partnership.mentee)
    return plan


@pytest.fixture
def scene(world):
    world.coordinator.time_zone = "Asia/Tokyo"
    world.coordinator.save()
    pair = world.partnership
    plan = shared_plan(pair)
    GoalFactory(plan=plan, statement="Lead the quarterly review", status=Goal.Status.ACHIEVED)
    GoalFactory(plan=plan, statement="Speak at a conference", status=Goal.Status.IN_PROGRESS)
    GoalFactory(plan=plan, statement="Learn Cobol", status=Goal.Status.DROPPED)
    done = ActivityFactory(
        plan=plan,
        title="Shadow the finance lead",
        status=Status.DONE,
        outcome=LearningActivity.Outcome.YES,
        lessons="Ask early.",
        starts_on=days(-20),
        due_on=days(-12),
    )
    ActivityFactory(
        plan=plan,
        status=Status.SKIPPED,
        outcome=LearningActivity.Outcome.NO,
        starts_on=days(-15),
        due_on=days(-5),
    )
    overdue = ActivityFactory(plan=plan, title=HYPERLINK, starts_on=days(-10), due_on=days(-2))
    first = MeetingFactory(partnership=pair, starts_at=in_days(-20, hour=23))
    MeetingFactory(partnership=pair, starts_at=in_days(-10), status=Meeting.Status.CANCELLED)
    last = MeetingFactory(partnership=pair, starts_at=in_days(-3))
    coming = MeetingFactory(partnership=pair, starts_at=in_days(5))
    CheckIn.objects.create(meeting=first, author=world.mentee, usefulness=3)
    CheckIn.objects.create(meeting=last, author=world.mentee, usefulness=4, comment="SECRET-C")
    CheckIn.objects.create(meeting=last, author=world.mentor, usefulness=5)
    NotesFactory(meeting=last, text="SECRET-N shared notes")
    PrivateNote.objects.create(meeting=last, author=world.mentee, text="SECRET-P private")
    nudge = Nudge.objects.create(
        partnership=pair, sent_by=world.coordinator, message="SECRET-M", sent_at=in_days(-1)
    )
    return {
        "plan": plan,
        "done": done,
        "overdue": overdue,
        "first": first,
        "last": last,
        "coming": coming,
        "nudge": nudge,
    }


def tokyo(moment):
    return timezone.localtime(moment, TOKYO).isoformat(timespec="seconds")


def reflection_by(partnership, author, *, verdicts=(), **fields):
    """A saved reflection, as the reflection page saves it, with its goal verdicts."""
    role = Reflection.Role.MENTEE if author == partnership.mentee else Reflection.Role.MENTOR
    reflection = Reflection.objects.create(
        partnership=partnership, author=author, role=role, **({"rating": 4} | fields)
    )
    for goal, met in verdicts:
        GoalVerdict.objects.create(reflection=reflection, goal=goal, met=met)
    return reflection


@pytest.fixture
def reflections(world, scene):
    plan = scene["plan"]
    achieved, in_progress, _dropped = plan.goals.order_by("position")
    skipped = plan.activities.get(status=Status.SKIPPED)
    # Mina's first, so that the order is the mentee's before the mentor's, not the pk's.
    mina = reflection_by(
        world.partnership,
        world.mentor,
        rating=3,
        kept_on_track="Our Friday calls.",
        verdicts=[(achieved, GoalVerdict.Met.NO), (in_progress, GoalVerdict.Met.NO)],
        written_at=in_days(-2),
    )
    mo = reflection_by(
        world.partnership,
        world.mentee,
        most_helpful=scene["done"],
        most_helpful_why="I saw how she runs the review.",
        least_helpful=skipped,
        least_helpful_why="Too soon for me.",
        kept_on_track="A notebook of every call.",
        would_change="Meet in person more often.",
        rating=4,
        shared_with_partner=True,
        verdicts=[(achieved, GoalVerdict.Met.YES), (in_progress, GoalVerdict.Met.PARTLY)],
        # 23:00 UTC is 08:00 the next morning in Tokyo.
        written_at=in_days(-1, hour=23),
    )
    olga = reflection_by(
        world.other_partnership, world.other_mentee, rating=5, kept_on_track="Otto's patience."
    )
    return {"mo": mo, "mina": mina, "olga": olga, "skipped": skipped}


def test_partnerships_csv_has_the_dashboard_figures(world, scene, client_as):
    response = client_as(world.coordinator).get(csv_url(world, "partnerships"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = days(0).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="2026-partnerships-partnerships-{today}.csv"'
    )
    mo, olga = read_csv(response)
    assert mo == {
        "Partnership": str(world.partnership.pk),
        "Mentee": "Mo Mentee",
        "Mentee email": "mentee@example.org",
        "Mentor": "Mina Mentor",
        "Mentor email": "mentor@example.org",
        "Status": "Active",
        "Step": "Under way",
        "Plan shared at (Asia/Tokyo)": tokyo(scene["plan"].shared_at),
        "Signatures": "none",
        "Activities done": "1",
        "Activities planned": "2",  # the skipped one left out
        "Activities overdue": "1",
        "Goals achieved": "1",
        "Goals total": "2",  # the dropped one left out
        "Meetings held": "2",
        "Last meeting (Asia/Tokyo)": tokyo(scene["last"].starts_at),
        "Next meeting (Asia/Tokyo)": tokyo(scene["coming"].starts_at),
        "Check-in average": "4.0",
        "At risk": "yes",
        "Reasons": "1 learning activity overdue",
        "Last nudged (Asia/Tokyo)": tokyo(scene["nudge"].sent_at),
    }
    assert mo["Next meeting (Asia/Tokyo)"].endswith("+09:00")
    assert olga["Mentee"] == "Olga Mentee"
    assert olga["Step"] == "Paired"
    assert olga["Plan shared at (Asia/Tokyo)"] == ""
    assert olga["Meetings held"] == "0"
    assert olga["Check-in average"] == ""
    assert (olga["At risk"], olga["Reasons"]) == ("no", "")


def test_two_reasons_are_joined_by_a_semicolon(world, client_as):
    pair = world.partnership
    pair.started_on = days(-60)
    pair.save()  # never shared and never met, 30 days after the cohort began
    rows = read_csv(client_as(world.coordinator).get(csv_url(world, "partnerships")))

    assert rows[0]["Reasons"] == (
        "Plan not shared 30 days after pairing; No meeting held 30 days after pairing"
    )


def test_activities_csv_lists_goals_then_activities_of_each_pair(world, scene, client_as):
    other_plan = shared_plan(world.other_partnership)
    GoalFactory(plan=other_plan, statement="Find a sponsor")

    response = client_as(world.coordinator).get(csv_url(world, "activities"))

    rows = read_csv(response)
    assert [(r["Partnership"], r["Part"], r["Goal or activity"]) for r in rows] == [
        (str(world.partnership.pk), "Goal", "Lead the quarterly review"),
        (str(world.partnership.pk), "Goal", "Speak at a conference"),
        (str(world.partnership.pk), "Goal", "Learn Cobol"),
        (str(world.partnership.pk), "Learning activity", "Shadow the finance lead"),
        (str(world.partnership.pk), "Learning activity", scene["plan"].activities.all()[1].title),
        (str(world.partnership.pk), "Learning activity", "'" + HYPERLINK),
        (str(world.other_partnership.pk), "Goal", "Find a sponsor"),
    ]
    goal, done = rows[0], rows[3]
    assert goal == {
        "Partnership": str(world.partnership.pk),
        "Mentee": "Mo Mentee",
        "Mentor": "Mina Mentor",
        "Part": "Goal",
        "Kind": "Short-term",
        "Status": "Achieved",
        "Outcome": "",
        "Start date": "",
        "Due or target date": "",
        "Goal or activity": "Lead the quarterly review",
        "Lessons": "",
    }
    assert done == {
        "Partnership": str(world.partnership.pk),
        "Mentee": "Mo Mentee",
        "Mentor": "Mina Mentor",
        "Part": "Learning activity",
        "Kind": "Learning by doing",
        "Status": "Done",
        "Outcome": "Yes, it worked",
        "Start date": days(-20).isoformat(),
        "Due or target date": days(-12).isoformat(),
        "Goal or activity": "Shadow the finance lead",
        "Lessons": "Ask early.",
    }


@pytest.mark.parametrize(
    ("reads_plans", "share", "shown"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_plan_text_only_where_coordinators_read_the_plan(
    world, client_as, reads_plans, share, shown
):
    plan = shared_plan(world.partnership, reads_plans=reads_plans, share=share)
    GoalFactory(plan=plan, statement="Lead the quarterly review", target_date=days(90))
    ActivityFactory(
        plan=plan,
        title="Shadow the finance lead",
        status=Status.DONE,
        outcome=LearningActivity.Outcome.PARTLY,
        lessons="Ask early.",
        starts_on=days(-9),
        due_on=days(-1),
    )
    client = client_as(world.coordinator)

    goal, activity = read_csv(client.get(csv_url(world, "activities")))
    sheet = read_xlsx(client.get(xlsx_url(world)))["Goals and activities"]

    texts = [goal["Goal or activity"], activity["Goal or activity"], activity["Lessons"]]
    if shown:
        assert texts == ["Lead the quarterly review", "Shadow the finance lead", "Ask early."]
    else:
        assert texts == [NOT_SHARED] * 3
    # What is not text is there either way.
    assert (goal["Status"], goal["Due or target date"]) == ("Not started", days(90).isoformat())
    assert (activity["Status"], activity["Outcome"]) == ("Done", "Partly")
    assert sheet_as_dicts(sheet) == [goal, activity]


def test_meetings_csv_has_dates_statuses_and_check_ins_never_notes(world, scene, client_as):
    response = client_as(world.coordinator).get(csv_url(world, "meetings"))

    rows = read_csv(response)
    assert [(r["Status"], r["Held"], r["Check-ins"], r["Check-in average"]) for r in rows] == [
        ("Scheduled", "yes", "1", "3.0"),
        ("Cancelled", "no", "0", ""),
        ("Scheduled", "yes", "2", "4.5"),
        ("Scheduled", "no", "0", ""),
    ]
    first = rows[0]
    # 23:00 UTC is 08:00 the next morning in Tokyo.
    assert first["Starts at (Asia/Tokyo)"] == tokyo(scene["first"].starts_at)
    assert first["Starts at (Asia/Tokyo)"].endswith("T08:00:00+09:00")
    assert (first["Mentee"], first["Mentor"], first["Format"]) == (
        "Mo Mentee",
        "Mina Mentor",
        "Video call",
    )
    assert first["Duration (minutes)"] == "60"


def test_reflections_csv_has_every_answer_of_each_reflection(world, reflections, client_as):
    response = client_as(world.coordinator).get(csv_url(world, "reflections"))

    today = days(0).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="2026-partnerships-reflections-{today}.csv"'
    )
    mo, mina, olga = read_csv(response)
    assert mo == {
        "Partnership": str(world.partnership.pk),
        "Mentee": "Mo Mentee",
        "Mentor": "Mina Mentor",
        "Written by": "Mentee",
        "Written at (Asia/Tokyo)": tokyo(reflections["mo"].written_at),
        "Rating (1 to 5)": "4",
        "Helped most": "Shadow the finance lead",
        "Why it helped": "I saw how she runs the review.",
        "Helped least": reflections["skipped"].title,
        "Why it did not": "Too soon for me.",
        "What kept them on track": "A notebook of every call.",
        "What they would change": "Meet in person more often.",
        "Goals met": "1",
        "Goals partly met": "1",
        "Goals not met": "0",
        "Shared with the partner": "yes",
    }
    assert mo["Written at (Asia/Tokyo)"].endswith("T08:00:00+09:00")
    assert mina == mo | {
        "Written by": "Mentor",
        "Written at (Asia/Tokyo)": tokyo(reflections["mina"].written_at),
        "Rating (1 to 5)": "3",
        "Helped most": "",
        "Why it helped": "",
        "Helped least": "",
        "Why it did not": "",
        "What kept them on track": "Our Friday calls.",
        "What they would change": "",
        "Goals met": "0",
        "Goals partly met": "0",
        "Goals not met": "2",
        "Shared with the partner": "no",
    }
    # A pair without a plan reflects too: no activity to name, no goal to judge.
    assert (olga["Partnership"], olga["Mentee"], olga["Mentor"]) == (
        str(world.other_partnership.pk),
        "Olga Mentee",
        "Otto Mentor",
    )
    assert (olga["Written by"], olga["Rating (1 to 5)"], olga["Helped most"]) == ("Mentee", "5", "")
    assert olga["What kept them on track"] == "Otto's patience."
    assert (olga["Goals met"], olga["Goals partly met"], olga["Goals not met"]) == ("0", "0", "0")


def test_reflections_of_another_cohort_are_left_out(world, reflections, client_as):
    elsewhere = PartnershipFactory(cohort=world.other_cohort)
    reflection_by(elsewhere, elsewhere.mentee, kept_on_track="Northgate's words")
    later = PartnershipFactory(
        cohort=CohortFactory(program=world.program, name="2027 Partnerships")
    )
    reflection_by(later, later.mentor, kept_on_track="Next year's words")

    rows = read_csv(client_as(world.coordinator).get(csv_url(world, "reflections")))

    assert [r["What kept them on track"] for r in rows] == [
        "A notebook of every call.",
        "Our Friday calls.",
        "Otto's patience.",
    ]


@pytest.mark.parametrize(
    ("reads_plans", "share", "named"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, False)],
)
def test_reflections_name_activities_only_where_coordinators_read_the_plan(
    world, client_as, reads_plans, share, named
):
    plan = shared_plan(world.partnership, reads_plans=reads_plans, share=share)
    shadowing = ActivityFactory(
        plan=plan, kind=LearningActivity.Kind.OTHERS, title="Shadow the finance lead"
    )
    stretch = ActivityFactory(
        plan=plan, kind=LearningActivity.Kind.STRETCH, title="Chair the budget meeting"
    )
    reflection_by(
        world.partnership,
        world.mentee,
        most_helpful=shadowing,
        most_helpful_why="I saw how she runs the review.",
        least_helpful=stretch,
        least_helpful_why="Too soon for me.",
    )
    client = client_as(world.coordinator)

    (row,) = read_csv(client.get(csv_url(world, "reflections")))
    sheet = read_xlsx(client.get(xlsx_url(world)))["Reflections"]

    activities = [row["Helped most"], row["Helped least"]]
    if named:
        assert activities == ["Shadow the finance lead", "Chair the budget meeting"]
    else:
        assert activities == [
            "A learning from others activity",
            "A stretch assignment activity",
        ]
    # The reflection itself is the coordinators' to read either way.
    assert (row["Why it helped"], row["Why it did not"]) == (
        "I saw how she runs the review.",
        "Too soon for me.",
    )
    assert sheet_as_dicts(sheet) == [row]
    texts = [c for r in sheet.iter_rows(values_only=True) for c in r if isinstance(c, str)]
    assert named == ("Shadow the finance lead" in texts)
    assert named == ("Chair the budget meeting" in texts)


def test_a_formula_in_a_reflection_is_text_in_both_formats(world, client_as):
    plan = shared_plan(world.partnership)
    memo = ActivityFactory(plan=plan, title="=cmd|' /C calc'!A0")
    reflection_by(
        world.partnership,
        world.mentee,
        most_helpful=memo,
        most_helpful_why="=cmd|' /C calc'!A0",
        kept_on_track="+1 every week",
        would_change="@SUM(A1)",
        least_helpful_why=HYPERLINK,
    )
    client = client_as(world.coordinator)

    (row,) = read_csv(client.get(csv_url(world, "reflections")))
    workbook = read_xlsx(client.get(xlsx_url(world)))

    assert row["Helped most"] == "'=cmd|' /C calc'!A0"
    assert row["Why it helped"] == "'=cmd|' /C calc'!A0"
    assert row["What kept them on track"] == "'+1 every week"
    assert row["What they would change"] == "'@SUM(A1)"
    assert row["Why it did not"] == "'" + HYPERLINK
    sheet = workbook["Reflections"]
    header = [c.value for c in sheet[1]]
    written = sheet[2][header.index("Why it helped")]
    assert (written.value, written.data_type) == ("'=cmd|' /C calc'!A0", "s")
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_no_export_holds_notes_check_in_comments_or_nudges(world, scene, client_as):
    client = client_as(world.coordinator)
    bodies = [
        b"".join(client.get(csv_url(world, table)).streaming_content)
        for table in ("partnerships", "activities", "meetings", "reflections")
    ]
    workbook = read_xlsx(client.get(xlsx_url(world)))
    cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row]

    for secret in ("SECRET-N", "SECRET-P", "SECRET-C", "SECRET-M"):
        assert all(secret.encode() not in body for body in bodies)
        assert all(secret not in c for c in cells)


def test_workbook_has_a_sheet_per_table_equal_to_the_csv(world, scene, reflections, client_as):
    client = client_as(world.coordinator)

    response = client.get(xlsx_url(world))

    today = days(0).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="2026-partnerships-{today}.xlsx"'
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = read_xlsx(response)
    assert workbook.sheetnames == [
        "Partnerships",
        "Goals and activities",
        "Meetings",
        "Reflections",
    ]
    tables = ["partnerships", "activities", "meetings", "reflections"]
    for sheet, table in zip(workbook, tables, strict=True):
        rows = read_csv(client.get(csv_url(world, table)))
        assert rows  # every sheet of the scene has rows to compare
        assert as_numbers(sheet_as_dicts(sheet)) == as_numbers(rows)
    # Numbers stay numbers for the coordinator's sums; times stay text with their zone.
    mo = next(workbook["Partnerships"].iter_rows(min_row=2, values_only=True))
    assert mo[0] == world.partnership.pk
    assert mo[9:18] == (1, 2, 1, 1, 2, 2, tokyo(scene["last"].starts_at), mo[16], 4.0)


def test_a_formula_typed_by_a_participant_is_text_in_both_formats(world, client_as):
    plan = shared_plan(world.partnership)
    ActivityFactory(plan=plan, title=HYPERLINK, starts_on=days(1), due_on=days(9))
    world.other_mentee.display_name = "@SUM(A1)"
    world.other_mentee.save()
    client = client_as(world.coordinator)

    (activity,) = read_csv(client.get(csv_url(world, "activities")))
    pairs = read_csv(client.get(csv_url(world, "partnerships")))
    workbook = read_xlsx(client.get(xlsx_url(world)))

    assert activity["Goal or activity"] == "'" + HYPERLINK
    assert "'@SUM(A1)" in {pair["Mentee"] for pair in pairs}
    title = workbook["Goals and activities"]["J2"]
    assert (title.value, title.data_type) == ("'" + HYPERLINK, "s")
    assert "'@SUM(A1)" in {c.value for c in workbook["Partnerships"]["B"]}
    every_cell = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in every_cell)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Plain words = fine", "Plain words = fine"),
        ("#N/A", "#N/A"),
        ("bell\x07 gone", "bell gone"),
        ("", ""),
    ],
)
def test_safe_text(typed, written):
    assert safe_text(typed) == written


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("other_coordinator", 404),
        ("mentee", 403),
        ("mentor", 403),
        ("other_mentor", 403),
        ("coordinator", 200),
    ],
)
@pytest.mark.parametrize(
    "export", ["partnerships", "activities", "meetings", "reflections", "xlsx"]
)
def test_who_may_download(world, client_as, role, expected, export):
    url = xlsx_url(world) if export == "xlsx" else csv_url(world, export)

    response = client_as(world.user(role)).get(url)

    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_the_other_program_coordinator_downloads_only_theirs(world, client_as):
    client = client_as(world.other_coordinator)
    url = reverse("reports:cohort-export-csv", args=[world.other_cohort.pk, "partnerships"])

    assert read_csv(client.get(url)) == []
    assert client.get(csv_url(world, "partnerships")).status_code == 404


def test_an_unknown_table_is_404(world, client_as):
    client = client_as(world.coordinator)

    assert client.get(csv_url(world, "notes")).status_code == 404
    assert client.get(csv_url(world, "private-notes")).status_code == 404


def test_exports_are_read_only(world, client_as):
    client = client_as(world.coordinator)

    assert client.post(csv_url(world, "partnerships")).status_code == 405
    assert client.post(xlsx_url(world)).status_code == 405


def _pairs(world, count):
    for _ in range(count):
        pair = PartnershipFactory(
            cohort=world.cohort, mentor=UserFactory(), mentee=UserFactory(), started_on=days(-20)
        )
        plan = shared_plan(pair)
        GoalFactory(plan=plan)
        ActivityFactory(plan=plan, starts_on=days(-9), due_on=days(-1))
        meeting = MeetingFactory(partnership=pair, starts_at=in_days(-2))
        CheckIn.objects.create(meeting=meeting, author=pair.mentee, usefulness=2)
        Nudge.objects.create(partnership=pair, sent_by=world.coordinator, message="Hello")


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        rows = read_csv(client.get(url))
    return len(queries), len(rows)


def test_partnerships_csv_costs_the_same_for_3_and_20_pairs(world, client_as):
    world.other_partnership.delete()
    world.partnership.delete()
    client = client_as(world.coordinator)
    url = csv_url(world, "partnerships")
    _pairs(world, 3)
    few = _count(client, url)
    _pairs(world, 17)
    many = _count(client, url)

    # The session, the user, the cohort with its program, whether the user coordinates
    # it; then cohort_health's eight (the thresholds, the partnerships, activities,
    # goals, meetings, check-ins, requests for help, nudges) and the emails.
    assert few == (13, 3)
    assert many == (13, 20)


# The session, the user, the cohort with its program, whether the user coordinates it;
# then the goals and the activities (each with its plan, pair and program), or the
# meetings with their check-ins counted.
@pytest.mark.parametrize(("table", "queries", "rows"), [("activities", 6, 2), ("meetings", 5, 1)])
def test_rows_cost_the_same_for_3_and_20_pairs(world, client_as, table, queries, rows):
    client = client_as(world.coordinator)
    url = csv_url(world, table)
    _pairs(world, 3)
    few = _count(client, url)
    _pairs(world, 17)
    many = _count(client, url)

    assert few == (queries, 3 * rows)
    assert many == (queries, 20 * rows)


def _reflections(world, count):
    for _ in range(count):
        pair = PartnershipFactory(cohort=world.cohort, mentor=UserFactory(), mentee=UserFactory())
        plan = shared_plan(pair)
        goal = GoalFactory(plan=plan)
        most = ActivityFactory(plan=plan, title="Shadowing")
        least = ActivityFactory(plan=plan, kind=LearningActivity.Kind.STRETCH)
        reflection_by(
            pair,
            pair.mentee,
            most_helpful=most,
            least_helpful=least,
            verdicts=[(goal, GoalVerdict.Met.PARTLY)],
        )


def test_reflections_cost_the_same_for_3_and_20_reflections(world, client_as):
    client = client_as(world.coordinator)
    url = csv_url(world, "reflections")
    _reflections(world, 3)
    few = _count(client, url)
    _reflections(world, 17)
    with CaptureQueriesContext(connection) as queries:
        rows = read_csv(client.get(url))

    # The session, the user, the cohort with its program, whether the user coordinates
    # it; then the reflections, each with its pair, plan, program and the two
    # activities it names, its verdicts counted.
    assert few == (5, 3)
    assert (len(queries), len(rows)) == (5, 20)
    assert {(r["Helped most"], r["Goals partly met"]) for r in rows} == {("Shadowing", "1")}


def test_the_rows_are_read_as_the_response_is_sent(world, scene, client_as):
    response = client_as(world.coordinator).get(csv_url(world, "meetings"))

    # Nothing was read yet: the rows come as the body is consumed.
    with CaptureQueriesContext(connection) as queries:
        assert len(read_csv(response)) == 4
    assert len(queries) == 1


def test_the_dashboard_offers_every_export(world, client_as):
    response = client_as(world.coordinator).get(
        reverse("reports:cohort-dashboard", args=[world.cohort.pk])
    )

    assert response.status_code == 200
    assert (
        f'<a href="{xlsx_url(world)}" download>Workbook (XLSX): partnerships, goals and '
        "activities, meetings, reflections</a>"
    ) in response.text
    for table in ("partnerships", "activities", "meetings", "reflections"):
        assert f'href="{csv_url(world, table)}" download>' in response.text
    assert f'<a href="{csv_url(world, "reflections")}" download>Reflections (CSV)</a>' in (
        response.text
    )


def test_the_reflections_are_read_as_the_response_is_sent(world, reflections, client_as):
    response = client_as(world.coordinator).get(csv_url(world, "reflections"))

    with CaptureQueriesContext(connection) as queries:
        assert len(read_csv(response)) == 3
    assert len(queries) == 1
