"""The demo's action plans, one for each stage a plan goes through.

- draft: Mei Tanaka has started (two goals, not shared);
- shared: Oliver Grant shared his plan; Amara commented but has not written her side;
- signed: Rafael Silva and David Chen wrote both sides and signed the agreement;
- well under way: Aisha Khan, re-paired with Priya Raman, eight months in;
- finished: last year's partnerships, every activity closed with what was learned.

Days count from today for the running cohort (negative: in the past) and from
the first day of last year's cohort for the finished plans.
"""

from mentorplan.plans.models import Expectations
from mentorplan.plans.services import goal_move

from ._plan_writer import (
    MENTEE,
    MENTOR,
    Activity,
    BarrierSpec,
    GoalSpec,
    Measure,
    MilestoneSpec,
    Note,
    Objective,
    PlanSpec,
)

DOING, OTHERS, STRETCH = "doing", "others", "stretch"


def _move_goal_up(i):
    def step(w):
        goal_move(goal=w.goals[i], by=w.who, offset=-1)

    return step


# Well under way -------------------------------------------------------------------

AISHA = PlanSpec(
    mentor="priya.raman",
    mentee="aisha.khan",
    cohort="current",
    started=-230,
    goals=[
        GoalSpec(
            "Present the case for redesigning missed-bin reporting to senior leaders",
            why="Half of the missed-bin reports are duplicates. I have the data, but the "
            "decision sits with the Corporate Leadership Team and I have never briefed them.",
            target=20,
            scores=((-230, 3), (-120, 5), (-7, 6)),
            status=((-205, "in_progress"),),
            measures=(
                Measure(
                    "The Corporate Leadership Team makes a decision on the redesign",
                    target="a decision",
                    progress="Pilot approved in two wards",
                    achieved=-8,
                ),
                Measure(
                    "Colleagues ask me to brief senior leaders for them",
                    target="2 requests",
                    progress="1 so far (the Head of Waste)",
                    progress_on=-3,
                    by=MENTOR,
                ),
            ),
        ),
        GoalSpec(
            "Understand how the council sets its budget, so I can cost my own proposals",
            why="Every idea I bring gets the question 'what will it cost?', and I hand it to "
            "Finance instead of answering.",
            horizon="long",
            target=30,
            scores=((-230, 2), (-90, 4)),
            status=((-178, "in_progress"),),
            measures=(
                Measure(
                    "I cost a proposal myself and Finance agrees the figures",
                    target="1 costed proposal",
                    progress="Draft costs for the pilot are with Finance",
                    progress_on=-30,
                ),
            ),
        ),
        GoalSpec(
            "Lead the digital team's meetings so they end with clear actions",
            why="Our stand-ups drift to 40 minutes and nobody owns the actions. I want to "
            "practise leading before I apply for a team lead post.",
            target=-60,
            scores=((-230, 4), (-150, 6), (-30, 7)),
            status=((-200, "in_progress"), (-30, "achieved")),
            measures=(
                Measure(
                    "Stand-ups finish in 15 minutes with an owner for every action",
                    target="4 weeks in a row",
                    progress="4 of 4 weeks",
                    achieved=-168,
                ),
                Measure(
                    "The team rates the retrospectives useful",
                    target="4 out of 5 on average",
                    progress="3.8 after three retrospectives",
                    progress_on=-20,
                    by=MENTOR,
                ),
            ),
        ),
        GoalSpec(
            "Move into a team lead role within two years",
            why="The goals above are the steps towards it.",
            horizon="long",
            target=55,
            scores=((-123, 3),),
            status=((-120, "in_progress"),),
            added=-123,
            measures=(
                Measure("I lead a workstream on a cross-department project", target="1 workstream"),
            ),
        ),
    ],
    objectives=[
        Objective("skill", "Build a ten-minute briefing around one decision", goal=0),
        Objective("confidence", "Speak first, not last, in meetings with directors", goal=0),
        Objective("industry", "Know how the revenue budget is built and approved", goal=1),
        Objective("network", "Know three people in Finance I can ask about costs", goal=1),
        Objective("skill", "Run a meeting to time and close it with owners and dates", goal=2),
    ],
    expectations={
        "meeting_frequency": "fortnightly",
        "meeting_format": "Video call; in person at the Civic Centre once a month",
        "preferred_channels": "Teams chat; email for documents",
        "guidance_areas": "Presenting to senior leaders, leading meetings, and understanding "
        "the budget well enough to cost my own ideas.",
        "weekly_hours": "3",
    },
    expectations_on=-228,
    planned=-226,
    shared=-225,
    mentor_side={
        "understanding": "Aisha is a strong analyst whose work is used by others to make the "
        "case. She wants to make the case herself: to brief senior leaders, to lead her "
        "team's meetings, and to talk about money with confidence. Longer term she is aiming "
        "for a team lead role.",
        "roles": ["feedback", "experience", "connecting"],
        "role_notes": "I will listen to practice briefings and play the awkward director. "
        "I'll share how I learned to chair meetings, and introduce Aisha to people in "
        "Finance and to team leaders who made the same move.",
        "supportive_environment": "What we talk about stays between us. Mistakes are "
        "material for our next conversation, not a mark against you.",
        "boundaries": "I will not speak to your manager about you without asking you first, "
        "and HR casework stays out of our conversations.",
        "availability": "Tuesday and Thursday, 10:00–12:00 UK time",
        "response_time": "Within two working days",
    },
    mentor_side_on=-220,
    confirmed=-218,
    measured=-212,
    signed=(-208, -207),
    activities=[
        Activity(
            DOING,
            "Write a two-page memo on the missed-bin reports data",
            "6h",
            -205,
            -185,
            goal=0,
            description="For the Head of Waste Services: what the data shows, what it costs, "
            "and one proposal.",
            status="done",
            outcome="yes",
            lessons="Leading with the cost per duplicate report made the Head of Waste read "
            "on. The method belongs in an annex, not on page one.",
            finished=-184,
        ),
        Activity(
            DOING,
            "Chair the digital team's stand-up for a month",
            "4h",
            -200,
            -170,
            goal=2,
            status="done",
            outcome="yes",
            lessons="A visible timer and 'who owns this?' before moving on did most of the "
            "work. The team asked me to carry on.",
            finished=-168,
        ),
        Activity(
            OTHERS,
            "Shadow the Chief Financial Officer at a budget challenge session",
            "6h",
            -178,
            -145,
            goal=1,
            description="Samuel Owusu kept this offer open after our partnership ended.",
            status="done",
            outcome="partly",
            lessons="Saw how savings targets are tested line by line. The second session was "
            "cancelled; Samuel walked me through the slides instead, which helped less.",
            finished=-144,
        ),
        Activity(
            OTHERS,
            "Watch Priya run a team retrospective, then talk it through",
            "3h",
            -165,
            -150,
            goal=2,
            status="done",
            outcome="yes",
            lessons="Priya asks each person before opening the floor, so the quiet people "
            "speak. I now do the same.",
            finished=-148,
        ),
        Activity(
            DOING,
            "Take the online course 'Introduction to public finance'",
            "10h",
            -140,
            -110,
            goal=1,
            status="skipped",
            outcome="no",
            lessons="The course was written for accountants and I stalled after module one. "
            "Time with Finance people taught me more; dropped it.",
            finished=-125,
        ),
        Activity(
            DOING,
            "Present the team's monthly figures at the department meeting",
            "3h",
            -130,
            -125,
            goal=0,
            status="done",
            outcome="no",
            lessons="The slot was cut to five minutes and I read from my notes. Next time: "
            "one number, one ask, and a shorter version rehearsed.",
            added=-140,
        ),
        Activity(
            STRETCH,
            "Join the customer portal project with Housing and Revenues",
            "30h",
            -120,
            40,
            goal=3,
            description="A project outside my department: I look after the data on who "
            "contacts us and why.",
            status="in_progress",
            added=-122,
        ),
        Activity(
            STRETCH,
            "Present the bin-reporting redesign to the Corporate Leadership Team",
            "12h",
            -90,
            -8,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Two rehearsals with Priya playing the sceptic paid off: the finance "
            "question came, and I answered it without notes. The pilot was approved.",
            added=-95,
        ),
        Activity(
            DOING,
            "Run the digital team's monthly retrospective",
            "6h",
            -80,
            40,
            goal=2,
            status="in_progress",
            added=-85,
        ),
        Activity(
            DOING,
            "Cost the redesign pilot with the Finance business partner",
            "6h",
            -50,
            5,
            goal=1,
            status="in_progress",
            added=-55,
        ),
        Activity(
            OTHERS,
            "Ask two team leaders how they made the move into management",
            "2h",
            5,
            25,
            goal=3,
            added=-20,
        ),
        Activity(
            STRETCH,
            "Lead the portal project's data workstream for a month",
            "8h",
            10,
            50,
            goal=3,
            description="While the workstream lead is on leave; agreed with the project manager.",
            added=-18,
        ),
    ],
    milestones=[
        MilestoneSpec("Memo sent to the Head of Waste Services", -184, goal=0, reached=True),
        MilestoneSpec("A month of stand-ups chaired", -168, goal=2, reached=True),
        MilestoneSpec("Redesign presented to senior leaders", -8, goal=0, reached=True),
        MilestoneSpec("Pilot costs agreed with Finance", 5, goal=1),
        MilestoneSpec("Portal data workstream handed back", 50, goal=3),
    ],
    barriers=[
        BarrierSpec(
            "time",
            "Sprint deadlines squeeze everything else at the end of each fortnight.",
            "Block Tuesday mornings for the plan and tell my manager; move the block, "
            "never drop it.",
            status="managed",
            status_on=-200,
        ),
        BarrierSpec(
            "personal",
            "I freeze when a director challenges a number I am not sure of.",
            "Prepare the three likeliest questions. It is fine to say 'I will check and come "
            "back to you today'. Rehearse with Priya playing the sceptic.",
            status="resolved",
            status_on=-7,
        ),
    ],
    comments=[
        Note(
            -222,
            MENTOR,
            "Thanks for sharing, Aisha. Three clear goals. I would put leading meetings "
            "before the budget one: it gives you quick wins while the budget work is slow.",
        ),
        Note(-215, MENTEE, "Fair point. I have moved it up to second."),
        Note(
            -183,
            MENTOR,
            "The memo is sharp. The cost table on page one is what makes a director read on.",
            activity=0,
        ),
        Note(
            -143,
            MENTEE,
            "The second session was cancelled, but Samuel sent me the savings slides and "
            "talked me through them for twenty minutes.",
            activity=2,
        ),
        Note(
            -124,
            MENTEE,
            "That did not go well. I have written down what I would do differently.",
            activity=5,
        ),
        Note(
            -123,
            MENTOR,
            "Five minutes is a hard slot for anyone. One number, one ask, then stop. You "
            "will get another go.",
            activity=5,
        ),
        Note(
            -7,
            MENTEE,
            "The Corporate Leadership Team approved a pilot in two wards! Thank you for the "
            "practice session with the awkward questions.",
            goal=0,
        ),
        Note(
            -6,
            MENTOR,
            "Well done. You answered the finance question without looking at your notes. "
            "Keep that memory for the next one.",
            goal=0,
        ),
        Note(
            -4,
            MENTOR,
            "Ask Finance for their standard costing template; it will save you a week.",
            activity=9,
        ),
        Note(
            -3,
            MENTEE,
            "I moved the budget goal's date out a little: the portal project takes most of "
            "my plan time until January.",
        ),
    ],
    extra=[
        # Priya's first comment: leading meetings goes before the budget goal.
        (-215, MENTEE, _move_goal_up(2)),
        (-210, MENTEE, lambda w: w.edit_part(Expectations, weekly_hours="4")),
        (-15, MENTEE, lambda w: w.edit_goal(1, target_date=w.day(55))),
    ],
)

