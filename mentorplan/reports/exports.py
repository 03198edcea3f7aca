"""A cohort's exports: its partnerships, their goals and activities, meetings and reflections.

A coordinator downloads from the cohort dashboard one CSV file per table, or one
workbook with a sheet per table. The rules, as product decisions:

- They hold what the dashboard shows: counts, dates, statuses, check-in
  averages. What the pair wrote (a goal's statement, an activity's title and
  lessons) only where ``plans.permissions.can_read_plan_text`` lets a
  coordinator read that plan (the program allows it and the plan is shared);
  otherwise the cell says so (``NOT_SHARED``). Never meeting notes, private
  notes, check-in comments, requests for help or nudges' messages.
- Reflections are there whole: the cohort's coordinators read every one, shared
  with the partner or not (``reports.permissions``). The activities a reflection
  names are the plan's words, though: named only under the plan's rule above,
  otherwise told by their kind ("A stretch assignment activity"), as the
  reflection page tells them.
- Whatever a participant typed is safe to open in a spreadsheet program: text
  that would start a formula is prefixed with a single quote (OWASP's advice
  on CSV injection), and the workbook writes every text as a string, never as a
  formula (``cell``, the one place both formats pass through).
- Times are in the coordinator's time zone, as ISO 8601, and each such column's
  header names the zone. Plain dates (a due date) have no zone.
- Memory stays flat in the size of the cohort: goals, activities, meetings and
  reflections are read in chunks (``iterator``) and written row by row. Only the
  partnerships' figures are a list, one small object a pair (``cohort_health``).

Every table lists its rows by partnership (its number first, then mentee and
mentor), so the sheets line up; a pair's goals come before its activities, the
mentee's reflection before the mentor's.
"""

import csv
import heapq
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from itertools import chain

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from mentorplan.meetings.models import Meeting
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Goal, LearningActivity
from mentorplan.plans.permissions import COORDINATOR, can_read_plan_text

from .health import cohort_health
from .models import GoalVerdict, Reflection

