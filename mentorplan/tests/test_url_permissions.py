"""Every URL of the app, requested as every role: the permission walk.

The routes come from the URL resolver, so a new view fails ``test_every_route_is_covered``
until it gets a row in ``ROUTES``, which says what each role gets. The rules live in each
app's permissions.py: anonymous people are sent to sign in, outsiders get 404 and learn
nothing, members lacking the right get 403. Nothing of another program or pair is ever
shown or changed: 404, not a page.

Each write is sent with data a permitted person would really submit, so a refused
request that changes nothing proves the refusal, not an invalid form.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import URLResolver, get_resolver, reverse

from conftest import ROLES
from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.models import Partnership
from mentorplan.programs.models import Cohort, Invitation, Membership, Program
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory

User = get_user_model()

# Expected answers. LOGIN is a 302 to the sign-in page that comes back to the URL.
LOGIN = "login"
REFUSED = {LOGIN, 403, 404, 405}


def status(default, **exceptions):
    """The answer for every role: ``default``, except for the roles named."""
    assert set(exceptions) <= set(ROLES), set(exceptions) - set(ROLES)
    return {role: exceptions.get(role, default) for role in ROLES}


def on_success(expected, code):
    """The same answers, with ``code`` (e.g. a redirect) where a permitted GET gets 200."""
    return {role: code if answer == 200 else answer for role, answer in expected.items()}


# Pages about oneself: any signed-in person.
SIGNED_IN = status(200, anonymous=LOGIN)
# Coordinator pages of Harbour's program or cohorts: its participants know the program
# exists (403); outsiders and Northgate's coordinator do not (404).
HARBOUR_COORDINATOR = status(
    403, anonymous=LOGIN, outsider=404, other_coordinator=404, coordinator=200
)
# The same pages of Northgate: nobody of Harbour learns that the address is real.
NORTHGATE_COORDINATOR = status(404, anonymous=LOGIN, other_coordinator=200)
# @require_POST views answer a signed-in GET with 405.
POST_ONLY = status(405, anonymous=LOGIN)
# A partnership is seen by its pair and the cohort's coordinators; the other pair of
# the same cohort gets 404 like an outsider.
PAIR_VIEWER = status(404, anonymous=LOGIN, mentor=200, mentee=200, coordinator=200)
OTHER_PAIR_VIEWER = status(404, anonymous=LOGIN, other_mentor=200, coordinator=200)
# Ending it is the coordinators' call; the pair know it (403).
PAIR_MANAGER = status(404, anonymous=LOGIN, mentor=403, mentee=403, coordinator=200)
OTHER_PAIR_MANAGER = status(404, anonymous=LOGIN, other_mentor=403, coordinator=200)
# An invitation link is public: whoever holds it may open it, but a person signed in as
# someone else is told to sign out first (403).
INVITATION = status(403, anonymous=200)
NOWHERE = status(404)

# Route name -> {(target, method): answer per role}. Targets are objects of the world,
# see TARGETS; None for routes about the signed-in person.
ROUTES = {
    "home": {(None, "GET"): SIGNED_IN},
    "accounts:profile-edit": {
        (None, "GET"): SIGNED_IN,
        (None, "POST"): on_success(SIGNED_IN, 302),
    },
    "programs:program-detail": {
        ("program", "GET"): HARBOUR_COORDINATOR,
        ("other_program", "GET"): NORTHGATE_COORDINATOR,
    },
    "programs:program-edit": {
        ("program", "GET"): HARBOUR_COORDINATOR,
        ("program", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_program", "GET"): NORTHGATE_COORDINATOR,
        ("other_program", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "programs:cohort-create": {
        ("program", "GET"): HARBOUR_COORDINATOR,
        ("program", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_program", "GET"): NORTHGATE_COORDINATOR,
        ("other_program", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "programs:cohort-edit": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "programs:participant-invite": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    # A successful import answers 200 with its report.
    "programs:participants-import": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("cohort", "POST"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
        ("other_cohort", "POST"): NORTHGATE_COORDINATOR,
    },
    "programs:participants-import-template": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
    },
    "programs:membership-capacity": {
        ("membership", "GET"): HARBOUR_COORDINATOR,
        ("membership", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_membership", "GET"): NORTHGATE_COORDINATOR,
        ("other_membership", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "programs:invitation-resend": {
        ("membership", "GET"): POST_ONLY,
        ("membership", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_membership", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "programs:invitation-accept": {
        ("invitation", "GET"): INVITATION,
        ("invitation", "POST"): on_success(INVITATION, 302),
        ("unknown_invitation", "GET"): NOWHERE,
        ("unknown_invitation", "POST"): NOWHERE,
    },
    "partnerships:cohort-detail": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("sibling_cohort", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
    },
    "partnerships:partnership-create": {
        ("cohort", "GET"): POST_ONLY,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "partnerships:partnership-detail": {
        ("partnership", "GET"): PAIR_VIEWER,
        ("other_partnership", "GET"): OTHER_PAIR_VIEWER,
    },
    "partnerships:partnership-end": {
        ("partnership", "GET"): PAIR_MANAGER,
        ("partnership", "POST"): on_success(PAIR_MANAGER, 302),
        ("other_partnership", "GET"): OTHER_PAIR_MANAGER,
        ("other_partnership", "POST"): on_success(OTHER_PAIR_MANAGER, 302),
    },
}

# Routes of third-party apps, by where they are mounted and how they are named, with why
# the walk leaves them out. A new app or mount point matches neither list and fails.
THIRD_PARTY = {
    ("accounts/", "account_"): "allauth: the public sign-in, sign-out and password pages "
    "(sign-up is closed by AccountAdapter)",
    ("admin/", "admin:"): "admin: staff only, guarded by the admin site itself "
    "(test_admin_is_for_staff_only)",
}


@dataclass
class Scene:
    """The shared world plus what some routes act on: free people, Northgate members, links."""

    world: object
    sibling_cohort: Cohort
    unpaired_mentee: object
    membership: Membership
    other_membership: Membership
    other_mentee: object
    invitation: Invitation
    token: str


@pytest.fixture
def scene(world):
    w = world
    # A second Harbour cohort with nobody of the world in it.
    sibling_cohort = CohortFactory(program=w.program, name="2025 Partnerships")
    unpaired_mentee = UserFactory(email="una@example.org", display_name="Una Unpaired")
    MembershipFactory(user=unpaired_mentee, cohort=w.cohort, role=Membership.Role.MENTEE)
    membership = w.cohort.memberships.get(user=w.mentor)
    # Northgate's cohort gets a mentor and a mentee, so its writes have someone to act on.
    north_mentor = UserFactory(email="nell@example.edu", display_name="Nell North")
    other_membership = MembershipFactory(
        user=north_mentor, cohort=w.other_cohort, role=Membership.Role.MENTOR
    )
    other_mentee = UserFactory(email="nico@example.edu", display_name="Nico North")
    MembershipFactory(user=other_mentee, cohort=w.other_cohort, role=Membership.Role.MENTEE)
    # Both mentors were invited, so a resend makes a new link.
    for m in (membership, other_membership):
        Invitation.objects.create(membership=m, invited_by=w.coordinator).issue_token()
    # Someone invited who has no password yet: the accept page asks them to choose one.
    invitee = UserFactory(email="ivy@example.org", display_name="Ivy Invitee")
    invitee.set_unusable_password()
    invitee.save()
    invitation = Invitation.objects.create(
        membership=MembershipFactory(user=invitee, cohort=w.cohort),
        invited_by=w.coordinator,
    )
    token = invitation.issue_token()
    return Scene(
        world=w,
        sibling_cohort=sibling_cohort,
        unpaired_mentee=unpaired_mentee,
        membership=membership,
        other_membership=other_membership,
        other_mentee=other_mentee,
        invitation=invitation,
        token=token,
    )


# Target -> (object, URL kwargs, texts that identify it). No refusal may show any of the
# texts; every HTML page of the object shows the first one.
TARGETS = {
    None: lambda s: (None, {}, []),
    "program": lambda s: (s.world.program, {"slug": "harbour"}, ["Harbour City Mentoring"]),
    "other_program": lambda s: (
        s.world.other_program,
        {"slug": "northgate"},
        ["Northgate University"],
    ),
    "cohort": lambda s: (s.world.cohort, {"pk": s.world.cohort.pk}, ["2026 Partnerships"]),
    "sibling_cohort": lambda s: (
        s.sibling_cohort,
        {"pk": s.sibling_cohort.pk},
        ["2025 Partnerships"],
    ),
    "other_cohort": lambda s: (
        s.world.other_cohort,
        {"pk": s.world.other_cohort.pk},
        ["2026 Fellows", "Nell North"],
    ),
    "membership": lambda s: (s.membership, {"pk": s.membership.pk}, ["Mina Mentor"]),
    "other_membership": lambda s: (
        s.other_membership,
        {"pk": s.other_membership.pk},
        ["Nell North"],
    ),
    "partnership": lambda s: (
        s.world.partnership,
        {"pk": s.world.partnership.pk},
        ["Mo Mentee", "Mina Mentor"],
    ),
    "other_partnership": lambda s: (
        s.world.other_partnership,
        {"pk": s.world.other_partnership.pk},
        ["Olga Mentee", "Otto Mentor"],
    ),
    "invitation": lambda s: (s.invitation, {"token": s.token}, ["Ivy Invitee"]),
    # A link that was never issued (or was replaced): nobody learns anything from it.
    "unknown_invitation": lambda s: (s.invitation, {"token": "no-such-link"}, ["Ivy Invitee"]),
}


@dataclass(frozen=True)
class Write:
    data: Callable  # (scene, object) -> what a permitted person would submit
    state: Callable  # (scene, object) -> what that submission changes


def _free_pair(s, cohort):
    if cohort == s.world.cohort:
        return {"mentor": s.world.mentor.pk, "mentee": s.unpaired_mentee.pk}
    return {"mentor": s.other_membership.user_id, "mentee": s.other_mentee.pk}


def _cohort_data(s, cohort):
    return {
        "name": "Renamed cohort",
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "meeting_cadence": Cohort.Cadence.MONTHLY,
    }


NEWCOMER = {"email": "nia@example.org", "display_name": "Nia Newcomer", "role": "mentee"}

WRITES = {
    "accounts:profile-edit": Write(
        data=lambda s, _: {"display_name": "Renamed Person", "time_zone": "UTC"},
        state=lambda s, _: sorted(User.objects.values_list("display_name", flat=True)),
    ),
    "programs:program-edit": Write(
        data=lambda s, program: {"name": "Renamed program", "description": "New words."},
        state=lambda s, program: Program.objects.get(pk=program.pk).name,
    ),
    "programs:cohort-create": Write(
        data=lambda s, program: {
            "name": "2027 Intake",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "meeting_cadence": Cohort.Cadence.MONTHLY,
        },
        state=lambda s, program: program.cohorts.count(),
    ),
    "programs:cohort-edit": Write(
        data=_cohort_data,
        state=lambda s, cohort: Cohort.objects.get(pk=cohort.pk).name,
    ),
    "programs:participant-invite": Write(
        data=lambda s, cohort: NEWCOMER,
        state=lambda s, cohort: cohort.memberships.count(),
    ),
    "programs:participants-import": Write(
        data=lambda s, cohort: {
            "csv_text": "email,name,role\n{email},{display_name},{role}\n".format(**NEWCOMER)
        },
        state=lambda s, cohort: cohort.memberships.count(),
    ),
    "programs:membership-capacity": Write(
        data=lambda s, membership: {"capacity": 7},
        state=lambda s, membership: Membership.objects.get(pk=membership.pk).capacity,
    ),
    # A resend makes a new link (the task runs at once in tests), so the hash changes.
    "programs:invitation-resend": Write(
        data=lambda s, membership: {},
        state=lambda s, membership: Invitation.objects.get(membership=membership).token_hash,
    ),
    "programs:invitation-accept": Write(
        data=lambda s, invitation: {
            "display_name": "Ivy Invitee",
            "time_zone": "UTC",
            "password1": "plum orchard lantern 47",
            "password2": "plum orchard lantern 47",
        },
        state=lambda s, invitation: (
            Invitation.objects.get(pk=invitation.pk).accepted_at,
            User.objects.get(pk=invitation.membership.user_id).has_usable_password(),
        ),
    ),
    "partnerships:partnership-create": Write(
        data=_free_pair,
        state=lambda s, cohort: cohort.partnerships.count(),
    ),
    "partnerships:partnership-end": Write(
        data=lambda s, partnership: {"status": "completed", "reason": "They met their goals."},
        state=lambda s, partnership: Partnership.objects.get(pk=partnership.pk).status,
    ),
}


def walk(patterns, namespace="", prefix=""):
    """Yield (name with its namespaces, path) for every route, following includes."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        else:
            path = prefix + str(entry.pattern)
            # An unnamed route cannot get a row in ROUTES, so it fails until it is named.
            yield f"{namespace}{entry.name or f'<unnamed {path}>'}", path


