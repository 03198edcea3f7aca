"""The `demo` management command."""

import io
import itertools
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mentorplan.meetings import models as meetings
from mentorplan.meetings.selectors import (
    agenda_topics,
    cadence_for,
    current_meeting,
    journey_feed,
    with_journey_facts,
)
from mentorplan.partnerships.models import Partnership
from mentorplan.plans import models as plans
from mentorplan.plans.agreement import agreement_terms, is_signed_by_both
from mentorplan.plans.changes import plan_changes
from mentorplan.plans.selectors import load_plan, plan_data
from mentorplan.programs.models import Cohort, Invitation, Membership, Program

User = get_user_model()
PLAN_PARTS = (
    plans.ActionPlan,
    plans.Goal,
    plans.SelfAssessment,
    plans.LearningObjective,
    plans.LearningActivity,
    plans.Milestone,
    plans.Barrier,
    plans.SuccessMeasure,
    plans.Agreement,
    plans.Comment,
    plans.StarterItem,
)
MEETING_PARTS = (
    meetings.Meeting,
    meetings.MeetingChange,
    meetings.MeetingNotes,
    meetings.Topic,
    meetings.ActionItem,
    meetings.CheckIn,
    meetings.JourneyEvent,
)


def _demo():
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _counts():
    models = (
        User,
        Program,
        Cohort,
        Membership,
        Invitation,
        Partnership,
        *PLAN_PARTS,
        *MEETING_PARTS,
    )
    counts = {model.__name__: model.objects.count() for model in models}
    # A plan that exists is left alone, so a second run writes no history either.
    for model in PLAN_PARTS:
        if hasattr(model, "history"):
            counts[f"history of {model.__name__}"] = model.history.count()
    return counts


def _plan(mentee, *, status="active"):
    return plans.ActionPlan.objects.get(
        partnership__mentee__email=f"{mentee}@example.org", partnership__status=status
    )


def _pair(mentee, *, status="active"):
    """The partnership with the journey's facts ``cadence_for`` reads."""
    found = Partnership.objects.filter(
        mentee__email=f"{mentee}@example.org", status=status
    ).select_related("cohort", "mentee", "mentor")
    return with_journey_facts(found).get()


@pytest.mark.django_db
def test_running_twice_changes_no_counts():
    _demo()
    first = _counts()

    _demo()

    assert _counts() == first


@pytest.mark.django_db
def test_builds_a_believable_program():
    _demo()

    program = Program.objects.get(slug="harbour-city")
    cohorts = list(program.cohorts.all())
    assert len(cohorts) == 2
    assert sum(c.is_finished() for c in cohorts) == 1
    assert sum(c.is_running() for c in cohorts) == 1
    memberships = Membership.objects.filter(cohort__program=program)
    mentors = memberships.filter(role=Membership.Role.MENTOR).values("user").distinct().count()
    mentees = memberships.filter(role=Membership.Role.MENTEE).values("user").distinct().count()
    assert mentors >= 6
    assert mentees >= 10
    statuses = set(
        Partnership.objects.filter(cohort__program=program).values_list("status", flat=True)
    )
    assert statuses >= {"active", "completed", "ended_early"}
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_demo_data_keeps_the_pairing_rules():
    """The command writes rows directly, so check it obeys what partnership_start enforces."""
    _demo()

    for p in Partnership.objects.all():
        assert Membership.objects.filter(cohort=p.cohort, user=p.mentor, role="mentor").exists()
        assert Membership.objects.filter(cohort=p.cohort, user=p.mentee, role="mentee").exists()
    for m in Membership.objects.filter(role="mentor"):
        active = Partnership.objects.active().filter(cohort=m.cohort, mentor=m.user).count()
        assert active <= m.capacity, m


