from django.contrib import admin

from .models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "cohort", "status", "started_on", "ended_on"]
    list_filter = ["status", "cohort__program", "cohort"]
    search_fields = [
        "mentor__email",
        "mentor__display_name",
        "mentee__email",
        "mentee__display_name",
    ]
    autocomplete_fields = ["mentor", "mentee", "cohort"]
    list_select_related = ["mentor", "mentee", "cohort__program"]
