from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from .forms import ProfileForm
from .permissions import can_edit_profile


@login_required
def profile_edit(request):
    if not can_edit_profile(request.user, request.user):
        raise PermissionDenied
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile-edit")
    return render(request, "accounts/profile_edit.html", {"form": form})
