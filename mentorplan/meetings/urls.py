from django.urls import path

from .views import meeting, progress, schedule

app_name = "meetings"

PARTNERSHIP = "partnerships/<id:pk>/"
MEETING = "meetings/<id:pk>/"

urlpatterns = [
    path(PARTNERSHIP + "meetings/new/", schedule.meeting_create, name="meeting-create"),
    path(PARTNERSHIP + "meetings/series/new/", schedule.series_create, name="series-create"),
    path(
        PARTNERSHIP + "meetings/series/<id:series>/cancel/",
        schedule.series_cancel,
        name="series-cancel",
    ),
    path(
        PARTNERSHIP + "plan/activity/<id:item>/progress/",
        progress.activity_progress,
        name="activity-progress",
    ),
    path(
        PARTNERSHIP + "plan/measure/<id:item>/progress/",
        progress.measure_progress,
        name="measure-progress",
    ),
    path(MEETING, meeting.meeting_detail, name="meeting-detail"),
    path(MEETING + "calendar.ics", meeting.meeting_calendar, name="meeting-ics"),
    path(MEETING + "edit/", schedule.meeting_edit, name="meeting-edit"),
    path(MEETING + "cancel/", schedule.meeting_cancel, name="meeting-cancel"),
    path(MEETING + "notes/", meeting.notes_save, name="notes-save"),
    path(MEETING + "private-note/", meeting.private_note_save, name="private-note"),
    path(MEETING + "topics/", meeting.topic_add, name="topic-add"),
    path(MEETING + "topics/<id:topic>/", meeting.topic_update, name="topic-update"),
    path(MEETING + "suggestions/", meeting.suggestion_decide, name="suggestion-decide"),
    path(MEETING + "action-items/", meeting.action_item_add, name="action-item-add"),
    path(
        MEETING + "action-items/<id:item>/", meeting.action_item_update, name="action-item-update"
    ),
    path(
        MEETING + "action-items/<id:item>/activity/",
        meeting.action_item_activity,
        name="action-item-activity",
    ),
    path(MEETING + "check-in/", meeting.check_in, name="check-in"),
]
