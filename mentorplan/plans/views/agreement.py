from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from mentorplan.plans.agreement import agreement_sign
from mentorplan.plans.forms import SignForm
from mentorplan.plans.permissions import get_plan_access, require

from .rendering import render_sections


@login_required
@require_POST
def agreement_sign_view(request, pk):
    access = get_plan_access(request.user, pk)
    require(access.can_take_part, "Only the mentee and the mentor sign, once the plan is shared.")
    form = SignForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            agreement_sign(
                plan=access.plan,
                by=request.user,
                role=access.role,
                name=form.cleaned_data["name"],
                terms=request.POST.get("terms", "").replace("\r\n", "\n"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    if request.htmx:
        return render_sections(request, access, "agreement", sign_form=form)
    if form.errors:
        messages.error(request, " ".join(form.errors.get("name", []) + form.non_field_errors()))
    else:
        messages.success(request, "You signed the mentoring agreement.")
    return redirect(access.plan.get_absolute_url() + "#agreement")
