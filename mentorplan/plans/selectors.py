"""Loading a plan with everything its pages show, in a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorplan.programs.permissions import cohorts_coordinated_by

from .agreement import agreement_terms, is_signed_by_both, signatures
from .checklist import PlanFacts, checklist
from .effort import plan_fit
from .models import (
    HELP_WAITING,
    ActionPlan,
    Barrier,
    Comment,
    Goal,
    HelpRequest,
    LearningActivity,
    LearningObjective,
    PlanVisit,
    SelfAssessment,
    StarterItem,
    SuccessMeasure,
    Suggestion,
)


def plans_for_reader(user):
    """Plans with what every plan page shows besides the parts, in one query.

    The one-to-one parts, the partnership with its people, cohort and program,
    and facts about the plan and its reader, so that the page asks for the
    pending suggestions and the reader's help requests only when there are
    some, and records the reader's visit without reading it first.
    """
    user_pk = user.pk if user.is_authenticated else None
    visit = PlanVisit.objects.filter(plan=OuterRef("pk"), user=user_pk)
    return ActionPlan.objects.select_related(
        "expectations",
        "mentor_side",
        "agreement",
        "partnership__mentor",
        "partnership__mentee",
        "partnership__cohort__program",
    ).annotate(
        has_pending_suggestions=Exists(
            Suggestion.objects.filter(plan=OuterRef("pk"), status=Suggestion.Status.PENDING)
        ),
        has_help_requests_of_reader=Exists(
            HelpRequest.objects.filter(plan=OuterRef("pk"), raised_by=user_pk)
        ),
        reader_seen_at=Subquery(visit.values("seen_at")[:1]),
        reader_previous_seen_at=Subquery(visit.values("previous_seen_at")[:1]),
    )


def load_plan(plan_pk, user=None) -> ActionPlan:
    """The plan as its pages need it (see ``plans_for_reader``), read afresh."""
    return plans_for_reader(user or AnonymousUser()).get(pk=plan_pk)


@dataclass
class PlanData:
    """A plan's parts and what follows from them.

    Objectives and milestones are read when first used: the checklist and most
    htmx sections do without them.
    """

    plan: ActionPlan
    goals: list
    activities: list
    barriers: list
    comments: list
    suggestions: list
    terms: str
    signatures: list
    fit: object
    checklist: list

    @cached_property
    def objectives(self):
        return _with_goals(self.plan.objectives.all(), self.goals)

    @cached_property
    def milestones(self):
        return _with_goals(self.plan.milestones.all(), self.goals)

    @property
    def top_goals(self):
        return [g for g in self.goals if g.is_top]

    @property
    def other_goals(self):
        return [g for g in self.goals if not g.is_top]

    @property
    def checklist_done(self):
        return sum(1 for item in self.checklist if item.done)

    @property
    def checklist_complete(self):
        return all(item.done for item in self.checklist)

    @property
    def achieved_measures(self):
        """Success measures reached: celebrated at the top of the page for both partners."""
        return sorted(
            (m for g in self.goals for m in g.measures.all() if m.is_achieved),
            key=lambda m: m.achieved_on,
            reverse=True,
        )

    @property
    def done_activities(self):
        return sum(1 for a in self.activities if a.status == a.Status.DONE)

    @property
    def activity_status_counts(self):
        counts = {}
        for a in self.activities:
            counts[a.get_status_display()] = counts.get(a.get_status_display(), 0) + 1
        return sorted(counts.items())

    def activities_of_kind(self, kind):
        return [a for a in self.activities if a.kind == kind]


def _with_goals(parts, goals) -> list:
    """The parts, each with its goal attached from ``goals``, not a query per row."""
    by_pk = {g.pk: g for g in goals}
    parts = list(parts)
    for part in parts:
        part._state.fields_cache["goal"] = by_pk.get(part.goal_id)
    return parts


def plan_data(plan, *, with_comments=True) -> PlanData:
    """Everything the plan page shows, for a plan loaded by ``plans_for_reader``.

    Queries: goals (1), their self-assessments (1) and success measures (1),
    activities (1), barriers (1), when asked, comments with their authors (1),
    pending suggestions with their items only when the plan has some (1), and
    objectives (1) and milestones (1) only where they are used: at most 9,
    whatever the plan's size.
    """
    goals = list(
        plan.goals.prefetch_related(
            Prefetch("assessments", queryset=SelfAssessment.objects.order_by("recorded_at", "pk")),
            Prefetch("measures", queryset=SuccessMeasure.objects.order_by("pk")),
        )
    )
    activities = _with_goals(plan.activities.all(), goals)
    barriers = list(plan.barriers.all())
    suggestions = (
        list(
            Suggestion.objects.filter(plan=plan, status=Suggestion.Status.PENDING).select_related(
                "item"
            )
        )
        if plan.has_pending_suggestions
        else []
    )
    # The page names the goal or activity a comment is about: join them, not a query each.
    comments = (
        list(Comment.objects.filter(plan=plan).select_related("author", "goal", "activity"))
        if with_comments
        else []
    )
    terms = agreement_terms(plan, goals)
    facts = _facts(plan, goals, activities, barriers, terms)
    return PlanData(
        plan=plan,
        goals=goals,
        activities=activities,
        barriers=barriers,
        comments=comments,
        suggestions=suggestions,
        terms=terms,
        signatures=signatures(plan.agreement, terms),
        fit=facts.fit,
        checklist=checklist(facts),
    )


def _facts(plan, goals, activities, barriers, terms) -> PlanFacts:
    cohort = plan.partnership.cohort
    fit = plan_fit(
        activities=activities,
        weekly_hours=plan.expectations.weekly_hours,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
    )
    return PlanFacts(
        plan=plan,
        goals=goals,
        activities=activities,
        barriers=barriers,
        expectations=plan.expectations,
        mentor_side=plan.mentor_side,
        agreement_signed=is_signed_by_both(plan.agreement, terms),
        fit=fit,
    )


def checklists_for(plan_pks) -> dict[int, list]:
    """The checklist of each plan, by plan, for a page of a list (five queries, any number).

    The same rules as the plan page, over the plans, their goals with their
    success measures, their activities and their barriers, each read once for all.
    """
    plans = list(
        ActionPlan.objects.filter(pk__in=list(plan_pks)).select_related(
            "expectations",
            "mentor_side",
            "agreement",
            "partnership__mentor",
            "partnership__mentee",
            "partnership__cohort__program",
        )
    )
    if not plans:
        return {}
    goals, activities, barriers = {}, {}, {}
    for goal in Goal.objects.filter(plan__in=plans).prefetch_related(
        Prefetch("measures", queryset=SuccessMeasure.objects.order_by("pk"))
    ):
        goals.setdefault(goal.plan_id, []).append(goal)
    for activity in LearningActivity.objects.filter(plan__in=plans):
        activities.setdefault(activity.plan_id, []).append(activity)
    for barrier in Barrier.objects.filter(plan__in=plans):
        barriers.setdefault(barrier.plan_id, []).append(barrier)
    found = {}
    for plan in plans:
        plan_goals = goals.get(plan.pk, [])
        terms = agreement_terms(plan, plan_goals)
        found[plan.pk] = checklist(
            _facts(
                plan,
                plan_goals,
                activities.get(plan.pk, []),
                barriers.get(plan.pk, []),
                terms,
            )
        )
    return found


# Answered and handled requests stay on the coordinator's home page this long, then drop off.
RECENTLY_ANSWERED = timedelta(days=14)
# The help inbox, a page at a time.
INBOX_PER_PAGE = 25
INBOX_STATES = [*HelpRequest.State.choices, ("all", "All")]


def help_requests_raised(plan, user):
    """The user's own requests for help about this plan (one query, when evaluated)."""
    return HelpRequest.objects.filter(plan=plan, raised_by=user).select_related("barrier")


