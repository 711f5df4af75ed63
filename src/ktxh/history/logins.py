"""Sign-ins, sign-outs and failed sign-ins in the change log, from Django's authentication signals.

Each is a :class:`~ktxh.history.models.ChangeRecord` about the user (``auth.user``): ``login``, ``logout`` or
``login_failed``; a failed sign-in with a user name that does not exist has no object id. ``after`` keeps the
client's address, and for a failure whether the user name was locked out.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import DatabaseError

from ktxh.history.models import ChangeRecord

USER_TYPE = "auth.user"


def _address(request) -> str:
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", "")


def _record(action: str, user, name: str, request, **extra) -> None:
    details = {"address": _address(request), **extra}
    ChangeRecord(
        user=user,
        actor=(name or "?")[:150],
        action=action,
        object_type=USER_TYPE,
        object_id=user.pk if user is not None else None,
        object_repr=(name or "?")[:300],
        before=None,
        after=details,
    ).save()


def logged_in(sender, request, user, **kwargs):
    _record(ChangeRecord.Action.LOGIN, user, user.get_username(), request)


def logged_out(sender, request, user, **kwargs):
    if user is not None:
        _record(ChangeRecord.Action.LOGOUT, user, user.get_username(), request)


def login_failed(sender, credentials, request=None, **kwargs):
    model = get_user_model()
    name = str(credentials.get(model.USERNAME_FIELD) or credentials.get("username") or "")
    try:
        user = model._default_manager.filter(**{model.USERNAME_FIELD: name}).first() if name else None
    except DatabaseError:
        user = None
    _record(
        ChangeRecord.Action.LOGIN_FAILED,
        user,
        name,
        request,
        locked_out=bool(getattr(request, "axes_locked_out", False)),
    )


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="ktxh.history.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="ktxh.history.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="ktxh.history.login_failed")
