"""Account models."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who logs in. Organisation membership and roles are separate."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
