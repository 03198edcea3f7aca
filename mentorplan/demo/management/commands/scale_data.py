"""Build a large program quickly and deterministically, to measure the app at scale.

    manage.py scale_data --people 20000 --partnerships 10000 --cohorts 4 --comments 20 --seed 1

writes a program ("scale" unless ``--program-slug``) with its people, cohorts,
memberships, invitations and partnerships, and for each partnership a full
action plan: goals with self-assessments and success measures, objectives,
activities of every kind in every status, milestones, barriers, the mentee's
expectations, the mentor's side, a signed agreement for most, comments, visits,
and the history records "what changed" reads; and its meetings: one about every
two weeks from the start to now (or the partnership's end), each held one with
shared notes, one to three topics and an action item, and the line it left in
the journey's feed; an active pair also has its next meeting booked, the agenda
started.

Same arguments, same data: every name, text and date comes from
``random.Random(seed)`` and from days counted from ``--today`` (default: today's
date), so two runs on the same day (or with the same ``--today``) are identical.
The meetings draw from a generator of their own, so the plans stay the same as
before meetings were added.
Only row ids differ, when the database held other rows before.

It is fast because it never saves a row at a time: rows are built in memory,
numbered by the command itself (so children can point at parents before
anything is written) and written with ``bulk_create``, one transaction per
chunk of partnerships. History records are written directly, dated and signed
the way the app's saves would have left them. So run it on a database nobody
else writes to meanwhile: the ids it hands out could collide with theirs.
"""

import hashlib
import random
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall_time
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings.models import (
    ActionItem,
    CheckIn,
    Format,
    JourneyEvent,
    Meeting,
    MeetingChange,
    MeetingNotes,
    MeetingSeries,
    PrivateNote,
    Topic,
)
from mentorplan.meetings.times import to_utc
from mentorplan.partnerships.models import Partnership
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
    PlanVisit,
    SelfAssessment,
    StarterItem,
    SuccessMeasure,
    Suggestion,
)
from mentorplan.plans.selectors import load_plan
from mentorplan.programs.models import Cohort, Invitation, Membership, Program
from mentorplan.reports.models import Nudge

User = get_user_model()
PASSWORD = "scale-password"
# Partnerships per transaction: big enough that commits are rare, small enough
# that a chunk's rows (about 150 per partnership) stay a few MB of Python objects.
CHUNK = 500
# Rows per INSERT; SQLite lowers it further to stay under its variable limit.
BATCH = 2000
COHORT_DAYS = 280
# Cohorts start this far apart; the newest started eight weeks before --today.
COHORT_SPACING = 26 * 7
NEWEST_COHORT_AGE = 8 * 7

CoordinatorLink = Program.coordinators.through
PARTS = [
    ActionPlan,
    Expectations,
    MentorSide,
    Agreement,
    Goal,
    SuccessMeasure,
    LearningObjective,
    LearningActivity,
    Milestone,
    Barrier,
]
# Looked up once: ``Model.history`` builds a new manager class on every access.
HISTORY_OF = {part: part.history.model for part in PARTS}
HISTORY = list(HISTORY_OF.values())
MEETING_TABLES = [Meeting, MeetingChange, MeetingNotes, Topic, ActionItem, JourneyEvent, CheckIn]
# Insert order: parents first (the databases check foreign keys at commit, but
# reading the order tells what points at what).
TABLES = [
    User,
    Program,
    CoordinatorLink,
    Cohort,
    Membership,
    Invitation,
    Partnership,
    *PARTS,
    SelfAssessment,
    Comment,
    PlanVisit,
    *HISTORY,
    *MEETING_TABLES,
    Nudge,
]


# Words the data is made of ----------------------------------------------------------

