"""Effort spread over each activity's days, per week, against the mentee's weekly hours."""

from datetime import date
from decimal import Decimal

from mentorplan.plans.effort import overload_runs, plan_fit
from mentorplan.plans.models import LearningActivity

# A cohort of exactly ten weeks, Monday 2 March to Sunday 10 May 2026.
STARTS, ENDS = date(2026, 3, 2), date(2026, 5, 10)


def activity(starts_on, due_on, amount, unit="hours", status="planned"):
    # Unsaved: plan_fit only reads the fields, so no database is needed.
    return LearningActivity(
        kind=LearningActivity.Kind.DOING,
        title="An activity",
        effort_amount=Decimal(amount),
        effort_unit=unit,
        starts_on=starts_on,
        due_on=due_on,
        status=status,
    )


def fit_of(*activities, weekly_hours="4"):
    hours = Decimal(weekly_hours) if weekly_hours else None
    return plan_fit(activities=activities, weekly_hours=hours, starts_on=STARTS, ends_on=ENDS)


def test_two_weeks_of_ten_hours_spread_five_hours_a_week():
    fit = fit_of(activity(date(2026, 3, 2), date(2026, 3, 15), "10"))

    assert fit.weekly_load == {date(2026, 3, 2): Decimal("5.0"), date(2026, 3, 9): Decimal("5.0")}
    assert fit.total_hours == Decimal("10.0")


def test_effort_follows_the_days_across_a_week_boundary():
    # Wednesday to Tuesday: five days in the first week, two in the next.
    fit = fit_of(activity(date(2026, 3, 4), date(2026, 3, 10), "7"))

    assert fit.weekly_load == {date(2026, 3, 2): Decimal("5.0"), date(2026, 3, 9): Decimal("2.0")}


def test_skipped_activities_count_nothing():
    fit = fit_of(
        activity(date(2026, 3, 2), date(2026, 3, 8), "3"),
        activity(date(2026, 3, 2), date(2026, 3, 8), "30", status="skipped"),
    )

    assert fit.total_hours == Decimal("3.0")
    assert fit.weekly_load == {date(2026, 3, 2): Decimal("3.0")}
    assert fit.fits


def test_days_and_weeks_are_counted_in_hours():
    one_day = activity(date(2026, 3, 2), date(2026, 3, 8), "1", unit="days")
    half_week = activity(date(2026, 3, 9), date(2026, 3, 15), "0.5", unit="weeks")

    assert one_day.effort_hours == Decimal(8)
    assert half_week.effort_hours == Decimal(20)
    fit = fit_of(one_day, half_week, weekly_hours="20")
    assert fit.total_hours == Decimal("28.0")
    assert fit.weekly_load == {date(2026, 3, 2): Decimal("8.0"), date(2026, 3, 9): Decimal("20.0")}


def test_available_hours_are_the_weekly_hours_over_the_cohort():
    fit = fit_of(weekly_hours="4")

    assert fit.available_hours == Decimal("40.0")  # 4 hours × 10 weeks


def test_overloaded_weeks_are_detected():
    fit = fit_of(
        activity(date(2026, 3, 2), date(2026, 3, 15), "6"),  # 3 h in each of two weeks
        activity(date(2026, 3, 9), date(2026, 3, 15), "2"),  # 2 h more in the second
    )

    assert fit.overloaded_weeks == [(date(2026, 3, 9), Decimal("5.0"))]
    assert fit.peak_hours == Decimal("5.0")
    assert not fit.fits


def test_a_plan_at_exactly_the_weekly_hours_fits():
    fit = fit_of(activity(date(2026, 3, 2), date(2026, 3, 15), "8"))

    assert fit.overloaded_weeks == []
    assert fit.fits


def test_without_weekly_hours_the_plan_cannot_be_said_to_fit():
    fit = fit_of(activity(date(2026, 3, 2), date(2026, 3, 15), "1"), weekly_hours=None)

    assert fit.available_hours is None
    assert fit.overloaded_weeks == []
    assert not fit.fits


def test_overload_runs_group_consecutive_weeks():
    fit = fit_of(
        # 10 h a week for three weeks, then a quiet week, then 6 h in one week.
        activity(date(2026, 3, 2), date(2026, 3, 22), "30"),
        activity(date(2026, 3, 30), date(2026, 4, 5), "1"),
        activity(date(2026, 4, 6), date(2026, 4, 12), "6"),
    )

    runs = overload_runs(fit)

    assert [(r.first_week, r.last_week, r.weeks) for r in runs] == [
        (date(2026, 3, 2), date(2026, 3, 16), 3),
        (date(2026, 4, 6), date(2026, 4, 6), 1),
    ]
    assert [(r.peak_hours, r.excess_hours) for r in runs] == [
        (Decimal("10.0"), Decimal("6.0")),
        (Decimal("6.0"), Decimal("2.0")),
    ]


def test_no_runs_when_the_plan_fits():
    assert overload_runs(fit_of(activity(date(2026, 3, 2), date(2026, 3, 8), "1"))) == []
