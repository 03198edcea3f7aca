from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Programs are closed: people arrive through an invitation, never by signing up."""

    def is_open_for_signup(self, request):
        return False
