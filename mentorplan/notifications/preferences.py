"""Who wants which kind of email: a person's own choice wins over their cohort's default.

Resolution, for one person, one kind and (when the notification is about a
partnership) its cohort:

1. the person turned every email off ("all") -> no email;
2. the person chose for this kind -> their choice;
3. a coordinator set the cohort's default for this kind -> that default;
4. otherwise the email is sent.

In-app notifications do not depend on any of this: they are always kept.
"""

from django.core import signing
from django.db import transaction

from mentorplan.programs.models import Membership

from .kinds import ALL, KINDS
from .models import CohortEmailDefault, EmailPreference

UNSUBSCRIBE_SALT = "mentorplan.notifications.unsubscribe"
# Above this many people a run reads the whole (small) tables instead of an IN list.
WHOLE_TABLE_ABOVE = 500


class EmailChoices:
    """The choices of many people and cohorts, read in two queries."""

    def __init__(self, user_ids, cohort_ids=()):
        user_ids, cohort_ids = set(user_ids), set(cohort_ids) - {None}
        own = EmailPreference.objects.all()
        if len(user_ids) <= WHOLE_TABLE_ABOVE:
            own = own.filter(user_id__in=user_ids)
        defaults = CohortEmailDefault.objects.all()
        if len(cohort_ids) <= WHOLE_TABLE_ABOVE:
            defaults = defaults.filter(cohort_id__in=cohort_ids)
        self.own = {(u, k): e for u, k, e in own.values_list("user_id", "kind", "enabled")}
        self.defaults = {
            (c, k): e for c, k, e in defaults.values_list("cohort_id", "kind", "enabled")
        }

    def wants(self, user_id, kind, cohort_id=None) -> bool:
        if self.own.get((user_id, ALL)) is False:
            return False
        own = self.own.get((user_id, kind))
        if own is not None:
            return own
        default = self.defaults.get((cohort_id, kind))
        return True if default is None else default


def wants_email(user, kind, cohort_id=None) -> bool:
    return EmailChoices([user.pk], [cohort_id]).wants(user.pk, kind, cohort_id)


def own_choices(user) -> dict:
    """kind -> True/False for the kinds the person chose themselves (and "all")."""
    return dict(EmailPreference.objects.filter(user=user).values_list("kind", "enabled"))


@transaction.atomic
def preferences_save(*, user, enabled: dict) -> None:
    """Store the person's choice for each kind given (kind or "all" -> on/off)."""
    for kind, on in enabled.items():
        if kind != ALL and kind not in KINDS:
            raise ValueError(f"No such kind of notification: {kind!r}")
        EmailPreference.objects.update_or_create(user=user, kind=kind, defaults={"enabled": on})


@transaction.atomic
def cohort_defaults_save(*, cohort, enabled: dict) -> None:
    """Store a cohort's default per kind; a kind left at "on" needs no row."""
    for kind, on in enabled.items():
        if kind not in KINDS:
            raise ValueError(f"No such kind of notification: {kind!r}")
        if on:
            CohortEmailDefault.objects.filter(cohort=cohort, kind=kind).delete()
        else:
            CohortEmailDefault.objects.update_or_create(
                cohort=cohort, kind=kind, defaults={"enabled": False}
            )


def cohort_defaults(cohort) -> dict:
    off = set(
        CohortEmailDefault.objects.filter(cohort=cohort, enabled=False).values_list(
            "kind", flat=True
        )
    )
    return {kind: kind not in off for kind in KINDS}


# One-click unsubscribe (RFC 8058): the link names the person and the kinds of the
# email it came in, signed with SECRET_KEY, so it works without signing in and
# cannot be made for anybody else. It never expires: an old email's link still works.


def unsubscribe_token(user, kinds) -> str:
    return signing.dumps([user.pk, sorted(kinds)], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token) -> tuple[int, list[str]] | None:
    """(user id, kinds) of a token made here, or None for anything else."""
    try:
        user_id, kinds = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not all(k == ALL or k in KINDS for k in kinds):
        return None
    return user_id, kinds


def unsubscribe(*, user, kinds) -> None:
    preferences_save(user=user, enabled=dict.fromkeys(kinds, False))


def person_defaults(user) -> dict:
    """kind -> what the person gets without choosing: their newest cohort's defaults."""
    membership = Membership.objects.filter(user=user).order_by("-cohort__starts_on", "-pk").first()
    if membership is None:
        return dict.fromkeys(KINDS, True)
    return cohort_defaults(membership.cohort)


def effective_choices(user) -> dict:
    """kind (and "all") -> on/off as the person gets them now."""
    own = own_choices(user)
    return {ALL: own.get(ALL, True)} | {
        kind: own.get(kind, default) for kind, default in person_defaults(user).items()
    }


def preferences_update(*, user, submitted: dict) -> list[str]:
    """Store what the person chose on the page; returns the kinds that changed.

    A kind left as their cohort's default stays without a row, so a coordinator's
    later change of the default still reaches them; a kind they set themselves is
    their choice from then on.
    """
    own, current = own_choices(user), effective_choices(user)
    changed = {k: on for k, on in submitted.items() if k in own or current.get(k) != on}
    preferences_save(user=user, enabled=changed)
    return [k for k, on in changed.items() if current.get(k) != on]
