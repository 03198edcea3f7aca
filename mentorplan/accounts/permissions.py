"""Who may see or change account data.

A person edits only their own profile; the profile views therefore always work on
``request.user`` and need no object lookup. Staff manage everyone through the admin.
"""


def can_edit_profile(user, profile_user) -> bool:
    return user.is_authenticated and user.pk == profile_user.pk