@pytest.mark.django_db
def test_printed_logins_can_sign_in(client):
    output = _demo()

    password = re.search(r"password for all: (\S+?)\)", output).group(1)
    emails = re.findall(r"^\s+\S+\s+(\S+@\S+)\s", output, flags=re.MULTILINE)
    assert len(emails) >= 4
    for email in emails:
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert response["Location"] == reverse("home")
        assert client.get(reverse("home")).context["has_any_role"], email
        client.logout()


@pytest.mark.django_db
def test_plans_at_every_stage():
    _demo()

    # A draft: started, not shared.
    draft = _plan("mei.tanaka")
    assert not draft.is_shared
    assert draft.goals.count() == 2

    # Shared: the mentor has commented but not written their side or signed.
    shared = _plan("oliver.grant")
    assert shared.is_shared
    assert not shared.mentor_side.is_written
    assert not is_signed_by_both(shared.agreement, agreement_terms(shared))
    assert shared.comments.filter(author=shared.partnership.mentor).exists()
    # The demo mentor has a mentee whose plan waits for her side.
    assert shared.partnership.mentor.email == "amara.nwosu@example.org"

    # Signed by both, on the terms as they are now.
    signed = _plan("rafael.silva")
    assert signed.mentor_side.is_written
    assert is_signed_by_both(signed.agreement, agreement_terms(signed))

    # Well under way: the demo's main mentee, with every part filled in.
    aisha = _plan("aisha.khan")
    assert aisha.partnership.mentor.email == "priya.raman@example.org"
    data = plan_data(load_plan(aisha.pk))
    assert data.checklist_complete, [i.key for i in data.checklist if not i.done]
    activities = data.activities
    assert {a.status for a in activities} == set(plans.LearningActivity.Status.values)
    assert {a.kind for a in activities} == set(plans.LearningActivity.Kind.values)
    assert {a.outcome for a in activities if a.is_finished} == {"yes", "partly", "no"}
    assert any(len(g.assessments.all()) >= 3 for g in data.goals)
    assert data.achieved_measures
    assert {c.author for c in data.comments} == {aisha.partnership.mentee, aisha.partnership.mentor}
    assert len(data.objectives) >= 4
    assert len({o.category for o in data.objectives}) >= 3

    # Finished: every activity closed with an outcome, the agreement signed.
    finished = plans.ActionPlan.objects.filter(partnership__status="completed")
    assert finished.count() == Partnership.objects.filter(status="completed").count()
    for plan in finished:
        assert plan.activities.exists(), plan
        for activity in plan.activities.all():
            assert activity.is_finished, activity
            assert activity.outcome, activity
        assert is_signed_by_both(plan.agreement, agreement_terms(plan)), plan


@pytest.mark.django_db
def test_plans_keep_the_rules_and_a_believable_history():
    _demo()

    for model in (
        plans.Goal,
        plans.LearningObjective,
        plans.LearningActivity,
        plans.Milestone,
        plans.Barrier,
        plans.SuccessMeasure,
    ):
        for part in model.objects.all():
            part.full_clean()
    now = timezone.now()
    for plan in plans.ActionPlan.objects.select_related("partnership__cohort"):
        cohort = plan.partnership.cohort
        changes = plan_changes(plan, plan.created_at)
        assert changes, plan
        for change in changes:
            assert cohort.starts_on <= change.day <= cohort.ends_on, change
            assert change.when <= now, change
            assert change.who in (plan.partnership.mentee, plan.partnership.mentor), change
    # "What changed" for the main mentee has content spread over the past weeks.
    aisha = _plan("aisha.khan")
    recent = plan_changes(aisha, now - timedelta(days=30))
    assert len({c.day for c in recent}) >= 4


@pytest.mark.django_db
def test_running_cohort_has_a_starter_plan():
    _demo()

    cohort = next(c for c in Cohort.objects.filter(program__slug="harbour-city") if c.is_running())
    items = plans.StarterItem.objects.filter(cohort=cohort)
    assert {i.kind for i in items} == set(plans.StarterItem.Kind.values)
    assert {i.activity_kind for i in items if i.activity_kind} == set(
        plans.LearningActivity.Kind.values
    )


