"""Who may see what of notifications.

- A notification is its recipient's only: anybody else, coordinators and staff
  included, gets 404 for it. The list shows a person their own.
- Email preferences are the person's own (their profile).
- A cohort's email defaults and reminder timing are set by the cohort's
  coordinators (``programs.permissions``: 404 for outsiders, 403 for participants).
- An unsubscribe link works without signing in: the signed token in it is the
  permission, for the one person and the kinds it names. A token not made here is 404.
- A calendar feed address works without signing in: its secret is the permission.
  Only its hash is stored; a revoked or renewed address answers 404.
"""

from django.http import Http404

from mentorplan.programs.permissions import get_cohort_for_coordinator

from .models import Notification


def notifications_of(user):
    return Notification.objects.filter(recipient=user)


def get_notification_for_recipient(user, pk) -> Notification:
    notification = notifications_of(user).filter(pk=pk).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification


def get_cohort_for_defaults(user, pk):
    """The cohort whose email defaults the user may set (its coordinators)."""
    return get_cohort_for_coordinator(user, pk)
