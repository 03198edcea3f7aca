"""The getting-started checklist: what a good plan still lacks, and how to fix it.

Each rule comes from the seed documents and is a small function of the plan's
facts (loaded once for the plan page), returning a ChecklistItem.
"""

from dataclasses import dataclass

from .models import LearningActivity

MENTEE, MENTOR, BOTH = "mentee", "mentor", "both"


@dataclass
class ChecklistItem:
    key: str
    done: bool
    label: str  # what a good plan has
    fix: str  # how to get there, shown while not done
    anchor: str  # section of the plan page where it is fixed
    audience: str  # who can fix it


@dataclass
class PlanFacts:
    """Everything the rules look at, already loaded."""

    plan: object
    goals: list
    activities: list
    barriers: list
    expectations: object
    mentor_side: object
    agreement_signed: bool
    fit: object


def _names(goals):
    return ", ".join(f"goal {g.number}" for g in goals)


def top_goals_set(f: PlanFacts) -> ChecklistItem:
    missing = max(0, 3 - len(f.goals))
    return ChecklistItem(
        "top-goals",
        missing == 0,
        "Three top goals, in priority order",
        f"Add {missing} more goal{'s' if missing != 1 else ''} and put the most important first.",
        "goals",
        MENTEE,
    )


def _top(f):
    return [g for g in f.goals if g.is_top]


def top_goals_measured(f: PlanFacts) -> ChecklistItem:
    lacking = [g for g in _top(f) if not any(m.agreed for m in g.measures.all())]
    return ChecklistItem(
        "measures",
        bool(_top(f)) and not lacking,
        "Each top goal has a success measure",
        f"Agree how you will know you succeeded for {_names(lacking) or 'your top goals'}.",
        "goals",
        BOTH,
    )


def top_goals_dated(f: PlanFacts) -> ChecklistItem:
    lacking = [g for g in _top(f) if not g.target_date]
    return ChecklistItem(
        "target-dates",
        bool(_top(f)) and not lacking,
        "Each top goal has a target date",
        f"Set a target date for {_names(lacking) or 'your top goals'}.",
        "goals",
        MENTEE,
    )


def top_goals_have_activities(f: PlanFacts) -> ChecklistItem:
    with_activity = {a.goal_id for a in f.activities}
    lacking = [g for g in _top(f) if g.pk not in with_activity]
    return ChecklistItem(
        "goal-activities",
        bool(_top(f)) and not lacking,
        "Each top goal has a learning activity",
        f"Plan at least one activity for {_names(lacking) or 'your top goals'}.",
        "activities",
        MENTEE,
    )


def activity_kinds_covered(f: PlanFacts) -> ChecklistItem:
    present = {a.kind for a in f.activities}
    missing = [k for k in LearningActivity.Kind if k not in present]
    examples = "; ".join(
        f"{k.label.lower()} (e.g. {', '.join(LearningActivity.EXAMPLES[k]).lower()})"
        for k in missing
    )
    return ChecklistItem(
        "activity-kinds",
        not missing,
        "Activities of all three kinds: by doing, from others, stretch",
        f"Add {examples}.",
        "activities",
        MENTEE,
    )


def timeline_fits(f: PlanFacts) -> ChecklistItem:
    if not f.expectations.weekly_hours:
        fix = "Say how many hours a week you can give to the plan."
    else:
        weeks = f.fit.overloaded_weeks
        fix = (
            f"{len(weeks)} week{'s' if len(weeks) != 1 else ''} need more than your "
            f"{f.expectations.weekly_hours} hours (up to {f.fit.peak_hours} h). Spread the "
            "activities out, shrink them, or give more time."
        )
    return ChecklistItem(
        "fits", f.fit.fits, "The timeline fits the time you have", fix, "timeline", MENTEE
    )


def barriers_have_strategies(f: PlanFacts) -> ChecklistItem:
    if not f.barriers:
        return ChecklistItem(
            "barriers",
            False,
            "Barriers anticipated, each with a strategy",
            "Think ahead: what could get in the way (time, resources, personal)? Add it with "
            "a strategy.",
            "barriers",
            MENTEE,
        )
    lacking = [b for b in f.barriers if not b.strategy.strip()]
    return ChecklistItem(
        "barriers",
        not lacking,
        "Barriers anticipated, each with a strategy",
        f"Add a strategy to {len(lacking)} barrier{'s' if len(lacking) != 1 else ''}.",
        "barriers",
        MENTEE,
    )


def expectations_set(f: PlanFacts) -> ChecklistItem:
    return ChecklistItem(
        "expectations",
        f.expectations.is_set,
        "Communication expectations are set",
        "Say how often and how you want to meet, how to reach each other between meetings, "
        "and your hours a week.",
        "expectations",
        MENTEE,
    )


def mentor_side_written(f: PlanFacts) -> ChecklistItem:
    return ChecklistItem(
        "mentor-side",
        f.mentor_side.is_written,
        "The mentor's side is written",
        "The mentor writes their understanding of the goals, their role, boundaries, "
        "availability and response time.",
        "mentor-side",
        MENTOR,
    )


def agreement_signed(f: PlanFacts) -> ChecklistItem:
    return ChecklistItem(
        "agreement",
        f.agreement_signed,
        "The mentoring agreement is signed by both",
        "Both read the agreement and sign it with their name.",
        "agreement",
        BOTH,
    )


def plan_shared(f: PlanFacts) -> ChecklistItem:
    return ChecklistItem(
        "shared",
        f.plan.is_shared,
        "The plan is shared with the mentor",
        "Share the plan so your mentor can read it, comment and add their side.",
        "share",
        MENTEE,
    )


RULES = [
    top_goals_set,
    top_goals_measured,
    top_goals_dated,
    top_goals_have_activities,
    activity_kinds_covered,
    timeline_fits,
    barriers_have_strategies,
    expectations_set,
    plan_shared,
    mentor_side_written,
    agreement_signed,
]


def checklist(facts: PlanFacts) -> list[ChecklistItem]:
    return [rule(facts) for rule in RULES]
