"""How each partnership of a cohort is doing: its figures, its step, and why it is at risk.

The figures come from one aggregate query per kind of thing (partnerships with
their plan, activities, goals, meetings, check-ins, help requests, nudges), each
grouped by partnership over the whole cohort: the number of queries is the same
for 10 pairs and for 10,000, and every pair's flags are known before the
dashboard filters, sorts and pages them.

A partnership is **at risk** when one of these holds, each told in words
(thresholds per program, ``HealthPolicy``):

- the plan is not shared ``days_to_share`` days after the pair began (pairing or
  the cohort's start, whichever is later);
- the agreement is not signed by both ``days_to_sign`` days after sharing;
- no meeting was held ``days_to_first_meeting`` days after the pair began;
- after the first meeting, none for half again as long as the agreed rhythm (the
  pair's own meeting frequency, else the cohort's suggestion: as the journey says);
- learning activities are past their due date and not done or skipped;
- a request for help has waited longer than ``help_waiting_days``, neither answered
  nor marked handled;
- check-ins are low (the average at or below ``low_check_in``, from two or more) or
  falling (the last four weeks a point or more below the weeks before).

Only active partnerships are flagged: a finished one is history.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Avg, Case, Count, F, Max, Min, Q, When
from django.utils import timezone

from mentorplan.meetings.models import CheckIn, Meeting
from mentorplan.meetings.selectors import BEHIND_FACTOR, INTERVAL_DAYS
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Goal, HelpRequest, LearningActivity
from mentorplan.programs.models import Cohort

from .models import HealthPolicy, Nudge

# The steps of a partnership, in order (key, label).
STEPS = [
    ("paired", "Paired"),
    ("shared", "Plan shared"),
    ("signed", "Agreement signed"),
    ("met", "First meeting held"),
    ("under_way", "Under way"),
    ("finished", "Finished"),
]
STEP_LABELS = dict(STEPS)
STEP_ORDER = {key: number for number, (key, _label) in enumerate(STEPS)}
# Check-ins of the last RECENT days against the ones before, for "falling".
RECENT = timedelta(days=28)
FALLING_BY = Decimal(1)

OPEN_ACTIVITY = [LearningActivity.Status.PLANNED, LearningActivity.Status.IN_PROGRESS]


@dataclass(frozen=True)
class Flag:
    key: str  # not_shared, not_signed, no_first_meeting, cadence, overdue, help, check_ins
    reason: str  # in words, for the coordinator


@dataclass
class PairHealth:
    """One partnership's figures, as the dashboard, the exports and the nudges read them."""

    pk: int
    cohort_id: int
    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    status: str
    began_on: date
    ended_on: date | None = None
    plan_id: int | None = None
    shared_at: object = None
    mentee_signed_at: object = None
    mentor_signed_at: object = None
    frequency: str = ""
    agreed_frequency: bool = False
    activities_total: int = 0
    activities_done: int = 0
    activities_skipped: int = 0
    activities_overdue: int = 0
    activities_worked: int = 0
    goals_total: int = 0
    goals_achieved: int = 0
    meetings_held: int = 0
    first_held_at: object = None
    last_held_at: object = None
    next_meeting_at: object = None
    check_in_count: int = 0
    check_in_average: Decimal | None = None
    check_in_recent: Decimal | None = None
    check_in_earlier: Decimal | None = None
    help_waiting: int = 0
    help_oldest_at: object = None
    last_nudged_at: object = None
    step: str = "paired"
    cadence_kept: bool | None = None
    flags: list = field(default_factory=list)

    @property
    def is_active(self) -> bool:
        return self.status == Partnership.Status.ACTIVE

    @property
    def at_risk(self) -> bool:
        return bool(self.flags)

    @property
    def signatures(self) -> str:
        """ "both", "one" or "none"."""
        count = (self.mentee_signed_at is not None) + (self.mentor_signed_at is not None)
        return {2: "both", 1: "one", 0: "none"}[count]

    @property
    def step_label(self) -> str:
        return STEP_LABELS[self.step]

    @property
    def activities_planned(self) -> int:
        """Activities still meant to happen or done: the skipped ones left out."""
        return self.activities_total - self.activities_skipped

    @property
    def status_label(self) -> str:
        return Partnership.Status(self.status).label