# Signed --------------------------------------------------------------------------

RAFAEL = PlanSpec(
    mentor="david.chen",
    mentee="rafael.silva",
    cohort="current",
    started=-215,
    goals=[
        GoalSpec(
            "Run a tender from start to award on my own",
            why="I have supported tenders for three years but never led one.",
            target=40,
            scores=((-215, 4), (-60, 6)),
            status=((-150, "in_progress"),),
            measures=(Measure("A contract awarded with me as the lead", target="1 award"),),
        ),
        GoalSpec(
            "Negotiate contract changes with suppliers without escalating them",
            why="Small variations go to my manager because I back down when suppliers push.",
            target=30,
            scores=((-215, 3), (-90, 5)),
            status=((-120, "in_progress"),),
            measures=(
                Measure(
                    "Variations I agree myself, on terms Legal accepts",
                    target="3 variations",
                    progress="1 agreed",
                    progress_on=-40,
                ),
            ),
        ),
        GoalSpec(
            "Understand how digital services are bought and then run",
            why="Most of our new contracts are for software; the contract is the easy part.",
            horizon="long",
            target=60,
            scores=((-215, 3),),
            measures=(
                Measure(
                    "I write the service requirements for a digital contract",
                    target="1 specification",
                    by=MENTOR,
                ),
            ),
        ),
    ],
    objectives=[
        Objective("skill", "Write an evaluation model that scores quality fairly", goal=0),
        Objective("confidence", "Hold my position in a negotiation for one more round", goal=1),
        Objective("industry", "Know how agile delivery changes what we should buy", goal=2),
    ],
    expectations={
        "meeting_frequency": "fortnightly",
        "meeting_format": "Video call, 45 minutes",
        "preferred_channels": "Email; a chat message if it is urgent",
        "guidance_areas": "Leading a tender, negotiating with suppliers, digital contracts.",
        "weekly_hours": "3",
    },
    planned=-210,
    shared=-205,
    mentor_side={
        "understanding": "Rafael knows procurement rules inside out. What he wants is to lead: "
        "to own a tender and to hold his ground with suppliers. He also wants to understand "
        "what happens after a digital contract is signed.",
        "roles": ["advice", "experience", "connecting"],
        "role_notes": "I will share what went wrong in our website contract and what we "
        "would do differently, and bring Rafael into our supplier reviews.",
        "supportive_environment": "Questions are never naive here; I asked all of them too.",
        "boundaries": "I will not comment on live tenders Rafael runs for my own team.",
        "availability": "Wednesday mornings UK time (early for Rafael in São Paulo)",
        "response_time": "Within three working days",
    },
    mentor_side_on=-200,
    confirmed=-198,
    measured=-196,
    signed=(-192, -190),
    activities=[
        Activity(
            DOING,
            "Run the tender for the parking permit system",
            "40h",
            -150,
            40,
            goal=0,
            status="in_progress",
        ),
        Activity(
            OTHERS,
            "Sit in on David's quarterly review with the website supplier",
            "4h",
            -180,
            -175,
            goal=2,
            status="done",
            outcome="yes",
            lessons="The review is about service levels, not the contract. I had never seen "
            "the supplier's own dashboard.",
        ),
        Activity(
            STRETCH,
            "Join the digital team's sprint reviews for six weeks",
            "6h",
            -140,
            -100,
            goal=2,
            status="done",
            outcome="partly",
            lessons="Useful for the vocabulary; most reviews were too detailed to follow "
            "without context.",
        ),
        Activity(
            OTHERS,
            "Watch Legal negotiate a contract variation",
            "3h",
            -60,
            10,
            goal=1,
            status="in_progress",
        ),
        Activity(
            DOING,
            "Write a one-page guide to social value in our tenders",
            "6h",
            15,
            55,
            goal=0,
        ),
    ],
    milestones=[
        MilestoneSpec("Parking permit tender published", -60, goal=0, reached=True),
        MilestoneSpec("Contract awarded", 40, goal=0),
    ],
    barriers=[
        BarrierSpec(
            "time",
            "Our working hours overlap only in the UK morning.",
            "Meet at 12:30 UK time, 8:30 for me, and keep updates in the shared document.",
            status="managed",
        ),
    ],
    comments=[
        Note(-203, MENTOR, "Good plan, Rafael. I'll write my side after our first call."),
        Note(
            -99,
            MENTEE,
            "I'll go back to the sprint reviews once the tender is out; I follow more now.",
            activity=2,
        ),
    ],
)