def third_party_reason(name, path):
    for (path_prefix, name_prefix), reason in THIRD_PARTY.items():
        if path.startswith(path_prefix) and name.startswith(name_prefix):
            return reason
    return None


def test_every_route_is_covered():
    routes = list(walk(get_resolver().url_patterns))
    ours = {name for name, path in routes if third_party_reason(name, path) is None}
    uncovered = sorted(ours - ROUTES.keys())
    assert not uncovered, f"routes nobody walks, add them to ROUTES: {uncovered}"
    unknown = sorted(ROUTES.keys() - ours)
    assert not unknown, f"ROUTES names routes the resolver does not have: {unknown}"
    for (path_prefix, name_prefix), reason in THIRD_PARTY.items():
        assert any(p.startswith(path_prefix) and n.startswith(name_prefix) for n, p in routes), (
            f"stale THIRD_PARTY entry: {reason}"
        )


def test_every_write_checks_the_database():
    posted = {route for route, rows in ROUTES.items() for _, method in rows if method == "POST"}
    assert posted == WRITES.keys()


CASES = [
    pytest.param(
        route,
        target,
        method,
        role,
        expected,
        id=f"{route}{f'[{target}]' if target else ''}-{method}-{role}",
    )
    for route, rows in ROUTES.items()
    for (target, method), answers in rows.items()
    for role, expected in answers.items()
]


