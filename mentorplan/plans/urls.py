from django.urls import path

from .views import agreement, comments, parts, plan

app_name = "plans"

PLAN = "partnerships/<int:pk>/plan/"

urlpatterns = [
    path(PLAN, plan.plan_detail, name="plan-detail"),
    path(PLAN + "share/", plan.plan_share, name="plan-share"),
    path(PLAN + "understanding/", plan.understanding_respond, name="understanding-respond"),
    path(PLAN + "agreement/sign/", agreement.agreement_sign_view, name="agreement-sign"),
    path(PLAN + "comments/", comments.comment_add, name="comment-add"),
    path(PLAN + "goal/<int:item>/move/<str:direction>/", parts.goal_move, name="goal-move"),
    path(PLAN + "measure/<int:item>/agree/", parts.measure_agree, name="measure-agree"),
    path(PLAN + "<str:kind>/new/", parts.part_create, name="part-create"),
    path(PLAN + "<str:kind>/edit/", parts.part_edit, name="part-edit-single"),
    path(PLAN + "<str:kind>/<int:item>/edit/", parts.part_edit, name="part-edit"),
    path(PLAN + "<str:kind>/<int:item>/delete/", parts.part_delete, name="part-delete"),
]
