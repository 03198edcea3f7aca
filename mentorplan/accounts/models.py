from zoneinfo import available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

TIME_ZONE_CHOICES = [(tz, tz.replace("_", " ")) for tz in sorted(available_timezones())]


def validate_time_zone(value):
    # Checked against the installed tz database rather than stored as model
    # choices, so a tzdata update does not create a migration.
    if value not in available_timezones():
        raise ValidationError(
            "%(value)s is not a known time zone.", code="invalid", params={"value": value}
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Email addresses are matched without regard to case, as people type them.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


def split_tags(text: str) -> list[str]:
    """Split a comma-separated list of areas into clean, de-duplicated entries."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return list(seen.values())


class User(AbstractBaseUser, PermissionsMixin):
    """A person: signs in with their email address."""

    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=120, help_text="How your name is shown to others in your program."
    )
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        default=settings.DEFAULT_USER_TIME_ZONE,
        help_text="Dates and times are shown to you in this time zone.",
    )
    bio = models.TextField("short bio", blank=True, max_length=2000)
    expertise = models.CharField(
        "areas of expertise",
        max_length=500,
        blank=True,
        help_text="Comma-separated, for example: public speaking, budgeting, policy writing.",
    )
    interests = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated areas you want to grow in.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name.split(" ")[0] if self.display_name else self.email

    @property
    def expertise_list(self) -> list[str]:
        return split_tags(self.expertise)

    @property
    def interests_list(self) -> list[str]:
        return split_tags(self.interests)

    @property
    def has_accepted_invitation(self) -> bool:
        """True once the person has set a password (invited people start without one)."""
        return self.has_usable_password()
