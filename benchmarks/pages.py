"""The pages the benchmark measures: one line each.

A page that a later issue adds gets its line in ``PAGES``. Its URL is a format
string over the ``Scene`` fields (the ids of the people and plan parts that
``scene_for`` picks from the scale data); if it needs an id the scene lacks,
add a field there too.

``who`` is the person whose session the load generator sends: one of the three
people ``manage.py scale_data`` prints (the mentee has a full, shared, signed
plan; the mentor has 5 mentees, among them that mentee; the coordinator runs
the scale program), or nobody. ``htmx`` sends ``HX-Request: true``, as the
page's own htmx requests do. ``save`` names a versioned kind of plan part
(``mentorplan.plans.views.parts.PARTS``), or ``NOTES`` for a meeting's shared
notes: the page is then a POST of that part's edit form (of the notes' form),
each connection saving its own part (its own meeting's notes) with the right
version (see ``run.save_form`` and ``versioned_save.lua``). ``growth`` pages are
also measured at each size of ``run.py --sizes``.

The scale data has meetings (``scale_data`` books one about every two weeks),
so the partnership page shows the journey, the mentee's home the next meeting
and the cadence, and the scene names the pair's next meeting and the last one
held (with notes).
"""

from dataclasses import dataclass, fields
from datetime import timedelta

ANONYMOUS, MENTEE, MENTOR, COORDINATOR = None, "mentee", "mentor", "coordinator"
PLAN = "/partnerships/{partnership}/plan/"
NOTES = "notes"  # the save of a meeting's shared notes
# Two letters, as typed before the search fires: some of the cohort's names have them.
PAIRING_SEARCH = "/cohorts/{cohort}/pairing/mentees/?mentee_q=an"


@dataclass(frozen=True)
class Page:
    name: str
    who: str | None
    url: str
    htmx: bool = False
    save: str | None = None
    growth: bool = False


PAGES = [
    Page("floor (Fortunes-like, anonymous)", ANONYMOUS, "/bench/floor/", growth=True),
    Page("sign-in page", ANONYMOUS, "/accounts/login/"),
    Page("mentee's home (with meetings)", MENTEE, "/"),
    Page("mentor's home (5 mentees)", MENTOR, "/"),
    Page("coordinator's home", COORDINATOR, "/", growth=True),
    Page("cohort page (coordinator)", COORDINATOR, "/cohorts/{cohort}/", growth=True),
    # The pair form's search as the coordinator types (htmx): the first matching mentees.
    Page("pairing search: mentees (coordinator)", COORDINATOR, PAIRING_SEARCH, htmx=True),
    Page("plan page, full (mentee)", MENTEE, PLAN, growth=True),
    Page("plan page, full (mentor)", MENTOR, PLAN),
    # The htmx partials editing uses: each edit form opened inline...
    Page("partial: goal form", MENTEE, PLAN + "goal/{goal}/edit/", htmx=True),
    Page("partial: new goal form", MENTEE, PLAN + "goal/new/", htmx=True),
    Page("partial: success measure form", MENTOR, PLAN + "measure/{measure}/edit/", htmx=True),
    Page("partial: objective form", MENTEE, PLAN + "objective/{objective}/edit/", htmx=True),
    Page("partial: activity form", MENTEE, PLAN + "activity/{activity}/edit/", htmx=True),
    Page("partial: new activity form", MENTEE, PLAN + "activity/new/?kind=course", htmx=True),
    Page("partial: milestone form", MENTEE, PLAN + "milestone/{milestone}/edit/", htmx=True),
    Page("partial: barrier form", MENTEE, PLAN + "barrier/{barrier}/edit/", htmx=True),
    Page("partial: expectations form", MENTEE, PLAN + "expectations/edit/", htmx=True),
    Page("partial: mentor's side form", MENTOR, PLAN + "mentor-side/edit/", htmx=True),
    # ...and each section as "Cancel" swaps it back (the checklist comes along).
    Page("partial: goals section", MENTEE, PLAN + "?section=goals", htmx=True),
    Page("partial: objectives section", MENTEE, PLAN + "?section=objectives", htmx=True),
    Page("partial: activities section", MENTEE, PLAN + "?section=activities", htmx=True),
    Page("partial: milestones section", MENTEE, PLAN + "?section=milestones", htmx=True),
    Page("partial: expectations section", MENTEE, PLAN + "?section=expectations", htmx=True),
    Page("partial: barriers section", MENTEE, PLAN + "?section=barriers", htmx=True),
    Page("partial: mentor's side section", MENTOR, PLAN + "?section=mentor-side", htmx=True),
    Page("timeline", MENTEE, PLAN + "timeline/"),
    Page("what changed since a month ago (mentor)", MENTOR, PLAN + "changes/?since={month_ago}"),
    Page("print view", MENTEE, PLAN + "print/"),
    Page("save a goal (htmx POST)", MENTEE, PLAN + "goal/{goal}/edit/", htmx=True, save="goal"),
    # The mentoring journey: the partnership page shows it, a meeting has its own page.
    Page("partnership page with the journey (mentee)", MENTEE, "/partnerships/{partnership}/"),
    Page("meeting page, the next meeting (mentee)", MENTEE, "/meetings/{next_meeting}/"),
    Page(
        "save meeting notes (htmx POST)",
        MENTEE,
        "/meetings/{last_meeting}/notes/",
        htmx=True,
        save=NOTES,
    ),
    # The cohort dashboard: every pair's health from aggregate queries, one page shown.
    Page(
        "cohort dashboard (coordinator)", COORDINATOR, "/cohorts/{cohort}/dashboard/", growth=True
    ),
    Page(
        "cohort dashboard, at risk only, by last meeting",
        COORDINATOR,
        "/cohorts/{cohort}/dashboard/?risk=at_risk&sort=-last_meeting",
    ),
    # Reports: the program's figures cohort beside cohort, a pair's closing summary (its
    # whole plan, meetings and reflections) and a cohort's partnerships as a streamed CSV.
    Page("program report (coordinator)", COORDINATOR, "/programs/{program}/report/"),
    Page(
        "closing summary of the partnership (mentee)",
        MENTEE,
        "/partnerships/{partnership}/summary/",
    ),
    Page(
        "export: the cohort's partnerships as CSV (coordinator)",
        COORDINATOR,
        "/cohorts/{cohort}/export/partnerships.csv",
    ),
    # A calendar program polling the busy mentor's private feed (no sign-in: the secret).
    Page("calendar feed of the mentor (5 mentees)", ANONYMOUS, "/calendar/{mentor_feed}.ics"),
]


