"""A meeting's suggested agenda, drawn from the plan as it stands.

Each suggestion has a stable ``key`` ("activity-12-due"): once the pair takes
it up (a topic) or removes it, the topic keeps the key and the suggestion is
not offered again for that meeting. Suggestions quote the plan, so they are
made only for a reader who may read its text.

What is suggested, counting from the last meeting held before this one (or the
plan's start):

- activities due by the meeting's day, not finished (overdue ones included);
- milestones in the four weeks after the meeting, not reached;
- barriers still open, and the reader's own unanswered help requests (only the
  one who asked sees theirs: help requests are confidential);
- success measures whose progress moved, goals whose self-assessment changed;
- the partner's comments the reader has not answered since;
- "what changed since our last meeting", once there was one.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mentorplan.plans.models import (
    Barrier,
    Comment,
    HelpRequest,
    LearningActivity,
    Milestone,
    SelfAssessment,
    SuccessMeasure,
)

MILESTONE_WEEKS = 4


@dataclass(frozen=True)
class Suggestion:
    key: str
    kind: str
    title: str
    link: str


def suggestions_for(*, meeting, plan, reader, since, taken) -> list[Suggestion]:
    """Suggestions for ``meeting`` from ``plan`` not in ``taken`` (keys already decided)."""
    if plan is None:
        return []
    day = timezone.localdate(meeting.starts_at)
    plan_url = reverse("plans:plan-detail", args=[plan.partnership_id])
    found = []

    def add(key, kind, title, anchor=""):
        if key not in taken:
            found.append(Suggestion(key, kind, title, f"{plan_url}#{anchor}"))

    activities = LearningActivity.objects.filter(
        plan=plan,
        due_on__lte=day,
        status__in=[LearningActivity.Status.PLANNED, LearningActivity.Status.IN_PROGRESS],
    ).order_by("due_on", "pk")
    for a in activities:
        late = "overdue since" if a.due_on < day else "due"
        add(
            f"activity-{a.pk}-due",
            "Activity",
            f"“{a.title}”, {late} {a.due_on:%-d %b}",
            f"activity-{a.pk}",
        )
    milestones = Milestone.objects.filter(
        plan=plan, reached=False, date__gte=day, date__lte=day + timedelta(weeks=MILESTONE_WEEKS)
    )
    for m in milestones:
        add(
            f"milestone-{m.pk}", "Milestone", f"“{m.title}” on {m.date:%-d %b}", f"milestone-{m.pk}"
        )
    for b in Barrier.objects.filter(plan=plan, status=Barrier.Status.OPEN):
        add(
            f"barrier-{b.pk}",
            "Barrier",
            f"{b.get_kind_display()}: {b.description[:120]}",
            f"barrier-{b.pk}",
        )
    for r in HelpRequest.objects.waiting().filter(plan=plan, raised_by=reader):
        add(
            f"help-{r.pk}",
            "Help request",
            f"Your request for help of {timezone.localdate(r.raised_at):%-d %b}",
            f"help-request-{r.pk}",
        )
    if since is not None:
        measures = SuccessMeasure.objects.filter(
            goal__plan=plan, updated_at__gt=since, agreed=True
        ).exclude(progress="", achieved_on__isnull=True)
        for m in measures.select_related("goal"):
            now = "reached" if m.is_achieved else f"now “{m.progress}”"
            add(
                f"measure-{m.pk}-{m.version}",
                "Success measure",
                f"“{m.description}”: {now}",
                f"measure-{m.pk}",
            )
        assessed = (
            SelfAssessment.objects.filter(goal__plan=plan, recorded_at__gt=since)
            .select_related("goal")
            .order_by("goal_id", "-recorded_at")
        )
        seen_goals = set()
        for s in assessed:
            if s.goal_id not in seen_goals:
                seen_goals.add(s.goal_id)
                add(
                    f"assessment-{s.pk}",
                    "Goal",
                    f"“{s.goal.statement}”: now {s.score}/10",
                    f"goal-{s.goal_id}",
                )
    comments = list(
        Comment.objects.filter(plan=plan, created_at__gt=since or plan.created_at)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    answered_after = max((c.created_at for c in comments if c.author_id == reader.pk), default=None)
    for c in comments:
        if c.author_id != reader.pk and (answered_after is None or c.created_at > answered_after):
            add(
                f"comment-{c.pk}",
                "Comment",
                f"{c.author.display_name}: “{c.body[:120]}”",
                f"comment-{c.pk}",
            )
    if since is not None:
        key = f"changes-{meeting.pk}"
        if key not in taken:
            url = reverse("plans:plan-changes", args=[plan.partnership_id])
            found.append(Suggestion(key, "Plan", "What changed since our last meeting", url))
    return found