FIRST_NAMES = """
Aaliyah Abdul Ada Adebayo Aiko Alba Aleksander Alice Amara Amir Ana Anders Anika Arjun Astrid
Ayesha Beatriz Ben Bilal Bronwyn Camille Carlos Catalina Chen Chidi Chloe Cormac Dalia Daniel
Dara David Deepa Diego Dmitri Elena Elif Emeka Emma Erik Esther Fatima Felix Fiona Freya Gabriel
Grace Hamza Hana Hannah Hiroshi Ibrahim Ines Ingrid Isaac Isla Ivan Jamal Jana Javier Jin Joanna
Jonas Joseph Julia Kai Kamala Karim Kasia Kenji Kiran Lars Layla Leila Leo Lina Lucas Lucia Mai
Malik Maria Mateo Maya Mei Miguel Mina Mohammed Nadia Naledi Nia Nikhil Nina Noah Nora Oliver
Olga Omar Oscar Pablo Paulo Priya Rafael Rahul Rania Ravi Rosa Ruth Sami Samuel Sara Sean Sofia
Sung Tariq Thabo Theo Tomas Uma Valentina Wei Yara Yusuf Zainab Zoe
""".split()  # noqa: SIM905
LAST_NAMES = """
Abbott Acheampong Adeyemi Ahmed Alvarez Andersen Bakker Banda Barros Becker Bianchi Bose Brennan
Byrne Campbell Chandra Chen Costa Dahl Das Diallo Dubois Eriksen Evans Fernandes Fischer
Fletcher Flores Forde Garcia Ghosh Gonzalez Gupta Haddad Hansen Hassan Hoffmann Hughes Ibrahim
Iyer Jansen Jensen Johansson Jones Kamau Kaur Khan Kim Kowalski Kruger Kumar Larsen Lee
Lindqvist Lopez Mahlangu Martin Mendes Mensah Meyer Moreno Muller Murphy Nakamura Nguyen Nielsen
Novak Nwosu Obi Okafor Oliveira Olsen Ortiz Osei Owusu Park Patel Pereira Petrov Quinn Rahman
Raman Reddy Reyes Rossi Santos Sato Schmidt Sharma Silva Singh Smith Sokolov Suzuki Tanaka
Taylor Tembo Thomas Torres Tran Visser Varga Wagner Walsh Wang Watanabe Weber Williams Wilson
Wong Yamamoto Yilmaz Zhang
""".split()  # noqa: SIM905
TIME_ZONES = ["Europe/London"] * 8 + [
    "Europe/Dublin",
    "Europe/Oslo",
    "Europe/Berlin",
    "Africa/Lagos",
    "Asia/Kolkata",
    "America/New_York",
    "Australia/Sydney",
]
TOPICS = [
    "public speaking",
    "budgeting",
    "stakeholder management",
    "policy writing",
    "data analysis",
    "team leadership",
    "negotiation",
    "project management",
    "writing for the public",
    "procurement",
    "digital services",
    "difficult conversations",
    "hiring",
    "coaching others",
    "strategic planning",
    "change management",
    "risk management",
    "presenting to the board",
    "time management",
    "user research",
    "grant writing",
    "performance reviews",
    "community engagement",
    "media interviews",
    "contract management",
    "service design",
    "agile delivery",
    "financial reporting",
    "running workshops",
    "working across departments",
]
BIOS = [
    "Works in {t}; {n} years in public service.",
    "Team lead who moved into {t} after a decade in operations.",
    "Recently promoted; keen on {t} and on helping others grow.",
    "Started as a graduate trainee; now looks after {t} for the region.",
]
GOAL_TEMPLATES = [
    "Become confident at {t}",
    "Lead a project that depends on {t}",
    "Build a reputation in my team for {t}",
    "Get noticeably better at {t} this year",
    "Take on responsibility for {t} in my service",
    "Learn the foundations of {t}",
    "Prepare for a role where {t} matters",
    "Use {t} to deliver one visible result",
]
WHY_TEMPLATES = [
    "My next role needs it: {t} comes up in every job description I have looked at.",
    "My manager named {t} as the gap between me and the next grade.",
    "I avoid {t} today, and it holds back the work of my team.",
    "Our service is changing and {t} will be a larger part of my week.",
    "I enjoyed the little {t} I have done and want to do it properly.",
]
OBJECTIVE_TEMPLATES = {
    "skill": ["Learn the methods of {t}", "Practise {t} until it feels routine"],
    "confidence": ["Feel at ease with {t} in front of senior people", "Speak up about {t}"],
    "network": ["Meet three people outside my team who do {t} well", "Join a {t} network"],
    "industry": ["Understand how other councils approach {t}", "Follow the research on {t}"],
    "other": ["Find a sustainable way to fit {t} into my week", "Keep a log of {t} lessons"],
}
ACTIVITY_TITLES = {
    "doing": [
        "Write a memo on {t} for my manager",
        "Run a small special project on {t}",
        "Draft a one-page plan for {t}",
        "Prepare a briefing on {t} for the team",
        "Redesign our checklist for {t}",
    ],
    "others": [
        "Shadow a colleague who is good at {t}",
        "Ask three experienced people how they handle {t}",
        "Situational mentoring on {t} before a real meeting",
        "Join the community of practice on {t}",
        "Discuss two case studies on {t} with my mentor",
    ],
    "stretch": [
        "Lead a project on {t} outside the department",
        "Take a leadership role in {t} for a quarter",
        "Present on {t} at the all-staff meeting",
        "Cover my manager's {t} duties for two weeks",
        "Chair the working group on {t}",
    ],
}
ACTIVITY_DESCRIPTIONS = [
    "Agree the scope with my manager first, then block two mornings for it.",
    "My mentor suggested this; I will report back at our next meeting.",
    "Start small, ask for feedback early, and write down what surprised me.",
    "Linked to the service review, so the work is useful beyond this plan.",
    "",
]
LESSONS = [
    "Preparing the first ten minutes matters more than the rest.",
    "Asking for feedback straight away made the second attempt much better.",
    "I underestimated the time it takes; next time I will plan twice as long.",
    "Other people were glad to help once I asked a precise question.",
    "It did not fit the team's priorities this quarter, so I stopped early.",
    "Writing it down first made the conversation calmer and shorter.",
]
MILESTONES = [
    "First draft shared with my manager",
    "Halfway review with my mentor",
    "Presented {t} work to the team",
    "Shadowing finished",
    "Feedback gathered from three colleagues",
    "Lead role on {t} agreed",
    "Final review of the plan",
]
BARRIERS = {
    "time": (
        "Casework fills most of my week, so plan work gets pushed back.",
        "Block two hours every Thursday morning and tell my team about it.",
    ),
    "resources": (
        "There is no training budget for {t} this year.",
        "Use the free internal courses and ask my mentor for reading.",
    ),
    "personal": (
        "I get nervous when senior people are in the room.",
        "Rehearse with my mentor and start with smaller audiences.",
    ),
    "other": (
        "A restructure may move me to another team mid-way.",
        "Keep the goals portable and check in with my manager monthly.",
    ),
}
MEASURES = [
    ("{n} presentations on {t} given", "{n} presentations"),
    ("Positive feedback from my manager on {t}", "written feedback"),
    ("A {t} project delivered on time", "1 project"),
    ("Asked to lead on {t} by others", "{n} requests"),
    ("Self-assessment on {t} of 8 or more", "8 out of 10"),
]
FORMATS = ["Video call", "In person over coffee", "Video call, in person once a month", "Phone"]
CHANNELS = ["Email", "Chat", "Email and chat", "Chat, phone when urgent", "Email, replies in a day"]
GUIDANCE = [
    "How to make the case for {t} to senior people, and how to plan my time.",
    "Practical advice on {t}, and honest feedback on how I come across.",
    "Where to start with {t}, and who else I should be talking to.",
]
WEEKLY_HOURS = [Decimal(h) for h in ("2.0", "2.5", "3.0", "4.0", "4.0", "5.0", "6.0", "8.0")]
ROLES = [r.value for r in MentorSide.Role]
UNDERSTANDING = (
    "{name} wants to grow in {t1} and {t2}. The real need, I think, is confidence to act "
    "without waiting for permission, and a few early wins to show it."
)
ROLE_NOTES = [
    "I will share what worked for me, and what did not, and point to people worth meeting.",
    "I will ask more than I tell, and give direct feedback after each activity.",
    "I will open doors: introductions to colleagues who do this well.",
]
SUPPORTIVE = [
    "What we say stays between us; we start each meeting with how things really are.",
    "No question is too small; we agree the next step before we end each call.",
]
BOUNDARIES = [
    "No contact at weekends; I do not take part in decisions about your job.",
    "I will not speak to your manager about you without asking you first.",
    "Evenings are off limits; I give advice, the decisions stay yours.",
]
AVAILABILITY = [
    "Tuesday and Thursday afternoons",
    "Monday mornings, and Friday after 2pm",
    "Wednesdays, by appointment",
    "Most lunchtimes",
]
RESPONSE_TIMES = ["Within two working days", "Within a day", "By the end of the week"]
END_REASONS = [
    "The mentee moved to another organisation.",
    "The mentor's workload changed and we agreed to stop.",
    "We did not meet for two months and agreed to end it.",
]
COMMENT_OPENINGS = {
    "mentee": [
        "Quick update:",
        "Following our call,",
        "Thanks for the pointers.",
        "A question before we meet:",
        "Good news:",
    ],
    "mentor": [
        "Nice progress.",
        "One thought on this:",
        "Before our next meeting,",
        "Well done on this step.",
        "A suggestion:",
    ],
}
COMMENT_MIDDLES = [
    "I tried the approach on {t} we discussed and it went better than expected.",
    "the {t} piece is taking longer than planned; should we move the date?",
    "have a look at how the finance team handles {t}, they do it well.",
    "I have booked time with a colleague who knows {t} inside out.",
    "could we spend part of the next session on {t}?",
    "the feedback on {t} was mostly positive, with two clear points to work on.",
]
COMMENT_CLOSINGS = [
    "",
    " Talk soon.",
    " Let me know what you think.",
    " Thanks!",
    " More on Tuesday.",
]
# Meetings: about every two weeks (give or take a few days), at the pair's usual time.
MEETING_EVERY = 14
MEETING_JITTER = 3
MEETING_HOURS = [wall_time(h, m) for h in (8, 9, 10, 11, 12, 13, 14, 15, 16) for m in (0, 30)]
MEETING_DURATIONS = [30, 45, 60, 60, 60, 90]
MEETING_FORMATS = [f.value for f in Format]
MEETING_FORMAT_WEIGHTS = [3, 5, 1, 1]
CANCEL_REASONS = [
    "Sick today, sorry. Let's pick it up next time.",
    "A clash with a council committee meeting I cannot move.",
    "On leave that week; see you at the next one.",
]
NOTE_OPENINGS = [
    "We went through where {t} stands.",
    "Most of the hour went on {t}.",
    "{mentee} brought an update on {t}.",
    "We picked up {t} from last time.",
    "A shorter meeting, mostly about {t}.",
    "{mentor} asked how {t} is going in practice, not just on paper.",
]
NOTE_MIDDLES = [
    "The first attempt went better than expected; the next step is a bigger audience.",
    "Time is still the hardest part, so we agreed to block two hours a week for the plan.",
    "We talked about who else to involve and agreed on two people to contact.",
    "The feedback so far is good, with two clear points to work on.",
    "We compared it with how {t2} was handled last year, which helped.",
    "{mentor} shared what went wrong the first time they tried the same thing.",
    "It is slower than planned; we moved the date rather than drop it.",
    "{mentee} feels more confident here than a month ago, and it shows.",
]
NOTE_CLOSINGS = [
    "Next time: {t2}.",
    "We will look at progress again at the next meeting.",
    "",
    "The actions are below.",
    "{mentee} will update the plan this week.",
]
TOPIC_TITLES = [
    "Progress on {t}",
    "What got in the way of {t}",
    "Feedback on the {t} work",
    "Next steps for {t}",
    "Who to talk to about {t}",
    "Preparing the {t} presentation",
    "Time for the plan this month",
    "How the last activity went",
    "The {t} goal: still the right one?",
]
ACTION_TITLES = {
    "mentee": [
        "Draft the next step on {t}",
        "Book time with a colleague who knows {t}",
        "Read up on {t} before we meet",
        "Ask my manager about {t}",
        "Update the plan with what we agreed on {t}",
    ],
    "mentor": [
        "Introduce {mentee} to someone who knows {t}",
        "Send {mentee} an example of {t} done well",
        "Look for a {t} course {mentee} could join",
    ],
}