@dataclass(frozen=True)
class Scene:
    """The ids the page URLs are built from: the mentee's plan and one of each part."""

    partnership: int
    cohort: int
    program: str  # the slug of the program the partnership's cohort belongs to
    goal: int
    measure: int
    objective: int
    activity: int
    milestone: int
    barrier: int
    month_ago: str
    next_meeting: int  # the meeting the pair prepares now (its agenda carries topics over)
    last_meeting: int  # the last one held, with notes
    mentor_feed: str  # the secret of the mentor's calendar address (renewed for each run)

    def url(self, page: Page) -> str:
        return page.url.format(**{f.name: getattr(self, f.name) for f in fields(self)})


def last_meeting_with_notes(partnership):
    """The partnership's last meeting held that has shared notes, or None."""
    from mentorplan.meetings.models import Meeting

    return (
        Meeting.objects.held()
        .filter(partnership=partnership, notes__isnull=False)
        .select_related("notes")
        .order_by("-starts_at", "-pk")
        .first()
    )


def scene_for(*, mentee, mentor) -> Scene:
    """Pick the mentee's active partnership with the given mentor, its plan's parts and meetings."""
    from django.utils import timezone

    from mentorplan.meetings.selectors import current_meeting
    from mentorplan.notifications.models import CalendarFeed
    from mentorplan.partnerships.models import Partnership
    from mentorplan.plans.models import SuccessMeasure

    partnership = Partnership.objects.select_related("plan", "cohort__program").get(
        mentee=mentee, mentor=mentor, status=Partnership.Status.ACTIVE
    )
    plan = partnership.plan

    def first(related):
        return related.order_by("pk").values_list("pk", flat=True)[0]

    return Scene(
        partnership=partnership.pk,
        cohort=partnership.cohort_id,
        program=partnership.cohort.program.slug,
        goal=first(plan.goals),
        measure=first(SuccessMeasure.objects.filter(goal__plan=plan)),
        objective=first(plan.objectives),
        activity=first(plan.activities),
        milestone=first(plan.milestones),
        barrier=first(plan.barriers),
        month_ago=(timezone.localdate() - timedelta(days=30)).isoformat(),
        # Data older than the pair's booked meeting has none coming: their latest one then.
        next_meeting=(current_meeting(partnership) or partnership.meetings.scheduled().last()).pk,
        last_meeting=last_meeting_with_notes(partnership).pk,
        mentor_feed=CalendarFeed.renew(mentor),
    )
