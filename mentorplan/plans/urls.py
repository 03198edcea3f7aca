from django.urls import path

from .views import agreement, changes, comments, help, parts, plan, printing, starter, timeline

app_name = "plans"

PLAN = "partnerships/<id:pk>/plan/"

urlpatterns = [
    path(PLAN, plan.plan_detail, name="plan-detail"),
    path(PLAN + "share/", plan.plan_share, name="plan-share"),
    path(PLAN + "changes/", changes.plan_changes_view, name="plan-changes"),
    path(PLAN + "print/", printing.plan_print, name="plan-print"),
    path(PLAN + "timeline/", timeline.plan_timeline, name="plan-timeline"),
    path(PLAN + "understanding/", plan.understanding_respond, name="understanding-respond"),
    path(PLAN + "agreement/sign/", agreement.agreement_sign_view, name="agreement-sign"),
    path(PLAN + "comments/", comments.comment_add, name="comment-add"),
    path(PLAN + "goal/<id:item>/move/<str:direction>/", parts.goal_move, name="goal-move"),
    path(PLAN + "measure/<id:item>/agree/", parts.measure_agree, name="measure-agree"),
    path(PLAN + "measure/<id:item>/remove/", parts.measure_remove, name="measure-remove"),
    path(PLAN + "measure/<id:item>/keep/", parts.measure_keep, name="measure-keep"),
    path(PLAN + "help/", help.help_request_create, name="help-request-create"),
    path(
        PLAN + "suggestions/<id:item>/<str:decision>/",
        starter.suggestion_decide,
        name="suggestion-decide",
    ),
    path(PLAN + "<str:kind>/new/", parts.part_create, name="part-create"),
    path(PLAN + "<str:kind>/edit/", parts.part_edit, name="part-edit-single"),
    path(PLAN + "<str:kind>/<id:item>/edit/", parts.part_edit, name="part-edit"),
    path(PLAN + "<str:kind>/<id:item>/delete/", parts.part_delete, name="part-delete"),
    path("help/", help.help_inbox, name="help-inbox"),
    path("help/<id:id>/", help.help_request_detail, name="help-request-detail"),
    path("help/<id:id>/handled/", help.help_request_handle, name="help-request-handle"),
    path("help/<id:id>/reopen/", help.help_request_reopen, name="help-request-reopen"),
    path("cohorts/<id:pk>/starter-plan/", starter.cohort_starter, name="cohort-starter"),
    path(
        "cohorts/<id:pk>/starter-plan/<id:item>/delete/",
        starter.starter_item_delete,
        name="starter-item-delete",
    ),
]
