from django.contrib import admin

from .models import (
    CalendarFeed,
    CohortEmailDefault,
    CohortReminderSettings,
    Delivery,
    EmailPreference,
    Notification,
)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "occasion", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__email", "title"]
    raw_id_fields = ["recipient", "actor", "partnership", "delivery"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["key", "recipient", "status", "attempts", "send_after", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient__email", "key"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["claim", "claimed_until", "last_error"]


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "enabled", "updated_at"]
    raw_id_fields = ["user"]


@admin.register(CohortEmailDefault)
class CohortEmailDefaultAdmin(admin.ModelAdmin):
    list_display = ["cohort", "kind", "enabled"]


@admin.register(CohortReminderSettings)
class CohortReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["cohort", "nudge_after_days"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    # The secret itself is nowhere to be shown: only its hash is stored.
    list_display = ["user", "created_at", "last_read_at"]
    readonly_fields = ["secret_hash"]
    raw_id_fields = ["user"]
