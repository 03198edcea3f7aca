"""The demo's meetings: what the pairs talked about, agreed and did between meetings.

- Aisha Khan and Priya Raman have met about every two weeks for eight months,
  alternating a video call and the Civic Centre; their notes follow the plan's
  story (``_demo_plans.AISHA``). Their next meeting is in the coming days, its
  agenda prepared: a topic carried over from the last meeting, a milestone the
  plan suggested, and one of Aisha's own.
- Rafael Silva and David Chen agreed to meet every two weeks and did, until
  David's diary filled up: their last meeting was about six weeks ago, so the
  journey shows them behind their rhythm.
- Oliver Grant and Amara Nwosu have just started: two coffees and the next one
  booked.

Days count from today (negative: in the past). A meeting falls on the first of
the pair's usual weekdays on or after its day, so it never lands on a weekend;
the last meeting held is at least two days ago, so the one coming is the
"current" meeting at any time of day.
"""

from dataclasses import dataclass, field
from datetime import time

from mentorplan.meetings.models import ActionItem, Format, Topic

from ._plan_writer import MENTEE, MENTOR

COVERED, DROPPED, OPEN = Topic.Status.COVERED, Topic.Status.DROPPED, Topic.Status.OPEN
VIDEO, IN_PERSON, PHONE = Format.VIDEO, Format.IN_PERSON, Format.PHONE
MON, TUE, WED, THU, FRI = range(5)
OWNER = {MENTEE: ActionItem.Owner.MENTEE, MENTOR: ActionItem.Owner.MENTOR}


@dataclass
class TopicSpec:
    title: str
    status: str = COVERED
    by: str = MENTEE


@dataclass
class Item:
    """An action item: due on a day, ticked off on another (or still open)."""

    title: str
    owner: str
    due: int
    done: int | None = None
    activity: str = ""  # the title of the plan activity it became


@dataclass
class MeetingSpec:
    day: int
    by: str = MENTEE  # who booked it and wrote the notes
    format: str = VIDEO
    notes: str = ""
    addendum: str = ""  # a line the other partner added the next day
    topics: tuple = ()
    items: tuple = ()
    # The mentee's and the mentor's usefulness (1-5); None: they did not check in.
    check_ins: tuple = (None, None)
    # A plan suggestion taken onto the agenda: the start of its key ("milestone-").
    suggestion: str = ""
    logged: bool = False  # logged afterwards, not booked in advance


@dataclass
class JourneySpec:
    mentor: str
    mentee: str
    weekdays: tuple
    start: time
    time_zone: str
    duration: int
    place: str  # where they meet in person
    link: str  # their video call
    meetings: list = field(default_factory=list)


CHECK_IN_COMMENTS = [
    "",
    "",
    "Useful, clear next steps.",
    "Good to talk it through.",
    "We ran out of time at the end.",
    "Exactly what I needed this week.",
]


# Aisha and Priya: eight months, about every two weeks --------------------------------

