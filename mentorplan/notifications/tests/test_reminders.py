"""Reminders: found in the reader's morning, kept once by their key, dropped once moot."""

from datetime import timedelta

from django.core import mail

from mentorplan.notifications.models import CohortReminderSettings, Delivery, Notification
from mentorplan.notifications.reminders import reminders_run
from mentorplan.plans import services as plan_services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import LearningActivity, MentorSide

from .helpers import NOW, send_due, sent_to
from .scenes import activity, cohort_from, pair, shared_plan, sign_both


def run(now):
    counts = reminders_run(now)
    send_due(now)
    return counts


def test_an_activity_due_soon_is_reminded_once_per_due_date(db):
    partnership = pair(cohort_from(NOW, days_in=60), "Ada Lovelace")
    plan = sign_both(shared_plan(partnership, NOW - timedelta(days=50)))
    activity(plan, "Write the memo", NOW.date() + timedelta(days=2))

    run(NOW)
    run(NOW + timedelta(hours=1))
    run(NOW + timedelta(days=1))

    assert sent_to(mail.outbox) == [
        ("ada.lovelace@example.org", "“Write the memo” is due in 2 days")
    ]
    (reminder,) = Notification.objects.filter(kind="due")
    assert reminder.occasion == NOW.date() + timedelta(days=2)
    assert reminder.url.endswith(
        f"/partnerships/{partnership.pk}/plan/#activity-{plan.activities.get().pk}"
    )


def test_overdue_is_reminded_once_more(db):
    plan = shared_plan(pair(cohort_from(NOW, days_in=60), "Ada Lovelace"), NOW)
    activity(plan, "Write the memo", NOW.date() - timedelta(days=1))
    activity(plan, "Long forgotten", NOW.date() - timedelta(days=30))

    run(NOW)
    run(NOW + timedelta(days=1))

    assert sent_to(mail.outbox) == [("ada.lovelace@example.org", "“Write the memo” is overdue")]


def test_several_of_one_kind_make_one_email_a_day(db):
    plan = shared_plan(pair(cohort_from(NOW, days_in=60), "Ada Lovelace"), NOW)
    activity(plan, "Write the memo", NOW.date())
    activity(plan, "Shadow the board", NOW.date() + timedelta(days=1))

    run(NOW)

    (message,) = mail.outbox
    assert message.subject.startswith("Action items and learning activities due")
    assert "“Write the memo” is due today" in message.body
    assert "“Shadow the board” is due tomorrow" in message.body
    assert Delivery.objects.get().key == f"due:{NOW.date().isoformat()}"


def test_one_found_after_the_days_email_waits_for_the_next_morning(db):
    plan = shared_plan(pair(cohort_from(NOW, days_in=60), "Ada Lovelace"), NOW)
    activity(plan, "Write the memo", NOW.date() + timedelta(days=1))
    run(NOW)
    activity(plan, "Added at noon", NOW.date() + timedelta(days=1))

    run(NOW + timedelta(hours=2))
    assert len(mail.outbox) == 1
    tomorrow_morning = NOW.replace(hour=7) + timedelta(days=1)
    run(tomorrow_morning - timedelta(minutes=1))
    assert len(mail.outbox) == 1
    send_due(tomorrow_morning)
    assert [m.subject for m in mail.outbox][1] == "“Added at noon” is due tomorrow"


def test_nobody_is_reminded_before_their_morning(db):
    plan = shared_plan(pair(cohort_from(NOW, days_in=60), "Lee", zone="America/Los_Angeles"), NOW)
    activity(plan, "Write the memo", NOW.date() + timedelta(days=1))

    run(NOW)  # 02:00 in Los Angeles
    assert mail.outbox == []
    run(NOW + timedelta(hours=5))  # 07:00 there
    assert sent_to(mail.outbox) == [("lee@example.org", "“Write the memo” is due tomorrow")]


