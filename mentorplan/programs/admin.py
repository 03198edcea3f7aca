from django.contrib import admin

from .models import Cohort, Invitation, Membership, Program


class CohortInline(admin.TabularInline):
    model = Cohort
    extra = 0
    fields = ["name", "starts_on", "ends_on", "meeting_cadence"]
    show_change_link = True


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["coordinators"]
    inlines = [CohortInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "starts_on", "ends_on", "meeting_cadence"]
    list_filter = ["program", "meeting_cadence"]
    search_fields = ["name", "program__name"]
    list_select_related = ["program"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "cohort", "role", "capacity", "joined_at"]
    list_filter = ["role", "cohort__program"]
    search_fields = ["user__email", "user__display_name", "cohort__name"]
    autocomplete_fields = ["user", "cohort"]
    list_select_related = ["user", "cohort__program"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["membership", "sent_at", "expires_at", "accepted_at"]
    list_filter = ["membership__cohort__program"]
    search_fields = ["membership__user__email"]
    readonly_fields = ["created_at", "sent_at", "expires_at", "accepted_at"]
    raw_id_fields = ["membership", "invited_by"]
    list_select_related = ["membership__user", "membership__cohort__program"]