def _plural(count, word, plural=None):
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _days(days: int) -> str:
    return _plural(days, "day")


def _step(pair: PairHealth) -> str:
    if not pair.is_active:
        return "finished"
    if pair.meetings_held >= 2:
        return "under_way"
    if pair.meetings_held == 1:
        return "met"
    if pair.signatures == "both":
        return "signed"
    if pair.shared_at is not None:
        return "shared"
    return "paired"


def _flags(pair: PairHealth, policy: HealthPolicy, today: date) -> list[Flag]:
    if not pair.is_active:
        return []
    flags = []
    since_began = (today - pair.began_on).days
    if pair.shared_at is None and since_began > policy.days_to_share:
        flags.append(Flag("not_shared", f"Plan not shared {_days(since_began)} after pairing"))
    if pair.shared_at is not None and pair.signatures != "both":
        since_shared = (today - timezone.localdate(pair.shared_at)).days
        if since_shared > policy.days_to_sign:
            missing = {"none": "Neither has signed", "one": "Only one has signed"}[pair.signatures]
            flags.append(
                Flag("not_signed", f"{missing} the agreement {_days(since_shared)} after sharing")
            )
    if pair.meetings_held == 0 and since_began > policy.days_to_first_meeting:
        flags.append(
            Flag("no_first_meeting", f"No meeting held {_days(since_began)} after pairing")
        )
    if pair.last_held_at is not None:
        interval = INTERVAL_DAYS[pair.frequency]
        gap = (today - timezone.localdate(pair.last_held_at)).days
        pair.cadence_kept = gap <= interval * BEHIND_FACTOR
        if not pair.cadence_kept:
            rhythm = Cohort.Cadence(pair.frequency).label.lower()
            whose = "agreed" if pair.agreed_frequency else "suggested"
            flags.append(Flag("cadence", f"No meeting for {_days(gap)} ({whose}: {rhythm})"))
    if pair.activities_overdue:
        flags.append(
            Flag(
                "overdue",
                _plural(pair.activities_overdue, "learning activity", "learning activities")
                + " overdue",
            )
        )
    if pair.help_waiting:
        waited = (today - timezone.localdate(pair.help_oldest_at)).days
        flags.append(
            Flag(
                "help",
                f"{_plural(pair.help_waiting, 'request')} for help unanswered "
                f"(the oldest for {_days(waited)})",
            )
        )
    low = policy.low_check_in
    if pair.check_in_count >= 2 and pair.check_in_average <= low:
        flags.append(
            Flag("check_ins", f"Check-ins low: {pair.check_in_average:.1f} of 5 on average")
        )
    elif (
        pair.check_in_recent is not None
        and pair.check_in_earlier is not None
        and pair.check_in_recent <= pair.check_in_earlier - FALLING_BY
    ):
        flags.append(
            Flag(
                "check_ins",
                f"Check-ins falling: {pair.check_in_recent:.1f} in the last four weeks, "
                f"{pair.check_in_earlier:.1f} before",
            )
        )
    return flags


def _by_partnership(rows, key="partnership"):
    return {row.pop(key): row for row in rows}


