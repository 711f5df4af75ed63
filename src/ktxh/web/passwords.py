"""Password rules (``AUTH_PASSWORD_VALIDATORS``): Django's, with Vietnamese messages.

Django 5.2 words the minimum-length message with ``%d``, while the Vietnamese catalog it ships still holds the
older msgid with ``%(min_length)d``: its message would reach a Vietnamese user in English. This validator asks for
the catalog's wording; the other rules (similar to the user's name, common, only digits) are translated as they
are."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        # ValidationError fills %(min_length)d from the params Django's validate() passes.
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        )
