"""The program's answers to the seed's yearly questions, cohort by cohort.

"What kinds of activities did you do, which were successful and which weren't?
What has kept you on track?" For each cohort of a program: the learning
activities of each kind planned, done, skipped and judged to have worked (the
activity's own "did it work?"), goals achieved per partnership and as the
reflections judged them, meetings held against what the pairs' rhythms promise,
and the reflections' ratings. Every figure is an aggregate query over the whole
program, grouped by cohort: eight queries for any number of cohorts and pairs.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, F
from django.utils import timezone

from mentorplan.meetings.models import Meeting
from mentorplan.meetings.selectors import INTERVAL_DAYS
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import Goal, LearningActivity

from .models import GoalVerdict, Reflection

QUOTES_PER_COHORT = 6


@dataclass
class KindFigures:
    kind: str
    label: str
    planned: int = 0  # every activity not skipped
    done: int = 0
    skipped: int = 0
    worked: int = 0
    partly: int = 0
    did_not_work: int = 0

    @property
    def worked_share(self) -> int | None:
        """Of the activities done whose outcome was told, the share that worked (percent)."""
        judged = self.worked + self.partly + self.did_not_work
        return round(100 * self.worked / judged) if judged else None


@dataclass
class CohortFigures:
    cohort: object
    partnerships: int = 0
    finished: int = 0
    kinds: list = field(default_factory=list)
    goals: int = 0
    goals_achieved: int = 0
    verdicts: Counter = field(default_factory=Counter)
    meetings_held: int = 0
    meetings_promised: int = 0
    ratings: dict = field(default_factory=dict)  # role -> (average, count)
    kept_on_track: list = field(default_factory=list)  # (role, text)

    @property
    def goals_achieved_per_pair(self) -> Decimal | None:
        if not self.partnerships:
            return None
        return (Decimal(self.goals_achieved) / self.partnerships).quantize(Decimal("0.1"))

    @property
    def meetings_kept_share(self) -> int | None:
        if not self.meetings_promised:
            return None
        return round(100 * self.meetings_held / self.meetings_promised)

    @property
    def reflections(self) -> int:
        return sum(count for _average, count in self.ratings.values())


def _promised(pair, cohort, today) -> int:
    """Meetings the pair's rhythm promises from its start to its end (or today)."""
    start = max(pair["started_on"], cohort.starts_on)
    stop = min(pair["ended_on"] or today, cohort.ends_on, today)
    frequency = pair["frequency"] or cohort.meeting_cadence
    return max(0, (stop - start).days) // INTERVAL_DAYS[frequency]


def program_figures(program, *, now=None) -> list[CohortFigures]:
    """Each cohort of the program with its figures, newest first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cohorts = list(program.cohorts.order_by("-starts_on", "name"))  # 1
    found = {c.pk: CohortFigures(c) for c in cohorts}
    if not found:
        return []
    for figures in found.values():
        figures.kinds = {
            kind: KindFigures(kind, label) for kind, label in LearningActivity.Kind.choices
        }
    pairs = Partnership.objects.filter(cohort__in=cohorts).values(  # 2
        "cohort_id",
        "status",
        "started_on",
        "ended_on",
        frequency=F("plan__expectations__meeting_frequency"),
    )
    for pair in pairs.iterator(chunk_size=2000):
        figures = found[pair["cohort_id"]]
        figures.partnerships += 1
        figures.finished += pair["status"] != Partnership.Status.ACTIVE
        figures.meetings_promised += _promised(pair, figures.cohort, today)
    status, outcome = LearningActivity.Status, LearningActivity.Outcome
    activities = (  # 3
        LearningActivity.objects.filter(plan__partnership__cohort__in=cohorts)
        .values("kind", "status", "outcome", cohort=F("plan__partnership__cohort"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in activities:
        kind = found[row["cohort"]].kinds[row["kind"]]
        n = row["n"]
        if row["status"] == status.SKIPPED:
            kind.skipped += n
            continue
        kind.planned += n
        if row["status"] == status.DONE:
            kind.done += n
            if row["outcome"] == outcome.YES:
                kind.worked += n
            elif row["outcome"] == outcome.PARTLY:
                kind.partly += n
            elif row["outcome"] == outcome.NO:
                kind.did_not_work += n
    goals = (  # 4
        Goal.objects.filter(plan__partnership__cohort__in=cohorts)
        .exclude(status=Goal.Status.DROPPED)
        .values("status", cohort=F("plan__partnership__cohort"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in goals:
        found[row["cohort"]].goals += row["n"]
        if row["status"] == Goal.Status.ACHIEVED:
            found[row["cohort"]].goals_achieved += row["n"]
    held = (  # 5
        Meeting.objects.held(now)
        .filter(partnership__cohort__in=cohorts)
        .values(cohort=F("partnership__cohort"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in held:
        found[row["cohort"]].meetings_held = row["n"]
    ratings = (  # 6
        Reflection.objects.filter(partnership__cohort__in=cohorts)
        .values("role", cohort=F("partnership__cohort"))
        .annotate(average=Avg("rating"), n=Count("pk"))
        .order_by()
    )
    for row in ratings:
        average = Decimal(row["average"]).quantize(Decimal("0.1"))
        found[row["cohort"]].ratings[row["role"]] = (average, row["n"])
    verdicts = (  # 7
        GoalVerdict.objects.filter(reflection__partnership__cohort__in=cohorts)
        .values("met", cohort=F("reflection__partnership__cohort"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in verdicts:
        found[row["cohort"]].verdicts[row["met"]] = row["n"]
    quotes = defaultdict(list)
    answers = (  # 8
        Reflection.objects.filter(partnership__cohort__in=cohorts)
        .exclude(kept_on_track="")
        .order_by("-written_at")
        .values_list("partnership__cohort", "role", "kept_on_track")
    )
    for cohort_id, role, text in answers.iterator(chunk_size=500):
        if len(quotes[cohort_id]) < QUOTES_PER_COHORT:
            quotes[cohort_id].append((Reflection.Role(role).label, text))
    for cohort_id, figures in found.items():
        figures.kinds = list(figures.kinds.values())
        figures.kept_on_track = quotes[cohort_id]
    return list(found.values())