# Shared, the mentor's side not yet written ---------------------------------------------

OLIVER = PlanSpec(
    mentor="amara.nwosu",
    mentee="oliver.grant",
    cohort="current",
    started=-40,
    goals=[
        GoalSpec(
            "Write the funding bid for the harbour-front regeneration scheme",
            why="The bid is due in the new year and I will be the named lead for the first time.",
            target=45,
            scores=((-40, 4),),
            status=((-20, "in_progress"),),
            measures=(Measure("Bid submitted on time and signed off", target="1 bid"),),
        ),
        GoalSpec(
            "Run the project board meetings with confidence",
            target=50,
            scores=((-40, 3),),
        ),
        GoalSpec(
            "Build and manage the budget of a £2m project",
            horizon="long",
            target=60,
            scores=((-40, 2),),
        ),
    ],
    objectives=[
        Objective("skill", "Write a case for change that a funder can score", goal=0),
        Objective("network", "Know the officers in Planning and Finance who sign off bids", goal=0),
    ],
    expectations={
        "meeting_frequency": "fortnightly",
        "meeting_format": "In person over coffee, near the Civic Centre",
        "preferred_channels": "Email",
        "guidance_areas": "Writing bids, chairing boards, project budgets.",
        "weekly_hours": "4",
    },
    planned=-36,
    shared=-30,
    activities=[
        Activity(
            DOING,
            "Draft the 'case for change' section of the bid",
            "8h",
            -20,
            10,
            goal=0,
            status="in_progress",
        ),
        Activity(
            OTHERS,
            "Shadow Amara at the Housing capital programme board",
            "3h",
            5,
            20,
            goal=1,
        ),
        Activity(
            STRETCH,
            "Lead the consultation evening for the harbour-front traders",
            "6h",
            15,
            40,
            goal=0,
        ),
        Activity(DOING, "Build the project budget in the council's template", "8h", 10, 55, goal=2),
    ],
    milestones=[MilestoneSpec("Bid submitted", 45, goal=0)],
    barriers=[
        BarrierSpec(
            "time",
            "The bid deadline falls in the same weeks as the year-end reports.",
            "Start the case for change now and agree cover for the reports with my manager.",
        ),
    ],
    comments=[
        Note(
            -26,
            MENTOR,
            "Thanks for sharing, Oliver. I'll write my side after our first meeting on "
            "Thursday. Before then: what would 'with confidence' look like at a board?",
        ),
        Note(
            -25,
            MENTOR,
            "What would tell you that you ran a board meeting well? That could be your "
            "success measure for this goal.",
            goal=1,
        ),
        Note(
            -23,
            MENTEE,
            "Decisions recorded before we leave the room, and no action carried over twice.",
            goal=1,
        ),
        Note(
            -10,
            MENTOR,
            "Open the case for change with the empty units on the quay: one photo says more "
            "than a page.",
            activity=0,
        ),
    ],
)

