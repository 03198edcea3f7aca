from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from . import services
from .forms import (
    CohortForm,
    InvitationAcceptForm,
    MembershipCapacityForm,
    ParticipantForm,
    ParticipantImportForm,
    ProgramForm,
)
from .models import Invitation, Membership, hash_token
from .permissions import (
    get_cohort_for_coordinator,
    get_membership_for_coordinator,
    get_program_for_coordinator,
)


@login_required
def program_detail(request, slug):
    program = get_program_for_coordinator(request.user, slug)
    cohorts = program.cohorts.annotate(
        mentee_count=Count("memberships", filter=Q(memberships__role=Membership.Role.MENTEE)),
        mentor_count=Count("memberships", filter=Q(memberships__role=Membership.Role.MENTOR)),
    )
    return render(
        request,
        "programs/program_detail.html",
        {"program": program, "cohorts": cohorts, "coordinators": program.coordinators.all()},
    )


@login_required
def program_edit(request, slug):
    program = get_program_for_coordinator(request.user, slug)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The program is saved.")
        return redirect(program)
    return render(request, "programs/program_form.html", {"program": program, "form": form})


@login_required
def cohort_create(request, slug):
    program = get_program_for_coordinator(request.user, slug)
    form = CohortForm(request.POST or None, instance=None)
    form.instance.program = program
    if request.method == "POST" and form.is_valid():
        cohort = form.save()
        messages.success(request, f"{cohort.name} is created. Next: invite its people.")
        return redirect(cohort)
    return render(request, "programs/cohort_form.html", {"program": program, "form": form})


@login_required
def cohort_edit(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The cohort is saved.")
        return redirect(cohort)
    return render(
        request,
        "programs/cohort_form.html",
        {"program": cohort.program, "cohort": cohort, "form": form},
    )


@login_required
def participant_invite(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    form = ParticipantForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        membership = services.participant_add(
            cohort=cohort, invited_by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            f"{membership.user.email} is added as {membership.get_role_display().lower()}; "
            "their invitation is on its way.",
        )
        return redirect(cohort)
    return render(request, "programs/participant_invite.html", {"cohort": cohort, "form": form})


@login_required
def participants_import(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.participants_import(
            cohort=cohort,
            text=form.cleaned_data["text"],
            invited_by=request.user,
            import_valid_rows=form.cleaned_data["import_valid_rows"],
        )
        if report.imported:
            messages.success(
                request,
                f"Imported {report.added_count} people; {report.skipped_count} were already "
                "in the cohort. Invitations are on their way.",
            )
        else:
            # Keep the text so the good rows can be imported without choosing the file again.
            form = ParticipantImportForm(initial={"csv_text": form.cleaned_data["text"]})
    return render(
        request,
        "programs/participants_import.html",
        {"cohort": cohort, "form": form, "report": report},
    )


@login_required
def participants_import_template(request, pk):
    cohort = get_cohort_for_coordinator(request.user, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(cohort.name)}-participants.csv"'
    )
    response.write(
        "email,name,role,capacity,expertise,interests\n"
        'ada@example.org,Ada Lovelace,mentor,2,"analysis, writing",\n'
        'grace@example.org,Grace Hopper,mentee,,,"compilers, leadership"\n'
    )
    return response


@login_required
def membership_capacity_edit(request, pk):
    membership = get_membership_for_coordinator(request.user, pk)
    if membership.role != Membership.Role.MENTOR:
        messages.error(request, "Only mentors have a capacity.")
        return redirect(membership.cohort)
    form = MembershipCapacityForm(
        request.POST or None, instance=membership, active_mentees=membership.active_mentee_count()
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{membership.user} can now take {membership.capacity} mentees.")
        return redirect(membership.cohort)
    return render(
        request, "programs/membership_capacity.html", {"membership": membership, "form": form}
    )


@login_required
@require_POST
def invitation_resend(request, pk):
    membership = get_membership_for_coordinator(request.user, pk)
    invitation, _ = Invitation.objects.get_or_create(
        membership=membership, defaults={"invited_by": request.user}
    )
    if invitation.accepted_at:
        messages.info(request, f"{membership.user} has already joined.")
    else:
        services.invitation_send(invitation=invitation)
        messages.success(request, f"A new invitation is on its way to {membership.user.email}.")
    return redirect(membership.cohort)


def invitation_accept(request, token):
    invitation = (
        Invitation.objects.select_related("membership__user", "membership__cohort__program")
        .filter(token_hash=hash_token(token))
        .first()
    )
    problem = _invitation_problem(request, invitation)
    if problem:
        return render(
            request, "programs/invitation_problem.html", problem, status=problem["status"]
        )
    person = invitation.membership.user
    # Someone who already has an account (and is signed in as themselves) only
    # confirms; a new person chooses their name, time zone and password.
    form = None
    if not person.has_usable_password():
        initial = {"display_name": person.display_name, "time_zone": person.time_zone}
        form = InvitationAcceptForm(request.POST or None, user=person, initial=initial)
    if request.method == "POST" and (form is None or form.is_valid()):
        fields = (
            {}
            if form is None
            else {
                "display_name": form.cleaned_data["display_name"],
                "time_zone": form.cleaned_data["time_zone"],
                "password": form.cleaned_data["password1"],
            }
        )
        try:
            services.invitation_accept(invitation=invitation, user=person, **fields)
        except ValidationError as exc:
            context = {"title": "This invitation cannot be used", "reason": exc.messages[0]}
            return render(request, "programs/invitation_problem.html", context, status=410)
        if form is not None:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        cohort = invitation.membership.cohort
        messages.success(request, f"Welcome, {person.get_short_name()}! You joined {cohort}.")
        return redirect("home")
    context = {"invitation": invitation, "form": form}
    return render(request, "programs/invitation_accept.html", context)


def _invitation_problem(request, invitation):
    """What stops this link from being used, as template context, or None."""
    if invitation is None:
        return {
            "title": "This invitation link does not work",
            "reason": "It may have been replaced by a newer invitation. Use the link in the most "
            "recent email, or ask your program coordinator to send a new one.",
            "status": 404,
        }
    if invitation.accepted_at:
        return {
            "title": "This invitation has already been used",
            "reason": "You have joined already: go to your home page."
            if request.user.is_authenticated
            else "Sign in with your email address and password instead.",
            "status": 410,
            "sign_in": not request.user.is_authenticated,
        }
    if invitation.is_expired():
        return {
            "title": "This invitation has expired",
            "reason": "Invitations are valid for a limited time. Ask your program coordinator "
            "to send you a new one.",
            "status": 410,
            "expired_at": invitation.expires_at,
        }
    person = invitation.membership.user
    if request.user.is_authenticated and request.user.pk != person.pk:
        return {
            "title": "This invitation is for someone else",
            # The invitee's address is not shown: the link may have been forwarded.
            "reason": f"You are signed in as {request.user.email}, and this link was sent to "
            "another address. Sign out first, then open the link again.",
            "status": 403,
        }
    if person.has_usable_password() and not request.user.is_authenticated:
        return {
            "title": "Sign in to join",
            "reason": f"You already have an account as {person.email}. "
            "Sign in, then open the link again.",
            "status": 200,
            "sign_in": True,
            "next": request.get_full_path(),
        }
    return None
