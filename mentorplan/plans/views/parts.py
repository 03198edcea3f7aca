"""Adding, editing, removing and reordering the parts of a plan.

One set of views serves every kind of part; ``PARTS`` says, for each, its model,
its form, who edits it and which section of the plan page shows it. With htmx
the form opens inside the page and a save swaps just that section (and the
checklist); without JavaScript the same URLs are ordinary pages.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentorplan.plans import forms, models, services
from mentorplan.plans.editing import EditConflict
from mentorplan.plans.permissions import (
    MENTEE,
    MENTOR,
    get_editable_plan,
    get_plan_access,
    require,
)

from .rendering import render_plan, render_sections

BOTH = "both"


@dataclass(frozen=True)
class Part:
    model: type
    form: type
    editor: str  # MENTEE, MENTOR or BOTH
    section: str  # id of the plan page section that shows it
    name: str  # in sentences: "goal", "learning activity"
    single: bool = False  # one per plan (expectations, mentor's side)

    def queryset(self, plan):
        if self.model is models.SuccessMeasure:
            return self.model.objects.filter(goal__plan=plan)
        return self.model.objects.filter(plan=plan)


PARTS = {
    "goal": Part(models.Goal, forms.GoalForm, MENTEE, "goals", "goal"),
    "objective": Part(
        models.LearningObjective, forms.ObjectiveForm, MENTEE, "objectives", "learning objective"
    ),
    "activity": Part(
        models.LearningActivity, forms.ActivityForm, MENTEE, "activities", "learning activity"
    ),
    "milestone": Part(models.Milestone, forms.MilestoneForm, MENTEE, "milestones", "milestone"),
    "barrier": Part(models.Barrier, forms.BarrierForm, MENTEE, "barriers", "barrier"),
    "measure": Part(models.SuccessMeasure, forms.MeasureForm, BOTH, "goals", "success measure"),
    "expectations": Part(
        models.Expectations,
        forms.ExpectationsForm,
        MENTEE,
        "expectations",
        "communication expectations",
        single=True,
    ),
    "mentor-side": Part(
        models.MentorSide, forms.MentorSideForm, MENTOR, "mentor-side", "mentor's side", single=True
    ),
}


def _part(kind) -> Part:
    try:
        return PARTS[kind]
    except KeyError:
        raise Http404("No such part of a plan.") from None


def _editable(request, pk, part):
    """The plan access, refusing (403) people who may not edit this kind of part."""
    access = get_plan_access(request.user, pk)
    require(access.plan is not None, "This plan has not been started yet.")
    if part.editor == MENTEE:
        allowed = access.can_edit_mentee_side
    elif part.editor == MENTOR:
        allowed = access.can_edit_mentor_side
    else:
        allowed = access.can_edit_mentee_side or access.can_edit_mentor_side
    require(allowed, f"You cannot change the {part.name} of this plan.")
    return access


def _form_page(request, access, part, kind, form, item=None, conflict=None, status=200):
    template = "plans/part_form.html"
    if request.htmx:
        # htmx swaps only 2xx responses; the form with its errors replaces itself.
        template += "#part-form"
        status = 200
    context = {
        "access": access,
        "plan": access.plan,
        "partnership": access.partnership,
        "part": part,
        "kind": kind,
        "form": form,
        "item": item,
        "conflict": conflict,
        "activity_examples": models.LearningActivity.EXAMPLES,
        # The mentor's "remove" of a measure both agreed on asks the mentee first.
        "removal_is_proposal": item is not None
        and services.part_removal_is_proposal(
            plan=access.plan, kind=kind, part=item, by=request.user
        ),
    }
    return render(request, template, context, status=status)


def _saved(request, access, part, message):
    if request.htmx:
        return render_sections(request, access, part.section)
    messages.success(request, message)
    return redirect(access.plan.get_absolute_url() + f"#{part.section}")


@login_required
def part_create(request, pk, kind):
    part = _part(kind)
    if part.single:
        raise Http404("This part is edited, not added.")
    access = _editable(request, pk, part)
    form = part.form(request.POST or None, plan=access.plan, initial=_initial(request, kind))
    if request.method == "POST" and form.is_valid():
        services.part_save(plan=access.plan, kind=kind, form=form, by=request.user)
        return _saved(request, access, part, f"The {part.name} is added.")
    return _form_page(request, access, part, kind, form, status=422 if form.is_bound else 200)


def _initial(request, kind):
    if kind == "activity" and request.GET.get("kind") in models.LearningActivity.Kind.values:
        return {"kind": request.GET["kind"]}
    if kind == "measure" and request.GET.get("goal", "").isdigit():
        return {"goal": int(request.GET["goal"])}
    return None


@login_required
def part_edit(request, pk, kind, item=None):
    part = _part(kind)
    access = _editable(request, pk, part)
    if part.single:
        instance = part.model.objects.get(plan=access.plan)
    else:
        instance = get_object_or_404(part.queryset(access.plan), pk=item)
    form = part.form(request.POST or None, instance=instance, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_save(plan=access.plan, kind=kind, form=form, by=request.user)
        except EditConflict as conflict:
            # Keep their text on screen next to what is saved now; the form now
            # carries the current version, so saving again is a deliberate overwrite.
            data = request.POST.copy()
            data["version"] = conflict.current.version
            form = part.form(data, instance=conflict.current, plan=access.plan)
            return _form_page(
                request,
                access,
                part,
                kind,
                form,
                item=conflict.current,
                conflict=conflict.current,
                status=409,
            )
        return _saved(request, access, part, f"The {part.name} is saved.")
    return _form_page(
        request, access, part, kind, form, item=instance, status=422 if form.is_bound else 200
    )


@login_required
@require_POST
def part_delete(request, pk, kind, item):
    part = _part(kind)
    if part.single:
        raise Http404("This part cannot be removed.")
    access = _editable(request, pk, part)
    instance = get_object_or_404(part.queryset(access.plan), pk=item)
    if services.part_delete(plan=access.plan, kind=kind, part=instance, by=request.user):
        return _saved(request, access, part, f"The {part.name} is removed.")
    mentee = access.partnership.mentee.get_short_name()
    return _saved(
        request,
        access,
        part,
        f"Your proposal to remove “{instance.description}” waits for {mentee}'s answer.",
    )


@login_required
@require_POST
def goal_move(request, pk, item, direction):
    if direction not in ("up", "down"):
        raise Http404("Goals move up or down.")
    part = PARTS["goal"]
    access = _editable(request, pk, part)
    goal = get_object_or_404(models.Goal, plan=access.plan, pk=item)
    services.goal_move(goal=goal, by=request.user, offset=-1 if direction == "up" else 1)
    return _saved(request, access, part, "The goals are reordered.")


@login_required
@require_POST
def measure_agree(request, pk, item):
    """The mentee agrees to a success measure the mentor proposed."""
    part = PARTS["measure"]
    access = get_plan_access(request.user, pk)
    require(access.can_edit_mentee_side, "Only the mentee agrees to proposed measures.")
    measure = get_object_or_404(part.queryset(access.plan), pk=item)
    try:
        services.measure_agree(
            plan=access.plan, measure=measure, by=request.user, expected_version=_version(request)
        )
    except EditConflict:
        if not request.htmx:
            messages.error(
                request, "The measure changed while you were reading it; check it again."
            )
            return redirect(access.plan.get_absolute_url() + "#goals")
    return _saved(request, access, part, "You agreed to the success measure.")


def _version(request):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@login_required
@require_POST
def measure_remove(request, pk, item):
    """The mentee accepts the mentor's proposal to remove a success measure."""
    access = get_editable_plan(request.user, pk, MENTEE)
    return _removal_decide(request, access, item, remove=True)


@login_required
@require_POST
def measure_keep(request, pk, item):
    """The mentee keeps a measure the mentor proposed to remove, or the mentor withdraws it."""
    access = _editable(request, pk, PARTS["measure"])
    return _removal_decide(request, access, item, remove=False)


def _removal_decide(request, access, item, *, remove):
    part = PARTS["measure"]
    measure = get_object_or_404(part.queryset(access.plan), pk=item)
    try:
        services.measure_removal_decide(
            plan=access.plan,
            measure=measure,
            by=request.user,
            expected_version=_version(request),
            remove=remove,
        )
    except EditConflict:
        if request.htmx:
            # htmx swaps 2xx only: the section as it is now replaces what they saw.
            return render_sections(request, access, part.section)
        messages.error(request, "The measure changed while you were reading it; check it again.")
        response = render_plan(request, access)
        response.status_code = 409
        return response
    if remove:
        message = f"The success measure “{measure.description}” is removed."
    elif access.is_mentor:
        message = f"You withdrew your proposal to remove “{measure.description}”."
    else:
        message = f"You kept the success measure “{measure.description}”."
    return _saved(request, access, part, message)