AISHA = JourneySpec(
    mentor="priya.raman",
    mentee="aisha.khan",
    weekdays=(TUE, THU),
    start=time(10, 30),
    time_zone="Europe/London",
    duration=60,
    place="Civic Centre, meeting room 2.14",
    link="https://teams.example.org/l/meetup/aisha-priya",
    meetings=[
        MeetingSpec(
            -229,
            format=IN_PERSON,
            notes="Our first meeting. We talked about how I came into data work and what I "
            "want from this year: to make the case myself instead of handing my analysis to "
            "others. Priya suggested three goals at most, starting with the one that gives "
            "early wins. We agreed to meet every two weeks, alternating a video call and the "
            "Civic Centre, and to keep our notes here.",
            topics=(
                TopicSpec("What each of us wants from the partnership"),
                TopicSpec("How often and where we meet", by=MENTOR),
            ),
            items=(
                Item("Share the draft plan with Priya", MENTEE, -224, done=-225),
                Item("Read Aisha's plan and comment on the goals", MENTOR, -220, done=-222),
            ),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -215,
            by=MENTOR,
            notes="We went through the plan together. Leading meetings moves up to second "
            "place: it gives Aisha quick wins while the budget work is slow. I explained my "
            "side: feedback on practice briefings, how I learned to chair, and introductions "
            "in Finance. Aisha's main worry is time at the end of each sprint; she will ask "
            "her manager to protect Tuesday mornings.",
            addendum="Aisha: I have added the success measures we agreed.",
            topics=(
                TopicSpec("The order of the goals", by=MENTOR),
                TopicSpec("Success measures for the briefing goal"),
                TopicSpec("Protecting time for the plan in sprint weeks"),
            ),
            items=(
                Item("Sign the mentoring agreement", MENTEE, -208, done=-208),
                Item("Ask my manager to protect Tuesday mornings", MENTEE, -201, done=-203),
            ),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -201,
            format=IN_PERSON,
            notes="I brought the outline of the memo for the Head of Waste Services. Priya's "
            "advice: put the cost of a duplicate report on page one and move the method to "
            "an annex. I start chairing the team's stand-up this week; we agreed I will try a "
            "visible timer and ask 'who owns this?' before moving on.",
            topics=(
                TopicSpec("Outline of the missed-bin memo"),
                TopicSpec("Chairing the stand-up: what to try first"),
            ),
            items=(Item("Send the memo to the Head of Waste Services", MENTEE, -185, done=-184),),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -183,
            by=MENTOR,
            notes="The memo has gone to the Head of Waste Services, and he has asked Aisha to "
            "talk him through it. Stand-ups are down from 40 to about 20 minutes: the timer "
            "helps, but people still drift into solving problems. Samuel Owusu has offered "
            "Aisha a seat at a budget challenge session, which fits her budget goal well.",
            topics=(
                TopicSpec("Feedback on the memo"),
                TopicSpec("Keeping problem-solving out of the stand-up"),
                TopicSpec("Samuel's offer to shadow a budget session", by=MENTOR),
            ),
            items=(
                Item("Book the budget challenge session with Samuel", MENTEE, -176, done=-180),
                Item("Send Aisha the retrospective format I use", MENTOR, -176, done=-178),
            ),
            check_ins=(4, 5),
        ),
        MeetingSpec(
            -168,
            format=IN_PERSON,
            notes="A month of stand-ups chaired: four weeks in a row under 15 minutes, with an "
            "owner for every action. The team asked me to carry on. Next for this goal is a "
            "retrospective, where the hard part is getting the quiet people to speak. Priya "
            "invited me to watch one of hers first.",
            topics=(
                TopicSpec("A month of stand-ups: what worked"),
                TopicSpec("From stand-ups to retrospectives", by=MENTOR),
            ),
            items=(Item("Sit in on Priya's team retrospective", MENTEE, -150, done=-150),),
            check_ins=(5, 5),
        ),
        MeetingSpec(
            -154,
            by=MENTOR,
            notes="Aisha sat in on my team's retrospective. What she noticed: I ask each person "
            "before opening the floor. We talked about how to adapt that for eight developers "
            "who prefer to write things down. The budget challenge session is coming up; "
            "Aisha will note how the savings targets are tested.",
            topics=(
                TopicSpec("What Aisha saw at the retrospective", by=MENTOR),
                TopicSpec("Preparing for the budget challenge session"),
            ),
            items=(
                Item(
                    "Write down three questions to ask at the budget session",
                    MENTEE,
                    -147,
                    done=-148,
                ),
            ),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -140,
            format=IN_PERSON,
            notes="The budget session was worth it: every savings target is tested line by "
            "line, and the directors who had costed their options got through fastest. The "
            "second session was cancelled; Samuel sent me the slides instead. I have started "
            "the online public finance course, but it is heavy going. Priya suggested giving "
            "it two more weeks before deciding.",
            topics=(
                TopicSpec("What I learned at the budget challenge"),
                TopicSpec("Is the online finance course worth the time?"),
            ),
            items=(
                Item("Decide whether to carry on with the finance course", MENTEE, -126, done=-125),
            ),
            check_ins=(4, 3),
        ),
        MeetingSpec(
            -131,
            by=MENTOR,
            format=PHONE,
            logged=True,
            notes="A short call, added at Aisha's request, to rehearse the monthly figures for "
            "the department meeting. Ten slides is too many for the slot: we cut them to "
            "four, one number each. Aisha is leaning towards dropping the finance course; "
            "time with people in Finance teaches her more.",
            topics=(TopicSpec("Rehearsal: the monthly figures"),),
            items=(Item("Cut the figures to four slides", MENTEE, -128, done=-129),),
            check_ins=(4, None),
        ),
        MeetingSpec(
            -117,
            format=IN_PERSON,
            notes="We talked about the department meeting, which did not go well: the slot was "
            "cut to five minutes and I read from my notes. Priya's advice: one number, one "
            "ask, then stop, and always have a two-minute version ready. We added a fourth "
            "goal, a team lead role within two years, and the customer portal project with "
            "Housing and Revenues is the first step towards it.",
            topics=(
                TopicSpec("What went wrong at the department meeting"),
                TopicSpec("A longer-term goal: moving into a team lead role", by=MENTOR),
                TopicSpec("Joining the customer portal project"),
                TopicSpec("Applying for the acting team lead post in Revenues", DROPPED),
            ),
            items=(
                Item("Write a two-minute version of every briefing", MENTEE, -103, done=-108),
                Item(
                    "Introduce Aisha to two team leaders who made the move", MENTOR, -90, done=-92
                ),
            ),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -101,
            by=MENTOR,
            notes="The portal project has started: Aisha looks after the data on who contacts "
            "the council and why. The Head of Waste wants the bin-reporting redesign to go to "
            "the Corporate Leadership Team, with Aisha presenting. That is the big one for her "
            "first goal. We agreed on two rehearsals beforehand, with me playing the sceptic.",
            topics=(
                TopicSpec("The portal project: Aisha's part"),
                TopicSpec("Presenting the redesign to the Corporate Leadership Team", by=MENTOR),
            ),
            items=(
                Item("Add the leadership team presentation to the plan", MENTEE, -95, done=-95),
            ),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -84,
            format=IN_PERSON,
            notes="We sketched the presentation: one decision, the cost of doing nothing, and "
            "the pilot. Priya asked what the three hardest questions would be; I could only "
            "answer two. I run my first monthly retrospective next week and will ask each "
            "person before opening the floor, as Priya does.",
            topics=(
                TopicSpec("Outline of the leadership team presentation"),
                TopicSpec("The three hardest questions", by=MENTOR),
                TopicSpec("Running my first retrospective"),
            ),
            items=(
                Item("Write the three likeliest questions and my answers", MENTEE, -70, done=-72),
                Item("Run the first monthly retrospective", MENTEE, -78, done=-79),
            ),
            check_ins=(5, 5),
        ),
        MeetingSpec(
            -66,
            by=MENTOR,
            notes="Back after the summer break. Aisha's first retrospective went well: the "
            "quietest developer raised the best point. The leadership team date is set. The "
            "weak spot is money: Aisha cannot yet say what the pilot will cost. We agreed she "
            "will cost it herself with the Finance business partner rather than ask Finance "
            "for a number, which is exactly her budget goal.",
            topics=(
                TopicSpec("How the first retrospective went"),
                TopicSpec("Costing the pilot", by=MENTOR),
            ),
            items=(
                Item(
                    "Cost the pilot with the Finance business partner",
                    MENTEE,
                    5,
                    activity="Cost the redesign pilot with the Finance business partner",
                ),
                Item(
                    "Introduce Aisha to the Finance business partner for Waste",
                    MENTOR,
                    -59,
                    done=-61,
                ),
            ),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -52,
            format=IN_PERSON,
            notes="First full rehearsal, with Priya as the sceptical director. I ran four "
            "minutes over and froze on the question about running costs. Priya's advice: it "
            "is fine to say 'I will check and come back to you today'. The costing with "
            "Finance has started; the one-off costs are clear, the running costs are not.",
            topics=(
                TopicSpec("Rehearsal one"),
                TopicSpec("Answering when I'm not sure of a number", by=MENTOR),
            ),
            items=(Item("Cut the presentation to ten minutes", MENTEE, -40, done=-45),),
            check_ins=(5, 5),
        ),
        MeetingSpec(
            -38,
            by=MENTOR,
            notes="Second rehearsal: ten minutes exactly, and a clear answer on the one-off "
            "costs. The running costs still wait for Finance's figures. We also looked back at "
            "the meetings goal: stand-ups and retrospectives run well, and the team's ratings "
            "are close to four out of five. Aisha will mark that goal achieved.",
            addendum="Aisha: Finance promised the running costs by the end of next week.",
            topics=(
                TopicSpec("Rehearsal two"),
                TopicSpec("Is the meetings goal achieved?", by=MENTOR),
            ),
            items=(
                Item("Mark the meetings goal achieved in the plan", MENTEE, -30, done=-30),
                Item("Get the running cost figures from Finance", MENTEE, -26, done=-27),
            ),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -24,
            format=IN_PERSON,
            notes="Last rehearsal before the leadership team. Priya asked the finance question "
            "twice and I answered it without notes. We talked about what comes after: the "
            "portal project manager has offered me the data workstream while its lead is on "
            "leave, and Priya suggested I ask two team leaders how they made the move.",
            topics=(
                TopicSpec("Final rehearsal"),
                TopicSpec("Leading the portal's data workstream"),
                TopicSpec("Talking to team leaders about the move", by=MENTOR),
            ),
            items=(
                Item(
                    "Add the workstream and the team leader conversations to the plan",
                    MENTEE,
                    -18,
                    done=-18,
                ),
            ),
            check_ins=(5, 5),
        ),
        MeetingSpec(
            -7,
            by=MENTOR,
            notes="The Corporate Leadership Team approved a pilot in two wards! Aisha answered "
            "the finance question without looking at her notes. We agreed that freezing "
            "under challenge is no longer a barrier. Next: the pilot's costs must be agreed "
            "with Finance in the coming days, and the portal workstream starts soon after. We "
            "did not get to how Aisha asks her manager for time to lead the workstream.",
            topics=(
                TopicSpec("The leadership team's decision"),
                TopicSpec("Next steps for the pilot", by=MENTOR),
                TopicSpec("Asking my manager for time to lead the workstream", OPEN),
            ),
            items=(
                Item("Send the pilot's draft costs to Finance for checking", MENTEE, 4),
                Item("Find a team leader in Revenues for Aisha to talk to", MENTOR, 8),
            ),
            check_ins=(5, None),
        ),
        # The next meeting, its agenda prepared.
        MeetingSpec(
            1,
            suggestion="milestone-",
            topics=(TopicSpec("Questions for the two team leaders", OPEN),),
        ),
    ],
)