# Draft -------------------------------------------------------------------------------

MEI = PlanSpec(
    mentor="amara.nwosu",
    mentee="mei.tanaka",
    cohort="current",
    started=-5,
    goals=[
        GoalSpec(
            "Learn how each directorate works during my graduate rotations",
            target=60,
            scores=((-5, 3),),
        ),
        GoalSpec(
            "Build a network of peers and managers across the council",
            horizon="long",
            scores=((-5, 2),),
        ),
    ],
    objectives=[Objective("network", "Meet one manager from each directorate", goal=1)],
)

# Finished (last year's cohort; days from its first day) ------------------------------

JORDAN = PlanSpec(
    mentor="amara.nwosu",
    mentee="jordan.blake",
    cohort="past",
    started=5,
    goals=[
        GoalSpec(
            "Chair the Northfield estate improvement working group",
            why="My first leadership role: residents, repairs and neighbourhood services "
            "around one table.",
            target=150,
            scores=((5, 3), (90, 5), (150, 7)),
            status=((40, "in_progress"), (150, "achieved")),
            measures=(
                Measure(
                    "Meetings end with agreed actions, each with an owner",
                    target="4 meetings in a row",
                    progress="4 of 4",
                    achieved=150,
                ),
            ),
        ),
        GoalSpec(
            "Manage the repairs budget for my patch without overspending",
            why="To move up I need to show I can be trusted with money.",
            horizon="long",
            target=290,
            scores=((5, 2), (120, 5), (280, 7)),
            status=((30, "in_progress"), (285, "achieved")),
            measures=(
                Measure(
                    "Finish the year within 2% of the repairs budget",
                    target="within 2%",
                    progress="1.2% under budget",
                    achieved=285,
                ),
                Measure(
                    "Explain the budget position at the quarterly performance review",
                    target="2 reviews",
                    progress="2 of 2",
                    achieved=200,
                    by=MENTOR,
                ),
            ),
        ),
        GoalSpec(
            "Earn the Level 4 Certificate in Housing",
            horizon="long",
            target=300,
            scores=((5, 4),),
            status=((40, "in_progress"), (120, "dropped")),
            measures=(Measure("Pass the first two units", target="2 units"),),
        ),
    ],
    objectives=[
        Objective("skill", "Run a meeting to an agenda and close with owners and dates", goal=0),
        Objective("confidence", "Bring the discussion back politely when it drifts", goal=0),
        Objective("industry", "Read a budget monitoring report and spot what matters", goal=1),
        Objective("network", "Know the repairs contract manager and our Finance partner", goal=1),
    ],
    expectations={
        "meeting_frequency": "monthly",
        "meeting_format": "In person at the Civic Centre, one hour",
        "preferred_channels": "Email; a phone call for anything urgent",
        "guidance_areas": "Chairing meetings with residents, the repairs budget, my next step.",
        "weekly_hours": "4",
    },
    planned=8,
    shared=10,
    mentor_side={
        "understanding": "Jordan wants to move from housing officer to a role with people and "
        "money to manage. The working group is his chance to lead; the repairs budget is the "
        "gap. The qualification matters to him but should not crowd out the experience.",
        "roles": ["experience", "feedback", "connecting"],
        "role_notes": "I'll share how I ran my first resident meetings, give straight "
        "feedback after the ones I observe, and introduce Jordan to Finance.",
        "supportive_environment": "What we say stays between us unless you ask me to act.",
        "boundaries": "I won't step into your team's decisions or discuss your performance "
        "with your manager.",
        "availability": "First Monday of the month, and Wednesdays 4–5pm",
        "response_time": "Within two working days",
    },
    mentor_side_on=15,
    confirmed=16,
    measured=18,
    signed=(20, 21),
    activities=[
        Activity(
            DOING,
            "Draft the working group's terms of reference",
            "8h",
            20,
            45,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Writing down early what the group can decide stopped two arguments later.",
        ),
        Activity(
            OTHERS,
            "Shadow Amara at a tenants' federation meeting",
            "4h",
            50,
            60,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Amara lets people finish, then sums up in one sentence before moving "
            "on. I do the same now.",
        ),
        Activity(
            DOING,
            "Chair the working group's monthly meeting",
            "12h",
            61,
            150,
            goal=0,
            status="done",
            outcome="partly",
            lessons="Meetings ran to time from the third one on. Actions were still chased by "
            "email afterwards; naming the owner in the room fixed that.",
        ),
        Activity(
            OTHERS,
            "Spend a day with the Finance business partner on the repairs budget",
            "1d",
            70,
            90,
            goal=1,
            status="done",
            outcome="yes",
            lessons="Commitments are not spend: half of my 'overspend' was orders not yet "
            "invoiced.",
        ),
        Activity(
            DOING,
            "Study for the Level 4 units two evenings a week",
            "5d",
            40,
            120,
            goal=2,
            status="skipped",
            outcome="no",
            lessons="Not realistic alongside the working group. Dropped for this year; HR "
            "may fund it through the apprenticeship levy next year.",
            finished=120,
        ),
        Activity(
            STRETCH,
            "Cover the area manager's budget meetings during her leave",
            "3d",
            155,
            200,
            goal=1,
            status="done",
            outcome="yes",
            lessons="Having to answer for the numbers myself made them stick.",
        ),
        Activity(
            STRETCH,
            "Lead the resident survey on the Northfield repairs service",
            "4d",
            205,
            270,
            goal=0,
            status="done",
            outcome="partly",
            lessons="212 responses, short of the 300 we hoped for. Paper forms at the "
            "community centre worked far better than the online link.",
        ),
    ],
    milestones=[
        MilestoneSpec("Terms of reference agreed", 45, goal=0, reached=True),
        MilestoneSpec("Half-year budget review presented", 180, goal=1, reached=True),
        MilestoneSpec("Year end within budget", 290, goal=1, reached=True),
    ],
    barriers=[
        BarrierSpec(
            "time",
            "Repair emergencies take over whole days without warning.",
            "Keep Friday afternoons for the plan; if an emergency takes one, move it to Monday.",
            status="resolved",
            status_on=200,
        ),
        BarrierSpec(
            "resources",
            "No budget for the course fees this year.",
            "Ask HR about the apprenticeship levy; otherwise postpone the qualification.",
            status="resolved",
            status_on=120,
        ),
    ],
    comments=[
        Note(
            11,
            MENTOR,
            "Good start, Jordan. Three goals is right; let's talk about whether the Level 4 "
            "course fits in this year.",
        ),
        Note(119, MENTEE, "Dropping the course for now; it was eating every evening.", goal=2),
        Note(121, MENTOR, "A sensible call. Ask HR about levy funding for next year.", goal=2),
        Note(286, MENTEE, "Year end: 1.2% under on repairs. Thank you for this year."),
        Note(
            287,
            MENTOR,
            "You earned it. I would like to recommend you as a mentor for next year's cohort.",
        ),
    ],
)


