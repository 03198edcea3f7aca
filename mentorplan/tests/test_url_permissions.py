"""Every URL of the app, requested as every role: the permission walk.

The routes come from the URL resolver, so a new view fails ``test_every_route_is_covered``
until it gets a row in ``ROUTES``, which says what each role gets. The rules live in each
app's permissions.py: anonymous people are sent to sign in, outsiders get 404 and learn
nothing, members lacking the right get 403. Nothing of another program or pair is ever
shown or changed: 404, not a page.

Each write is sent with data a permitted person would really submit, so a refused
request that changes nothing proves the refusal, not an invalid form.

Plans add two kinds of page: the whole plan (READS: every word the pair wrote) and its
progress (PROGRESS: not one of them), and words some people must never see anywhere:
other pairs' plans, and requests for help they did not raise (``NEVER_SEEN``).
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.meetings import services as services_meetings
from mentorplan.meetings.models import (
    ActionItem,
    CheckIn,
    Meeting,
    MeetingNotes,
    MeetingSeries,
    PrivateNote,
    Topic,
)
from mentorplan.meetings.tests.factories import (
    ActionItemFactory,
    MeetingFactory,
    NotesFactory,
    TopicFactory,
    in_days,
)
from mentorplan.notifications import services as notification_services
from mentorplan.notifications.kinds import KINDS
from mentorplan.notifications.models import (
    CalendarFeed,
    CohortEmailDefault,
    CohortReminderSettings,
    EmailPreference,
    Notification,
)
from mentorplan.notifications.preferences import UNSUBSCRIBE_SALT, unsubscribe_token
from mentorplan.partnerships.models import Partnership
from mentorplan.partnerships.tests.factories import PartnershipFactory
from mentorplan.plans import services as plan_services
from mentorplan.plans.agreement import agreement_terms
from mentorplan.plans.models import (
    ActionPlan,
    Agreement,
    Barrier,
    Comment,
    Expectations,
    Goal,
    HelpRequest,
    LearningActivity,
    LearningObjective,
    MentorSide,
    Milestone,
    StarterItem,
    SuccessMeasure,
    Suggestion,
)
from mentorplan.plans.tests.factories import (
    ActivityFactory,
    BarrierFactory,
    CommentFactory,
    GoalFactory,
    MeasureFactory,
    MilestoneFactory,
    ObjectiveFactory,
)
from mentorplan.programs.models import Cohort, Invitation, Membership, Program
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory
from mentorplan.reports.models import (
    HealthPolicy,
    Nudge,
    Reflection,
    ReflectionWindow,
    SharedPractice,
)
from mentorplan.tests.roles import ROLES

User = get_user_model()

# Expected answers. LOGIN is a 302 to the sign-in page that comes back to the URL.
# READS is a plan's page with all of it: 200, showing every word the pair wrote.
# PROGRESS is a plan's progress page: 200, naming the pair, without a word of the plan.
LOGIN = "login"
READS = "reads"
PROGRESS = "progress"
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
# An address that names no such thing (a part kind, a direction, a decision, an id):
# 404 for everyone signed in, whatever their rights.
NO_SUCH = status(404, anonymous=LOGIN)


def ours(mentee, mentor, coordinator):
    """Answers about the world's pair (Mo and Mina): nobody else learns that it exists."""
    return status(404, anonymous=LOGIN, mentee=mentee, mentor=mentor, coordinator=coordinator)


def theirs(mentor, coordinator):
    """Answers about the other pair of the cohort (Otto's): Mo and Mina get 404 too."""
    return status(404, anonymous=LOGIN, other_mentor=mentor, coordinator=coordinator)


# Plans (rules in plans/permissions.py). The mentee writes the plan; the mentor reads it
# and writes their side once it is shared; the coordinator sees its progress only.
MENTEE_PAGE = ours(200, 403, 403)
MENTEE_WRITE = ours(302, 403, 403)
PAIR_PAGE = ours(200, 200, 403)
PAIR_WRITE = ours(302, 302, 403)
MENTOR_PAGE = ours(403, 200, 403)
MENTOR_WRITE = ours(403, 302, 403)
# An ended partnership's plan, or a step the plan's state does not allow yet.
NOBODY_WRITES = ours(403, 403, 403)
THEIR_MENTOR_PAGE = theirs(200, 403)
THEIR_MENTOR_WRITE = theirs(302, 403)
# Otto is the mentor of his own pair's plan: the mentee's side is not his to write.
THEIR_MENTEE_SIDE = theirs(403, 403)
# A part of the other pair's plan named under Mo's plan: not in this plan, so 404 for
# whoever may edit here; the others are refused before the part is looked up.
FOREIGN_PART = ours(404, 403, 403)

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
    # The pair form's search: the cohort's people, so the cohort page's answers.
    "partnerships:mentor-search": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
    },
    "partnerships:mentee-search": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
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