# Progress and bookkeeping -----------------------------------------------------------


class Progress:
    """A progress bar redrawn in place on a terminal, one line per tenth otherwise."""

    def __init__(self, stream, label, total):
        # ``stream`` is a command's OutputWrapper: it adds no line ending or colour here.
        self.stream, self.label, self.total = stream, label, total
        self.started = time.perf_counter()
        self.tty = stream.isatty()
        self.last_tenth = -1

    def update(self, done):
        share = done / self.total if self.total else 1
        tenth = int(share * 10)
        if not self.tty and tenth == self.last_tenth:
            return
        self.last_tenth = tenth
        bar = "#" * int(share * 30) + "-" * (30 - int(share * 30))
        elapsed = time.perf_counter() - self.started
        line = f"{self.label} {done}/{self.total} [{bar}] {share:4.0%} {elapsed:.0f}s"
        self.stream.write(("\r" + line) if self.tty else line + "\n", style_func=str, ending="")
        self.stream.flush()

    def finish(self):
        if self.tty:
            self.stream.write("\n", style_func=str, ending="")
            self.stream.flush()


class Rows:
    """Rows waiting to be written, per model, numbered in advance."""

    def __init__(self):
        self.next_id = {
            model: (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1 for model in TABLES
        }
        self.pending = defaultdict(list)
        self.written = Counter()
        self.fields = {model: model._meta.concrete_fields for model in TABLES}

    def id(self, model):
        n = self.next_id[model]
        self.next_id[model] = n + 1
        return n

    def add(self, obj):
        self.pending[type(obj)].append(obj)
        return obj

    def new(self, model, values):
        """Add a row from a dict of column values (``plan_id``, not ``plan``).

        ``Model(*values)`` in field order skips most of the work ``Model(**values)``
        does per field, which matters over a million rows.
        """
        obj = model(*[values[f.attname] if f.attname in values else f.get_default()
                      for f in self.fields[model]])  # fmt: skip
        self.pending[model].append(obj)
        return obj

    def write(self):
        for model in TABLES:
            objs = self.pending.pop(model, None)
            if objs:
                model.objects.bulk_create(objs, batch_size=BATCH)
                self.written[model] += len(objs)


@contextmanager
def given_timestamps():
    """Let bulk_create keep the timestamps given: auto_now fields would take the clock's.

    Switched back afterwards, so the app (and tests in the same process) keep
    their usual behaviour.
    """
    fields = [
        f
        for model in TABLES
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def at(day, minutes=0):
    """A moment on a day: minutes after 8 o'clock UTC."""
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(minutes=minutes)


# The builder ------------------------------------------------------------------------


class ScaleProgram:
    """Makes the rows of one scale program; ``build()`` writes them."""

    def __init__(self, *, people, partnerships, cohorts, comments, seed, slug, today, progress):
        self.sizes = SimpleNamespace(
            people=people, partnerships=partnerships, cohorts=cohorts, comments=comments
        )
        self.seed, self.slug, self.today = seed, slug, today
        self.rng = random.Random(seed)
        self.meeting_rng = random.Random(f"{seed}:meetings")
        # Their own streams, so that adding them left every other row as it was.
        self.check_in_rng = random.Random(f"{seed}:check-ins")
        self.nudge_rng = random.Random(f"{seed}:nudges")
        self.meeting_url = reverse("meetings:meeting-detail", args=[0]).replace("/0/", "/{}/")
        self.progress = progress
        self.domain = domain_for(slug)
        self.password = make_password(PASSWORD)  # hashed once: every person shares it
        self.rows = Rows()
        self.coordinators, self.pairs = [], []
        self.login_mentor = self.login_mentee = None
        self.signed_plans = []  # (plan id, terms) of plans both partners signed

    # People, cohorts, partnerships ---------------------------------------------------

    def build(self):
        with given_timestamps():
            with transaction.atomic():
                self.build_people()
                self.rows.write()
            progress = self.progress("plans", len(self.pairs))
            for start in range(0, len(self.pairs), CHUNK):
                for pair in self.pairs[start : start + CHUNK]:
                    self.build_plan(pair)
                with transaction.atomic():
                    self.rows.write()
                progress.update(min(start + CHUNK, len(self.pairs)))
            progress.finish()
        return self.rows.written

    def person(self, index, *, role, joined, pending=False):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        topic = rng.choice(TOPICS)
        token = f"{self.seed}-{index}".encode()
        return self.rows.add(
            User(
                id=self.rows.id(User),
                email=f"{first}.{last}.{index}@{self.domain}".lower(),
                display_name=f"{first} {last}",
                # An invited person who has not accepted has no password yet.
                password=UNUSABLE_PASSWORD_PREFIX + hashlib.sha256(token).hexdigest()[:40]
                if pending
                else self.password,
                time_zone=rng.choice(TIME_ZONES),
                bio=rng.choice(BIOS).format(t=topic, n=rng.randint(3, 25))
                if role != "mentee"
                else "",
                expertise=", ".join(rng.sample(TOPICS, 3)) if role == "mentor" else "",
                interests=topic if role == "mentee" else "",
                date_joined=joined,
                is_active=True,
            )
        )

    def build_people(self):
        rng, rows, sizes, today = self.rng, self.rows, self.sizes, self.today
        founded = at(today - timedelta(days=NEWEST_COHORT_AGE + COHORT_SPACING * sizes.cohorts))
        program = rows.add(
            Program(
                id=rows.id(Program),
                name=f"Scale program ({self.slug})",
                slug=self.slug,
                description="Generated by manage.py scale_data to measure the app at scale.",
                created_at=founded,
            )
        )
        count = coordinator_count(sizes.people)
        for i in range(count):
            user = self.person(i, role="coordinator", joined=founded)
            self.coordinators.append(user)
            rows.add(CoordinatorLink(id=rows.id(CoordinatorLink), program=program, user=user))

        # Oldest cohort first; the newest started eight weeks ago.
        cohorts = []
        for k in reversed(range(sizes.cohorts)):
            starts = today - timedelta(days=NEWEST_COHORT_AGE + COHORT_SPACING * k)
            cohort = rows.add(
                Cohort(
                    id=rows.id(Cohort),
                    program=program,
                    name=f"{starts:%B %Y} Partnerships",
                    starts_on=starts,
                    ends_on=starts + timedelta(days=COHORT_DAYS),
                    meeting_cadence=rng.choice(Cohort.Cadence.values),
                    created_at=at(starts - timedelta(days=60)),
                )
            )
            cohorts.append(cohort)
        # The login mentor's cohort: the running one furthest along, so plans are full.
        running = [c for c in cohorts if c.ends_on >= today]
        showcase = running[0] if running else cohorts[-1]

        index = count
        mentees_in = spread(sizes.partnerships, sizes.cohorts)
        mentors_in = spread(sizes.people - count - sizes.partnerships, sizes.cohorts)
        for cohort, mentees, mentors in zip(cohorts, mentees_in, mentors_in, strict=True):
            loads = mentor_loads(rng, mentees, mentors, first=5 if cohort is showcase else None)
            mentor_rows, mentee_rows = [], []
            for load in loads:
                pending = load == 0 and cohort.ends_on >= today and rng.random() < 0.4
                invited = at(cohort.starts_on - timedelta(days=rng.randint(20, 40)), 30)
                user = self.person(index, role="mentor", joined=invited, pending=pending)
                index += 1
                capacity = max(1, load + rng.choice((0, 0, 1, 2)))
                self.member(user, cohort, "mentor", capacity, invited, pending)
                mentor_rows.append((user, load))
            for _ in range(mentees):
                invited = at(cohort.starts_on - timedelta(days=rng.randint(20, 40)), 45)
                user = self.person(index, role="mentee", joined=invited)
                index += 1
                self.member(user, cohort, "mentee", None, invited, False)
                mentee_rows.append(user)
            mentee_iter = iter(mentee_rows)
            for n, (mentor, load) in enumerate(mentor_rows):
                for _ in range(load):
                    showcase_pair = cohort is showcase and n == 0
                    self.pair(cohort, mentor, next(mentee_iter), showcase_pair)
                if cohort is showcase and n == 0:
                    self.login_mentor = mentor

    def member(self, user, cohort, role, capacity, invited, pending):
        rng, rows = self.rng, self.rows
        membership = rows.add(
            Membership(
                id=rows.id(Membership),
                user=user,
                cohort=cohort,
                role=role,
                capacity=capacity,
                joined_at=invited,
            )
        )
        sent = invited + timedelta(minutes=rng.randint(1, 20))
        token = hashlib.sha256(f"{self.seed}:{self.slug}:{membership.id}".encode())
        rows.add(
            Invitation(
                id=rows.id(Invitation),
                membership=membership,
                token_hash=token.hexdigest(),
                invited_by=self.coordinators[0],
                created_at=invited,
                sent_at=sent,
                expires_at=sent + timedelta(days=settings.INVITATION_VALID_DAYS),
                accepted_at=None if pending else sent + timedelta(hours=rng.randint(1, 120)),
            )
        )

    def pair(self, cohort, mentor, mentee, showcase):
        rng, rows, today = self.rng, self.rows, self.today
        started = cohort.starts_on + timedelta(days=rng.randint(0, 10))
        finished = cohort.ends_on < today
        horizon = cohort.ends_on if finished else today - timedelta(days=1)
        status, ended, reason = "completed" if finished else "active", None, ""
        if finished:
            ended = cohort.ends_on
        # Ending early needs room for the plan to have been written first.
        if not showcase and (horizon - started).days > 120 and rng.random() < 0.06:
            status, reason = "ended_early", rng.choice(END_REASONS)
            ended = started + timedelta(days=rng.randint(90, (horizon - started).days - 1))
            horizon = ended
        partnership = rows.add(
            Partnership(
                id=rows.id(Partnership),
                cohort=cohort,
                mentor=mentor,
                mentee=mentee,
                status=status,
                started_on=started,
                ended_on=ended,
                end_reason=reason,
                created_by=rng.choice(self.coordinators),
                created_at=at(cohort.starts_on - timedelta(days=rng.randint(1, 14)), 120),
            )
        )
        # How the pair rates their meetings: mostly 4, a few pairs 2 (the dashboard flags them).
        mood = self.check_in_rng.choices((2, 3, 4, 5), (1, 2, 5, 2))[0]
        self.pairs.append(
            SimpleNamespace(p=partnership, horizon=horizon, showcase=showcase, check_in_mood=mood)
        )

    def login_mentor_mentees(self) -> int:
        return sum(1 for pair in self.pairs if pair.p.mentor is self.login_mentor)

    # One plan ---------------------------------------------------------------------

    def track(self, model, fields, created, who, changes=()):
        """Add a part's row and its history: a "+" record, then a "~" record per change.

        ``changes`` are (moment, user id, {field: value}); the row ends in the last
        state, with the version one save per change would have given it.
        """
        history_model = HISTORY_OF[model]
        new, next_id = self.rows.new, self.rows.id
        state = dict(fields, version=1)
        new(history_model, {**state, "history_id": next_id(history_model),
                            "history_date": created, "history_type": "+",
                            "history_user_id": who})  # fmt: skip
        last = created
        for when, user, change in sorted(changes, key=itemgetter(0)):
            state.update(change)
            state["version"] += 1
            new(history_model, {**state, "history_id": next_id(history_model),
                                "history_date": when, "history_type": "~",
                                "history_user_id": user})  # fmt: skip
            last = when
        return new(model, {**state, "updated_at": last})

    def build_plan(self, pair):
        rng, rows = self.rng, self.rows
        p, horizon = pair.p, pair.horizon
        cohort = p.cohort
        mentee, mentor = p.mentee_id, p.mentor_id
        ends = cohort.ends_on

        def day(low, high=None):
            """A day between two others (or ``low`` and the horizon), never past the horizon."""
            high = horizon if high is None else min(high, horizon)
            if high <= low:
                return min(low, horizon)
            return low + timedelta(days=rng.randint(0, (high - low).days))

        begun = day(p.started_on, p.started_on + timedelta(days=5))
        written = day(begun + timedelta(days=1), begun + timedelta(days=7))
        shared = day(written, written + timedelta(days=7))
        side_day = day(shared + timedelta(days=1), shared + timedelta(days=7))
        created = at(begun)
        plan_id = rows.id(ActionPlan)
        topics = rng.sample(TOPICS, 5)

        # The plan, and the parts plan_for_mentee creates empty with it.
        plan_changes = [
            (at(shared, 700), mentee, {"status": "shared", "shared_at": at(shared, 700)})
        ]
        if rng.random() < 0.8:
            confirmed = at(day(side_day + timedelta(days=1), side_day + timedelta(days=4)), 650)
            plan_changes.append((confirmed, mentee, {"understanding_confirmed_at": confirmed}))
        self.track(
            ActionPlan,
            {
                "id": plan_id,
                "partnership_id": p.id,
                "status": "draft",
                "shared_at": None,
                "created_at": created,
                "understanding_confirmed_at": None,
                "understanding_feedback": "",
            },
            created,
            mentee,
            plan_changes,
        )
        filled = {
            "meeting_frequency": rng.choice(Cohort.Cadence.values),
            "meeting_format": rng.choice(FORMATS),
            "preferred_channels": rng.choice(CHANNELS),
            "guidance_areas": rng.choice(GUIDANCE).format(t=topics[0]),
            "weekly_hours": rng.choice(WEEKLY_HOURS),
        }
        self.track(
            Expectations,
            {
                "id": rows.id(Expectations),
                "plan_id": plan_id,
                "meeting_frequency": "",
                "meeting_format": "",
                "preferred_channels": "",
                "guidance_areas": "",
                "weekly_hours": None,
            },
            created,
            mentee,
            [(at(day(begun + timedelta(days=1), begun + timedelta(days=5)), 300), mentee, filled)],
        )
        side_filled = {
            "understanding": UNDERSTANDING.format(
                name=p.mentee.display_name.split(" ")[0], t1=topics[0], t2=topics[1]
            ),
            "roles": sorted(rng.sample(ROLES, rng.randint(1, 3)), key=ROLES.index),
            "role_notes": rng.choice(ROLE_NOTES),
            "supportive_environment": rng.choice(SUPPORTIVE),
            "boundaries": rng.choice(BOUNDARIES),
            "availability": rng.choice(AVAILABILITY),
            "response_time": rng.choice(RESPONSE_TIMES),
        }
        side_changes = [(at(side_day, 500), mentor, side_filled)]

        goals = self.build_goals(plan_id, topics, begun, written, mentee, mentor, day)
        self.build_parts(plan_id, topics, goals, written, mentee, day, ends, horizon)

        # The agreement: most pairs sign, a few not yet, a few signed terms that changed since.
        terms = agreement_terms(
            SimpleNamespace(
                partnership=p,
                expectations=Expectations(**filled),
                mentor_side=MentorSide(**side_filled),
            ),
            goals,
        )
        # 85%: both signed the current terms; 4%: both signed, then a term changed;
        # 5%: only the mentee signed; 6%: nobody signed yet.
        roll = 0.0 if pair.showcase else rng.random()
        agreement_changes = []
        if roll < 0.94:
            signed = day(side_day + timedelta(days=2), side_day + timedelta(days=6))
            agreement_changes.append(
                (
                    at(signed, 600),
                    mentee,
                    {
                        "mentee_signed_name": p.mentee.display_name,
                        "mentee_signed_at": at(signed, 600),
                        "mentee_signed_terms": terms,
                    },
                )
            )
        if roll < 0.89:
            countersigned = day(signed, signed + timedelta(days=4))
            agreement_changes.append(
                (
                    at(countersigned, 610),
                    mentor,
                    {
                        "mentor_signed_name": p.mentor.display_name,
                        "mentor_signed_at": at(countersigned, 610),
                        "mentor_signed_terms": terms,
                    },
                )
            )
            if roll < 0.85:
                self.signed_plans.append((plan_id, terms))
            else:
                # The mentor's availability changed after both signed: both sign again.
                moved = day(countersigned + timedelta(days=1))
                side_changes.append((at(moved, 640), mentor, {"availability": "Fridays only"}))
        self.track(
            MentorSide,
            {
                "id": rows.id(MentorSide),
                "plan_id": plan_id,
                "understanding": "",
                "roles": [],
                "role_notes": "",
                "supportive_environment": "",
                "boundaries": "",
                "availability": "",
                "response_time": "",
            },
            created,
            mentee,
            side_changes,
        )
        self.track(
            Agreement,
            {
                "id": rows.id(Agreement),
                "plan_id": plan_id,
                "mentee_signed_name": "",
                "mentee_signed_at": None,
                "mentee_signed_terms": "",
                "mentor_signed_name": "",
                "mentor_signed_at": None,
                "mentor_signed_terms": "",
            },
            created,
            mentee,
            agreement_changes,
        )
        if pair.showcase and self.login_mentee is None:
            self.login_mentee = p.mentee
        self.build_talk(plan_id, p, topics, goals, shared, horizon, day)
        self.build_meetings(pair, topics)
        self.nudge(pair)

    def build_goals(self, plan_id, topics, begun, written, mentee, mentor, day):
        rng, rows = self.rng, self.rows
        goals = []
        for position in range(rng.randint(3, 5)):
            t = topics[position]
            created = at(begun, 5 + 3 * position)
            goal_id = rows.id(Goal)
            changes = []
            final = rng.choices(
                ("not_started", "in_progress", "achieved", "dropped"), (1, 5, 3, 1)
            )[0]
            if final != "not_started":
                started = at(day(begun + timedelta(days=1), begun + timedelta(days=21)), 400)
                changes.append((started, mentee, {"status": "in_progress"}))
                if final in ("achieved", "dropped"):
                    closed = at(day(started.date() + timedelta(days=20)), 420)
                    changes.append((closed, mentee, {"status": final}))
            goal = self.track(
                Goal,
                {
                    "id": goal_id,
                    "plan_id": plan_id,
                    "position": position,
                    "statement": rng.choice(GOAL_TEMPLATES).format(t=t),
                    "why": rng.choice(WHY_TEMPLATES).format(t=t),
                    "horizon": "short" if position < 3 else "long",
                    "target_date": begun + timedelta(days=rng.randint(60, 270))
                    if rng.random() < 0.8
                    else None,
                    "status": "not_started",
                },
                created,
                mentee,
                changes,
            )
            goals.append(goal)
            # Self-assessments: the first when the goal is set, then rising.
            score = rng.randint(2, 5)
            days = sorted(day(begun + timedelta(days=7)) for _ in range(rng.randint(1, 3)))
            rows.new(
                SelfAssessment,
                {
                    "id": rows.id(SelfAssessment),
                    "goal_id": goal_id,
                    "score": score,
                    "recorded_at": created,
                },
            )
            for n, d in enumerate(days):
                score = min(10, score + rng.randint(1, 2))
                rows.new(
                    SelfAssessment,
                    {
                        "id": rows.id(SelfAssessment),
                        "goal_id": goal_id,
                        "score": score,
                        "recorded_at": at(d, 200 + n),
                    },
                )
            for _ in range(rng.randint(1, 3)):
                template, target = rng.choice(MEASURES)
                n = rng.randint(2, 5)
                by_mentor = rng.random() < 0.2
                changes = []
                if final == "achieved" or rng.random() < 0.25:
                    achieved = day(written + timedelta(days=14))
                    changes.append(
                        (
                            at(achieved, 450),
                            mentee,
                            {"achieved_on": achieved, "progress": "Done: " + target.format(n=n)},
                        )
                    )
                elif rng.random() < 0.5:
                    changes.append(
                        (
                            at(day(written + timedelta(days=10)), 460),
                            mentee,
                            {"progress": f"{rng.randint(1, n)} so far"},
                        )
                    )
                self.track(
                    SuccessMeasure,
                    {
                        "id": rows.id(SuccessMeasure),
                        "goal_id": goal_id,
                        "description": template.format(n=n, t=t),
                        "target": target.format(n=n),
                        "progress": "",
                        "achieved_on": None,
                        "proposed_by": "mentor" if by_mentor else "mentee",
                        "agreed": not by_mentor or rng.random() < 0.85,
                    },
                    at(written, 90),
                    mentor if by_mentor else mentee,
                    changes,
                )
        for _ in range(rng.randint(2, 4)):
            category = rng.choice(LearningObjective.Category.values)
            goal = rng.choice(goals) if rng.random() < 0.7 else None
            self.track(
                LearningObjective,
                {
                    "id": rows.id(LearningObjective),
                    "plan_id": plan_id,
                    "category": category,
                    "statement": rng.choice(OBJECTIVE_TEMPLATES[category]).format(
                        t=topics[goal.position] if goal else rng.choice(topics)
                    ),
                    "goal_id": goal.id if goal else None,
                },
                at(begun, 40),
                mentee,
            )
        return goals

    def build_parts(self, plan_id, topics, goals, written, mentee, day, ends, horizon):
        """Activities, milestones and barriers, written on one day and worked through after."""
        rng, rows = self.rng, self.rows
        running = horizon < ends
        count = rng.randint(8, 15)
        # Every plan has each kind and each status at least once; the rest follow the calendar.
        kinds = [
            "doing",
            "others",
            "stretch",
            *rng.choices(("doing", "others", "stretch"), k=count - 3),
        ]
        weights = (3, 2, 4, 1) if running else (1, 1, 7, 2)
        statuses = [
            "planned",
            "in_progress",
            "done",
            "skipped",
            *rng.choices(("planned", "in_progress", "done", "skipped"), weights, k=count - 4),
        ]
        rng.shuffle(kinds)
        rng.shuffle(statuses)
        first = written + timedelta(days=1)
        for n, (kind, status) in enumerate(zip(kinds, statuses, strict=True)):
            goal = rng.choice(goals) if rng.random() < 0.85 else None
            t = topics[goal.position] if goal else rng.choice(topics)
            changes = []
            if status in ("done", "skipped"):
                starts = day(first, horizon - timedelta(days=3))
                due = day(starts, starts + timedelta(days=42))
                if status == "done":
                    changes.append((at(starts, 480), mentee, {"status": "in_progress"}))
                outcome = rng.choices(
                    ("yes", "partly", "no"), (7, 3, 1) if status == "done" else (1, 3, 6)
                )[0]
                changes.append(
                    (
                        at(due, 540),
                        mentee,
                        {"status": status, "outcome": outcome, "lessons": rng.choice(LESSONS)},
                    )
                )
            elif status == "in_progress":
                starts = day(first)
                due = min(ends, starts + timedelta(days=rng.randint(14, 60)))
                changes.append((at(starts, 480), mentee, {"status": "in_progress"}))
            elif running:
                starts = horizon + timedelta(days=rng.randint(2, max(2, (ends - horizon).days - 1)))
                due = min(ends, starts + timedelta(days=rng.randint(7, 42)))
            else:
                starts = day(first)
                due = min(ends, starts + timedelta(days=rng.randint(7, 42)))
            due = max(due, starts)
            unit = rng.choices(("hours", "days", "weeks"), (7, 2, 1))[0]
            amount = {
                "hours": rng.choice((2, 3, 4, 5, 6, 8, 10, 12)),
                "days": rng.randint(1, 3),
                "weeks": 1,
            }[unit]
            self.track(
                LearningActivity,
                {
                    "id": rows.id(LearningActivity),
                    "plan_id": plan_id,
                    "kind": kind,
                    "title": rng.choice(ACTIVITY_TITLES[kind]).format(t=t),
                    "description": rng.choice(ACTIVITY_DESCRIPTIONS),
                    "goal_id": goal.id if goal else None,
                    "effort_amount": Decimal(amount),
                    "effort_unit": unit,
                    "starts_on": starts,
                    "due_on": due,
                    "status": "planned",
                    "outcome": "",
                    "lessons": "",
                },
                at(written, 100 + n),
                mentee,
                changes,
            )
        for n in range(rng.randint(2, 5)):
            goal = rng.choice(goals) if rng.random() < 0.7 else None
            when = written + timedelta(days=rng.randint(14, max(14, (ends - written).days)))
            changes = []
            if when <= horizon and rng.random() < 0.75:
                changes.append((at(when, 560), mentee, {"reached": True}))
            self.track(
                Milestone,
                {
                    "id": rows.id(Milestone),
                    "plan_id": plan_id,
                    "title": rng.choice(MILESTONES).format(t=rng.choice(topics)),
                    "date": when,
                    "goal_id": goal.id if goal else None,
                    "reached": False,
                },
                at(written, 200 + n),
                mentee,
                changes,
            )
        for n, kind in enumerate(rng.sample(Barrier.Kind.values, rng.randint(1, 3))):
            description, strategy = BARRIERS[kind]
            changes = []
            final = rng.choices(("open", "managed", "resolved"), (2, 3, 3))[0]
            if final != "open":
                managed = day(first + timedelta(days=7))
                changes.append((at(managed, 580), mentee, {"status": "managed"}))
                if final == "resolved":
                    changes.append(
                        (at(day(managed + timedelta(days=14)), 590), mentee, {"status": "resolved"})
                    )
            self.track(
                Barrier,
                {
                    "id": rows.id(Barrier),
                    "plan_id": plan_id,
                    "kind": kind,
                    "description": description.format(t=rng.choice(topics)),
                    "strategy": strategy,
                    "status": "open",
                },
                at(written, 300 + n),
                mentee,
                changes,
            )

    def build_talk(self, plan_id, p, topics, goals, shared, horizon, day):
        """Comments from both partners between sharing and now, and each one's last visit."""
        rng, rows = self.rng, self.rows
        people = (("mentee", p.mentee_id), ("mentor", p.mentor_id))
        moments = sorted(at(day(shared), rng.randint(0, 720)) for _ in range(self.sizes.comments))
        for moment in moments:
            role, author = people[0] if rng.random() < 0.55 else people[1]
            goal = rng.choice(goals) if rng.random() < 0.3 else None
            body = (
                rng.choice(COMMENT_OPENINGS[role])
                + " "
                + rng.choice(COMMENT_MIDDLES).format(t=rng.choice(topics))
                + rng.choice(COMMENT_CLOSINGS)
            )
            rows.new(
                Comment,
                {
                    "id": rows.id(Comment),
                    "plan_id": plan_id,
                    "goal_id": goal.id if goal else None,
                    "author_id": author,
                    "body": body,
                    "created_at": moment,
                },
            )
        for _, user in people:
            seen = at(day(horizon - timedelta(days=7)), rng.randint(0, 600))
            rows.new(
                PlanVisit,
                {
                    "id": rows.id(PlanVisit),
                    "plan_id": plan_id,
                    "user_id": user,
                    "seen_at": seen,
                    "previous_seen_at": seen - timedelta(days=rng.randint(1, 14)),
                },
            )

    # Meetings ----------------------------------------------------------------------

    def build_meetings(self, pair, topics):
        """About one meeting a fortnight from the start to the horizon, and the next one booked.

        Rows as the journey's services leave them: the booking's change, the
        feed's line (dated at the start, as for any meeting not cancelled), notes
        saved just after the meeting, topics added before it and covered in it
        (a few only at the next meeting, one of the last left open to carry
        over), an action item ticked off by its due date or still open.
        """
        rng, rows, p = self.meeting_rng, self.rows, pair.p
        people = {"mentee": p.mentee_id, "mentor": p.mentor_id}
        names = {
            "mentee": p.mentee.display_name.split(" ")[0],
            "mentor": p.mentor.display_name.split(" ")[0],
        }
        zone = p.mentee.time_zone
        start = rng.choice(MEETING_HOURS)
        duration = rng.choice(MEETING_DURATIONS)
        usual = rng.choices(MEETING_FORMATS, MEETING_FORMAT_WEIGHTS)[0]
        days = []
        day = p.started_on + timedelta(days=rng.randint(3, 10))
        while day <= pair.horizon:
            days.append(day)
            day += timedelta(days=MEETING_EVERY + rng.randint(-MEETING_JITTER, MEETING_JITTER))
        if p.status == "active":
            days.append(max(day, self.today + timedelta(days=rng.randint(1, 10))))
        ids = [rows.id(Meeting) for _ in days]
        held = [day <= pair.horizon for day in days]
        last_held = sum(held) - 1
        # A few are called off; never the last one held, which the next one follows.
        cancelled = [h and n != last_held and rng.random() < 0.04 for n, h in enumerate(held)]
        taken_place = [h and not c for h, c in zip(held, cancelled, strict=True)]
        position = 0
        booked = None
        for n, (meeting_id, day) in enumerate(zip(ids, days, strict=True)):
            fmt = usual if rng.random() < 0.8 else rng.choice(MEETING_FORMATS)
            starts = to_utc(day, start, zone)
            ends = starts + timedelta(minutes=duration)
            logged = held[n] and rng.random() < 0.08
            if logged:
                booked = starts + timedelta(hours=9)
            elif booked is None:
                booked = starts - timedelta(days=7)
            by = people["mentee" if rng.random() < 0.6 else "mentor"]
            reason = rng.choice(CANCEL_REASONS) if cancelled[n] else ""
            t = rng.choice(topics)
            rows.new(
                Meeting,
                {
                    "id": meeting_id,
                    "version": 2 if cancelled[n] else 1,
                    "updated_at": booked,
                    "partnership_id": p.id,
                    "series_id": None,
                    "starts_at": starts,
                    "duration_minutes": duration,
                    "time_zone": zone,
                    "format": fmt,
                    "location": self.place(fmt, p.id),
                    "status": "cancelled" if cancelled[n] else "scheduled",
                    "cancel_reason": reason,
                    "logged_afterwards": logged,
                    "sequence": 1 if cancelled[n] else 0,
                    "created_by_id": by,
                    "created_at": booked,
                },
            )
            kind = "logged" if logged else "scheduled"
            self.meeting_change(meeting_id, kind, by, booked, new_starts_at=starts)
            # The next one is booked as this one ends.
            booked = ends - timedelta(minutes=5)
            if cancelled[n]:
                when = starts - timedelta(hours=rng.randint(2, 48))
                self.meeting_change(meeting_id, "cancelled", by, when, reason=reason)
                continue
            rows.new(
                JourneyEvent,
                {
                    "id": rows.id(JourneyEvent),
                    "partnership_id": p.id,
                    "kind": "meeting_held",
                    "at": starts,
                    "text": f"Meeting ({Format(fmt).label.lower()})",
                    "quotes_plan": False,
                    "link": self.meeting_url.format(meeting_id),
                    "meeting_id": meeting_id,
                    "key": f"meeting-{meeting_id}",
                    "mentee_seen_at": None,
                    "mentor_seen_at": None,
                },
            )
            following = next((ids[k] for k in range(n + 1, len(ids)) if taken_place[k]), None)
            added = starts - timedelta(hours=rng.randint(2, 72))
            for k in range(rng.randint(1, 3) if held[n] else rng.randint(1, 2)):
                status, resolved = "covered", meeting_id
                if not held[n] or (n == last_held and k == 0 and rng.random() < 0.5):
                    status, resolved = "open", None  # on the agenda of the next meeting
                elif following is not None and rng.random() < 0.08:
                    resolved = following  # not reached: covered at the next meeting
                elif rng.random() < 0.06:
                    status = "dropped"
                position += 1
                rows.new(
                    Topic,
                    {
                        "id": rows.id(Topic),
                        "partnership_id": p.id,
                        "meeting_id": meeting_id,
                        "title": rng.choice(TOPIC_TITLES).format(t=rng.choice(topics)),
                        "source": "",
                        "link": "",
                        "position": position,
                        "status": status,
                        "resolved_in_id": resolved,
                        "added_by_id": people[rng.choice(("mentee", "mentor"))],
                        "added_at": added + timedelta(minutes=k),
                    },
                )
            if not held[n]:
                continue
            owner = "mentee" if rng.random() < 0.7 else "mentor"
            due = days[n + 1] if n + 1 < len(days) else day + timedelta(days=MEETING_EVERY)
            done = None
            if due <= pair.horizon and rng.random() < 0.85:
                done = at(due - timedelta(days=rng.randint(0, 10)), rng.randint(60, 600))
                done = max(done, ends + timedelta(hours=1))
            rows.new(
                ActionItem,
                {
                    "id": rows.id(ActionItem),
                    "partnership_id": p.id,
                    "meeting_id": meeting_id,
                    "title": rng.choice(ACTION_TITLES[owner]).format(t=t, mentee=names["mentee"]),
                    "owner": owner,
                    "due_on": due,
                    "done_at": done,
                    "activity_id": None,
                    "added_by_id": people[owner],
                    "added_at": ends - timedelta(minutes=10),
                },
            )
            self.check_ins(meeting_id, people, ends, pair.check_in_mood)
            writer = rng.choice(("mentee", "mentor"))
            text = " ".join(
                part
                for part in (
                    rng.choice(NOTE_OPENINGS),
                    rng.choice(NOTE_MIDDLES),
                    rng.choice(NOTE_MIDDLES) if rng.random() < 0.4 else "",
                    rng.choice(NOTE_CLOSINGS),
                )
                if part
            ).format(t=t, t2=rng.choice(topics), **names)
            rows.new(
                MeetingNotes,
                {
                    "id": rows.id(MeetingNotes),
                    "version": 1,
                    "updated_at": ends + timedelta(minutes=rng.randint(5, 90)),
                    "meeting_id": meeting_id,
                    "text": text[0].upper() + text[1:],
                    "updated_by_id": people[writer],
                },
            )

    def check_ins(self, meeting_id, people, ends, mood):
        """Each partner rates most meetings held: most pairs 4 or 5, a few pairs low."""
        rng = self.check_in_rng
        for role in ("mentee", "mentor"):
            if rng.random() < 0.7:
                self.rows.new(
                    CheckIn,
                    {
                        "id": self.rows.id(CheckIn),
                        "meeting_id": meeting_id,
                        "author_id": people[role],
                        "usefulness": max(1, min(5, mood + rng.choice((-1, 0, 0, 1)))),
                        "comment": "",
                        "at": ends + timedelta(hours=rng.randint(1, 48)),
                    },
                )

    def nudge(self, pair):
        """A coordinator's nudge to about one active pair in twenty."""
        rng = self.nudge_rng
        if pair.p.status != "active" or rng.random() >= 0.05:
            return
        self.rows.new(
            Nudge,
            {
                "id": self.rows.id(Nudge),
                "partnership_id": pair.p.id,
                "sent_by_id": self.coordinators[0].id,
                "sent_at": at(self.today - timedelta(days=rng.randint(1, 30)), rng.randint(0, 600)),
                "message": "Hello both, how are your meetings going? Tell me if I can help.",
            },
        )

    def place(self, fmt, partnership_id):
        if fmt == "video":
            return f"https://meet.example.org/{self.slug}-{partnership_id}"
        if fmt == "in_person":
            return f"Civic Centre, room {1 + partnership_id % 40}"
        return ""

    def meeting_change(self, meeting_id, kind, by, when, *, new_starts_at=None, reason=""):
        self.rows.new(
            MeetingChange,
            {
                "id": self.rows.id(MeetingChange),
                "meeting_id": meeting_id,
                "kind": kind,
                "by_id": by,
                "at": when,
                "old_starts_at": None,
                "new_starts_at": new_starts_at,
                "reason": reason,
            },
        )


def domain_for(slug) -> str:
    """The email domain of the scale program's people: how --replace finds them."""
    return f"{slug.replace('_', '-')}.example.org"


def coordinator_count(people) -> int:
    return max(1, min(10, people // 5000))


def spread(total, parts) -> list[int]:
    """Split ``total`` into ``parts`` nearly equal whole numbers, the larger first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def mentor_loads(rng, mentees, mentors, first=None) -> list[int]:
    """How many mentees each mentor of a cohort takes: mostly one or two, some five, some none."""
    loads, left = [], mentees
    if first is not None and mentors:
        loads.append(min(first, left))
        left -= loads[0]
    while left > 0 and len(loads) < mentors:
        loads.append(min(left, rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 4, 5))))
        left -= loads[-1]
    # More mentees than mentors would take: share the rest out.
    for i in range(left):
        loads[(i + (1 if first else 0)) % len(loads) if len(loads) > 1 else 0] += 1
    return loads + [0] * (mentors - len(loads))


def delete_rows(queryset) -> int:
    """Delete a queryset's rows in one statement.

    ``QuerySet.delete()`` would load every row of the tracked models to write a
    "-" history record for each (django-simple-history listens to post_delete).
    """
    model = queryset.model
    sql, params = queryset.values("pk").query.sql_with_params()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {qn(model._meta.db_table)} WHERE {qn(model._meta.pk.column)} IN ({sql})",
            params,
        )
        return cursor.rowcount


def scale_program_delete(program) -> None:
    """Remove a scale program, its plans with their history, and its people."""
    pairs = Partnership.objects.filter(cohort__program=program)
    plans = ActionPlan.objects.filter(partnership__in=pairs).values("pk")
    history_goals = Goal.history.model.objects.filter(plan_id__in=plans).values("id")
    meetings = Meeting.objects.filter(partnership__in=pairs).values("pk")
    with transaction.atomic():
        # The journey first: its action items point at plan activities, its rows at meetings.
        delete_rows(JourneyEvent.objects.filter(partnership__in=pairs))
        delete_rows(Nudge.objects.filter(partnership__in=pairs))
        for model in (MeetingChange, MeetingNotes, PrivateNote, CheckIn):
            delete_rows(model.objects.filter(meeting__in=meetings))
        delete_rows(ActionItem.objects.filter(partnership__in=pairs))
        delete_rows(Topic.objects.filter(partnership__in=pairs))
        delete_rows(Meeting.objects.filter(partnership__in=pairs))
        delete_rows(MeetingSeries.objects.filter(partnership__in=pairs))
        delete_rows(SuccessMeasure.history.model.objects.filter(goal_id__in=history_goals))
        for part in PARTS[1:]:
            if part is not SuccessMeasure:
                delete_rows(part.history.model.objects.filter(plan_id__in=plans))
        delete_rows(ActionPlan.history.model.objects.filter(partnership_id__in=pairs.values("pk")))
        for model, lookup in [
            (Comment, "plan__in"),
            (PlanVisit, "plan__in"),
            (Suggestion, "plan__in"),
            (HelpRequest, "plan__in"),
            (SelfAssessment, "goal__plan__in"),
            (SuccessMeasure, "goal__plan__in"),
            (LearningObjective, "plan__in"),
            (LearningActivity, "plan__in"),
            (Milestone, "plan__in"),
            (Barrier, "plan__in"),
            (Goal, "plan__in"),
            (Expectations, "plan__in"),
            (MentorSide, "plan__in"),
            (Agreement, "plan__in"),
        ]:
            delete_rows(model.objects.filter(**{lookup: plans}))
        delete_rows(ActionPlan.objects.filter(partnership__in=pairs))
        delete_rows(pairs)
        delete_rows(Invitation.objects.filter(membership__cohort__program=program))
        delete_rows(Membership.objects.filter(cohort__program=program))
        delete_rows(StarterItem.objects.filter(cohort__program=program))
        # What is left is small; the ORM deletes it with whatever else points at it.
        program.delete()
        User.objects.filter(email__endswith="@" + domain_for(program.slug)).delete()


def database_size() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return filesizeformat(cursor.fetchone()[0]) + " (pg_database_size)"
    if connection.vendor == "sqlite":
        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                # Move the write-ahead log into the file, so the file's size is the data's.
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        name = Path(settings.DATABASES["default"]["NAME"])
        if name.exists():
            return f"{filesizeformat(name.stat().st_size)} ({name})"
        return "unknown (in-memory database)"
    return f"unknown ({connection.vendor})"


class Command(BaseCommand):
    help = (
        "Build a large program with full action plans, deterministically, for load tests. "
        "Dates count from --today (default: today), so runs on the same day are identical."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--partnerships", type=int, default=10_000)
        parser.add_argument("--cohorts", type=int, default=4)
        parser.add_argument("--comments", type=int, default=20, help="Comments per plan.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--program-slug", default="scale")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="The day the data is built around, YYYY-MM-DD (default: today's date). "
            "Give the same day to rebuild the same data on another day.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the program with this slug and its people first.",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        people, partnerships = options["people"], options["partnerships"]
        cohorts, slug = options["cohorts"], options["program_slug"]
        if cohorts < 1 or partnerships < cohorts or options["comments"] < 0:
            raise CommandError("Give at least one cohort and one partnership per cohort.")
        if people - coordinator_count(people) - partnerships < cohorts:
            raise CommandError(
                f"{people} people are too few for {partnerships} partnerships: each mentee has "
                "one partnership, and each cohort needs a mentor."
            )
        existing = Program.objects.filter(slug=slug).first()
        if existing is not None:
            if not options["replace"]:
                raise CommandError(
                    f"A program with the slug {slug!r} exists. Add --replace to rebuild it."
                )
            scale_program_delete(existing)
            self.stdout.write(f"Deleted the program {slug!r} and its people.")

        builder = ScaleProgram(
            people=people,
            partnerships=partnerships,
            cohorts=cohorts,
            comments=options["comments"],
            seed=options["seed"],
            slug=slug,
            today=options["today"] or timezone.localdate(),
            progress=lambda label, total: Progress(self.stderr, label, total),
        )
        try:
            written = builder.build()
        finally:
            # Rows were numbered here, not by the database: move PostgreSQL's
            # sequences past them. SQLite follows the largest id by itself.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), TABLES):
                    cursor.execute(sql)
        built = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        checked = self.check_agreements(builder.signed_plans)
        elapsed = time.perf_counter() - started

        out = self.stdout.write
        out(
            f"Built {slug!r} in {elapsed:.1f}s ({built:.1f}s writing, the rest ANALYZE and "
            f"checks) on {connection.vendor}: {people} people, {partnerships} partnerships "
            f"in {cohorts} cohorts."
        )
        width = max(len(m._meta.db_table) for m in TABLES)
        for model in TABLES:
            out(f"  {model._meta.db_table:<{width}} {written[model]:>10,}")
        out(f"  {'total':<{width}} {sum(written.values()):>10,}")
        out(f"Database size: {database_size()}")
        out(f"Agreement terms match the signatures on {checked} sampled plans.")
        mentees = builder.login_mentor_mentees()
        out(f'Log in with the password "{PASSWORD}" as:')
        for role, email in [
            ("coordinator", builder.coordinators[0].email),
            (f"mentor with {mentees} mentees", builder.login_mentor.email),
            ("mentee with a full plan", builder.login_mentee.email),
        ]:
            out(f"  {role + ':':<26} {email}")

    def check_agreements(self, signed_plans) -> int:
        """Rebuild the terms of a sample of signed plans from the database and compare."""
        sample = signed_plans[:: max(1, len(signed_plans) // 25)][:25]
        for plan_pk, terms in sample:
            plan = load_plan(plan_pk)
            stored = plan.agreement.mentee_signed_terms
            if agreement_terms(plan) != stored or stored != terms:
                raise CommandError(f"The agreement terms of plan {plan_pk} do not match.")
        return len(sample)
