import factory
from django.utils import timezone

from mentorplan.accounts.tests.factories import UserFactory
from mentorplan.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "comment"
    subject = factory.Sequence(lambda n: f"comment:{n}")
    occasion = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Notification number {n}")
    url = "/"
