"""Read-only queries for cohort and home pages, each with a fixed number of SQL queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from mentorplan.programs.models import Cohort, Membership
from mentorplan.programs.permissions import cohorts_coordinated_by

from .counts import with_counts
from .models import Partnership

PAIRED = [Partnership.Status.ACTIVE, Partnership.Status.COMPLETED]


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("cohort_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def cohorts_with_counts(cohorts) -> list:
    """The cohorts with their people and partnership counts (``counts.COUNTS``).

    From the shared cache while nothing changed in a cohort (``counts``), else
    counted, all cohorts missing from it in one query.
    """
    return with_counts(cohorts.select_related("program"), _count_cohorts)


def cohort_with_counts(cohort):
    """One cohort, already read, with its counts set (see ``cohorts_with_counts``)."""
    return with_counts([cohort], _count_cohorts)[0]


def _count_cohorts(pks) -> dict:
    members = Membership.objects.filter(cohort=OuterRef("pk"))
    partnerships = Partnership.objects.filter(cohort=OuterRef("pk"))
    # A mentee counts as paired while a partnership is active or once it completed;
    # one whose partnership ended early and who has no new mentor waits again.
    paired = Partnership.objects.filter(
        cohort=OuterRef("cohort_id"), mentee=OuterRef("user_id"), status__in=PAIRED
    )
    rows = (
        Cohort.objects.filter(pk__in=pks)
        .values("pk")
        .annotate(
            mentee_count=_count(members.filter(role=Membership.Role.MENTEE)),
            mentor_count=_count(members.filter(role=Membership.Role.MENTOR)),
            active_count=_count(partnerships.filter(status=Partnership.Status.ACTIVE)),
            ended_count=_count(partnerships.exclude(status=Partnership.Status.ACTIVE)),
            unpaired_count=_count(
                members.filter(role=Membership.Role.MENTEE).exclude(Exists(paired))
            ),
        )
    )
    return {row.pop("pk"): row for row in rows}


# A search looks for each of its first few words in names and emails; what a person
# could type into a search box, not a query language.
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 5
# The pairing form offers this many people of a role at a time: enough to pick from,
# few enough that the page stays small however large the cohort.
CANDIDATES_SHOWN = 20


def search_words(query) -> list[str]:
    return str(query or "")[:SEARCH_MAX_LENGTH].split()[:SEARCH_MAX_WORDS]


def _matching(query):
    """Memberships of people whose name or email contains every word of the search."""
    match = Q()
    for word in search_words(query):
        match &= Q(user__display_name__icontains=word) | Q(user__email__icontains=word)
    return match


def _active_load(cohort):
    """How many active mentees the membership's person mentors in the cohort."""
    load = (
        Partnership.objects.active()
        .filter(cohort=cohort, mentor=OuterRef("user_id"))
        .order_by()
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(load, output_field=IntegerField()), Value(0))


def _is_paired(cohort):
    return Exists(
        Partnership.objects.filter(cohort=cohort, mentee=OuterRef("user_id"), status__in=PAIRED)
    )


def cohort_members(cohort, *, query=""):
    """The cohort's memberships with people, invitation and, for mentors, active mentees.

    ``query`` keeps the people whose name or email contains each of its words.
    """
    return (
        cohort.memberships.filter(_matching(query))
        .select_related("user", "invitation")
        .annotate(mentee_load=_active_load(cohort), is_paired=_is_paired(cohort))
        .order_by("role", "user__display_name")
    )