@pytest.mark.django_db
def test_aisha_has_eight_months_of_meetings():
    _demo()
    aisha = _pair("aisha.khan")
    now = timezone.now()

    held = list(meetings.Meeting.objects.held().filter(partnership=aisha).order_by("starts_at"))
    assert len(held) >= 15
    # Eight months, about every two weeks.
    assert held[0].starts_at <= now - timedelta(days=210)
    gaps = [(b.starts_at - a.starts_at).days for a, b in itertools.pairwise(held)]
    assert all(7 <= gap <= 24 for gap in gaps), gaps
    assert 12 <= sum(gaps) / len(gaps) <= 16
    # A meeting never falls on a weekend, and both partners booked some.
    assert all(m.starts_at.astimezone(timezone.get_fixed_timezone(0)).weekday() < 5 for m in held)
    assert {m.created_by for m in held} == {aisha.mentee, aisha.mentor}
    for meeting in held:
        notes = meetings.MeetingNotes.objects.get(meeting=meeting)
        # A few sentences of shared notes, saved after the meeting.
        assert notes.text.count(". ") >= 1, meeting
        assert len(notes.text) > 150, meeting
        assert meeting.ends_at <= notes.updated_at <= now
        assert meeting.resolved_topics.filter(status=meetings.Topic.Status.COVERED).exists()
        assert meeting.created_at <= meeting.starts_at or meeting.logged_afterwards
    assert {n.updated_by for n in meetings.MeetingNotes.objects.filter(meeting__in=held)} == {
        aisha.mentee,
        aisha.mentor,
    }
    items = meetings.ActionItem.objects.filter(partnership=aisha)
    assert items.filter(done_at__isnull=False).count() >= 10
    assert items.filter(done_at__isnull=True).count() >= 2
    assert items.filter(owner="mentor").exists()
    assert items.filter(activity__isnull=False).exists()  # one became a plan activity
    check_ins = meetings.CheckIn.objects.filter(meeting__in=held)
    assert {c.usefulness for c in check_ins} <= {3, 4, 5}
    for person in (aisha.mentee, aisha.mentor):
        assert check_ins.filter(author=person).count() >= 10, person
    for check_in in check_ins:
        assert check_in.meeting.ends_at <= check_in.at <= now
    # Every meeting held is a line of the journey's feed.
    feed = meetings.JourneyEvent.objects.filter(partnership=aisha, kind="meeting_held")
    assert {e.meeting_id for e in feed if e.at <= now} == {m.pk for m in held}
    cadence = cadence_for(aisha)
    assert cadence.agreed
    assert not cadence.behind


@pytest.mark.django_db
def test_aisha_s_next_meeting_has_an_agenda():
    _demo()
    aisha = _pair("aisha.khan")
    now = timezone.now()

    coming = current_meeting(aisha)
    assert coming is not None
    assert now < coming.starts_at <= now + timedelta(days=7)
    last = meetings.Meeting.objects.held().filter(partnership=aisha).latest("starts_at")
    topics = agenda_topics(coming, current=coming)
    open_topics = [t for t in topics if t.status == meetings.Topic.Status.OPEN]
    assert 2 <= len(open_topics) <= 3
    carried = [t for t in open_topics if t.carried]
    assert len(carried) == 1
    assert carried[0].meeting == last
    # One was taken from the plan's suggestions, linked back to the plan.
    assert any(t.source and t.link for t in topics)


@pytest.mark.django_db
def test_a_pair_is_behind_their_agreed_rhythm():
    _demo()
    rafael = _pair("rafael.silva")

    cadence = cadence_for(rafael)
    assert cadence.behind is True
    assert cadence.agreed
    assert cadence.frequency == Cohort.Cadence.FORTNIGHTLY
    assert rafael.last_held_at <= timezone.now() - timedelta(days=35)
    assert rafael.next_meeting_pk is None
    assert meetings.Meeting.objects.held().filter(partnership=rafael).count() >= 6