def _listed(help_requests):
    """Requests as lists show them: with barrier, people, pair and cohort; waiting first.

    Waiting ones oldest first (the longest wait is the most urgent), then the
    answered and handled ones, the most recently dealt with first.
    """
    return (
        help_requests.select_related(
            "barrier",
            "raised_by",
            "answered_by",
            "handled_by",
            "plan__partnership__mentor",
            "plan__partnership__mentee",
            "plan__partnership__cohort",
        )
        .annotate(dealt_at=Coalesce("answered_at", "handled_at"))
        .order_by(F("dealt_at").desc(nulls_first=True), "raised_at", "pk")
    )


def help_requests_for_coordinator(user) -> list[HelpRequest]:
    """Waiting, and recently answered or handled, requests of the cohorts the user runs.

    One query: the requests with their barrier, raiser, pair and cohort.
    """
    since = timezone.now() - RECENTLY_ANSWERED
    of_cohorts = HelpRequest.objects.filter(
        plan__partnership__cohort__in=cohorts_coordinated_by(user)
    )
    return list(
        _listed(
            of_cohorts.filter(HELP_WAITING | Q(answered_at__gte=since) | Q(handled_at__gte=since))
        )
    )


@dataclass
class HelpInboxTab:
    """One state of the inbox's filter, with how many requests it holds."""

    value: str
    label: str
    count: int
    query: str
    current: bool