def test_a_reminder_whose_reason_went_is_not_sent(db, settings):
    plan = shared_plan(pair(cohort_from(NOW, days_in=60), "Ada Lovelace"), NOW)
    memo = activity(plan, "Write the memo", NOW.date() + timedelta(days=1))
    reminders_run(NOW)
    LearningActivity.objects.filter(pk=memo.pk).update(status="done", outcome="yes")

    send_due(NOW)

    assert mail.outbox == []
    assert Delivery.objects.get().status == Delivery.Status.WITHDRAWN
    assert Notification.objects.get().withdrawn_at == NOW


def test_a_plan_not_shared_a_week_in_and_weekly_after(db):
    cohort = cohort_from(NOW, days_in=7)
    partnership = pair(cohort, "Ada Lovelace")
    plan_services.plan_for_mentee(partnership)

    for day in range(8):
        run(NOW + timedelta(days=day))

    subject = "Your action plan is not shared with Mentor of Ada Lovelace yet"
    assert sent_to(mail.outbox) == [("ada.lovelace@example.org", subject)] * 2
    days = sorted(Notification.objects.values_list("occasion", flat=True))
    assert days == [NOW.date(), NOW.date() + timedelta(days=7)]


def test_a_cohort_sets_when_reminders_begin_and_a_later_pair_counts_from_its_start(db):
    cohort = cohort_from(NOW, days_in=20)
    CohortReminderSettings.objects.create(cohort=cohort, nudge_after_days=3)
    early = pair(cohort, "Early Bird")
    late = pair(cohort, "Late Comer", started_on=NOW.date() - timedelta(days=2))

    run(NOW)
    assert [m.to for m in mail.outbox] == [["early.bird@example.org"]]
    run(NOW + timedelta(days=1))
    assert [m.to for m in mail.outbox][1:] == [["late.comer@example.org"]]
    assert early.pk != late.pk


def test_the_side_that_has_not_signed_is_reminded(db):
    partnership = pair(cohort_from(NOW, days_in=30), "Ada Lovelace")
    plan = shared_plan(partnership, NOW - timedelta(days=7))
    agreement_sign(
        plan=plan,
        by=partnership.mentee,
        role="mentee",
        name="Ada Lovelace",
        terms=agreement_terms(plan),
    )

    run(NOW)

    assert sent_to(mail.outbox) == [
        ("mentor.of.ada.lovelace@example.org", "The mentoring agreement waits for your signature")
    ]


def test_an_understanding_not_confirmed_is_reminded_until_answered(db):
    partnership = pair(cohort_from(NOW, days_in=30), "Ada Lovelace")
    plan = shared_plan(partnership, NOW - timedelta(days=20))
    MentorSide.objects.filter(plan=plan).update(
        understanding="Wants to lead the team", updated_at=NOW - timedelta(days=7)
    )
    agreement_sign(
        plan=plan, by=partnership.mentee, role="mentee", name="Ada", terms=agreement_terms(plan)
    )
    agreement_sign(
        plan=plan, by=partnership.mentor, role="mentor", name="Mentor", terms=agreement_terms(plan)
    )

    run(NOW)
    assert [m.subject for m in mail.outbox] == [
        "Mentor of Ada Lovelace's understanding of your goals waits for your answer"
    ]

    plan_services.understanding_respond(plan=plan, by=partnership.mentee, confirm=True, feedback="")
    reminders_run(NOW + timedelta(days=7))
    send_due(NOW + timedelta(days=7))
    assert len(mail.outbox) == 1


def test_a_second_run_at_the_same_moment_adds_nothing(db):
    plan = shared_plan(pair(cohort_from(NOW, days_in=60), "Ada Lovelace"), NOW)
    activity(plan, "Write the memo", NOW.date() + timedelta(days=1))

    first, second = reminders_run(NOW), reminders_run(NOW)

    assert (first["new"], second["new"]) == (1, 0)
    assert Notification.objects.count() == 1
    assert Delivery.objects.count() == 1