@pytest.mark.django_db
def test_meetings_keep_the_rules():
    _demo()
    now = timezone.now()

    for meeting in meetings.Meeting.objects.select_related("partnership__cohort"):
        meeting.full_clean()
        cohort = meeting.partnership.cohort
        assert cohort.starts_on <= timezone.localdate(meeting.starts_at) <= cohort.ends_on
        assert meeting.created_at <= now
        assert meeting.logged_afterwards == meeting.changes.filter(kind="logged").exists()
        assert meeting.changes.count() == 1
    for topic in meetings.Topic.objects.select_related("meeting", "resolved_in"):
        topic.full_clean()
        assert topic.meeting.created_at <= topic.added_at <= now
        if not topic.meeting.logged_afterwards:
            assert topic.added_at <= topic.meeting.starts_at
        assert (topic.resolved_in is None) == (topic.status == meetings.Topic.Status.OPEN)
    # What was written after a meeting is dated after it, and after it was logged.
    for item in meetings.ActionItem.objects.select_related("meeting"):
        item.full_clean()
        assert item.meeting.created_at <= item.added_at <= now
        assert item.done_at is None or item.meeting.ends_at <= item.done_at <= now
    for check_in in meetings.CheckIn.objects.select_related("meeting"):
        check_in.full_clean()
        assert max(check_in.meeting.ends_at, check_in.meeting.created_at) <= check_in.at <= now
    for notes in meetings.MeetingNotes.objects.select_related("meeting"):
        assert max(notes.meeting.ends_at, notes.meeting.created_at) <= notes.updated_at <= now


@pytest.mark.django_db
def test_the_journey_is_dated_when_things_happened():
    """The feed's plan lines are dated at the plan's steps, not when the demo ran."""
    _demo()
    now = timezone.now()

    shared = Partnership.objects.filter(plan__status=plans.ActionPlan.Status.SHARED)
    for partnership in shared.select_related("cohort"):
        events = meetings.JourneyEvent.objects.filter(partnership=partnership)
        assert events.exists(), partnership
        for event in events.exclude(kind="meeting_held"):
            assert event.at <= now, event
            day = timezone.localdate(event.at)
            assert partnership.cohort.starts_on <= day <= partnership.cohort.ends_on, event
    aisha = _pair("aisha.khan")
    feed = meetings.JourneyEvent.objects.filter(partnership=aisha, at__lte=now)
    assert len({timezone.localdate(e.at) for e in feed}) >= 40
    assert {e.kind for e in feed} == set(meetings.JourneyEvent.Kind.values)
    # Old celebrations were seen long ago; the recent one waits for the next visit.
    celebrations = feed.filter(kind__in=meetings.JourneyEvent.CELEBRATED)
    unseen = celebrations.filter(mentee_seen_at__isnull=True)
    assert unseen.count() == 1
    assert unseen.get().at >= now - timedelta(days=14)
    assert journey_feed(aisha, 1)[0].at >= now - timedelta(days=14)


@pytest.mark.django_db
def test_the_journey_pages_show_the_meetings(client):
    _demo()
    aisha = _pair("aisha.khan")
    client.force_login(aisha.mentee)

    page = client.get(reverse("partnerships:partnership-detail", args=[aisha.pk]))
    assert page.status_code == 200
    section = page.content.decode()
    assert "The mentoring journey" in section
    assert "Carried over" in section
    coming = current_meeting(aisha)
    meeting_page = client.get(coming.get_absolute_url())
    assert meeting_page.status_code == 200
    assert "Asking my manager for time to lead the workstream" in meeting_page.content.decode()
    home = client.get(reverse("home"))
    assert reverse("meetings:meeting-detail", args=[coming.pk]) in home.content.decode()
    client.force_login(_pair("rafael.silva").mentor)
    assert "cadence-warning" in client.get(reverse("home")).content.decode()