def _finished(mentor, mentee, name, goals, activities, barrier, *, weekly_hours, comments=()):
    """A smaller finished plan: shared, signed, every activity closed with what was learned."""
    return PlanSpec(
        mentor=mentor,
        mentee=mentee,
        cohort="past",
        started=6,
        goals=goals,
        expectations={
            "meeting_frequency": "monthly",
            "meeting_format": "Video call, one hour",
            "preferred_channels": "Email",
            "weekly_hours": weekly_hours,
        },
        planned=9,
        shared=12,
        mentor_side={
            "understanding": f"{name} has set clear goals; my part is "
            "to share experience, give honest feedback and open doors.",
            "roles": ["experience", "feedback"],
            "boundaries": "Our conversations stay between us.",
            "availability": "One afternoon a month, agreed a week ahead",
            "response_time": "Within a week",
        },
        mentor_side_on=16,
        measured=17,
        signed=(19, 20),
        activities=activities,
        barriers=[BarrierSpec(*barrier, status="resolved", status_on=100)],
        comments=list(comments),
    )


AISHA_LAST_YEAR = _finished(
    "david.chen",
    "aisha.khan",
    "Aisha",
    [
        GoalSpec(
            "Build dashboards that service managers actually use",
            target=180,
            scores=((6, 4), (180, 7)),
            status=((30, "in_progress"), (180, "achieved")),
            measures=(
                Measure("Managers open the dashboard weekly", "3 services", "4 services", 180),
            ),
        ),
        GoalSpec(
            "Present my analysis at the digital team's show-and-tell",
            target=240,
            scores=((6, 3), (240, 6)),
            status=((100, "in_progress"), (240, "achieved")),
            measures=(Measure("Present at show-and-tell", "2 times", "2 times", 240),),
        ),
    ],
    [
        Activity(
            DOING,
            "Rebuild the missed-collections dashboard with the waste team",
            "3d",
            30,
            120,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Building it with the team, not for them, is why they use it.",
        ),
        Activity(
            OTHERS,
            "Spend a day in the contact centre to see where the data comes from",
            "1d",
            40,
            60,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Half the 'missed bin' reports are people chasing one they already made.",
        ),
        Activity(
            STRETCH,
            "Run the show-and-tell for the whole digital team",
            "6h",
            200,
            240,
            goal=1,
            status="done",
            outcome="partly",
            lessons="Too many charts. The one that landed was the simplest.",
        ),
    ],
    (
        "resources",
        "The waste team's data sits in a system I cannot query.",
        "Ask the system "
        "owner for a weekly export; David to raise it at the Digital Board if needed.",
    ),
    weekly_hours="5",
)

