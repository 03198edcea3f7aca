from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request):
    """The count in the navigation: one query on a partial index, only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user).unread().count()
        )
    }
