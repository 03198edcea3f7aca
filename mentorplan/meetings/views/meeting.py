"""The meeting page: agenda, shared and private notes, action items, progress, check-in.

One view draws the whole page; each write answers htmx with its part of the page
(``meeting_detail.html#<part>``) and a plain form post with a redirect back.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from mentorplan.plans.editing import EditConflict
from mentorplan.plans.models import ActionPlan
from mentorplan.plans.permissions import can_read_plan_text

from .. import services
from ..agenda import suggestions_for
from ..forms import (
    ActionItemForm,
    ActivityFromItemForm,
    CheckInForm,
    NotesForm,
    PrivateNoteForm,
    TopicForm,
)
from ..ics import meeting_file
from ..models import CheckIn, MeetingNotes, PrivateNote
from ..permissions import (
    get_action_item_for_editor,
    get_meeting_access,
    get_meeting_for_editor,
    get_meeting_for_partner,
    get_topic_for_editor,
)
from ..selectors import (
    agenda_action_items,
    agenda_topics,
    current_meeting,
    last_held_before,
    notes_of,
    progress_for_plans,
)
from .errors import add_errors

PAGE = "meetings/meeting_detail.html"


def _plan(meeting, access):
    plan = ActionPlan.objects.filter(partnership_id=meeting.partnership_id).first()
    if plan is not None:
        plan.partnership = meeting.partnership
    return plan


def meeting_context(request, meeting, access, **overrides):
    plan = _plan(meeting, access)
    reads_plan = plan is not None and can_read_plan_text(access.role, plan)
    current = current_meeting(meeting.partnership)
    context = {
        "meeting": meeting,
        "access": access,
        "partnership": meeting.partnership,
        "plan": plan,
        "changes": list(meeting.changes.select_related("by")),
        "can_check_in": access.can_check_in(meeting),
    }
    if access.can_read_text:
        topics = agenda_topics(meeting, current=current)
        previous = last_held_before(meeting)
        suggestions = []
        if access.can_edit and reads_plan and not meeting.is_cancelled:
            taken = {t.source for t in meeting.topics.exclude(source="")}
            suggestions = suggestions_for(
                meeting=meeting,
                plan=plan,
                reader=request.user,
                since=previous.starts_at if previous else None,
                taken=taken,
            )
        notes = notes_of(meeting)
        context.update(
            topics=topics,
            suggestions=suggestions,
            previous=previous,
            items=agenda_action_items(meeting, current=current),
            notes=notes,
            notes_form=NotesForm(instance=notes or MeetingNotes(meeting=meeting)),
            topic_form=TopicForm(),
            item_form=ActionItemForm(),
        )
    if access.is_partner:
        note = PrivateNote.objects.filter(meeting=meeting, author=request.user).first()
        check_in = CheckIn.objects.filter(meeting=meeting, author=request.user).first()
        context.update(
            private_note_form=PrivateNoteForm(instance=note or PrivateNote(meeting=meeting)),
            check_in=check_in,
            check_in_form=CheckInForm(instance=check_in),
        )
        if access.can_edit and reads_plan:
            context["progress"] = progress_for_plans([plan]).get(plan.pk)
    context.update(overrides)
    return context


def render_part(request, meeting, access, part, status=200, **overrides):
    if not request.htmx and status == 200:
        return redirect(meeting.get_absolute_url() + f"#{part}")
    template = PAGE + f"#{part}" if request.htmx else PAGE
    context = meeting_context(request, meeting, access, **overrides)
    return render(request, template, context, status=status)


@login_required
def meeting_detail(request, pk):
    meeting, access = get_meeting_access(request.user, pk)
    return render(request, PAGE, meeting_context(request, meeting, access))


@login_required
@require_http_methods(["GET", "HEAD"])
def meeting_calendar(request, pk):
    """The meeting as an .ics file, to add it to a calendar by hand."""
    meeting, _access = get_meeting_for_partner(request.user, pk)
    response = HttpResponse(
        meeting_file([meeting], request.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="meeting-{meeting.starts_at:%Y-%m-%d}.ics"'
    )
    return response


@login_required
@require_POST
def notes_save(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    form = NotesForm(request.POST)
    if not form.is_valid():
        return render_part(request, meeting, access, "notes", status=400, notes_form=form)
    try:
        services.notes_save(
            meeting=meeting,
            by=request.user,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict as conflict:
        # Both texts stay: theirs in the box, now at the current version (saving
        # again is a deliberate choice), and what the partner saved beside it.
        posted = request.POST.copy()
        posted["version"] = conflict.current.version
        form = NotesForm(posted)
        return render_part(
            request,
            meeting,
            access,
            "notes",
            status=409,
            notes_form=form,
            notes_conflict=conflict.current,
        )
    return render_part(request, meeting, access, "notes")


@login_required
@require_POST
def private_note_save(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    form = PrivateNoteForm(request.POST)
    if not form.is_valid():
        return render_part(
            request, meeting, access, "private-note", status=400, private_note_form=form
        )
    try:
        services.private_note_save(
            meeting=meeting,
            author=request.user,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict as conflict:
        # The author saved it from another tab meanwhile.
        posted = request.POST.copy()
        posted["version"] = conflict.current.version
        return render_part(
            request,
            meeting,
            access,
            "private-note",
            status=409,
            private_note_form=PrivateNoteForm(posted),
            private_conflict=conflict.current,
        )
    return render_part(request, meeting, access, "private-note")


@login_required
@require_POST
def topic_add(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            services.topic_add(meeting=meeting, by=request.user, title=form.cleaned_data["title"])
        except ValidationError as error:
            add_errors(form, error)
    if form.errors:
        return render_part(request, meeting, access, "agenda", status=400, topic_form=form)
    return render_part(request, meeting, access, "agenda")


@login_required
@require_POST
def suggestion_decide(request, pk):
    """Take a suggestion onto the agenda, or remove it (it is then not offered again)."""
    meeting, access = get_meeting_for_editor(request.user, pk)
    context = meeting_context(request, meeting, access)
    key = request.POST.get("key", "")
    suggestion = next((s for s in context.get("suggestions", []) if s.key == key), None)
    decision = request.POST.get("decision")
    if suggestion is None or decision not in ("accept", "remove"):
        messages.error(request, "That suggestion is no longer offered; the agenda is up to date.")
        return render_part(request, meeting, access, "agenda")
    services.topic_add(
        meeting=meeting,
        by=request.user,
        title=f"{suggestion.kind}: {suggestion.title}",
        source=suggestion.key,
        link=suggestion.link,
        status=services.Topic.Status.OPEN
        if decision == "accept"
        else services.Topic.Status.DROPPED,
    )
    return render_part(request, meeting, access, "agenda")


TOPIC_ACTIONS = {"covered", "dropped", "open", "up", "down"}


@login_required
@require_POST
def topic_update(request, pk, topic):
    meeting, access, topic = get_topic_for_editor(request.user, pk, topic)
    action = request.POST.get("action")
    if action not in TOPIC_ACTIONS:
        messages.error(request, "Choose covered, dropped, open, up or down.")
        return render_part(request, meeting, access, "agenda", status=400)
    if action in ("up", "down"):
        agenda = [
            t
            for t in agenda_topics(meeting, current=current_meeting(meeting.partnership))
            if t.status == topic.status
        ]
        services.topic_move(topic=topic, agenda=agenda, offset=-1 if action == "up" else 1)
    else:
        services.topic_set_status(topic=topic, meeting=meeting, status=action)
    return render_part(request, meeting, access, "agenda")


@login_required
@require_POST
def action_item_add(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
    if form.errors:
        return render_part(request, meeting, access, "action-items", status=400, item_form=form)
    return render_part(request, meeting, access, "action-items")


@login_required
@require_POST
def action_item_update(request, pk, item):
    meeting, access, item = get_action_item_for_editor(request.user, pk, item)
    done = request.POST.get("done")
    if done not in ("yes", "no"):
        messages.error(request, "Say whether the action item is done.")
        return render_part(request, meeting, access, "action-items", status=400)
    services.action_item_set_done(item=item, done=done == "yes")
    return render_part(request, meeting, access, "action-items")


@login_required
def action_item_activity(request, pk, item):
    """Turn an action item into a learning activity of the plan, in one step."""
    meeting, access, item = get_action_item_for_editor(request.user, pk, item)
    plan = _plan(meeting, access)
    if plan is None or not can_read_plan_text(access.role, plan):
        raise PermissionDenied("The plan is not started or not shared with you yet.")
    form = ActivityFromItemForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_to_activity(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"“{item.title}” is now a learning activity of the plan.")
            return redirect(meeting.get_absolute_url() + "#action-items")
    context = {
        "meeting": meeting,
        "access": access,
        "partnership": meeting.partnership,
        "item": item,
        "form": form,
    }
    return render(
        request, "meetings/action_item_activity.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def check_in(request, pk):
    meeting, access = get_meeting_for_editor(request.user, pk)
    if not access.can_check_in(meeting):
        raise PermissionDenied("Check in once the meeting has taken place.")
    existing = CheckIn.objects.filter(meeting=meeting, author=request.user).first()
    form = CheckInForm(request.POST, instance=existing)
    if not form.is_valid():
        return render_part(request, meeting, access, "check-in", status=400, check_in_form=form)
    services.check_in_record(meeting=meeting, by=request.user, **form.cleaned_data)
    return render_part(request, meeting, access, "check-in")
