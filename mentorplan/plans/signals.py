"""What happens to an action plan, for the apps above ``plans`` to react to.

These are domain signals, not model signals: each is sent explicitly by the
domain function that made the change (``services``, ``agreement``), through the
one funnel every write to a plan passes (``revision.plan_revise``), never from
``post_save``. A direct ``Model.save()`` sends nothing.

When they are sent: inside the write's transaction, after the change is written
and the plan's revision raised, so a receiver reads the new state. The
transaction may still roll back afterwards: a receiver that sends an email,
enqueues a task or calls anything outside the database must do it in
``transaction.on_commit(...)``. A receiver that raises makes the write fail
(Django's ``send``): keep receivers small, or catch what you expect.

Each signal's ``sender`` is the class of its first argument. ``by`` is the
``User`` who made the change. A plan's parts are the goals, learning
objectives, learning activities, milestones, barriers, success measures, the
communication expectations and the mentor's side; ``kind`` names which, with the
keys of ``views.parts.PARTS``: "goal", "objective", "activity", "milestone",
"barrier", "measure", "expectations", "mentor-side".
"""

from django.dispatch import Signal

#: ``plan_started(plan, by)``: the mentee opened their plan for the first time
#: and it was created, with the parts of the cohort's starter plan (no
#: ``plan_changed`` is sent for those). ``by`` is the mentee.
plan_started = Signal()

#: ``plan_shared(plan, by)``: the mentee shared the draft with the mentor, who
#: can read it from now on.
plan_shared = Signal()

#: ``plan_changed(plan, by, part, kind, action)``: a part of the plan was
#: created, updated or deleted; ``action`` is "created", "updated" or "deleted".
#: ``part`` is the instance as saved; after "deleted" it is the removed
#: instance as it was, its ``pk`` kept. A goal's reorder is an "updated" of the
#: goal that was moved. Sent for every such write, beside the more specific
#: signals below (a goal reaching "achieved" sends both ``plan_changed`` and
#: ``goal_achieved``).
plan_changed = Signal()

#: ``comment_added(comment)``: a partner commented on the plan, a goal or an
#: activity; ``comment.author`` wrote it, ``comment.plan`` is the plan.
comment_added = Signal()

#: ``agreement_signed(plan, by, role)``: ``by`` signed the mentoring agreement
#: as ``role`` ("mentee" or "mentor"), for the terms as they are now.
agreement_signed = Signal()

#: ``understanding_written(plan, by)``: the mentor wrote their understanding of
#: the mentee's goals, or changed it (the mentee's confirmation, if any, is
#: withdrawn: they are asked again). Sent with the ``plan_changed`` of the
#: mentor's side.
understanding_written = Signal()

#: ``understanding_answered(plan, by, confirmed)``: the mentee answered the
#: mentor's understanding: ``confirmed`` True, or False with what is missing in
#: ``plan.understanding_feedback``.
understanding_answered = Signal()

#: ``measure_proposed(measure, by)``: the mentor proposed a success measure, or
#: changed what one is: it counts once the mentee agrees (``measure.agreed`` is
#: False).
measure_proposed = Signal()

#: ``measure_removal_proposed(measure, by)``: the mentor proposed to remove a
#: success measure both agreed on (``measure.removal_proposed_at`` newly set): it
#: counts until the mentee removes or keeps it.
measure_removal_proposed = Signal()

#: ``measure_reached(measure, by)``: a success measure got its ``achieved_on``
#: date where it had none: time to celebrate.
measure_reached = Signal()

#: ``goal_achieved(goal, by)``: a goal's status became "achieved".
goal_achieved = Signal()

#: ``activity_finished(activity, by)``: a learning activity's status became
#: "done" or "skipped" (``activity.outcome`` says whether it worked).
activity_finished = Signal()

#: ``help_requested(help_request)``: a partner asked the cohort's coordinators for
#: help (``help_request.raised_by``). Confidential: only the coordinators and
#: the person who asked may be told, never the other partner.
help_requested = Signal()

#: ``help_answered(help_request, by)``: a coordinator answered a request for
#: help; tell only ``help_request.raised_by``.
help_answered = Signal()

#: ``suggestions_offered(item, plans)``: a coordinator added a starter item and
#: offered it to the plans already started (``plans``, a list of ``ActionPlan``);
#: each mentee accepts or dismisses it. ``item.cohort`` is the cohort.
suggestions_offered = Signal()
