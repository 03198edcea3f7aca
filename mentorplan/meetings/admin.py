"""The meetings in the admin, for support: when and how, never what was said in private.

Private notes and check-ins are not registered: only their author reads them.
Shared notes are the pair's; staff see that they exist, not their text.
"""

from django.contrib import admin

from .models import Meeting, MeetingChange, MeetingSeries


class MeetingChangeInline(admin.TabularInline):
    model = MeetingChange
    extra = 0
    fields = ["kind", "by", "at", "old_starts_at", "new_starts_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["partnership", "starts_at", "format", "status"]
    list_filter = ["status", "format"]
    date_hierarchy = "starts_at"
    fields = [
        "partnership",
        "series",
        "starts_at",
        "duration_minutes",
        "time_zone",
        "format",
        "status",
        "logged_afterwards",
    ]
    readonly_fields = fields
    inlines = [MeetingChangeInline]
    raw_id_fields = ["partnership"]

    def has_add_permission(self, request):
        return False


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["partnership", "every_weeks", "first_on", "until", "cancelled_at"]
    raw_id_fields = ["partnership"]
    readonly_fields = ["partnership", "created_by", "created_at"]