CHUNK_SIZE = 2000
NOT_SHARED = "(not shared with coordinators)"
# A cell starting with one of these is read as a formula by some spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML 1.0 cannot hold (a workbook is XML); tab, newline and
# carriage return stay.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_text(text: str) -> str:
    """The text as a spreadsheet shows it without running it: a formula start quoted."""
    text = UNWRITABLE.sub("", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value, tz: tzinfo):
    """One value as both formats write it: text made safe, times in ``tz``, numbers kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value, tz).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return value
    return safe_text(str(value))


def _one_decimal(value):
    # As the dashboard rounds its averages.
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


def _partnership_rows(cohort, *, tz, now) -> Iterator[list]:
    # The figures are computed in the coordinator's zone ("today", days since),
    # as the dashboard computes them: the rows may be read after the request's
    # own zone is gone.
    with timezone.override(tz):
        pairs = cohort_health(cohort, now=now)  # 8 queries
    emails = {
        pk: (mentee, mentor)
        for pk, mentee, mentor in Partnership.objects.filter(cohort=cohort)
        .values_list("pk", "mentee__email", "mentor__email")
        .order_by()
        .iterator(chunk_size=CHUNK_SIZE)
    }
    for pair in sorted(pairs, key=lambda p: p.pk):
        mentee_email, mentor_email = emails[pair.pk]
        yield [
            pair.pk,
            pair.mentee_name,
            mentee_email,
            pair.mentor_name,
            mentor_email,
            pair.status_label,
            pair.step_label,
            pair.shared_at,
            pair.signatures,
            pair.activities_done,
            pair.activities_planned,
            pair.activities_overdue,
            pair.goals_achieved,
            pair.goals_total,
            pair.meetings_held,
            pair.last_held_at,
            pair.next_meeting_at,
            pair.check_in_average,
            pair.at_risk,
            "; ".join(flag.reason for flag in pair.flags),
            pair.last_nudged_at,
        ]


# What a plan's row needs to answer ``can_read_plan_text`` and name its pair.
PLAN_FIELDS = [
    "plan__status",
    "plan__partnership__mentee__display_name",
    "plan__partnership__mentee__email",
    "plan__partnership__mentor__display_name",
    "plan__partnership__mentor__email",
    "plan__partnership__cohort__program__coordinators_read_plans",
]


def _of_plans(model, cohort, *fields):
    return (
        model.objects.filter(plan__partnership__cohort=cohort)
        .select_related(
            "plan__partnership__mentee",
            "plan__partnership__mentor",
            "plan__partnership__cohort__program",
        )
        .only(*fields, *PLAN_FIELDS)
    )


def _plan_text(plan, text):
    return text if can_read_plan_text(COORDINATOR, plan) else NOT_SHARED


def _goal_rows(cohort):
    goals = _of_plans(Goal, cohort, "statement", "horizon", "status", "target_date").order_by(
        "plan__partnership_id", "position", "pk"
    )
    for goal in goals.iterator(chunk_size=CHUNK_SIZE):
        partnership = goal.plan.partnership
        yield [
            partnership.pk,
            str(partnership.mentee),
            str(partnership.mentor),
            "Goal",
            goal.get_horizon_display(),
            goal.get_status_display(),
            "",
            None,
            goal.target_date,
            _plan_text(goal.plan, goal.statement),
            "",
        ]


def _activity_rows(cohort):
    activities = _of_plans(
        LearningActivity,
        cohort,
        "kind",
        "title",
        "status",
        "outcome",
        "starts_on",
        "due_on",
        "lessons",
    ).order_by("plan__partnership_id", "starts_on", "pk")
    for activity in activities.iterator(chunk_size=CHUNK_SIZE):
        partnership = activity.plan.partnership
        yield [
            partnership.pk,
            str(partnership.mentee),
            str(partnership.mentor),
            "Learning activity",
            activity.get_kind_display(),
            activity.get_status_display(),
            activity.get_outcome_display(),
            activity.starts_on,
            activity.due_on,
            _plan_text(activity.plan, activity.title),
            _plan_text(activity.plan, activity.lessons),
        ]


def _goal_and_activity_rows(cohort, *, tz, now) -> Iterator[list]:
    # Two queries read side by side, merged by partnership: both are ordered by
    # it, and on a tie the goals (the first) come first.
    return heapq.merge(_goal_rows(cohort), _activity_rows(cohort), key=lambda row: row[0])


def _meeting_rows(cohort, *, tz, now) -> Iterator[list]:
    meetings = (
        Meeting.objects.filter(partnership__cohort=cohort)
        .select_related("partnership__mentee", "partnership__mentor")
        .only(
            "starts_at",
            "duration_minutes",
            "format",
            "status",
            "partnership__mentee__display_name",
            "partnership__mentee__email",
            "partnership__mentor__display_name",
            "partnership__mentor__email",
        )
        .annotate(check_in_count=Count("check_ins"), check_in_average=Avg("check_ins__usefulness"))
        .order_by("partnership_id", "starts_at", "pk")
    )
    for meeting in meetings.iterator(chunk_size=CHUNK_SIZE):
        partnership = meeting.partnership
        yield [
            partnership.pk,
            str(partnership.mentee),
            str(partnership.mentor),
            meeting.starts_at,
            meeting.duration_minutes,
            meeting.get_format_display(),
            meeting.get_status_display(),
            meeting.is_held(now),
            meeting.check_in_count,
            _one_decimal(meeting.check_in_average),
        ]


def _activity_named(activity, plan):
    # As the reflection page names it (``reflection_views._readable``).
    if activity is None:
        return None
    if can_read_plan_text(COORDINATOR, plan):
        return activity.title
    return f"A {activity.get_kind_display().lower()} activity"


def _verdicts(met):
    return Count("verdicts", filter=Q(verdicts__met=met))


def _reflection_rows(cohort, *, tz, now) -> Iterator[list]:
    reflections = (
        Reflection.objects.filter(partnership__cohort=cohort)
        # The partnership's plan and program decide whether the activities it names
        # are named (``can_read_plan_text``).
        .select_related(
            "partnership__mentee",
            "partnership__mentor",
            "partnership__plan",
            "partnership__cohort__program",
            "most_helpful",
            "least_helpful",
        )
        .only(
            "role",
            "written_at",
            "rating",
            "most_helpful_why",
            "least_helpful_why",
            "kept_on_track",
            "would_change",
            "shared_with_partner",
            "partnership__mentee__display_name",
            "partnership__mentee__email",
            "partnership__mentor__display_name",
            "partnership__mentor__email",
            "partnership__plan__status",
            "partnership__cohort__program__coordinators_read_plans",
            "most_helpful__kind",
            "most_helpful__title",
            "least_helpful__kind",
            "least_helpful__title",
        )
        .annotate(
            met=_verdicts(GoalVerdict.Met.YES),
            partly=_verdicts(GoalVerdict.Met.PARTLY),
            not_met=_verdicts(GoalVerdict.Met.NO),
        )
        # "mentee" sorts before "mentor".
        .order_by("partnership_id", "role", "pk")
    )
    for reflection in reflections.iterator(chunk_size=CHUNK_SIZE):
        partnership = reflection.partnership
        # A pair without a plan named no activity.
        plan = getattr(partnership, "plan", None)
        yield [
            partnership.pk,
            str(partnership.mentee),
            str(partnership.mentor),
            reflection.get_role_display(),
            reflection.written_at,
            reflection.rating,
            _activity_named(reflection.most_helpful, plan),
            reflection.most_helpful_why,
            _activity_named(reflection.least_helpful, plan),
            reflection.least_helpful_why,
            reflection.kept_on_track,
            reflection.would_change,
            reflection.met,
            reflection.partly,
            reflection.not_met,
            reflection.shared_with_partner,
        ]


@dataclass(frozen=True)
class Table:
    title: str  # the workbook's sheet
    columns: list[str]  # "{zone}" stands for the coordinator's time zone
    rows: Callable[..., Iterator[list]]  # (cohort, *, tz, now)

    def header(self, tz) -> list[str]:
        return [column.format(zone=tz) for column in self.columns]


PAIR = ["Partnership", "Mentee", "Mentor"]
TABLES = {
    "partnerships": Table(
        "Partnerships",
        [
            "Partnership",
            "Mentee",
            "Mentee email",
            "Mentor",
            "Mentor email",
            "Status",
            "Step",
            "Plan shared at ({zone})",
            "Signatures",
            "Activities done",
            "Activities planned",
            "Activities overdue",
            "Goals achieved",
            "Goals total",
            "Meetings held",
            "Last meeting ({zone})",
            "Next meeting ({zone})",
            "Check-in average",
            "At risk",
            "Reasons",
            "Last nudged ({zone})",
        ],
        _partnership_rows,
    ),
    "activities": Table(
        "Goals and activities",
        [
            *PAIR,
            "Part",
            "Kind",
            "Status",
            "Outcome",
            "Start date",
            "Due or target date",
            "Goal or activity",
            "Lessons",
        ],
        _goal_and_activity_rows,
    ),
    "meetings": Table(
        "Meetings",
        [
            *PAIR,
            "Starts at ({zone})",
            "Duration (minutes)",
            "Format",
            "Status",
            "Held",
            "Check-ins",
            "Check-in average",
        ],
        _meeting_rows,
    ),
    "reflections": Table(
        "Reflections",
        [
            *PAIR,
            "Written by",
            "Written at ({zone})",
            "Rating (1 to 5)",
            "Helped most",
            "Why it helped",
            "Helped least",
            "Why it did not",
            "What kept them on track",
            "What they would change",
            "Goals met",
            "Goals partly met",
            "Goals not met",
            "Shared with the partner",
        ],
        _reflection_rows,
    ),
}


def export_filename(cohort, table, extension, *, tz, now) -> str:
    """ "2026-partnerships-meetings-2026-12-06.csv"; without a table, the workbook's name."""
    parts = [slugify(cohort.name) or "cohort", table, timezone.localdate(now, tz).isoformat()]
    return "-".join(part for part in parts if part) + "." + extension