# Rafael and David: every two weeks, until David's diary filled up ------------------

RAFAEL = JourneySpec(
    mentor="david.chen",
    mentee="rafael.silva",
    weekdays=(WED,),
    start=time(12, 30),
    time_zone="Europe/London",
    duration=45,
    place="Civic Centre, Digital team area",
    link="https://teams.example.org/l/meetup/rafael-david",
    meetings=[
        MeetingSpec(
            -197,
            by=MENTOR,
            notes="We agreed the plan's measures and both sign the agreement this week. I will "
            "bring Rafael into our website supplier's quarterly review.",
            topics=(TopicSpec("The plan's success measures"),),
            items=(Item("Invite Rafael to the website supplier review", MENTOR, -185, done=-186),),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -185,
            notes="We talked about evaluation models: quality questions should score what we "
            "need, not what suppliers like to write about. The supplier review is next week.",
            topics=(TopicSpec("Scoring quality fairly in an evaluation model"),),
            check_ins=(4, None),
        ),
        MeetingSpec(
            -171,
            by=MENTOR,
            notes="Debrief of the supplier review. Rafael's take: the review is about service "
            "levels, not the contract, and he had never seen a supplier's own dashboard.",
            topics=(TopicSpec("What the supplier review showed"),),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -157,
            notes="How to hold a position with a supplier: decide the walk-away point before "
            "the call, and say it to myself first. I start leading the parking permit tender.",
            topics=(
                TopicSpec("Holding my position in a negotiation"),
                TopicSpec("Leading the parking permit tender", by=MENTOR),
            ),
            items=(
                Item(
                    "Write down my walk-away points for the next variation", MENTEE, -143, done=-150
                ),
            ),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -143,
            by=MENTOR,
            notes="Rafael joins the digital team's sprint reviews for six weeks, to learn the "
            "vocabulary of agile delivery before writing his first digital specification.",
            topics=(TopicSpec("Sitting in on the sprint reviews"),),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -122,
            notes="The sprint reviews are hard to follow without context. David suggested "
            "reading the sprint goals beforehand and asking the product owner one question "
            "after each review.",
            topics=(TopicSpec("Making sense of the sprint reviews"),),
            check_ins=(3, 4),
        ),
        MeetingSpec(
            -101,
            by=MENTOR,
            notes="The tender documents are nearly ready. We went through the social value "
            "questions; Rafael will keep them to two, each scored on something measurable.",
            topics=(TopicSpec("Social value questions in the tender"),),
            check_ins=(4, None),
        ),
        MeetingSpec(
            -80,
            notes="Final check of the evaluation model before the tender goes out. David "
            "asked how we will score the demonstrations; we added a short script so every "
            "supplier shows the same things.",
            topics=(TopicSpec("Scoring the supplier demonstrations"),),
            check_ins=(4, 4),
        ),
        MeetingSpec(
            -64,
            by=MENTOR,
            notes="The tender goes out this week. Next for the negotiation goal: Rafael will "
            "ask Legal if he can sit in on a contract variation.",
            topics=(TopicSpec("Watching Legal negotiate a variation"),),
            check_ins=(None, 4),
        ),
        MeetingSpec(
            -43,
            notes="Short call. I am about to agree my first contract variation myself. David's "
            "team launches the new permit service this month and his diary is full; we agreed "
            "to pick up once the launch is over.",
            topics=(TopicSpec("My first variation"),),
            items=(Item("Suggest a new time once the launch is over", MENTOR, -29),),
            check_ins=(3, None),
        ),
    ],
)