@pytest.mark.parametrize(("route", "target", "method", "role", "expected"), CASES)
def test_permission(
    scene, client_as, django_capture_on_commit_callbacks, route, target, method, role, expected
):
    obj, kwargs, texts = TARGETS[target](scene)
    url = reverse(route, kwargs=kwargs)
    write = WRITES.get(route)
    before = write.state(scene, obj) if write else None
    emails = len(mail.outbox)
    client = client_as(scene.world.user(role))

    # Run on-commit work (invitation emails) as production would, so a refused request
    # that queued an email would show.
    send, data = (client.post, write.data(scene, obj)) if method == "POST" else (client.get, None)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(url, data)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={quote(url)}"
    else:
        assert response.status_code == expected
    content = response.content.decode()
    html = response["Content-Type"].startswith("text/html")
    if expected in REFUSED:
        # 404, not a page: a refusal says nothing about the object.
        for text in texts:
            assert text not in content
        assert len(mail.outbox) == emails
    elif expected == 200 and method == "GET" and html and texts:
        # The object's pages do show it, so its absence from a refusal means something.
        assert texts[0] in content
    if write:
        changed = method == "POST" and expected not in REFUSED
        assert (write.state(scene, obj) != before) == changed


# What each person's home page must show, and must not show of other pairs and programs.
HOME = {
    "outsider": (
        [],
        ["Harbour City Mentoring", "2026 Partnerships", "Northgate University", "Mina Mentor"],
    ),
    "mentee": (["Mina Mentor"], ["Otto Mentor", "Olga Mentee", "Northgate University"]),
    "mentor": (["Mo Mentee"], ["Otto Mentor", "Olga Mentee", "Northgate University"]),
    "other_mentor": (["Olga Mentee"], ["Mina Mentor", "Mo Mentee", "Northgate University"]),
    "other_coordinator": (
        ["2026 Fellows"],
        ["Harbour City Mentoring", "2026 Partnerships", "Mina Mentor", "Otto Mentor"],
    ),
    "coordinator": (["2026 Partnerships"], ["Northgate University", "2026 Fellows"]),
}


@pytest.mark.parametrize("role", HOME)
def test_home_shows_nothing_of_others(world, client_as, role):
    shown, hidden = HOME[role]
    content = client_as(world.user(role)).get(reverse("home")).content.decode()
    for text in shown:
        assert text in content
    for text in hidden:
        assert text not in content


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(world, client_as, role):
    index = reverse("admin:index")
    response = client_as(world.user(role)).get(index)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={index}"


def test_admin_opens_for_staff(client_as, db):
    staff = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    assert client_as(staff).get(reverse("admin:index")).status_code == 200


def test_sign_in_is_public(client, db):
    assert client.get(reverse("account_login")).status_code == 200