MAREK = _finished(
    "ingrid.larsen",
    "marek.nowak",
    "Marek",
    [
        GoalSpec(
            "Write a policy memo on school-street closures for the transport committee",
            target=120,
            scores=((6, 4), (120, 7)),
            status=((20, "in_progress"), (120, "achieved")),
            measures=(
                Measure(
                    "The committee adopts the memo's recommendation",
                    "1 decision",
                    "Adopted for a six-school trial",
                    125,
                ),
            ),
        ),
        GoalSpec(
            "Run a public consultation from start to finish",
            horizon="long",
            target=270,
            scores=((6, 3), (270, 6)),
            status=((130, "in_progress"), (270, "achieved")),
            measures=(
                Measure("Consultation closed and reported", "1 report", "Report published", 270),
            ),
        ),
    ],
    [
        Activity(
            DOING,
            "Write the school-streets policy memo",
            "3d",
            20,
            110,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Ingrid's rule: the recommendation goes in the first paragraph.",
        ),
        Activity(
            OTHERS,
            "Shadow Ingrid at the climate committee's pre-meeting",
            "3h",
            60,
            65,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Most questions are settled before the committee meets.",
        ),
        Activity(
            STRETCH,
            "Lead the consultation on the new cycle route",
            "2w",
            130,
            270,
            goal=1,
            status="done",
            outcome="partly",
            lessons="Turnout was low in the ward most affected; next time, knock on doors.",
        ),
    ],
    (
        "time",
        "Committee deadlines bunch up before each cycle.",
        "Do the plan's work in the quiet week after each committee.",
    ),
    weekly_hours="5",
)

