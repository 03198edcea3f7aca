from django.tasks import task

from .emails import invitation_email_send
from .models import Invitation


@task
def send_invitation(invitation_id: int) -> None:
    """Email an invitation link; skipped if the person has joined in the meantime."""
    invitation = (
        Invitation.objects.select_related(
            "membership__user", "membership__cohort__program", "invited_by"
        )
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is not None:
        invitation_email_send(invitation=invitation)