@dataclass(frozen=True)
class Candidates:
    """Who the pairing form offers for one role: the first matches of a search."""

    cohort: object
    role: str  # Membership.Role.MENTOR or MENTEE
    query: str
    people: list  # memberships with user and mentee_load (mentors) or is_paired (mentees)
    found: int  # how many of ``people`` match the search (the chosen one may not)
    more: bool  # more people match than are shown
    chosen: int | None  # the person picked before, shown first whether they match or not

    @property
    def summary(self) -> str:
        """One sentence on what the search found, for the live region beside the results."""
        mentors = self.role == Membership.Role.MENTOR

        def who(n):
            people = self.role if n == 1 else f"{self.role}s"
            return f"{people} with room" if mentors else people

        where = f"in {self.cohort.name}"
        n, query = self.found, self.query
        if query and self.more:
            return (
                f"More than {n} {who(n)} {where} match “{query}”: the first {n} are shown. "
                "Type more of a name or email to narrow."
            )
        if query and not n:
            return f"No {who(1)} {where} matches “{query}”."
        if query:
            return f"{n} {who(n)} {where} {'matches' if n == 1 else 'match'} “{query}”."
        if self.more:
            return f"The first {n} {who(n)} {where}. Type a name or email to find the others."
        if n:
            return f"{n} {who(n)} {where}."
        if mentors:
            return f"No mentor {where} has room for another mentee: raise a capacity below."
        return f"No mentees {where} yet."


# The largest key a database column holds (64-bit); larger numbers overflow SQLite.
MAX_PK = 2**63 - 1


def as_pk(value) -> int | None:
    """A posted or asked-for key as an int, or None when it cannot be one of ours."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_PK else None


def pairing_candidates(*, cohort, role, query="", chosen=None, limit=CANDIDATES_SHOWN):
    """The people of ``cohort`` who may be paired as ``role`` and match ``query``.

    The rules are ``PartnershipForm``'s (a membership in this cohort with that role)
    plus capacity: a mentor with as many active mentees as places is not offered, as
    ``partnership_start`` would refuse them. Mentees still waiting come first. The
    person ``chosen`` before (a pick kept through a search, or a refused POST, such as
    a mentor now at capacity) is shown first even when the search no longer finds them.
    One query, two when a chosen person is not among the matches.
    """
    members = cohort.memberships.filter(role=role).select_related("user")
    if role == Membership.Role.MENTOR:
        members = members.annotate(mentee_load=_active_load(cohort))
        offered = members.filter(mentee_load__lt=F("capacity"))
        order = ("user__display_name", "user_id")
    else:
        members = members.annotate(is_paired=_is_paired(cohort))
        offered = members
        order = ("is_paired", "user__display_name", "user_id")
    words = search_words(query)
    matches = list(offered.filter(_matching(query)).order_by(*order)[: limit + 1])
    shown = matches[:limit]
    chosen = as_pk(chosen)
    people = shown
    if chosen is not None:
        first = next((m for m in shown if m.user_id == chosen), None)
        if first is None:
            first = members.filter(user_id=chosen).first()
        if first is not None:
            people = [first, *(m for m in shown if m is not first)]
        else:
            chosen = None
    return Candidates(
        cohort=cohort,
        role=role,
        query=" ".join(words),
        people=people,
        found=len(shown),
        more=len(matches) > limit,
        chosen=chosen,
    )


def home_for(user):
    """What a person's home page shows, for each of their roles."""
    partnerships = Partnership.objects.with_people().order_by("status", "-cohort__starts_on")
    memberships = Membership.objects.filter(user=user).select_related("cohort__program")
    coordinated = cohorts_with_counts(
        cohorts_coordinated_by(user).order_by("program__name", "-starts_on")
    )
    as_mentee = list(partnerships.filter(mentee=user))
    as_mentor = list(partnerships.filter(mentor=user))
    paired_cohorts = {p.cohort_id for p in as_mentee} | {p.cohort_id for p in as_mentor}
    waiting = [
        m
        for m in memberships
        if m.role != Membership.Role.COORDINATOR and m.cohort_id not in paired_cohorts
    ]
    return {
        "as_mentee": as_mentee,
        "as_mentor": as_mentor,
        "coordinated_cohorts": coordinated,
        "waiting_memberships": waiting,
        "has_any_role": bool(as_mentee or as_mentor or waiting or coordinated),
    }