CHLOE = _finished(
    "samuel.owusu",
    "chloe.martin",
    "Chloé",
    [
        GoalSpec(
            "Prepare my service's quarterly budget monitoring report on my own",
            target=200,
            scores=((6, 3), (200, 7)),
            status=((20, "in_progress"), (200, "achieved")),
            measures=(Measure("Reports accepted without rework", "2 quarters", "3 quarters", 200),),
        ),
        GoalSpec(
            "Speak up in the finance team meeting",
            target=150,
            scores=((6, 2), (150, 5)),
            status=((20, "in_progress"), (150, "achieved")),
            measures=(
                Measure("Raise one issue at each meeting", "3 meetings running", "done", 150),
            ),
        ),
    ],
    [
        Activity(
            DOING,
            "Prepare the Q2 monitoring report with a checklist",
            "2d",
            90,
            120,
            goal=0,
            status="done",
            outcome="yes",
            lessons="The checklist caught two missed accruals.",
        ),
        Activity(
            OTHERS,
            "Shadow the Chief Financial Officer at the budget challenge sessions",
            "1d",
            30,
            60,
            goal=1,
            status="done",
            outcome="yes",
            lessons="Senior people ask simple questions. I can too.",
        ),
        Activity(
            STRETCH,
            "Present the Q3 figures to the Housing management team",
            "6h",
            180,
            200,
            goal=1,
            status="done",
            outcome="yes",
            lessons="Nervous, but the questions were about the service, not about me.",
        ),
    ],
    (
        "personal",
        "I worry my questions will sound basic.",
        "Write the question down first; "
        "Samuel answers one 'basic' question at the start of each meeting.",
    ),
    weekly_hours="4",
)

