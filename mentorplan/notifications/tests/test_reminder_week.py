"""A week of the scheduler over a demo-sized program: exactly who gets which email, when.

The clock is fixed: every hour from Monday 16 November 2026, 00:00 UTC, to Sunday
22 November, 23:00 UTC, the test does what ``tasks.run_reminders`` does with that
hour as ``now`` (find the reminders, queue the digests, send what is due), and
notes each email with the recipient's own date at that hour.

One program, one coordinator (New York), one cohort that began on Friday 6
November, and five pairs in London, New York and Auckland (UTC+0, UTC-5, UTC+13
that week), each with something different to be reminded of:

1. Ada (London) and Noor (New York): they paired on Wednesday 11 November and
   Ada's plan is still a draft, so she is nudged a week later, Wednesday 18.
2. Mere (Auckland) and Tom (London): the plan was shared on Thursday 12 November
   and only Mere signed the agreement, so Tom is reminded a week later, Thursday 19.
3. Sam (New York) and Aroha (Auckland): of two activities due Wednesday 18, Sam
   did one; the other is reminded to him three days ahead (Sunday 15 in New
   York, the first hour of the week) and once more when it is overdue.
4. Priya (London) and Liam (Auckland): a meeting on Wednesday 18 at 19:00 UTC
   (Thursday 08:00 in Auckland) is reminded to each the day before in their own
   zone; of two action items of their last meeting owned by Liam, due Wednesday
   18, the one not done is reminded to him ahead and once overdue.
5. Ines (New York) and Grace (London): everything in order; only Grace's digest.

Every mentor gets a digest on their Monday morning, and the coordinator one (an
agreement is half signed); in Auckland the next Monday begins before the week
ends in UTC, so its mentors get that digest too. Running the same week again
sends nothing more.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings.tests.factories import ActionItemFactory, MeetingFactory
from mentorplan.notifications.delivery import send_due
from mentorplan.notifications.digests import digests_queue
from mentorplan.notifications.models import Delivery, Notification
from mentorplan.notifications.reminders import People, reminders_run
from mentorplan.plans import services as plan_services
from mentorplan.plans.agreement import agreement_sign, agreement_terms
from mentorplan.plans.models import LearningActivity
from mentorplan.programs.tests.factories import ProgramFactory

from .scenes import activity, cohort_from, pair, shared_plan, sign_both, told_long_ago

LONDON, NEW_YORK, AUCKLAND = "Europe/London", "America/New_York", "Pacific/Auckland"
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
HOURS = [MONDAY + timedelta(hours=h) for h in range(7 * 24)]
WEDNESDAY = MONDAY.date() + timedelta(days=2)


def person(name, zone):
    return UserFactory(
        email=f"{name.lower().replace(' ', '.')}@example.org", display_name=name, time_zone=zone
    )


DONE = {"status": LearningActivity.Status.DONE, "outcome": LearningActivity.Outcome.YES}


def program():
    """The program of the docstring, as it stands on Monday morning."""
    harbour = ProgramFactory(name="Harbour City Mentoring", slug="harbour")
    harbour.coordinators.add(person("Cora Coordinator", NEW_YORK))
    cohort = cohort_from(MONDAY, days_in=10, program=harbour, name="Autumn 2026")
    shared_long_ago = MONDAY - timedelta(days=9)

    # 1. A plan not shared a week after the pair began.
    ada = pair(
        cohort,
        "Ada Lovelace",
        person("Noor Haddad", NEW_YORK),
        zone=LONDON,
        started_on=MONDAY.date() - timedelta(days=5),
    )
    plan_services.plan_for_mentee(ada)

    # 2. An agreement signed by the mentee only.
    mere = pair(cohort, "Mere Tane", person("Tom Okafor", LONDON), zone=AUCKLAND)
    plan = shared_plan(mere, MONDAY - timedelta(days=4) + timedelta(hours=10))
    agreement_sign(
        plan=plan, by=mere.mentee, role="mentee", name="Mere Tane", terms=agreement_terms(plan)
    )
    told_long_ago(mere)

    # 3. Learning activities due mid-week: one open, one done.
    sam = pair(cohort, "Sam Rivera", person("Aroha Ngata", AUCKLAND), zone=NEW_YORK)
    plan = shared_plan(sam, shared_long_ago)
    activity(plan, "Draft the budget memo", WEDNESDAY)
    activity(plan, "Read the handbook", WEDNESDAY, **DONE)
    sign_both(plan)

    # 4. A meeting mid-week, and the mentor's action items of the last one.
    priya = pair(cohort, "Priya Shah", person("Liam Walker", AUCKLAND), zone=LONDON)
    sign_both(shared_plan(priya, shared_long_ago))
    last = MeetingFactory(partnership=priya, starts_at=datetime(2026, 11, 9, 19, tzinfo=UTC))
    ActionItemFactory(meeting=last, title="Send the reading list", owner="mentor", due_on=WEDNESDAY)
    ActionItemFactory(
        meeting=last,
        title="Book the venue",
        owner="mentor",
        due_on=WEDNESDAY,
        done_at=MONDAY - timedelta(days=1),
    )
    MeetingFactory(partnership=priya, starts_at=MONDAY + timedelta(days=2, hours=19))

    # 5. Everything in order: shared, signed, nothing due this week, next meeting next month.
    ines = pair(cohort, "Ines Duarte", person("Grace Kim", LONDON), zone=NEW_YORK)
    plan = shared_plan(ines, shared_long_ago)
    activity(plan, "Present to the board", MONDAY.date() + timedelta(days=30))
    sign_both(plan)
    MeetingFactory(partnership=ines, starts_at=MONDAY + timedelta(days=16, hours=15))


def week():
    """Run the scheduler's hourly task over the week: [(local date, address, subject)]."""
    zones = {}
    sent = []
    for now in HOURS:
        before = len(mail.outbox)
        reminders_run(now)
        digests_queue(People(now), now)
        send_due(now)
        for message in mail.outbox[before:]:
            (address,) = message.to
            if address not in zones:
                zones[address] = ZoneInfo(get_user_model().objects.get(email=address).time_zone)
            local = timezone.localtime(now, zones[address]).date()
            sent.append((local.isoformat(), address, message.subject))
    return sorted(sent)