def _round(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


def cohort_health(cohort, *, now=None, partnerships=None) -> list[PairHealth]:
    """Every partnership of the cohort with its figures, step and flags (eight queries).

    ``partnerships`` narrows to a queryset of the cohort's partnerships (one pair,
    or a filtered set); the figures are the same.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    policy = HealthPolicy.for_program(cohort.program)  # 1
    base = partnerships if partnerships is not None else Partnership.objects.all()
    base = base.filter(cohort=cohort)
    ids = base.values("pk")
    pairs = {}
    # Partnerships with their people, plan, agreement and agreed frequency: one row each.
    for row in base.values(  # 2
        "pk",
        "mentee_id",
        "mentor_id",
        "status",
        "started_on",
        "ended_on",
        mentee_name=_name("mentee"),
        mentor_name=_name("mentor"),
        plan_pk=F("plan__pk"),
        shared=F("plan__shared_at"),
        mentee_signed=F("plan__agreement__mentee_signed_at"),
        mentor_signed=F("plan__agreement__mentor_signed_at"),
        agreed=F("plan__expectations__meeting_frequency"),
    ):
        pairs[row["pk"]] = PairHealth(
            pk=row["pk"],
            cohort_id=cohort.pk,
            mentee_id=row["mentee_id"],
            mentee_name=row["mentee_name"],
            mentor_id=row["mentor_id"],
            mentor_name=row["mentor_name"],
            status=row["status"],
            began_on=max(row["started_on"], cohort.starts_on),
            ended_on=row["ended_on"],
            plan_id=row["plan_pk"],
            shared_at=row["shared"],
            mentee_signed_at=row["mentee_signed"],
            mentor_signed_at=row["mentor_signed"],
            frequency=row["agreed"] or cohort.meeting_cadence,
            agreed_frequency=bool(row["agreed"]),
        )
    if not pairs:
        return []
    status = LearningActivity.Status
    activities = (  # 3
        LearningActivity.objects.filter(plan__partnership__in=ids)
        .values(partnership=F("plan__partnership"))
        .annotate(
            activities_total=Count("pk"),
            activities_done=Count("pk", filter=Q(status=status.DONE)),
            activities_skipped=Count("pk", filter=Q(status=status.SKIPPED)),
            activities_overdue=Count("pk", filter=Q(status__in=OPEN_ACTIVITY, due_on__lt=today)),
            activities_worked=Count(
                "pk", filter=Q(status=status.DONE, outcome=LearningActivity.Outcome.YES)
            ),
        )
    )
    goals = (  # 4
        Goal.objects.filter(plan__partnership__in=ids)
        .exclude(status=Goal.Status.DROPPED)
        .values(partnership=F("plan__partnership"))
        .annotate(
            goals_total=Count("pk"),
            goals_achieved=Count("pk", filter=Q(status=Goal.Status.ACHIEVED)),
        )
    )
    held = Q(starts_at__lte=now)
    meetings = (  # 5
        Meeting.objects.scheduled()
        .filter(partnership__in=ids)
        .values("partnership")
        .annotate(
            meetings_held=Count("pk", filter=held),
            first_held_at=Min("starts_at", filter=held),
            last_held_at=Max("starts_at", filter=held),
            next_meeting_at=Min("starts_at", filter=~held),
        )
    )
    recent = Q(at__gte=now - RECENT)
    check_ins = (  # 6
        CheckIn.objects.filter(meeting__partnership__in=ids)
        .values(partnership=F("meeting__partnership"))
        .annotate(
            check_in_count=Count("pk"),
            check_in_average=Avg("usefulness"),
            check_in_recent=Avg("usefulness", filter=recent),
            check_in_earlier=Avg("usefulness", filter=~recent),
        )
    )
    waiting = now - timedelta(days=policy.help_waiting_days)
    help_requests = (  # 7
        HelpRequest.objects.waiting()
        .filter(plan__partnership__in=ids, raised_at__lt=waiting)
        .values(partnership=F("plan__partnership"))
        .annotate(help_waiting=Count("pk"), help_oldest_at=Min("raised_at"))
    )
    nudges = (  # 8
        Nudge.objects.filter(partnership__in=ids)
        .values("partnership")
        .annotate(last_nudged_at=Max("sent_at"))
    )
    for query in (activities, goals, meetings, check_ins, help_requests, nudges):
        for partnership_id, figures in _by_partnership(query.order_by()).items():
            pair = pairs[partnership_id]
            for name, value in figures.items():
                if name.startswith("check_in_") and name != "check_in_count":
                    value = _round(value)
                setattr(pair, name, value)
    for pair in pairs.values():
        pair.step = _step(pair)
        pair.flags = _flags(pair, policy, today)
    return list(pairs.values())


def _name(relation):
    """The person's name as the pages show it: the display name, else the email."""
    return Case(
        When(**{f"{relation}__display_name": ""}, then=F(f"{relation}__email")),
        default=F(f"{relation}__display_name"),
    )
