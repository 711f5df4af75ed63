"""``/healthz``: whether this app server can answer — for a load balancer, a proxy or a monitoring probe.

200 with ``{"status": "ok", "database": "ok"}`` when the database answers a query; 503 with
``{"status": "error", "database": "unreachable"}`` otherwise. No sign-in needed, nothing about the data is shown,
never cached.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger("ktxh.web.health")


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        log.warning("health check: the database does not answer: %s", error)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


urlpatterns = [path("", healthz, name="healthz")]  # included at /healthz by ktxh.urls