# The plans app. Targets name the world's plan in a state ("draft", "shared", "readable"
# when the program lets coordinators read plans, "ended" partnerships, "unstarted" before
# the mentee first opens it), the other pair's plan ("theirs"), a Northgate pair's
# ("north"), and after a colon one part of that plan; "their-<part>" is a part of the
# other pair's plan named under Mo's plan. See plan_target().
MENTEE_PARTS = ("goal", "objective", "activity", "milestone", "barrier")
TAKE_PART = {
    ("shared", "GET"): POST_ONLY,
    ("shared", "POST"): PAIR_WRITE,
    ("readable", "POST"): PAIR_WRITE,
    ("draft", "POST"): NOBODY_WRITES,
    ("ended", "POST"): NOBODY_WRITES,
    ("theirs", "POST"): THEIR_MENTOR_WRITE,
}
# The plan's print, timeline and "what changed" pages answer as the plan page does
# (issue #11): its progress to a member who may not read the plan or comes before the
# mentee started it, 404 to outsiders. READS there means every word of the plan, which
# these pages do not all show: 200 with the plan's first words is their READS.
PLAN_PAGE = {
    ("draft", "GET"): ours(READS, PROGRESS, PROGRESS),
    ("shared", "GET"): ours(READS, READS, PROGRESS),
    ("readable", "GET"): ours(READS, READS, READS),
    ("readable-draft", "GET"): ours(READS, PROGRESS, PROGRESS),
    ("ended", "GET"): ours(READS, READS, PROGRESS),
    # The mentee's first visit starts the plan; before that the others see a
    # progress page that says so. An ended partnership never gets one.
    ("unstarted", "GET"): ours(200, PROGRESS, PROGRESS),
    ("ended-unstarted", "GET"): ours(PROGRESS, PROGRESS, PROGRESS),
    ("theirs", "GET"): theirs(READS, PROGRESS),
    ("north", "GET"): status(404, anonymous=LOGIN, other_coordinator=PROGRESS),
}
PLAN_SUBPAGE = {
    target: {role: 200 if answer == READS else answer for role, answer in answers.items()}
    for target, answers in PLAN_PAGE.items()
}
ROUTES |= {
    "plans:plan-detail": PLAN_PAGE,
    "plans:plan-changes": PLAN_SUBPAGE,
    "plans:plan-print": PLAN_SUBPAGE,
    "plans:plan-timeline": PLAN_SUBPAGE,
}
ROUTES |= {
    "plans:plan-share": {
        ("draft", "GET"): POST_ONLY,
        ("draft", "POST"): MENTEE_WRITE,
        ("readable-draft", "POST"): MENTEE_WRITE,
        ("ended-draft", "POST"): NOBODY_WRITES,
        ("theirs", "POST"): THEIR_MENTEE_SIDE,
    },
    "plans:understanding-respond": {
        ("shared", "GET"): POST_ONLY,
        ("shared", "POST"): MENTEE_WRITE,
        # Nothing to confirm before the mentor has read the plan.
        ("draft", "POST"): NOBODY_WRITES,
        ("ended", "POST"): NOBODY_WRITES,
        ("theirs", "POST"): THEIR_MENTEE_SIDE,
    },
    "plans:agreement-sign": TAKE_PART,
    "plans:comment-add": TAKE_PART,
    "plans:goal-move": {
        ("draft:second-goal", "GET"): POST_ONLY,
        ("draft:second-goal", "POST"): MENTEE_WRITE,
        ("shared:second-goal", "POST"): MENTEE_WRITE,
        ("ended:second-goal", "POST"): NOBODY_WRITES,
        ("theirs:second-goal", "POST"): THEIR_MENTEE_SIDE,
        ("draft:their-second-goal", "POST"): FOREIGN_PART,
        ("draft:sideways", "POST"): NO_SUCH,
    },
    "plans:measure-agree": {
        ("shared:proposed", "GET"): POST_ONLY,
        ("shared:proposed", "POST"): MENTEE_WRITE,
        ("ended:proposed", "POST"): NOBODY_WRITES,
        ("theirs:proposed", "POST"): THEIR_MENTEE_SIDE,
        ("shared:their-proposed", "POST"): FOREIGN_PART,
    },
    # The mentor's proposal to remove a measure both agreed on: the mentee removes it or
    # keeps it; the mentor may withdraw it (keep it) too.
    "plans:measure-remove": {
        ("shared:measure", "GET"): POST_ONLY,
        ("shared:measure", "POST"): MENTEE_WRITE,
        ("ended:measure", "POST"): NOBODY_WRITES,
        ("theirs:measure", "POST"): THEIR_MENTEE_SIDE,
        ("shared:their-measure", "POST"): FOREIGN_PART,
    },
    "plans:measure-keep": {
        ("shared:measure", "GET"): POST_ONLY,
        ("shared:measure", "POST"): PAIR_WRITE,
        ("ended:measure", "POST"): NOBODY_WRITES,
        ("theirs:measure", "POST"): THEIR_MENTOR_WRITE,
        ("shared:their-measure", "POST"): ours(404, 404, 403),
    },
    "plans:help-request-create": {
        ("draft", "GET"): MENTEE_PAGE,
        ("draft", "POST"): MENTEE_WRITE,
        ("shared", "GET"): PAIR_PAGE,
        ("shared", "POST"): PAIR_WRITE,
        ("ended", "GET"): NOBODY_WRITES,
        ("ended", "POST"): NOBODY_WRITES,
        ("theirs", "GET"): THEIR_MENTOR_PAGE,
        ("theirs", "POST"): THEIR_MENTOR_WRITE,
    },
    # Confidential: the person who asked and the cohort's coordinators, who answer it.
    # Not the other partner (404, as if there were no request).
    "plans:help-request-detail": {
        ("help:mentee", "GET"): status(404, anonymous=LOGIN, mentee=200, coordinator=200),
        ("help:mentee", "POST"): status(404, anonymous=LOGIN, mentee=403, coordinator=302),
        ("help:mentor", "GET"): status(404, anonymous=LOGIN, mentor=200, coordinator=200),
        ("help:mentor", "POST"): status(404, anonymous=LOGIN, mentor=403, coordinator=302),
        ("help:theirs", "GET"): status(404, anonymous=LOGIN, other_mentor=200, coordinator=200),
        ("help:theirs", "POST"): status(404, anonymous=LOGIN, other_mentor=403, coordinator=302),
        ("help:north", "GET"): status(404, anonymous=LOGIN, other_coordinator=200),
        ("help:north", "POST"): status(404, anonymous=LOGIN, other_coordinator=302),
        ("help:unknown", "GET"): NO_SUCH,
        ("help:unknown", "POST"): NO_SUCH,
    },
    # The coordinators' inbox: every request of the cohorts they run. The pairs belong
    # to a cohort and know it exists (403); the outsider learns nothing (404).
    "plans:help-inbox": {
        (None, "GET"): status(
            403, anonymous=LOGIN, outsider=404, other_coordinator=200, coordinator=200
        ),
    },
    # Marking handled and reopening are the answer's: the cohort's coordinators. The one
    # who asked is refused (403), the other partner learns nothing (404).
    "plans:help-request-handle": {
        ("help:mentee", "GET"): POST_ONLY,
        ("help:mentee", "POST"): status(404, anonymous=LOGIN, mentee=403, coordinator=302),
        ("help:mentor", "POST"): status(404, anonymous=LOGIN, mentor=403, coordinator=302),
        ("help:theirs", "POST"): status(404, anonymous=LOGIN, other_mentor=403, coordinator=302),
        ("help:north", "POST"): status(404, anonymous=LOGIN, other_coordinator=302),
        ("help:unknown", "POST"): NO_SUCH,
    },
    "plans:help-request-reopen": {
        ("help:mentee-handled", "GET"): POST_ONLY,
        ("help:mentee-handled", "POST"): status(404, anonymous=LOGIN, mentee=403, coordinator=302),
        ("help:mentor-handled", "POST"): status(404, anonymous=LOGIN, mentor=403, coordinator=302),
        ("help:theirs-handled", "POST"): status(
            404, anonymous=LOGIN, other_mentor=403, coordinator=302
        ),
        ("help:north-handled", "POST"): status(404, anonymous=LOGIN, other_coordinator=302),
        ("help:unknown", "POST"): NO_SUCH,
    },
    "plans:suggestion-decide": {
        ("draft:suggestion", "GET"): POST_ONLY,
        ("draft:suggestion", "POST"): MENTEE_WRITE,
        ("shared:suggestion", "POST"): MENTEE_WRITE,
        ("ended:suggestion", "POST"): NOBODY_WRITES,
        ("theirs:suggestion", "POST"): THEIR_MENTEE_SIDE,
        ("draft:their-suggestion", "POST"): FOREIGN_PART,
        ("draft:maybe", "POST"): NO_SUCH,
    },
    "plans:cohort-starter": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "plans:starter-item-delete": {
        ("starter", "GET"): POST_ONLY,
        ("starter", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_starter", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
        # Northgate's item under Harbour's cohort: not in this starter plan.
        ("foreign_starter", "POST"): status(
            403, anonymous=LOGIN, outsider=404, other_coordinator=404, coordinator=404
        ),
    },
    "plans:part-create": {
        **{(f"draft:{part}", "GET"): MENTEE_PAGE for part in MENTEE_PARTS},
        **{(f"draft:{part}", "POST"): MENTEE_WRITE for part in MENTEE_PARTS},
        # Success measures: the mentee adds them, the mentor proposes them once shared.
        ("draft:measure", "GET"): MENTEE_PAGE,
        ("draft:measure", "POST"): MENTEE_WRITE,
        ("shared:measure", "GET"): PAIR_PAGE,
        ("shared:measure", "POST"): PAIR_WRITE,
        ("readable:goal", "POST"): MENTEE_WRITE,
        # The mentee's first write starts the plan, as their first visit does.
        ("unstarted:goal", "POST"): MENTEE_WRITE,
        ("ended-unstarted:goal", "POST"): NOBODY_WRITES,
        ("ended:goal", "POST"): NOBODY_WRITES,
        ("ended:measure", "POST"): NOBODY_WRITES,
        ("theirs:goal", "POST"): THEIR_MENTEE_SIDE,
        ("theirs:measure", "POST"): THEIR_MENTOR_WRITE,
        # One-per-plan parts are edited, not added.
        ("shared:expectations", "GET"): NO_SUCH,
        ("shared:mentor-side", "POST"): NO_SUCH,
        ("draft:treasure", "GET"): NO_SUCH,
    },
    "plans:part-edit": {
        **{(f"draft:{part}", "GET"): MENTEE_PAGE for part in MENTEE_PARTS},
        **{(f"draft:{part}", "POST"): MENTEE_WRITE for part in MENTEE_PARTS},
        **{(f"draft:their-{part}", "GET"): FOREIGN_PART for part in MENTEE_PARTS},
        **{(f"draft:their-{part}", "POST"): FOREIGN_PART for part in MENTEE_PARTS},
        ("draft:measure", "GET"): MENTEE_PAGE,
        ("draft:measure", "POST"): MENTEE_WRITE,
        ("shared:measure", "GET"): PAIR_PAGE,
        ("shared:measure", "POST"): PAIR_WRITE,
        ("shared:their-measure", "GET"): ours(404, 404, 403),
        ("shared:their-measure", "POST"): ours(404, 404, 403),
        ("readable:goal", "POST"): MENTEE_WRITE,
        ("ended:goal", "POST"): NOBODY_WRITES,
        ("ended:measure", "POST"): NOBODY_WRITES,
        ("theirs:goal", "GET"): THEIR_MENTEE_SIDE,
        ("theirs:goal", "POST"): THEIR_MENTEE_SIDE,
        ("theirs:measure", "POST"): THEIR_MENTOR_WRITE,
        ("draft:treasure", "GET"): NO_SUCH,
    },
    "plans:part-edit-single": {
        ("draft:expectations", "GET"): MENTEE_PAGE,
        ("draft:expectations", "POST"): MENTEE_WRITE,
        ("shared:expectations", "POST"): MENTEE_WRITE,
        # The mentor writes their side once the plan is shared with them.
        ("draft:mentor-side", "GET"): NOBODY_WRITES,
        ("draft:mentor-side", "POST"): NOBODY_WRITES,
        ("shared:mentor-side", "GET"): MENTOR_PAGE,
        ("shared:mentor-side", "POST"): MENTOR_WRITE,
        ("readable:mentor-side", "POST"): MENTOR_WRITE,
        ("ended:mentor-side", "POST"): NOBODY_WRITES,
        ("ended:expectations", "POST"): NOBODY_WRITES,
        ("theirs:mentor-side", "GET"): THEIR_MENTOR_PAGE,
        ("theirs:mentor-side", "POST"): THEIR_MENTOR_WRITE,
        ("theirs:expectations", "POST"): THEIR_MENTEE_SIDE,
        # A plan has many goals: no goal is "the" goal.
        ("draft:goal", "GET"): ours(404, 403, 403),
        ("draft:treasure", "GET"): NO_SUCH,
    },
    "plans:part-delete": {
        ("draft:goal", "GET"): POST_ONLY,
        **{(f"draft:{part}", "POST"): MENTEE_WRITE for part in MENTEE_PARTS},
        **{(f"draft:their-{part}", "POST"): FOREIGN_PART for part in MENTEE_PARTS},
        ("shared:measure", "POST"): PAIR_WRITE,
        ("shared:their-measure", "POST"): ours(404, 404, 403),
        ("ended:goal", "POST"): NOBODY_WRITES,
        ("theirs:goal", "POST"): THEIR_MENTEE_SIDE,
        ("theirs:measure", "POST"): THEIR_MENTOR_WRITE,
        ("draft:expectations", "POST"): NO_SUCH,
        ("shared:mentor-side", "POST"): NO_SUCH,
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


# What each pair wrote, in words found nowhere else, so a page that shows one shows a
# plan. "ours" is Mo's plan (with Mina), "theirs" Olga's (with Otto), "north" a
# Northgate pair's.
PLAN_WORDS = {
    "ours": {
        "goal": "Chart the spring tides",
        "second-goal": "Brief the ferry crews",
        "objective": "Read tide tables fluently",
        "activity": "Shadow the pilot boat",
        "milestone": "First solo crossing",
        "barrier": "Night shifts clash with our calls",
        "measure": "Three crossings logged",
        "proposed": "Crews rate my briefings highly",
        "expectations": "Rota planning and sea charts",
        "mentor-side": "Wants to lead crews calmly",
        "comment": "Lovely idea about the tides",
    },
    "theirs": {
        "goal": "Graft the old apple trees",
        "second-goal": "Run the cider press",
        "objective": "Prune without a ladder",
        "activity": "Visit the seed bank",
        "milestone": "First harvest sold",
        "barrier": "Frost in late April",
        "measure": "Ten trees grafted",
        "proposed": "Sell at two markets",
        "expectations": "Pruning and selling fruit",
        "mentor-side": "Wants an orchard of her own",
        "comment": "Great pruning calendar",
    },
    "north": {
        "goal": "Catalogue the map room",
        "second-goal": "Restore the atlas bindings",
        "objective": "Date old maps by their paper",
        "activity": "Work a week at the archive",
        "milestone": "Map room reopened",
        "barrier": "The reading room closes early",
        "measure": "Two hundred maps listed",
        "proposed": "Visitors find maps unaided",
        "expectations": "Archives and conservation",
        "mentor-side": "Wants to become an archivist",
        "comment": "The atlas photos are superb",
    },
}
# Requests for help, confidential to whoever raised them and the coordinators.
HELP_WORDS = {
    "mentee": "Our meetings keep getting cancelled",
    "mentor": "My mentee has gone quiet lately",
    "theirs": "The orchard visits have stopped",
    "north": "The map room key went missing",
}
# What each person must never see on any page of the walk, whatever the route: other
# pairs' plans, and requests for help they did not raise and do not answer. Mo's own
# plan is hidden from the coordinator and (while a draft) from Mina by PROGRESS.
ALL_SECRETS = {*PLAN_WORDS, *(f"help:{name}" for name in HELP_WORDS)}
NEVER_SEEN = {
    "anonymous": ALL_SECRETS,
    "outsider": ALL_SECRETS,
    "mentee": ALL_SECRETS - {"ours", "help:mentee"},
    "mentor": ALL_SECRETS - {"ours", "help:mentor"},
    "other_mentor": ALL_SECRETS - {"theirs", "help:theirs"},
    "other_coordinator": ALL_SECRETS - {"help:north"},
    "coordinator": ALL_SECRETS - {"ours", "help:mentee", "help:mentor", "help:theirs"},
}


def secrets_hidden_from(role):
    for name in NEVER_SEEN[role]:
        if name.startswith("help:"):
            yield HELP_WORDS[name.removeprefix("help:")]
        else:
            yield from PLAN_WORDS[name].values()


@dataclass
class Plans:
    """The three pairs' plans, their parts by name, requests for help and starter items."""

    pairs: dict  # "ours", "theirs", "north" -> Partnership
    parts: dict = field(default_factory=dict)  # pair -> {part name: object}
    help: dict = field(default_factory=dict)  # HELP_WORDS key -> HelpRequest
    starter: StarterItem | None = None
    north_starter: StarterItem | None = None

    def pair_of(self, partnership):
        return next(name for name, p in self.pairs.items() if p.pk == partnership.pk)


def write_plan(partnership, words):
    """The partnership's plan with one of each part, in the given words.

    The mentor's parts (their side, a comment) are there even while it is a draft, as
    if written before: a draft must hide them too.
    """
    plan = plan_services.plan_for_mentee(partnership)
    goal = GoalFactory(plan=plan, statement=words["goal"])
    parts = {
        "goal": goal,
        "second-goal": GoalFactory(plan=plan, statement=words["second-goal"]),
        "objective": ObjectiveFactory(plan=plan, statement=words["objective"]),
        "activity": ActivityFactory(plan=plan, title=words["activity"]),
        "milestone": MilestoneFactory(plan=plan, title=words["milestone"]),
        "barrier": BarrierFactory(plan=plan, description=words["barrier"]),
        "measure": MeasureFactory(goal=goal, description=words["measure"]),
        "proposed": MeasureFactory(
            goal=goal,
            description=words["proposed"],
            proposed_by=SuccessMeasure.ProposedBy.MENTOR,
            agreed=False,
        ),
        "expectations": plan.expectations,
        "mentor-side": plan.mentor_side,
    }
    Expectations.objects.filter(plan=plan).update(guidance_areas=words["expectations"])
    MentorSide.objects.filter(plan=plan).update(understanding=words["mentor-side"])
    CommentFactory(plan=plan, author=partnership.mentor, body=words["comment"])
    return parts


def build_plans(w, north_cohort):
    north = PartnershipFactory(
        cohort=north_cohort,
        mentor=UserFactory(email="noor@example.edu", display_name="Noor Northgate"),
        mentee=UserFactory(email="nils@example.edu", display_name="Nils Northgate"),
    )
    plans = Plans(pairs={"ours": w.partnership, "theirs": w.other_partnership, "north": north})
    for name, partnership in plans.pairs.items():
        plans.parts[name] = write_plan(partnership, PLAN_WORDS[name])
    # Mo's plan stays a draft; the targets share or end it as they need.
    plan_services.plan_share(
        plan=w.other_partnership.plan, by=w.other_partnership.plan.partnership.mentee
    )
    plan_services.plan_share(plan=north.plan, by=north.plan.partnership.mentee)
    for name, plan, user in [
        ("mentee", w.partnership.plan, w.mentee),
        ("mentor", w.partnership.plan, w.mentor),
        ("theirs", w.other_partnership.plan, w.other_mentor),
        ("north", north.plan, north.mentee),
    ]:
        plans.help[name] = plan_services.help_request_raise(
            plan=plan, user=user, message=HELP_WORDS[name]
        )
    # Added after the plans began, so each of the cohort's plans is offered it.
    plans.starter = StarterItem(kind=StarterItem.Kind.GOAL, text="Practise active listening")
    plan_services.starter_item_add(cohort=w.cohort, item=plans.starter, offer_to_existing=True)
    for name in ("ours", "theirs"):
        plans.parts[name]["suggestion"] = plans.pairs[name].plan.suggestions.get()
    plans.north_starter = StarterItem(kind=StarterItem.Kind.GOAL, text="Keep a reading log")
    plan_services.starter_item_add(
        cohort=north_cohort, item=plans.north_starter, offer_to_existing=False
    )
    return plans


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
    plans: Plans


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
    plans = build_plans(w, w.other_cohort)
    return Scene(
        world=w,
        sibling_cohort=sibling_cohort,
        unpaired_mentee=unpaired_mentee,
        membership=membership,
        other_membership=other_membership,
        other_mentee=other_mentee,
        invitation=invitation,
        token=token,
        plans=plans,
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


@dataclass
class PlanSpot:
    """Where a plan URL points: the partnership, the kind of part, and the part itself."""

    partnership: Partnership
    kind: str | None
    part: object | None


def enter(s, state) -> Partnership:
    """Put the world's plan in ``state`` and return the partnership whose plan is walked."""
    if state in ("theirs", "north"):
        return s.plans.pairs[state]
    partnership = Partnership.objects.get(pk=s.world.partnership.pk)
    if "unstarted" in state:
        ActionPlan.objects.filter(partnership=partnership).delete()
    if state in ("shared", "readable", "ended"):
        plan_services.plan_share(plan=partnership.plan, by=partnership.plan.partnership.mentee)
    if "readable" in state:
        Program.objects.filter(pk=s.world.program.pk).update(coordinators_read_plans=True)
    if "ended" in state:
        partnership.end(status=Partnership.Status.COMPLETED)
    return partnership


def plan_target(state, part=None, *, foreign=False, **url):
    """A plan in ``state``; with ``part``, one of its parts (of the other pair's if foreign).

    The URL kwargs hold all that a plan route may name; each route takes its own. Texts:
    the plan's address (on every page of it), then all its pair wrote.
    """

    def target(s):
        partnership = enter(s, state)
        pair = s.plans.pair_of(partnership)
        words = list(PLAN_WORDS[pair].values())
        obj = None
        if part and "unstarted" not in state:
            obj = s.plans.parts["theirs" if foreign else pair][part]
        if foreign:
            words += PLAN_WORDS["theirs"].values()
        kwargs = {"pk": partnership.pk, "kind": part, "direction": "up", "decision": "accept"}
        kwargs |= {"item": obj.pk} if obj else {}
        kwargs |= url
        address = f"/partnerships/{partnership.pk}/"
        return PlanSpot(partnership, kwargs["kind"], obj), kwargs, [address, *words]

    return target


def help_target(name):
    def target(s):
        request = s.plans.help[name]
        return request, {"id": request.pk}, [request.message]

    return target


def handled_help_target(name):
    """The request, marked handled by a coordinator of its cohort: one to reopen."""

    def target(s):
        request, kwargs, texts = help_target(name)(s)
        by = s.world.other_coordinator if name == "north" else s.world.coordinator
        fresh = HelpRequest.objects.get(pk=request.pk)
        plan_services.help_request_handle(help_request=fresh, user=by)
        return request, kwargs, texts

    return target


PLAN_STATES = [
    "draft",
    "shared",
    "readable",
    "readable-draft",
    "ended",
    "ended-draft",
    "unstarted",
    "ended-unstarted",
    "theirs",
    "north",
]
PLAN_PARTS = [*MENTEE_PARTS, "second-goal", "measure", "proposed", "expectations"]
PLAN_PARTS += ["mentor-side", "suggestion"]
TARGETS |= {state: plan_target(state) for state in PLAN_STATES}
TARGETS |= {f"{st}:{part}": plan_target(st, part) for st in PLAN_STATES for part in PLAN_PARTS}
TARGETS |= {
    f"{state}:their-{part}": plan_target(state, part, foreign=True)
    for state in ("draft", "shared")
    for part in PLAN_PARTS
}
TARGETS |= {
    "draft:treasure": plan_target("draft", "goal", kind="treasure"),
    "draft:sideways": plan_target("draft", "second-goal", direction="sideways"),
    "draft:maybe": plan_target("draft", "suggestion", decision="maybe"),
    **{f"help:{name}": help_target(name) for name in HELP_WORDS},
    **{f"help:{name}-handled": handled_help_target(name) for name in HELP_WORDS},
    "help:unknown": lambda s: (None, {"id": 987654}, [*HELP_WORDS.values()]),
    "starter": lambda s: (
        s.plans.starter,
        {"pk": s.world.cohort.pk, "item": s.plans.starter.pk},
        ["Practise active listening"],
    ),
    "other_starter": lambda s: (
        s.plans.north_starter,
        {"pk": s.world.other_cohort.pk, "item": s.plans.north_starter.pk},
        ["Keep a reading log"],
    ),
    "foreign_starter": lambda s: (
        s.plans.north_starter,
        {"pk": s.world.cohort.pk, "item": s.plans.north_starter.pk},
        ["Keep a reading log"],
    ),
}


@dataclass(frozen=True)
class Write:
    data: Callable  # (scene, object, user) -> what a permitted person would submit
    state: Callable  # (scene, object) -> what that submission changes


def _free_pair(s, cohort, user):
    if cohort == s.world.cohort:
        return {"mentor": s.world.mentor.pk, "mentee": s.unpaired_mentee.pk}
    return {"mentor": s.other_membership.user_id, "mentee": s.other_mentee.pk}


def _cohort_data(s, cohort, user):
    return {
        "name": "Renamed cohort",
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "meeting_cadence": Cohort.Cadence.MONTHLY,
    }


NEWCOMER = {"email": "nia@example.org", "display_name": "Nia Newcomer", "role": "mentee"}

WRITES = {
    "accounts:profile-edit": Write(
        data=lambda s, _, user: {"display_name": "Renamed Person", "time_zone": "UTC"},
        state=lambda s, _: sorted(User.objects.values_list("display_name", flat=True)),
    ),
    "programs:program-edit": Write(
        data=lambda s, program, user: {"name": "Renamed program", "description": "New words."},
        state=lambda s, program: Program.objects.get(pk=program.pk).name,
    ),
    "programs:cohort-create": Write(
        data=lambda s, program, user: {
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
        data=lambda s, cohort, user: NEWCOMER,
        state=lambda s, cohort: cohort.memberships.count(),
    ),
    "programs:participants-import": Write(
        data=lambda s, cohort, user: {
            "csv_text": "email,name,role\n{email},{display_name},{role}\n".format(**NEWCOMER)
        },
        state=lambda s, cohort: cohort.memberships.count(),
    ),
    "programs:membership-capacity": Write(
        data=lambda s, membership, user: {"capacity": 7},
        state=lambda s, membership: Membership.objects.get(pk=membership.pk).capacity,
    ),
    # A resend makes a new link (the task runs at once in tests), so the hash changes.
    "programs:invitation-resend": Write(
        data=lambda s, membership, user: {},
        state=lambda s, membership: Invitation.objects.get(membership=membership).token_hash,
    ),
    "programs:invitation-accept": Write(
        data=lambda s, invitation, user: {
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
        data=lambda s, partnership, user: {
            "status": "completed",
            "reason": "They met their goals.",
        },
        state=lambda s, partnership: Partnership.objects.get(pk=partnership.pk).status,
    ),
}


PART_MODELS = [
    Goal,
    LearningObjective,
    LearningActivity,
    Milestone,
    Barrier,
    SuccessMeasure,
    Expectations,
    MentorSide,
    Agreement,
    ActionPlan,
]


def plans_state(s, _):
    """Everything people write in plans, with each row's version: any write shows here.

    Taken whole, not only the part the URL names, so a refused request is seen to
    change nothing anywhere (the other pair's part named under Mo's plan included).
    """
    return (
        [list(model.objects.order_by("pk").values_list("pk", "version")) for model in PART_MODELS],
        list(Goal.objects.order_by("pk").values_list("position", flat=True)),
        list(ActionPlan.objects.order_by("pk").values_list("status", flat=True)),
        list(Suggestion.objects.order_by("pk").values_list("status", flat=True)),
        list(Comment.objects.values_list("pk", flat=True)),
        list(HelpRequest.objects.order_by("pk").values_list("pk", "answer")),
        list(StarterItem.objects.values_list("pk", flat=True)),
    )


def _version(part):
    return type(part).objects.get(pk=part.pk).version


def _goal_of(spot):
    """A goal of the plan the URL names: the one a person on that page would choose."""
    return Goal.objects.filter(plan__partnership=spot.partnership).order_by("pk").first()


# What the form of each kind of part is sent with: the part's fields, new words in the
# first, and (when editing) the version the page was opened at.
PART_DATA = {
    "goal": lambda spot, text: {
        "statement": text,
        "horizon": "short",
        "status": "in_progress",
        "score": "4",
    },
    "objective": lambda spot, text: {"category": "skill", "statement": text},
    "activity": lambda spot, text: {
        "kind": "doing",
        "title": text,
        "effort_amount": "2",
        "effort_unit": "days",
        "starts_on": "2026-03-02",
        "due_on": "2026-03-20",
        "status": "planned",
    },
    "milestone": lambda spot, text: {"title": text, "date": "2026-04-01"},
    "barrier": lambda spot, text: {"kind": "time", "description": text, "status": "open"},
    "measure": lambda spot, text: {"goal": _goal_of(spot).pk, "description": text},
    "expectations": lambda spot, text: {
        "meeting_frequency": "monthly",
        "meeting_format": "Video call",
        "preferred_channels": "Email",
        "guidance_areas": text,
        "weekly_hours": "4",
    },
    "mentor-side": lambda spot, text: {
        "understanding": text,
        "roles": ["advice"],
        "boundaries": "No weekend calls",
        "availability": "Tuesdays",
        "response_time": "Two working days",
    },
}


def _new_part_data(s, spot, user):
    return PART_DATA.get(spot.kind, lambda spot, text: {})(spot, "Added during the walk")


def _edited_part_data(s, spot, user):
    data = PART_DATA.get(spot.kind, lambda spot, text: {})(spot, "Edited during the walk")
    return data | {"version": _version(spot.part)}


def _sign_data(s, spot, user):
    """Each person types their own name under the terms they read."""
    plan = ActionPlan.objects.get(partnership=spot.partnership)
    return {"name": user.display_name if user else "", "terms": agreement_terms(plan)}


def _removal_answer(spot):
    """The answer to a proposal to remove the measure, at the version the page showed.

    The walk's measures have no such proposal: it is put there as the mentor's
    "remove" would, but without a new version, so ``plans_state`` sees only the answer.
    """
    SuccessMeasure.objects.filter(pk=spot.part.pk).update(removal_proposed_at=timezone.now())
    return {"version": _version(spot.part)}


PLAN_WRITES = {
    "plans:plan-share": lambda s, spot, user: {},
    "plans:understanding-respond": lambda s, spot, user: {"confirm": "on"},
    "plans:agreement-sign": _sign_data,
    "plans:comment-add": lambda s, spot, user: {"about": "plan", "body": "See you Thursday"},
    "plans:goal-move": lambda s, spot, user: {},
    "plans:measure-agree": lambda s, spot, user: {"version": _version(spot.part)},
    "plans:measure-remove": lambda s, spot, user: _removal_answer(spot),
    "plans:measure-keep": lambda s, spot, user: _removal_answer(spot),
    "plans:help-request-create": lambda s, spot, user: {"message": "We need a new slot"},
    "plans:help-request-detail": lambda s, request, user: {"answer": "Call me on Monday"},
    "plans:suggestion-decide": lambda s, spot, user: {},
    "plans:cohort-starter": lambda s, cohort, user: {
        "kind": "goal",
        "text": "Keep a learning journal",
        "offer_to_existing": "on",
    },
    "plans:starter-item-delete": lambda s, item, user: {},
    "plans:part-create": _new_part_data,
    "plans:part-edit": _edited_part_data,
    "plans:part-edit-single": _edited_part_data,
    "plans:part-delete": lambda s, spot, user: {},
}
WRITES |= {route: Write(data=data, state=plans_state) for route, data in PLAN_WRITES.items()}


def help_state(s, _):
    """Each request's answer and whether it is handled: what its coordinators change."""
    return list(
        HelpRequest.objects.order_by("pk").values_list("pk", "answer", "handled_at", "handled_by")
    )


WRITES |= {
    "plans:help-request-handle": Write(data=lambda s, request, user: {}, state=help_state),
    "plans:help-request-reopen": Write(data=lambda s, request, user: {}, state=help_state),
}


# Notifications (rules in notifications/permissions.py). A notification is its
# recipient's only; email choices are one's own; a cohort's email defaults are its
# coordinators'; an unsubscribe link needs no sign-in: its signed token is the key.
ROUTES |= {
    "notifications:list": {(None, "GET"): SIGNED_IN},
    "notifications:open": {("notification", "GET"): ours(302, 404, 404)},
    "notifications:read-all": {
        ("everyone_notified", "GET"): POST_ONLY,
        ("everyone_notified", "POST"): on_success(SIGNED_IN, 302),
    },
    "notifications:preferences": {
        (None, "GET"): SIGNED_IN,
        (None, "POST"): on_success(SIGNED_IN, 302),
    },
    "notifications:cohort-defaults": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    # The address is made and shown on one's own profile; the feed needs no sign-in,
    # its secret is the key, and a revoked one is 404 for everyone.
    "notifications:calendar": {
        (None, "GET"): SIGNED_IN,
        (None, "POST"): SIGNED_IN,
    },
    "notifications:calendar-feed": {
        ("calendar_feed", "GET"): status(200),
        ("revoked_calendar_feed", "GET"): NOWHERE,
    },
    "notifications:unsubscribe": {
        ("unsubscribe", "GET"): status(200),
        ("unsubscribe", "POST"): status(200),
        ("forged_unsubscribe", "GET"): NOWHERE,
        ("forged_unsubscribe", "POST"): NOWHERE,
    },
}


def _notified(s, title):
    return notification_services.notify(
        recipient=s.world.mentee,
        kind="comment",
        subject="walk:1",
        title=title,
        url=reverse("plans:plan-detail", args=[s.world.partnership.pk]),
        partnership=s.world.partnership,
    )


def _calendar_feed(s):
    """The feed of a pair of its own: whoever holds its address reads it, signed in or not.

    (The walk's roles hold no secret; that a feed shows its owner's dates and nobody
    else's is tested in notifications/tests/test_calendar.py.)
    """
    partnership = PartnershipFactory(cohort=s.world.cohort)
    meeting = MeetingFactory(partnership=partnership)
    return meeting, {"secret": CalendarFeed.renew(partnership.mentee)}, []


def _revoked_feed(s):
    secret = CalendarFeed.renew(s.world.mentee)
    CalendarFeed.renew(s.world.mentee)
    return None, {"secret": secret}, []


def _everyone_notified(s):
    for role in ROLES[1:]:
        notification_services.notify(
            recipient=s.world.user(role),
            kind="paired",
            subject="walk:everyone",
            title="Something to read",
            url="/",
        )
    return None, {}, []


TARGETS |= {
    "notification": lambda s: (
        (n := _notified(s, "A note only Mo may read")),
        {"pk": n.pk},
        ["A note only Mo may read"],
    ),
    "everyone_notified": _everyone_notified,
    "calendar_feed": _calendar_feed,
    "revoked_calendar_feed": _revoked_feed,
    "unsubscribe": lambda s: (
        s.world.mentee,
        {"token": unsubscribe_token(s.world.mentee, ["comment"])},
        ["mentee@example.org"],
    ),
    # Signed with another key: nobody learns whose it claims to be.
    "forged_unsubscribe": lambda s: (
        s.world.mentee,
        {
            "token": signing.dumps(
                [s.world.mentee.pk, ["comment"]], key="not-our-key", salt=UNSUBSCRIBE_SALT
            )
        },
        ["mentee@example.org"],
    ),
}


def email_choices_state(s, _):
    return (
        list(EmailPreference.objects.order_by("pk").values_list("user_id", "kind", "enabled")),
        list(CohortEmailDefault.objects.order_by("pk").values_list("cohort_id", "kind", "enabled")),
        list(CohortReminderSettings.objects.values_list("cohort_id", "nudge_after_days")),
    )


# Every kind on but comments: what a person or a coordinator would really send.
EMAIL_CHOICES = {"all": "on"} | {kind: "on" for kind in KINDS if kind != "comment"}
WRITES |= {
    "notifications:read-all": Write(
        data=lambda s, obj, user: {},
        state=lambda s, obj: Notification.objects.filter(read_at__isnull=True).count(),
    ),
    "notifications:preferences": Write(
        data=lambda s, obj, user: EMAIL_CHOICES, state=email_choices_state
    ),
    "notifications:cohort-defaults": Write(
        data=lambda s, obj, user: EMAIL_CHOICES | {"nudge_after_days": "10"},
        state=email_choices_state,
    ),
    "notifications:calendar": Write(
        data=lambda s, obj, user: {"action": "renew"},
        state=lambda s, obj: list(
            CalendarFeed.objects.order_by("user_id").values_list("user_id", "secret_hash")
        ),
    ),
    # RFC 8058's one-click POST, as a mail program sends it.
    "notifications:unsubscribe": Write(
        data=lambda s, obj, user: {"List-Unsubscribe": "One-Click"}, state=email_choices_state
    ),
}


# Meetings (rules in meetings/permissions.py). The pair schedules and writes their
# meetings while the partnership is active; the coordinator sees that they meet, and
# reads what was said only where the program lets coordinators read plan text.
# Targets: "meeting" (a coming meeting of Mo and Mina, the plan shared), "meeting-held"
# (one held three days ago), "meeting-readable", "meeting-ended", "meeting-theirs" (Otto
# and Olga's), ":topic" and ":item" of it, ":their-topic" the other pair's under Mo's.
MEETING_WORDS = {
    "ours": {
        "topic": "Rehearse the harbour briefing",
        "notes": "Mo will try the night ferry",
        "item": "Ask the harbour master",
    },
    "theirs": {
        "topic": "Compare the apple varieties",
        "notes": "Olga will visit the nursery",
        "item": "Order the rootstock",
    },
}
MEETING_STATES = {
    "meeting": "shared",
    "meeting-held": "shared",
    "meeting-readable": "readable",
    "meeting-ended": "ended",
    "meeting-theirs": "theirs",
}


def _journey(partnership, words, *, held=False):
    meeting = MeetingFactory(partnership=partnership, starts_at=in_days(-3 if held else 7))
    NotesFactory(meeting=meeting, text=words["notes"])
    topic = TopicFactory(meeting=meeting, title=words["topic"])
    item = ActionItemFactory(meeting=meeting, title=words["item"])
    return meeting, topic, item


def meeting_target(name, part=None, *, foreign=False):
    def target(s):
        partnership = enter(s, MEETING_STATES[name])
        pair = s.plans.pair_of(partnership)
        meeting, topic, item = _journey(
            partnership, MEETING_WORDS[pair], held=name == "meeting-held"
        )
        if foreign:
            _, topic, item = _journey(s.world.other_partnership, MEETING_WORDS["theirs"])
        obj = {"topic": topic, "item": item}.get(part, meeting)
        kwargs = {"pk": meeting.pk, "topic": topic.pk, "item": item.pk}
        names = [partnership.mentee.display_name]
        return obj, kwargs, [*names, *MEETING_WORDS[pair].values()]

    return target


def series_target(state):
    def target(s):
        partnership = enter(s, state)
        series = services_meetings.series_schedule(
            partnership=partnership,
            by=partnership.mentee,
            first_on=timezone.localdate() + datetime.timedelta(days=3),
            start=datetime.time(9, 0),
            time_zone="Europe/London",
            every_weeks=2,
            duration_minutes=60,
            format="video",
            until=timezone.localdate() + datetime.timedelta(days=60),
        )
        return series, {"pk": s.world.partnership.pk, "series": series.pk}, ["Every 2 weeks"]

    return target


TARGETS |= {name: meeting_target(name) for name in MEETING_STATES}
TARGETS |= {
    f"{name}:{part}": meeting_target(name, part)
    for name in MEETING_STATES
    for part in ("topic", "item")
}
TARGETS |= {
    "meeting:their-topic": meeting_target("meeting", "topic", foreign=True),
    "meeting:their-item": meeting_target("meeting", "item", foreign=True),
    "series": series_target("shared"),
    "series-ended": series_target("ended"),
    "series-theirs": series_target("theirs"),
}

MEETING_PAGE = {
    ("meeting", "GET"): PAIR_PAGE,
    ("meeting-ended", "GET"): NOBODY_WRITES,
    ("meeting-theirs", "GET"): THEIR_MENTOR_PAGE,
}
MEETING_WRITE = {
    ("meeting", "GET"): POST_ONLY,
    ("meeting", "POST"): PAIR_WRITE,
    ("meeting-readable", "POST"): PAIR_WRITE,
    ("meeting-ended", "POST"): NOBODY_WRITES,
    ("meeting-theirs", "POST"): THEIR_MENTOR_WRITE,
}
# The other pair's topic or item named under Mo's meeting: not of this meeting.
FOREIGN_ITEM = ours(404, 404, 403)
ROUTES |= {
    "meetings:meeting-create": {
        ("shared", "GET"): PAIR_PAGE,
        ("shared", "POST"): PAIR_WRITE,
        ("ended", "GET"): NOBODY_WRITES,
        ("ended", "POST"): NOBODY_WRITES,
        ("theirs", "GET"): THEIR_MENTOR_PAGE,
        ("theirs", "POST"): THEIR_MENTOR_WRITE,
    },
    "meetings:series-create": {
        ("shared", "GET"): PAIR_PAGE,
        ("shared", "POST"): PAIR_WRITE,
        ("ended", "POST"): NOBODY_WRITES,
        ("theirs", "POST"): THEIR_MENTOR_WRITE,
    },
    "meetings:series-cancel": {
        ("series", "GET"): PAIR_PAGE,
        ("series", "POST"): PAIR_WRITE,
        ("series-ended", "POST"): NOBODY_WRITES,
        # Otto and Olga's series named under Mo's partnership.
        ("series-theirs", "POST"): FOREIGN_ITEM,
    },
    "meetings:meeting-detail": {
        ("meeting", "GET"): ours(READS, READS, PROGRESS),
        ("meeting-held", "GET"): ours(READS, READS, PROGRESS),
        ("meeting-readable", "GET"): ours(READS, READS, READS),
        ("meeting-ended", "GET"): ours(READS, READS, PROGRESS),
        ("meeting-theirs", "GET"): theirs(READS, PROGRESS),
    },
    # The .ics names the partners and the place: theirs alone, ended or not.
    "meetings:meeting-ics": {
        ("meeting", "GET"): PAIR_PAGE,
        ("meeting-ended", "GET"): PAIR_PAGE,
        ("meeting-theirs", "GET"): THEIR_MENTOR_PAGE,
    },
    "meetings:meeting-edit": MEETING_PAGE | MEETING_WRITE | {("meeting", "GET"): PAIR_PAGE},
    "meetings:meeting-cancel": MEETING_PAGE | MEETING_WRITE | {("meeting", "GET"): PAIR_PAGE},
    "meetings:notes-save": MEETING_WRITE,
    "meetings:private-note": MEETING_WRITE,
    "meetings:topic-add": MEETING_WRITE,
    "meetings:suggestion-decide": MEETING_WRITE,
    "meetings:action-item-add": MEETING_WRITE,
    "meetings:topic-update": {
        ("meeting:topic", "GET"): POST_ONLY,
        ("meeting:topic", "POST"): PAIR_WRITE,
        ("meeting-ended:topic", "POST"): NOBODY_WRITES,
        ("meeting-theirs:topic", "POST"): THEIR_MENTOR_WRITE,
        ("meeting:their-topic", "POST"): FOREIGN_ITEM,
    },
    "meetings:action-item-update": {
        ("meeting:item", "GET"): POST_ONLY,
        ("meeting:item", "POST"): PAIR_WRITE,
        ("meeting-ended:item", "POST"): NOBODY_WRITES,
        ("meeting-theirs:item", "POST"): THEIR_MENTOR_WRITE,
        ("meeting:their-item", "POST"): FOREIGN_ITEM,
    },
    "meetings:action-item-activity": {
        ("meeting:item", "GET"): PAIR_PAGE,
        ("meeting:item", "POST"): PAIR_WRITE,
        ("meeting-ended:item", "POST"): NOBODY_WRITES,
        ("meeting-theirs:item", "POST"): THEIR_MENTOR_WRITE,
        ("meeting:their-item", "POST"): FOREIGN_ITEM,
    },
    # Only after the meeting: before it, nobody checks in.
    "meetings:check-in": {
        ("meeting-held", "GET"): POST_ONLY,
        ("meeting-held", "POST"): PAIR_WRITE,
        ("meeting", "POST"): NOBODY_WRITES,
        ("meeting-theirs", "POST"): theirs(403, 403),
    },
    # One click from a meeting or the home page: the mentee's activities, the pair's
    # success measures.
    "meetings:activity-progress": {
        ("shared:activity", "GET"): POST_ONLY,
        ("shared:activity", "POST"): MENTEE_WRITE,
        ("draft:activity", "POST"): MENTEE_WRITE,
        ("ended:activity", "POST"): NOBODY_WRITES,
        ("theirs:activity", "POST"): THEIR_MENTEE_SIDE,
        ("shared:their-activity", "POST"): FOREIGN_PART,
    },
    "meetings:measure-progress": {
        ("shared:measure", "GET"): POST_ONLY,
        ("shared:measure", "POST"): PAIR_WRITE,
        ("draft:measure", "POST"): MENTEE_WRITE,
        ("ended:measure", "POST"): NOBODY_WRITES,
        ("theirs:measure", "POST"): THEIR_MENTOR_WRITE,
        ("shared:their-measure", "POST"): ours(404, 404, 403),
    },
}


def meetings_state(s, _):
    """Every row people write in the journey, with what a write would change."""
    return (
        list(Meeting.objects.order_by("pk").values_list("pk", "version", "status")),
        list(MeetingSeries.objects.order_by("pk").values_list("pk", "cancelled_at")),
        list(MeetingNotes.objects.order_by("pk").values_list("pk", "version")),
        list(PrivateNote.objects.order_by("pk").values_list("pk", "version")),
        list(Topic.objects.order_by("pk").values_list("pk", "status", "position")),
        list(ActionItem.objects.order_by("pk").values_list("pk", "done_at", "activity_id")),
        list(CheckIn.objects.order_by("pk").values_list("pk", "usefulness")),
    )


def _when(s, meeting, user):
    return {
        "day": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "start": "09:30",
        "duration_minutes": "45",
        "time_zone": "Europe/London",
        "format": "video",
        "location": "https://meet.example.org/new",
    }


def _open_barrier(s, meeting, user):
    barrier = Barrier.objects.filter(
        plan__partnership=meeting.partnership_id, status=Barrier.Status.OPEN
    ).first()
    return {"key": f"barrier-{barrier.pk}", "decision": "accept"}


def _notes_version(meeting):
    return MeetingNotes.objects.get(meeting=meeting).version


MEETING_WRITES = {
    "meetings:meeting-create": _when,
    "meetings:series-create": lambda s, p, user: _when(s, p, user) | {"every_weeks": "2"},
    "meetings:series-cancel": lambda s, series, user: {"reason": "We meet at work now"},
    "meetings:meeting-edit": lambda s, m, user: (
        _when(s, m, user) | {"version": Meeting.objects.get(pk=m.pk).version, "reason": "A clash"}
    ),
    "meetings:meeting-cancel": lambda s, m, user: {"reason": "Mo is ill"},
    "meetings:notes-save": lambda s, m, user: {"text": "New notes", "version": _notes_version(m)},
    "meetings:private-note": lambda s, m, user: {"text": "Only mine", "version": "0"},
    "meetings:topic-add": lambda s, m, user: {"title": "Another topic"},
    "meetings:suggestion-decide": _open_barrier,
    "meetings:action-item-add": lambda s, m, user: {
        "title": "Book the room",
        "owner": "mentor",
        "due_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
    },
    "meetings:topic-update": lambda s, topic, user: {"action": "covered"},
    "meetings:action-item-update": lambda s, item, user: {"done": "yes"},
    "meetings:action-item-activity": lambda s, item, user: {
        "kind": "doing",
        "effort_amount": "2",
        "effort_unit": "days",
        "starts_on": timezone.localdate().isoformat(),
    },
    "meetings:check-in": lambda s, m, user: {"usefulness": "4", "comment": "Good talk"},
}
WRITES |= {route: Write(data=data, state=meetings_state) for route, data in MEETING_WRITES.items()}
WRITES |= {
    "meetings:activity-progress": Write(
        data=lambda s, spot, user: {"version": _version(spot.part), "status": "in_progress"},
        state=plans_state,
    ),
    "meetings:measure-progress": Write(
        data=lambda s, spot, user: {"version": _version(spot.part), "progress": "Two so far"},
        state=plans_state,
    ),
}


# Reports (rules in reports/permissions.py): the cohort's coordinators only; the pair
# know their partnership exists (403), everyone else learns nothing (404).
ROUTES |= {
    "reports:cohort-dashboard": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
    },
    "reports:cohort-nudge": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    "reports:partnership-nudge": {
        ("partnership", "GET"): PAIR_MANAGER,
        ("partnership", "POST"): on_success(PAIR_MANAGER, 302),
        ("other_partnership", "GET"): OTHER_PAIR_MANAGER,
        ("other_partnership", "POST"): on_success(OTHER_PAIR_MANAGER, 302),
    },
    # The cohort's figures, and its plans' words only where coordinators may read them.
    "reports:cohort-export-csv": {
        ("cohort-export", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort-export", "GET"): NORTHGATE_COORDINATOR,
    },
    "reports:cohort-export-xlsx": {
        ("cohort", "GET"): HARBOUR_COORDINATOR,
        ("other_cohort", "GET"): NORTHGATE_COORDINATOR,
    },
    "reports:program-report": {
        ("program", "GET"): HARBOUR_COORDINATOR,
        ("other_program", "GET"): NORTHGATE_COORDINATOR,
    },
    "reports:cohort-reflection-open": {
        ("cohort", "GET"): POST_ONLY,
        ("cohort", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_cohort", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
    # A reflection is its author's to write while it is open; the coordinators read
    # them all, the partner only what was shared. Before it opens nobody writes.
    "reports:reflection": {
        ("partnership", "GET"): PAIR_VIEWER,
        ("partnership", "POST"): status(
            404, anonymous=LOGIN, mentor=403, mentee=403, coordinator=403
        ),
        ("reflection-open", "POST"): status(
            404, anonymous=LOGIN, mentor=302, mentee=302, coordinator=403
        ),
        ("other_partnership", "GET"): OTHER_PAIR_VIEWER,
        ("other-reflection-open", "POST"): status(
            404, anonymous=LOGIN, other_mentor=302, coordinator=403
        ),
    },
    # The summary and the reflection show the plan's words to whoever may read the plan:
    # a draft to its mentee only, a shared plan to the pair, to coordinators if allowed.
    "reports:partnership-summary": {
        ("draft", "GET"): ours(200, PROGRESS, PROGRESS),
        ("shared", "GET"): ours(200, 200, PROGRESS),
        ("readable", "GET"): ours(200, 200, 200),
        ("theirs", "GET"): theirs(200, PROGRESS),
    },
    "reports:practices": {
        ("program", "GET"): status(
            404, anonymous=LOGIN, mentor=200, mentee=200, other_mentor=200, coordinator=200
        ),
        ("other_program", "GET"): NORTHGATE_COORDINATOR,
    },
    "reports:practice-share": {
        ("partnership", "GET"): status(
            404, anonymous=LOGIN, mentor=200, mentee=200, coordinator=403
        ),
        ("partnership-done", "POST"): status(
            404, anonymous=LOGIN, mentor=302, mentee=302, coordinator=403
        ),
    },
    "reports:practice-suggest": {
        ("practice", "GET"): POST_ONLY,
        ("practice", "POST"): on_success(HARBOUR_COORDINATOR, 302),
    },
    "reports:health-policy": {
        ("program", "GET"): HARBOUR_COORDINATOR,
        ("program", "POST"): on_success(HARBOUR_COORDINATOR, 302),
        ("other_program", "GET"): NORTHGATE_COORDINATOR,
        ("other_program", "POST"): on_success(NORTHGATE_COORDINATOR, 302),
    },
}


def _export_target(cohort):
    """The cohort's CSV export of its partnerships: the cohort's target with a table."""

    def target(s):
        obj, kwargs, texts = TARGETS[cohort](s)
        return obj, kwargs | {"table": "partnerships"}, texts

    return target


TARGETS |= {f"{c}-export": _export_target(c) for c in ("cohort", "other_cohort")}


def _reflection_open(partnership):
    """The partnership's target, with its cohort's reflection opened by a coordinator."""

    def target(s):
        obj, kwargs, texts = TARGETS[partnership](s)
        ReflectionWindow.objects.create(cohort=obj.cohort)
        return obj, kwargs, texts

    return target


def _partnership_with_done_activity(s):
    """Mo's plan, shared (so Mina may read it too), with an activity done."""
    obj, kwargs, texts = TARGETS["partnership"](s)
    plan_services.plan_share(plan=obj.plan, by=obj.mentee)
    LearningActivity.objects.filter(pk=s.plans.parts["ours"]["activity"].pk).update(
        status=LearningActivity.Status.DONE
    )
    return obj, kwargs, texts


def _practice(s):
    """What worked, shared by Mo: the program's members read it ("Harbour City Mentoring")."""
    partnership = s.world.partnership
    practice = SharedPractice.objects.create(
        program=s.world.program,
        partnership=partnership,
        author=s.world.mentee,
        role="mentee",
        cohort_name=s.world.cohort.name,
        kind="doing",
        title="A shared project",
        why="It had a deadline.",
    )
    return practice, {"pk": practice.pk}, ["A shared project"]


TARGETS |= {
    "partnership-done": _partnership_with_done_activity,
    "practice": _practice,
    "reflection-open": _reflection_open("partnership"),
    "other-reflection-open": _reflection_open("other_partnership"),
}


def nudges_state(s, _):
    return list(Nudge.objects.order_by("pk").values_list("partnership_id", "message"))


NUDGE = {"message": "How are you both getting on?"}
WRITES |= {
    "reports:practice-share": Write(
        data=lambda s, partnership, user: {
            "activity": s.plans.parts["ours"]["activity"].pk,
            "why": "It had a real deadline.",
        },
        state=lambda s, _: list(SharedPractice.objects.values_list("pk", "author_id")),
    ),
    "reports:practice-suggest": Write(
        data=lambda s, practice, user: {"cohort": s.world.cohort.pk},
        state=lambda s, _: list(
            StarterItem.objects.order_by("pk").values_list("cohort_id", "text")
        ),
    ),
    "reports:cohort-reflection-open": Write(
        data=lambda s, cohort, user: {},
        state=lambda s, cohort: list(ReflectionWindow.objects.values_list("cohort_id")),
    ),
    "reports:reflection": Write(
        data=lambda s, partnership, user: {
            "kept_on_track": "Our fortnightly calls.",
            "rating": "4",
        },
        state=lambda s, partnership: list(
            Reflection.objects.order_by("pk").values_list("author_id", "rating")
        ),
    ),
    "reports:cohort-nudge": Write(data=lambda s, cohort, user: NUDGE, state=nudges_state),
    "reports:partnership-nudge": Write(data=lambda s, pair, user: NUDGE, state=nudges_state),
    "reports:health-policy": Write(
        data=lambda s, program, user: {
            "days_to_share": "10",
            "days_to_sign": "10",
            "days_to_first_meeting": "20",
            "help_waiting_days": "2",
            "low_check_in": "2.0",
        },
        state=lambda s, program: list(
            HealthPolicy.objects.order_by("pk").values_list("program_id", "days_to_share")
        ),
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


def cases(route):
    """(target, method, role, expected) of a route, grouped by target."""
    return [
        (target, method, role, expected)
        for (target, method), answers in ROUTES[route].items()
        for role, expected in answers.items()
    ]


def route_parameters():
    """Route name -> the names its URL takes (a target's kwargs may name more)."""
    return {
        name: set(re.findall(r"<(?:\w+:)?(\w+)>", path))
        for name, path in walk(get_resolver().url_patterns)
    }


@dataclass
class Visit:
    """One request of the walk: a route's URL for a target, sent by one person."""

    route: str
    url: str
    obj: object
    texts: list
    method: str
    role: str
    expected: object


# The walk: one test per route, so the world is built once for all its requests. Each
# target's setup (sharing the plan, ending the partnership) and each request run in a
# savepoint that is rolled back, so every person meets the same state and a write by
# one cannot hide or cause another's. Writes read objects back from the database, never
# trust them from memory, for the same reason.
@pytest.mark.parametrize("route", ROUTES)
def test_permission(scene, django_capture_on_commit_callbacks, route):
    parameters = route_parameters()[route]
    # One client for everyone: each new client loads the middleware anew (WhiteNoise
    # lists every static file), which costs more than the requests themselves.
    client = Client()
    problems = []
    for target in dict.fromkeys(target for target, _ in ROUTES[route]):
        with transaction.atomic():
            obj, kwargs, texts = TARGETS[target](scene)
            url = reverse(route, kwargs={k: v for k, v in kwargs.items() if k in parameters})
            for (row_target, method), answers in ROUTES[route].items():
                if row_target != target:
                    continue
                for role, expected in answers.items():
                    visit = Visit(route, url, obj, texts, method, role, expected)
                    with transaction.atomic():
                        try:
                            check(scene, client, visit, django_capture_on_commit_callbacks)
                        # Every person's wrong answer is listed, not only the first; an
                        # error (a 500) is a wrong answer too.
                        except Exception as exc:
                            first_line = str(exc).splitlines()[0] if str(exc) else ""
                            problems.append(
                                f"{target} {method} as {role}: {type(exc).__name__}: {first_line}"
                            )
                        transaction.set_rollback(True)
            transaction.set_rollback(True)
    assert not problems, f"{route}:\n" + "\n".join(problems)


def check(scene, client, visit, capture_on_commit):
    """Send one request and check the answer, what it shows and what it changed."""
    write = WRITES.get(visit.route)
    before = write.state(scene, visit.obj) if write else None
    emails = len(mail.outbox)
    user = scene.world.user(visit.role)
    # A fresh visitor: no session nor messages of the person before.
    client.cookies.clear()
    if user is not None:
        client.force_login(user)
    # Run on-commit work (invitation emails) as production would, so a refused request
    # that queued an email would show.
    with capture_on_commit(execute=True):
        if visit.method == "POST":
            response = client.post(visit.url, write.data(scene, visit.obj, user))
        else:
            response = client.get(visit.url)

    expected = visit.expected
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={quote(visit.url)}"
    else:
        code = 200 if expected in (READS, PROGRESS) else expected
        assert response.status_code == code, f"{response.status_code}, not {code}"
    # Exports stream (a CSV) or send a file (a workbook, zipped: its text is not readable
    # here, the refusals' are).
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content = raw.decode(errors="replace")
    html = response["Content-Type"].startswith("text/html")
    texts = visit.texts
    if expected in REFUSED:
        # 404, not a page: a refusal says nothing about the object.
        for text in texts:
            assert text not in content, f"the refusal shows {text!r}"
        assert len(mail.outbox) == emails, "the refusal sent an email"
    elif expected in (200, READS, PROGRESS) and visit.method == "GET" and html and texts:
        # The object's pages do show it, so its absence from a refusal means something.
        assert texts[0] in content, f"the page does not show {texts[0]!r}"
    if expected == READS:
        for text in texts[1:]:
            assert text in content, f"the plan does not show {text!r}"
    if expected == PROGRESS:
        # The plan's progress, not what the pair wrote.
        for text in texts[1:]:
            assert text not in content, f"the progress page shows {text!r}"
    for text in secrets_hidden_from(visit.role):
        assert text not in content, f"shows {text!r}, which is not for the {visit.role}"
    if write:
        changed = visit.method == "POST" and expected not in REFUSED
        assert (write.state(scene, visit.obj) != before) == changed, (
            "changed nothing" if changed else "changed the database"
        )


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
