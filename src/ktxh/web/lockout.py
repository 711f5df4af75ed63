"""The lock-out of repeated failed sign-ins (django-axes), as the web app shows it.

- :class:`LockoutBackend` — the Axes check before the password check. A sign-in without a request (the command
  line, ``Client.login`` in tests) is not a web sign-in and is not throttled; every sign-in through the web is.
- :func:`locked_out` — the answer to a locked-out user name: the sign-in page again, with a message in the user's
  language saying how long to wait (HTTP 429).
"""

from __future__ import annotations

import math

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def locked_out(request, original_response=None, credentials=None):
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return render(
        request, "registration/locked_out.html", {"minutes": cooloff_minutes(), "username": username}, status=429
    )
