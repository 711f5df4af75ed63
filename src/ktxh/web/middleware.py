"""Requests that no page can answer sensibly, refused before any view runs.

A NUL byte in the address or the query (``?org_unit=%00``) is not text any page or API call expects, and
PostgreSQL refuses it in a query with an error a view would turn into a 500. Every path gets the same answer: 400,
as JSON under ``/api/`` and as a Vietnamese page elsewhere.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RefuseNulBytes:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            message = _("The address contains a NUL character (%%00): it is not a valid request.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
