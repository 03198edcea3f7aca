"""Build a believable demo program; safe to run again (it updates, never duplicates).

It lives in ``demo``, the app on top of all the others, because the demo builds
every app's data: people, programs, partnerships, plans and what comes after them.
The plans themselves are in ``_demo_plans.py``, the meetings in ``_demo_meetings.py``.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from mentorplan.meetings.models import Meeting
from mentorplan.partnerships.models import Partnership
from mentorplan.plans.models import ActionPlan, HelpRequest, StarterItem
from mentorplan.plans.services import starter_item_add
from mentorplan.programs.models import Cohort, Invitation, Membership, Program
from mentorplan.reports.models import (
    GoalVerdict,
    HealthPolicy,
    Nudge,
    Reflection,
    SharedPractice,
)
from mentorplan.reports.services import practice_share, practice_suggest

from ._demo_meetings import JOURNEYS
from ._demo_plans import PLANS, STARTER
from ._journey_writer import JourneyWriter
from ._plan_writer import PlanWriter

User = get_user_model()
PASSWORD = "mentorplan-demo"

COORDINATOR = (
    "coordinator@example.org",
    "Maya Okafor",
    "Europe/London",
    "Runs the Harbour City Council mentoring program.",
    "program design, coaching",
    "",
)
MENTORS = [
    (
        "amara.nwosu@example.org",
        "Amara Nwosu",
        "Europe/London",
        "Director of Housing Services; 20 years in local government.",
        "leadership, budgeting, stakeholder management",
        "",
        2,
    ),
    (
        "david.chen@example.org",
        "David Chen",
        "Europe/London",
        "Head of Digital; led the council's move to online services.",
        "digital services, agile delivery, procurement",
        "",
        2,
    ),
    (
        "ingrid.larsen@example.org",
        "Ingrid Larsen",
        "Europe/Oslo",
        "Policy lead for climate and transport.",
        "policy writing, public consultation, climate policy",
        "",
        2,
    ),
    (
        "samuel.owusu@example.org",
        "Samuel Owusu",
        "Europe/London",
        "Chief Financial Officer.",
        "finance, risk, audit",
        "",
        1,
    ),
    (
        "priya.raman@example.org",
        "Priya Raman",
        "Asia/Kolkata",
        "HR business partner; runs the graduate scheme.",
        "people management, difficult conversations, hiring",
        "",
        2,
    ),
    (
        "tom.fletcher@example.org",
        "Tom Fletcher",
        "Europe/London",
        "Communications manager.",
        "public speaking, writing for the public, media",
        "",
        1,
    ),
    (
        "lucia.moreno@example.org",
        "Lucía Moreno",
        "Europe/Madrid",
        "Programme manager, regeneration projects.",
        "project management, partnerships, bids",
        "",
        2,
    ),
]
MENTEES = [
    (
        "jordan.blake@example.org",
        "Jordan Blake",
        "Europe/London",
        "Housing officer, two years in.",
        "",
        "leadership, budgeting",
    ),
    (
        "aisha.khan@example.org",
        "Aisha Khan",
        "Europe/London",
        "Data analyst in the digital team.",
        "",
        "digital services, presenting to senior leaders",
    ),
    (
        "marek.nowak@example.org",
        "Marek Nowak",
        "Europe/Warsaw",
        "Transport planner.",
        "",
        "policy writing, consultation",
    ),
    (
        "chloe.martin@example.org",
        "Chloé Martin",
        "Europe/Paris",
        "Finance assistant.",
        "",
        "finance, confidence",
    ),
    (
        "kwame.mensah@example.org",
        "Kwame Mensah",
        "Europe/London",
        "New team leader in customer services.",
        "",
        "people management, difficult conversations",
    ),
    (
        "hannah.schmidt@example.org",
        "Hannah Schmidt",
        "Europe/Berlin",
        "Press officer.",
        "",
        "media, public speaking",
    ),
    (
        "oliver.grant@example.org",
        "Oliver Grant",
        "Europe/London",
        "Project officer, regeneration.",
        "",
        "project management, bids",
    ),
    (
        "mei.tanaka@example.org",
        "Mei Tanaka",
        "Asia/Tokyo",
        "Graduate trainee.",
        "",
        "networks, industry knowledge",
    ),
    (
        "rafael.silva@example.org",
        "Rafael Silva",
        "America/Sao_Paulo",
        "Procurement specialist.",
        "",
        "procurement, negotiation",
    ),
    (
        "sofia.rossi@example.org",
        "Sofia Rossi",
        "Europe/Rome",
        "Policy officer.",
        "",
        "climate policy, writing",
    ),
    (
        "ben.adeyemi@example.org",
        "Ben Adeyemi",
        "Europe/London",
        "Business support officer.",
        "",
        "confidence, networks",
    ),
    (
        "leah.cohen@example.org",
        "Leah Cohen",
        "Europe/London",
        "Benefits caseworker.",
        "",
        "leadership, career change",
    ),
]
# Last year's reflections: (mentor, mentee, whose, rating, what kept them on track,
# what they would change, shared with the partner).
REFLECTIONS = [
    ("amara.nwosu", "jordan.blake", "mentee", 5, "Our fortnightly calls were in both "
     "calendars for the whole year; I never had to ask for one.", "Start the stretch "
     "assignment earlier, not in the last two months.", True),
    ("amara.nwosu", "jordan.blake", "mentor", 5, "Jordan brought an agenda to every "
     "meeting.", "I would introduce Jordan to more people outside the department.", True),
    ("david.chen", "aisha.khan", "mentor", 4, "The plan's timeline: we looked at it at "
     "the start of each meeting.", "Fewer goals; the third one never got going.", False),
    ("ingrid.larsen", "marek.nowak", "mentee", 3, "Writing down what I learned after each "
     "activity.", "Meet in person more often; video calls got cancelled easily.", False),
    ("ingrid.larsen", "marek.nowak", "mentor", 4, "Marek's weekly hour blocked in his "
     "calendar.", "Agree on success measures in the first month, not the third.", True),
    ("samuel.owusu", "chloe.martin", "mentee", 4, "Shadowing Samuel at two board "
     "meetings kept me motivated.", "Ask for help sooner when work got busy.", True),
    ("priya.raman", "kwame.mensah", "mentee", 5, "Small, dated activities: I always "
     "knew the next step.", "Nothing big; maybe one more stretch assignment.", False),
    ("priya.raman", "kwame.mensah", "mentor", 4, "Kwame's honesty about what was not "
     "working.", "Check the plan's fit with his hours before the summer.", False),
    ("tom.fletcher", "hannah.schmidt", "mentor", 2, "Not much: the move took over.",
     "Talk about what happens if one of us leaves, at the start.", False),
]  # fmt: skip
# Requests for help this year: (mentor, mentee, who asked, message, days ago, handled).
HELP_REQUESTS = [
    ("amara.nwosu", "oliver.grant", "mentee", "Could the program pay for the data course "
     "in my plan? My manager says there is no training budget left.", 5, False),
    ("david.chen", "rafael.silva", "mentor", "We keep missing our meetings because of the "
     "restructure; could you talk to Rafael's manager about protected time?", 12, True),
]  # fmt: skip
# Activities that worked, shared for the next cohorts: (mentor, mentee, whose, why).
PRACTICES = [
    ("amara.nwosu", "jordan.blake", "mentee", "A real deadline and a real audience: I "
     "prepared twice as hard as for anything internal. Agree with your mentor who will "
     "give you feedback on the day."),
    ("priya.raman", "kwame.mensah", "mentee", "Small enough to finish in three weeks, "
     "visible enough that my manager noticed. Pick one with a clear end."),
    ("samuel.owusu", "chloe.martin", "mentor", "Shadowing works when the mentee writes "
     "down three questions beforehand and we talk them through straight after."),
]  # fmt: skip
# (mentor email prefix, mentee email prefix, status, reason for an early end)
PAST_PAIRS = [
    ("amara.nwosu", "jordan.blake", "completed", ""),
    ("david.chen", "aisha.khan", "completed", ""),
    ("ingrid.larsen", "marek.nowak", "completed", ""),
    ("samuel.owusu", "chloe.martin", "completed", ""),
    ("priya.raman", "kwame.mensah", "completed", ""),
    (
        "tom.fletcher",
        "hannah.schmidt",
        "ended_early",
        "Hannah moved to another authority in June; both agreed to close the plan.",
    ),
]
CURRENT_PAIRS = [
    ("amara.nwosu", "oliver.grant", "active", ""),
    ("amara.nwosu", "mei.tanaka", "active", ""),
    ("david.chen", "rafael.silva", "active", ""),
    ("ingrid.larsen", "sofia.rossi", "active", ""),
    ("priya.raman", "ben.adeyemi", "active", ""),
    ("lucia.moreno", "leah.cohen", "active", ""),
    ("jordan.blake", "marek.nowak", "active", ""),
    (
        "samuel.owusu",
        "aisha.khan",
        "ended_early",
        "Samuel took on an interim role with no time left; Aisha was re-paired with Priya.",
    ),
    ("priya.raman", "aisha.khan", "active", ""),
]


class Command(BaseCommand):
    help = "Create (or refresh) the demo programs, people and partnerships, and print the logins."

    @transaction.atomic
    def handle(self, *args, **options):
        today = timezone.localdate()
        coordinator = self._person(*COORDINATOR)
        program, _ = Program.objects.update_or_create(
            slug="harbour-city",
            defaults={
                "name": "Harbour City Council Mentoring",
                "description": "Our 1-on-1 mentoring program: each mentee writes an action plan "
                "with their mentor and works through it over one cohort.",
            },
        )
        program.coordinators.add(coordinator)
        past, _ = Cohort.objects.update_or_create(
            program=program,
            name=f"{today.year - 1} Partnerships",
            defaults={
                "starts_on": today.replace(month=1, day=15) - timedelta(days=365),
                "ends_on": today.replace(month=1, day=15) - timedelta(days=60),
                "meeting_cadence": Cohort.Cadence.MONTHLY,
            },
        )
        current, _ = Cohort.objects.update_or_create(
            program=program,
            name=f"{today.year} Partnerships",
            defaults={
                "starts_on": today - timedelta(days=240),
                "ends_on": today + timedelta(days=60),
                "meeting_cadence": Cohort.Cadence.FORTNIGHTLY,
            },
        )
        mentors = [self._person(*m[:6]) for m in MENTORS]
        mentees = [self._person(*m) for m in MENTEES]
        for (*_, capacity), person in zip(MENTORS, mentors, strict=True):
            if person.email != "lucia.moreno@example.org":  # joined this year
                self._member(person, past, Membership.Role.MENTOR, capacity, coordinator)
            self._member(person, current, Membership.Role.MENTOR, capacity, coordinator)
        for person in mentees[:6]:
            self._member(person, past, Membership.Role.MENTEE, None, coordinator)
        # Jordan was a mentee last year and mentors this year.
        self._member(mentees[0], current, Membership.Role.MENTOR, 1, coordinator)
        for person in mentees[1:]:
            self._member(person, current, Membership.Role.MENTEE, None, coordinator)
        people = {u.email.split("@")[0]: u for u in [*mentors, *mentees]}
        for cohort, pairs in ((past, PAST_PAIRS), (current, CURRENT_PAIRS)):
            for mentor, mentee, status, reason in pairs:
                self._pair(cohort, people[mentor], people[mentee], status, reason, coordinator)
        # One newcomer who has not accepted their invitation yet.
        newcomer = User.objects.filter(email="nadia.haddad@example.org").first()
        if newcomer is None:
            newcomer = User(
                email="nadia.haddad@example.org",
                display_name="Nadia Haddad",
                interests="leadership",
            )
            newcomer.set_unusable_password()
            newcomer.save()
        membership = self._member(newcomer, current, Membership.Role.MENTEE, None, coordinator)
        Invitation.objects.filter(membership=membership).update(
            accepted_at=None, sent_at=timezone.now(), expires_at=timezone.now() + timedelta(days=10)
        )
        self._plans({"past": past, "current": current}, people, today)
        self._meetings(current, people, today)
        self._starter_plan(current)
        self._reports(program, current, people, coordinator)
        self._help_requests(current, people, coordinator)
        self._reflections(past, people)
        self._practices(past, current, people)
        self._second_program(today)
        self._print_logins()

    def _person(self, email, name, tz, bio, expertise, interests):
        user, created = User.objects.update_or_create(
            email=email,
            defaults={
                "display_name": name,
                "time_zone": tz,
                "bio": bio,
                "expertise": expertise,
                "interests": interests,
            },
        )
        if created or not user.has_usable_password():
            user.password = self._password_hash()
            user.save(update_fields=["password"])
        return user

    def _password_hash(self):
        """One hash of the demo password for everyone.

        Hashing is slow on purpose (most of a first run went to it); the password
        is public, so a shared salt costs nothing here.
        """
        if not hasattr(self, "_hash"):
            self._hash = make_password(PASSWORD)
        return self._hash

    def _member(self, user, cohort, role, capacity, invited_by):
        membership, _ = Membership.objects.update_or_create(
            user=user, cohort=cohort, defaults={"role": role, "capacity": capacity}
        )
        accepted = cohort.starts_on if user.has_usable_password() else None
        Invitation.objects.get_or_create(
            membership=membership,
            defaults={
                "invited_by": invited_by,
                "sent_at": timezone.now(),
                "expires_at": timezone.now() + timedelta(days=14),
                "accepted_at": timezone.now() if accepted else None,
            },
        )
        return membership

    def _pair(self, cohort, mentor, mentee, status, reason, coordinator):
        if status == "active":
            ended_on = None
        elif status == "ended_early":
            # Early ends happen part-way through, not on the last day.
            ended_on = cohort.starts_on + (cohort.ends_on - cohort.starts_on) * 2 / 5
        else:
            ended_on = min(cohort.ends_on, timezone.localdate())
        Partnership.objects.update_or_create(
            cohort=cohort,
            mentor=mentor,
            mentee=mentee,
            defaults={
                "status": status,
                "end_reason": reason,
                "started_on": cohort.starts_on,
                "ended_on": ended_on,
                "created_by": coordinator,
            },
        )

    def _plans(self, cohorts, people, today):
        """Write each plan once: a plan that exists is left as it is, edits included."""
        for spec in PLANS:
            cohort = cohorts[spec.cohort]
            partnership = Partnership.objects.get(
                cohort=cohort, mentor=people[spec.mentor], mentee=people[spec.mentee]
            )
            if ActionPlan.objects.filter(partnership=partnership).exists():
                continue
            origin = cohort.starts_on if spec.cohort == "past" else today
            PlanWriter(spec, partnership, origin).write()

    def _meetings(self, cohort, people, today):
        """Write each pair's meetings once, after the plans their notes talk about."""
        for spec in JOURNEYS:
            partnership = Partnership.objects.get(
                cohort=cohort, mentor=people[spec.mentor], mentee=people[spec.mentee]
            )
            if Meeting.objects.filter(partnership=partnership).exists():
                continue
            JourneyWriter(spec, partnership, today).write()

    def _reports(self, program, cohort, people, coordinator):
        """The program's health thresholds, and a nudge already sent to a pair behind."""
        HealthPolicy.objects.get_or_create(program=program, defaults={"days_to_share": 21})
        behind = Partnership.objects.get(
            cohort=cohort, mentor=people["david.chen"], mentee=people["rafael.silva"]
        )
        Nudge.objects.get_or_create(
            partnership=behind,
            defaults={
                "sent_by": coordinator,
                "sent_at": timezone.now() - timedelta(days=6),
                "message": "Hello both, I see you have not met for a few weeks. Is there "
                "anything I can help with to get your meetings going again?",
            },
        )

    def _help_requests(self, cohort, people, coordinator):
        """One request for help waiting five days (the dashboard flags it), one handled."""
        now = timezone.now()
        for mentor, mentee, raiser, message, days, handled in HELP_REQUESTS:
            partnership = Partnership.objects.select_related("plan").get(
                cohort=cohort, mentor=people[mentor], mentee=people[mentee]
            )
            raised_by = people[mentee if raiser == "mentee" else mentor]
            HelpRequest.objects.get_or_create(
                plan=partnership.plan,
                raised_by=raised_by,
                message=message,
                defaults={
                    "raised_at": now - timedelta(days=days),
                    "handled_at": now - timedelta(days=days - 1) if handled else None,
                    "handled_by": coordinator if handled else None,
                },
            )

    def _reflections(self, cohort, people):
        """Last year's pairs looked back (Aisha's own is left for her to write)."""
        for mentor, mentee, role, rating, kept, change, shared in REFLECTIONS:
            partnership = Partnership.objects.select_related("plan").get(
                cohort=cohort, mentor=people[mentor], mentee=people[mentee]
            )
            author = people[mentee if role == "mentee" else mentor]
            if Reflection.objects.filter(partnership=partnership, author=author).exists():
                continue
            activities = list(partnership.plan.activities.order_by("starts_on", "pk"))
            worked = [a for a in activities if a.outcome == "yes"]
            not_worked = [a for a in activities if a.outcome in ("no", "partly")]
            reflection = Reflection.objects.create(
                partnership=partnership,
                author=author,
                role=role,
                most_helpful=worked[0] if worked else None,
                most_helpful_why="It was real work with a real audience, and we prepared "
                "it together."
                if worked
                else "",
                least_helpful=not_worked[0] if not_worked else None,
                least_helpful_why="It came at the busiest time of the year and never got "
                "the attention it needed."
                if not_worked
                else "",
                kept_on_track=kept,
                would_change=change,
                rating=rating,
                shared_with_partner=shared,
                written_at=timezone.now() - timedelta(days=70),
            )
            met = {"achieved": "yes", "in_progress": "partly"}
            GoalVerdict.objects.bulk_create(
                GoalVerdict(reflection=reflection, goal=g, met=met.get(g.status, "no"))
                for g in partnership.plan.goals.exclude(status="dropped")
            )

    def _practices(self, past, current, people):
        """What worked last year, shared by three people; one is in this year's starter plan."""
        if SharedPractice.objects.filter(program=past.program).exists():
            return
        shared = []
        for mentor, mentee, role, why in PRACTICES:
            partnership = Partnership.objects.select_related("plan", "cohort__program").get(
                cohort=past, mentor=people[mentor], mentee=people[mentee]
            )
            activity = partnership.plan.activities.filter(status="done", outcome="yes").first()
            if activity is None:
                continue
            author = partnership.mentee if role == "mentee" else partnership.mentor
            shared.append(
                practice_share(partnership=partnership, author=author, activity=activity, why=why)
            )
        if shared:
            practice_suggest(practice=shared[0], cohort=current)

    def _starter_plan(self, cohort):
        """The coordinator's starter plan, which plans opened from now on begin with.

        It is added after the demo's plans, so those keep their own content; the
        pairs who have not started yet (Sofia, Ben, Leah, Marek) get it.
        """
        if cohort.starter_items.exists():
            return
        for kind, text, category in STARTER:
            item = StarterItem(kind=kind, text=text)
            if kind == StarterItem.Kind.OBJECTIVE:
                item.objective_category = category
            elif kind == StarterItem.Kind.ACTIVITY:
                item.activity_kind = category
            starter_item_add(cohort=cohort, item=item, offer_to_existing=False)

    def _second_program(self, today):
        """A separate program, so the demo shows that programs do not see each other."""
        coordinator = self._person(
            "dean@example.edu",
            "Prof. Elena Petrova",
            "Europe/Berlin",
            "Dean of research staff development.",
            "research careers",
            "",
        )
        program, _ = Program.objects.update_or_create(
            slug="northgate-university",
            defaults={
                "name": "Northgate University Research Mentoring",
                "description": "Mentoring for early-career researchers.",
            },
        )
        program.coordinators.add(coordinator)
        cohort, _ = Cohort.objects.update_or_create(
            program=program,
            name=f"{today.year} Fellows",
            defaults={
                "starts_on": today - timedelta(days=90),
                "ends_on": today + timedelta(days=270),
            },
        )
        mentor = self._person(
            "prof.okoye@example.edu",
            "Prof. Chidi Okoye",
            "Africa/Lagos",
            "Professor of materials science.",
            "grant writing, lab leadership",
            "",
        )
        mentee = self._person(
            "dr.lind@example.edu",
            "Dr. Anna Lind",
            "Europe/Stockholm",
            "Postdoctoral researcher.",
            "",
            "grant writing, teaching",
        )
        self._member(mentor, cohort, Membership.Role.MENTOR, 3, coordinator)
        self._member(mentee, cohort, Membership.Role.MENTEE, None, coordinator)
        self._pair(cohort, mentor, mentee, "active", "", coordinator)

    def _print_logins(self):
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Sign in with any of these (password for all: {PASSWORD}):"
            )
        )
        rows = [
            ("coordinator", "coordinator@example.org", "runs Harbour City Council Mentoring"),
            ("mentor", "amara.nwosu@example.org", "mentors two mentees this year"),
            ("mentee", "aisha.khan@example.org", "mentee, eight months of meetings"),
            ("mentor+mentee", "jordan.blake@example.org", "mentee last year, mentor now"),
            ("coordinator", "dean@example.edu", "a second, separate program"),
        ]
        for role, email, note in rows:
            self.stdout.write(f"  {role:<14} {email:<28} {note}")
