"""Login attempts limited per account and address (django-axes).

The policy (settings ``AXES_*``; README "Login limits"):

* failures are counted per combination of user name and client address;
  after ``AXES_FAILURE_LIMIT`` (5) failures that combination is locked for
  ``AXES_COOLOFF_TIME`` (15 minutes; each further attempt while locked
  starts the cool-off again); a successful login resets the count;
* the same user name from another address, and other users from the same
  address, are not locked: an attacker cannot lock a buyer out of a
  deadline by guessing from elsewhere;
* the address is the TCP peer (``REMOTE_ADDR``), never a client-supplied
  header, so it cannot be changed per request.

Every password check that comes with a request goes through the limit: the
web login and the admin login. No API route takes a password (the API uses
tokens). Authentication without a request (the test client's ``login``, a
management command) runs in-process and is not limited.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


class LoginLimitBackend(AxesStandaloneBackend):
    """Refuses a locked (user name, address) pair before any password is checked."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def cool_off_minutes() -> int:
    """The cool-off period in whole minutes (at least 1), for the lockout message."""
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
