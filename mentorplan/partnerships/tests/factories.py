import factory

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.partnerships.models import Partnership
from mentorplan.programs.models import Membership
from mentorplan.programs.tests.factories import CohortFactory, MembershipFactory


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A partnership whose mentor and mentee are members of its cohort in those roles."""

    class Meta:
        model = Partnership

    cohort = factory.SubFactory(CohortFactory)
    mentor = factory.SubFactory(UserFactory)
    mentee = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        cohort, mentor, mentee = kwargs["cohort"], kwargs["mentor"], kwargs["mentee"]
        if not cohort.memberships.filter(user=mentor).exists():
            MembershipFactory(user=mentor, cohort=cohort, role=Membership.Role.MENTOR)
        if not cohort.memberships.filter(user=mentee).exists():
            MembershipFactory(user=mentee, cohort=cohort, role=Membership.Role.MENTEE)
        return super()._create(model_class, *args, **kwargs)
