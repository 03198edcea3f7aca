"""Adding people to cohorts: invitations, CSV import, accepting an invitation."""

import csv
import io
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import pretty_name
from django.utils import timezone

from .forms import ParticipantForm
from .models import Invitation, Membership
from .tasks import send_invitation

User = get_user_model()

CSV_COLUMNS = {
    "email": "email",
    "name": "display_name",
    "role": "role",
    "capacity": "capacity",
    "expertise": "expertise",
    "interests": "interests",
}
REQUIRED_COLUMNS = ("email", "name", "role")
MAX_IMPORT_ROWS = 5000


def participant_add(
    *, cohort, email, display_name, role, capacity=None, expertise="", interests="", invited_by
) -> Membership:
    """Give a person a role in a cohort and queue their invitation email.

    People without an account get one without a password; the invitation link
    lets them choose it. People who already have an account keep their profile.
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(
            email=email.lower(), display_name=display_name, expertise=expertise, interests=interests
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
    membership = Membership(
        user=user,
        cohort=cohort,
        role=role,
        capacity=capacity if role == Membership.Role.MENTOR else None,
    )
    membership.full_clean()
    membership.save()
    invitation = Invitation.objects.create(membership=membership, invited_by=invited_by)
    invitation_send(invitation=invitation)
    return membership


def invitation_send(*, invitation) -> None:
    """Queue the invitation email once the surrounding transaction has committed."""
    transaction.on_commit(partial(send_invitation.enqueue, invitation.pk))


@transaction.atomic
def invitation_accept(*, invitation, user, display_name=None, time_zone=None, password=None):
    """Mark the invitation used; for a new person also set their name, zone and password.

    The row is locked so that two clicks on the same link cannot both succeed.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used.", code="used")
    if invitation.expires_at is None or invitation.is_expired():
        raise ValidationError("This invitation has expired.", code="expired")
    if password is not None:
        user.display_name = display_name
        user.time_zone = time_zone
        user.set_password(password)
        user.save(update_fields=["display_name", "time_zone", "password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return invitation


@dataclass
class ImportRow:
    line: int
    email: str
    name: str
    role: str
    outcome: str = ""  # "added", "skipped" or "error"
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    imported: bool = False

    def _count(self, outcome):
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def errors(self):
        return [r for r in self.rows if r.outcome == "error"]

    @property
    def good_count(self):
        return self._count("added") + self._count("ready")

    @property
    def added_count(self):
        return self._count("added")

    @property
    def skipped_count(self):
        return self._count("skipped")


def _validate_rows(cohort, text) -> tuple[ImportReport, list[tuple[ImportRow, dict]]]:
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    headers = {(h or "").strip().lower() for h in (reader.fieldnames or [])}
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        report.file_errors.append(
            "The first row must name the columns; missing: " + ", ".join(missing) + "."
        )
        return report, []
    unknown = sorted(headers - set(CSV_COLUMNS) - {""})
    if unknown:
        report.file_errors.append("Unknown columns: " + ", ".join(unknown) + ".")
        return report, []
    good, seen = [], {}
    for raw in reader:
        if len(report.rows) >= MAX_IMPORT_ROWS:
            report.file_errors.append(f"The file has more than {MAX_IMPORT_ROWS} rows; split it.")
            return report, []
        # Unnamed columns (a trailing comma, or a stray space in the header) are ignored.
        values = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k and k.strip()}
        if not any(values.values()):
            continue  # blank line
        data = {CSV_COLUMNS[k]: v for k, v in values.items()}
        row = ImportRow(
            line=reader.line_num,
            email=data.get("email", ""),
            name=data.get("display_name", ""),
            role=data.get("role", "").lower(),
        )
        data["role"] = row.role
        report.rows.append(row)
        form = ParticipantForm(data, cohort=cohort)
        valid = form.is_valid()
        email_key = row.email.lower()
        if email_key and email_key in seen:
            row.outcome = "error"
            row.messages.append(f"The same email address is on line {seen[email_key]}.")
            continue
        seen[email_key] = row.line
        if not valid and form.has_error("email", "already_member") and len(form.errors) == 1:
            existing = form.existing_membership
            if existing.role == row.role:
                row.outcome = "skipped"
                row.messages.append("Already in this cohort; left as it is.")
                continue
        if not valid:
            row.outcome = "error"
            for name, errors in form.errors.items():
                field = form.fields.get(name)
                label = (field.label or pretty_name(name)) if field else ""
                for error in errors:
                    row.messages.append(f"{label}: {error}" if label else error)
            continue
        row.outcome = "ready"
        good.append((row, form.cleaned_data))
    if not report.rows:
        report.file_errors.append("The file has no rows below the column names.")
    return report, good


def participants_import(*, cohort, text, invited_by, import_valid_rows=False) -> ImportReport:
    """Check every row of a participants CSV and add the people if the file is clean.

    With errors, nothing is imported unless ``import_valid_rows`` is set. Rows for
    people already in the cohort with the same role are skipped, so importing the
    same file twice adds nobody twice.
    """
    report, good = _validate_rows(cohort, text)
    if report.file_errors or (report.errors and not import_valid_rows):
        return report
    with transaction.atomic():
        for row, data in good:
            participant_add(cohort=cohort, invited_by=invited_by, **data)
            row.outcome = "added"
    report.imported = True
    return report