def _cells(table, cohort, *, tz, now) -> Iterator[list]:
    yield table.header(tz)
    for row in table.rows(cohort, tz=tz, now=now):
        yield [cell(value, tz) for value in row]


class _Line:
    """A file whose ``write`` hands back the line: the csv writer then yields, not stores."""

    def write(self, line):
        return line


def csv_lines(cohort, table_key, *, tz, now) -> Iterator[str]:
    """One table as CSV, line by line, for a streaming response."""
    writer = csv.writer(_Line())
    lines = (writer.writerow(row) for row in _cells(TABLES[table_key], cohort, tz=tz, now=now))
    # The byte order mark tells spreadsheet programs the file is UTF-8 (names with accents).
    return chain(["\ufeff"], lines)


def workbook_write(file, cohort, *, tz, now) -> None:
    """Every table as a sheet of one workbook, written to ``file`` row by row."""
    # Write-only: each sheet's rows go to a temporary file as they are appended.
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in TABLES.values():
        sheet = workbook.create_sheet(table.title)
        rows = _cells(table, cohort, tz=tz, now=now)
        sheet.append([_sheet_cell(sheet, value, font=bold) for value in next(rows)])
        for row in rows:
            sheet.append([_sheet_cell(sheet, value) for value in row])
    workbook.save(file)


def _sheet_cell(sheet, value, *, font=None):
    if not isinstance(value, str) and font is None:
        return value
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl reads a text starting with "=" as a formula and "#N/A" as an
        # error: a participant's text is neither.
        written.data_type = "s"
    if font is not None:
        written.font = font
    return written