@dataclass
class HelpInbox:
    state: str
    cohort: object | None  # the cohort shown, or None for all the user runs
    counts: dict  # state (and "all") -> how many
    page: object

    def _query(self, state, cohort):
        values = {"state": "" if state == HelpRequest.State.WAITING else state}
        values["cohort"] = cohort.pk if cohort else ""
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def tabs(self) -> list[HelpInboxTab]:
        return [
            HelpInboxTab(
                value,
                label,
                self.counts[value],
                self._query(value, self.cohort),
                value == self.state,
            )
            for value, label in INBOX_STATES
        ]

    @property
    def state_label(self) -> str:
        return "All requests" if self.state == "all" else dict(INBOX_STATES)[self.state]

    @property
    def every_state_query(self) -> str:
        return self._query("all", self.cohort)

    @property
    def every_cohort_query(self) -> str:
        return self._query(self.state, None)

    @property
    def page_query(self) -> str:
        """The filters as the start of a page link's query ("...&"), or nothing."""
        query = self._query(self.state, self.cohort)
        return f"{query}&" if query else ""


def help_inbox(*, cohorts, state, cohort=None, page=None) -> HelpInbox:
    """A page of the requests of ``cohorts`` (or of ``cohort``, one of them) in ``state``.

    Three queries whatever their number: the count of each state, the count of
    the state shown (the paginator) and the page (see ``_listed``).
    """
    shown = [cohort] if cohort is not None else cohorts
    of_cohorts = HelpRequest.objects.filter(plan__partnership__cohort__in=[c.pk for c in shown])
    counts = of_cohorts.aggregate(
        waiting=Count("pk", filter=HELP_WAITING),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        handled=Count("pk", filter=Q(handled_at__isnull=False)),
        all=Count("pk"),
    )
    paginator = Paginator(_listed(of_cohorts.in_state(state)), INBOX_PER_PAGE)
    return HelpInbox(state=state, cohort=cohort, counts=counts, page=paginator.get_page(page))


@dataclass
class StarterGroup:
    """Starter items of one category of objective or kind of activity (or all goals)."""

    label: str
    value: str
    items: list
    hint: str = ""


@dataclass
class StarterSection:
    heading: str
    kind: str
    groups: list

    @property
    def count(self):
        return sum(len(g.items) for g in self.groups)


def starter_plan(cohort) -> list[StarterSection]:
    """The cohort's starter items, grouped as a plan shows them, with how offers were answered.

    One query: the items, each with counts of its suggestions by status.
    """
    status = Suggestion.Status
    items = list(
        StarterItem.objects.filter(cohort=cohort)
        .annotate(
            accepted=Count("suggestions", filter=Q(suggestions__status=status.ACCEPTED)),
            dismissed=Count("suggestions", filter=Q(suggestions__status=status.DISMISSED)),
            pending=Count("suggestions", filter=Q(suggestions__status=status.PENDING)),
        )
        .order_by("pk")
    )
    kind = StarterItem.Kind
    goals = [i for i in items if i.kind == kind.GOAL]
    objectives = [i for i in items if i.kind == kind.OBJECTIVE]
    activities = [i for i in items if i.kind == kind.ACTIVITY]
    objective_groups = [
        StarterGroup(label, value, [i for i in objectives if i.objective_category == value])
        for value, label in LearningObjective.Category.choices
    ]
    activity_groups = [
        StarterGroup(
            label,
            value,
            [i for i in activities if i.activity_kind == value],
            hint=", ".join(LearningActivity.EXAMPLES[value]),
        )
        for value, label in LearningActivity.Kind.choices
    ]
    return [
        StarterSection("Goals", kind.GOAL, [StarterGroup("", "", goals)]),
        StarterSection("Learning objectives", kind.OBJECTIVE, objective_groups),
        StarterSection("Learning activities", kind.ACTIVITY, activity_groups),
    ]