KWAME = _finished(
    "priya.raman",
    "kwame.mensah",
    "Kwame",
    [
        GoalSpec(
            "Hold regular one-to-ones with each of my six team members",
            target=90,
            scores=((6, 3), (90, 7)),
            status=((15, "in_progress"), (90, "achieved")),
            measures=(Measure("One-to-ones held every fortnight", "6 people", "6 people", 90),),
        ),
        GoalSpec(
            "Handle a difficult conversation about performance well",
            target=240,
            scores=((6, 2), (240, 6)),
            status=((60, "in_progress"), (240, "achieved")),
            measures=(Measure("An improvement plan agreed, not imposed", "1 plan", "Agreed", 240),),
        ),
    ],
    [
        Activity(
            DOING,
            "Set up fortnightly one-to-ones with a simple agenda",
            "6h",
            15,
            60,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Same three questions each time; people came prepared.",
        ),
        Activity(
            OTHERS,
            "Practise a difficult conversation with Priya playing the team member",
            "2h",
            100,
            110,
            goal=1,
            status="done",
            outcome="yes",
            lessons="Say the hard thing in the first two minutes.",
        ),
        Activity(
            STRETCH,
            "Lead the team through the move to the new opening hours",
            "2w",
            150,
            280,
            goal=1,
            status="done",
            outcome="partly",
            lessons="The rota worked; I should have asked the team before, not after.",
        ),
    ],
    (
        "time",
        "Customer queues leave little time for one-to-ones.",
        "Book them at 8:30, before the phones open.",
    ),
    weekly_hours="5",
)

HANNAH = _finished(
    "tom.fletcher",
    "hannah.schmidt",
    "Hannah",
    [
        GoalSpec(
            "Give a live radio interview for the council",
            target=200,
            scores=((6, 2), (100, 4)),
            status=((30, "in_progress"), (160, "dropped")),
        ),
        GoalSpec(
            "Write press releases the papers print without rewriting",
            target=120,
            scores=((6, 5), (120, 7)),
            status=((20, "in_progress"), (120, "achieved")),
        ),
    ],
    [
        Activity(
            DOING,
            "Write the press release for the library reopening",
            "6h",
            20,
            40,
            goal=1,
            status="done",
            outcome="yes",
            lessons="Printed almost word for word: lead with the people, not the building.",
        ),
        Activity(
            OTHERS,
            "Sit in on Tom's media briefing with the council leader",
            "3h",
            60,
            70,
            goal=0,
            status="done",
            outcome="yes",
            lessons="Three messages, repeated whatever the question.",
        ),
        Activity(
            STRETCH,
            "Be the spokesperson for the summer events programme",
            "1w",
            150,
            220,
            goal=0,
            status="skipped",
            outcome="no",
            lessons="I moved to another authority in June, before the programme began.",
            finished=160,
        ),
    ],
    (
        "time",
        "Press deadlines move at short notice.",
        "Keep the plan's work to Friday mornings, when the press office is quietest.",
    ),
    weekly_hours="3",
    comments=[
        Note(160, MENTEE, "I start at the county council next month. Thank you, Tom."),
        Note(161, MENTOR, "Good luck, Hannah. Ask your new team for the summer spokesperson role."),
    ],
)

PLANS = [JORDAN, AISHA_LAST_YEAR, MAREK, CHLOE, KWAME, HANNAH, AISHA, RAFAEL, OLIVER, MEI]

# The coordinator's starter plan for the running cohort: (kind, text, category).
STARTER = [
    ("goal", "Build a network beyond your own service", ""),
    ("objective", "Meet one senior leader from another directorate each quarter", "network"),
    ("activity", "Write a one-page memo proposing one improvement to your service", "doing"),
    ("activity", "Shadow a senior leader for half a day", "others"),
    ("activity", "Join a project outside your department for at least six weeks", "stretch"),
]
