from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "ktxh.history"
    label = "history"
    verbose_name = _("Change history")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db import connections
        from django.db.backends.signals import connection_created

        from ktxh.history import guard, logins
        from ktxh.history.recorder import track

        logins.connect()
        # Users are in the log: created, changed, deactivated, deleted (never their password hash).
        track(get_user_model(), leave_out=("password", "last_login"))
        connection_created.connect(guard.define_sqlite_function, dispatch_uid="ktxh.history.guard")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                guard.define_sqlite_function(None, connection)