# Oliver and Amara: just started ----------------------------------------------------

OLIVER = JourneySpec(
    mentor="amara.nwosu",
    mentee="oliver.grant",
    weekdays=(THU,),
    start=time(8, 30),
    time_zone="Europe/London",
    duration=45,
    place="Harbour Coffee, Quay Street",
    link="https://teams.example.org/l/meetup/oliver-amara",
    meetings=[
        MeetingSpec(
            -25,
            by=MENTOR,
            format=IN_PERSON,
            notes="A first coffee. Oliver is the named lead on the harbour-front bid for the "
            "first time. We talked about what running a board 'with confidence' would look "
            "like: decisions recorded before people leave the room.",
            topics=(TopicSpec("Getting to know each other", by=MENTOR), TopicSpec("The bid")),
            items=(Item("Write a success measure for the board goal", MENTEE, -20, done=-23),),
            check_ins=(5, 4),
        ),
        MeetingSpec(
            -11,
            format=IN_PERSON,
            notes="The case for change is half written. Amara suggested opening with the "
            "empty units on the quay. She will write her side of the plan before we next meet.",
            topics=(
                TopicSpec("Draft of the case for change"),
                TopicSpec("Amara's side of the plan", OPEN, by=MENTOR),
            ),
            items=(Item("Write my side of Oliver's plan", MENTOR, 3),),
            check_ins=(4, None),
        ),
        MeetingSpec(
            3,
            by=MENTOR,
            format=IN_PERSON,
            topics=(TopicSpec("Shadowing the Housing capital programme board", OPEN),),
        ),
    ],
)

JOURNEYS = [AISHA, RAFAEL, OLIVER]