MENTEES = "Your mentees this week ({} November)"
EXPECTED = [
    # New York's Sunday evening is the week's first hour: three days ahead.
    ("2026-11-15", "sam.rivera@example.org", "“Draft the budget memo” is due in 3 days"),
    # Monday: every mentor's digest and the coordinator's, each in their own morning.
    ("2026-11-16", "aroha.ngata@example.org", MENTEES.format(16)),
    ("2026-11-16", "cora.coordinator@example.org", "Your cohorts this week (16 November)"),
    ("2026-11-16", "grace.kim@example.org", MENTEES.format(16)),
    (
        "2026-11-16",
        "liam.walker@example.org",
        "Action item “Send the reading list” is due in 2 days",
    ),
    ("2026-11-16", "liam.walker@example.org", MENTEES.format(16)),
    ("2026-11-16", "noor.haddad@example.org", MENTEES.format(16)),
    ("2026-11-16", "tom.okafor@example.org", MENTEES.format(16)),
    # The meeting of Wednesday 19:00 UTC: Tuesday in London, Wednesday in Auckland.
    ("2026-11-17", "priya.shah@example.org", "Meeting tomorrow at 19:00 (Europe/London)"),
    (
        "2026-11-18",
        "ada.lovelace@example.org",
        "Your action plan is not shared with Noor Haddad yet",
    ),
    ("2026-11-18", "liam.walker@example.org", "Meeting tomorrow at 08:00 (Pacific/Auckland)"),
    # What was due on Wednesday and is still open, once more the day after.
    ("2026-11-19", "liam.walker@example.org", "Action item “Send the reading list” is overdue"),
    ("2026-11-19", "sam.rivera@example.org", "“Draft the budget memo” is overdue"),
    ("2026-11-19", "tom.okafor@example.org", "The mentoring agreement waits for your signature"),
    # Auckland's next Monday morning is Sunday 18:00 UTC.
    ("2026-11-23", "aroha.ngata@example.org", MENTEES.format(23)),
    ("2026-11-23", "liam.walker@example.org", MENTEES.format(23)),
]


def test_a_week_of_reminders_reaches_exactly_whom_it_should(db):
    program()
    assert not Delivery.objects.exists()  # the scene's past was sent long ago

    assert week() == EXPECTED
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    done_items = Notification.objects.filter(title__contains="Read the handbook") | (
        Notification.objects.filter(title__contains="Book the venue")
    )
    assert not done_items.exists()

    # The scheduler run again over the same hours (a second worker, a replay) sends nothing.
    assert week() == []
    assert len(mail.outbox) == len(EXPECTED)
