"""The reflection's place on the partnership page (``partnerships.sections``)."""

from mentorplan.partnerships import sections
from mentorplan.partnerships.permissions import can_manage_partnership, is_partner

from .models import Reflection
from .reflection import is_open, opens_on


@sections.register
def reflection_section(request, partnership):
    """Whether the reflection is open, and the reader's way to write or read it."""
    user = request.user
    if not (is_partner(user, partnership) or can_manage_partnership(user, partnership)):
        return None
    written = list(Reflection.objects.filter(partnership=partnership).only("author", "written_at"))
    return "reports/_reflection_section.html", {
        "partnership": partnership,
        "is_open": is_open(partnership),
        "opens_on": opens_on(partnership),
        "can_write": is_partner(user, partnership),
        "written": next((r for r in written if r.author_id == user.pk), None),
        "count": len(written),
    }
