import datetime

import factory

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.programs.models import Cohort, Invitation, Membership, Program


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"{2020 + n % 10} Partnerships {n}")
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=300))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    cohort = factory.SubFactory(CohortFactory)
    role = Membership.Role.MENTEE
    capacity = factory.LazyAttribute(lambda m: 2 if m.role == Membership.Role.MENTOR else None)


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation not yet emailed; call ``issue_token()`` for a working link."""

    class Meta:
        model = Invitation

    membership = factory.SubFactory(MembershipFactory)
