from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import preferences
from .calendar import feed_for, note_read, open_feed
from .emails import absolute
from .forms import EmailChoicesForm, ReminderSettingsForm
from .kinds import ALL, KINDS
from .models import CalendarFeed, CohortReminderSettings
from .permissions import get_cohort_for_defaults, get_notification_for_recipient, notifications_of
from .services import mark_read

PER_PAGE = 30


@login_required
def notification_list(request):
    shown = notifications_of(request.user).shown().select_related("actor")
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Mark the notification read and go to what it is about."""
    notification = get_notification_for_recipient(request.user, pk)
    mark_read(user=request.user, notification_ids=[notification.pk])
    # Stored by us, but checked all the same: only our own pages.
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.url)


@login_required
@require_POST
def notification_read_all(request):
    count = mark_read(user=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect("notifications:list")


@login_required
def email_preferences(request):
    form = EmailChoicesForm(
        request.POST or None, initial_choices=preferences.effective_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        preferences.preferences_update(user=request.user, submitted=form.cleaned_data)
        messages.success(request, "Your email choices are saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/email_preferences.html", {"form": form})


@login_required
def cohort_defaults(request, pk):
    cohort = get_cohort_for_defaults(request.user, pk)
    timing = CohortReminderSettings.objects.filter(cohort=cohort).first()
    timing = timing or CohortReminderSettings(cohort=cohort)
    data = request.POST or None
    form = EmailChoicesForm(
        data, initial_choices=preferences.cohort_defaults(cohort), with_all=False
    )
    timing_form = ReminderSettingsForm(data, instance=timing)
    if request.method == "POST" and form.is_valid() and timing_form.is_valid():
        preferences.cohort_defaults_save(cohort=cohort, enabled=form.cleaned_data)
        timing_form.save()
        messages.success(request, f"Email defaults of {cohort.name} are saved.")
        return redirect("notifications:cohort-defaults", pk=cohort.pk)
    context = {"cohort": cohort, "form": form, "timing_form": timing_form}
    return render(request, "notifications/cohort_defaults.html", context)


# No sign-in and no CSRF token: the link comes from an email, and RFC 8058's
# one-click POST is sent by the mail program itself. The signed token is the
# permission; a GET only asks (mail scanners follow links), a POST unsubscribes.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = preferences.unsubscribe_read(token)
    person = found and get_user_model().objects.filter(pk=found[0], is_active=True).first()
    if not person:
        raise Http404("This unsubscribe link is not valid.")
    kinds = found[1]
    done = request.method == "POST"
    if done:
        preferences.unsubscribe(user=person, kinds=kinds)
    labels = ["every email" if k == ALL else KINDS[k].label for k in kinds]
    context = {"person": person, "labels": labels, "done": done, "now": timezone.now()}
    return render(request, "notifications/unsubscribe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """The person's calendar feed: made, renewed or revoked here.

    Only a hash of the secret is kept, so the address is shown once, in the
    answer to the request that made it.
    """
    feed = CalendarFeed.objects.filter(user=request.user).first()
    new_url = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "revoke":
            CalendarFeed.objects.filter(user=request.user).delete()
            messages.success(request, "Your calendar address is revoked: it no longer works.")
            return redirect("notifications:calendar")
        if action != "renew":
            return redirect("notifications:calendar")
        secret = CalendarFeed.renew(request.user)
        new_url = absolute(reverse("notifications:calendar-feed", args=[secret]))
        feed = CalendarFeed.objects.get(user=request.user)
    return render(request, "notifications/calendar.html", {"feed": feed, "new_url": new_url})


# No sign-in: calendar programs fetch the address on their own. Its secret is
# the permission; only its hash is stored, and a revoked or renewed one is 404.
@require_http_methods(["GET", "HEAD"])
def calendar_feed(request, secret):
    feed = open_feed(secret)
    if feed is None:
        raise Http404("This calendar address is not valid: it was revoked or renewed.")
    now = timezone.now()
    note_read(feed, now)
    response = HttpResponse(feed_for(feed.user, now), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mentorplan.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
