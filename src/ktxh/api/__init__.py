"""The REST API (Django REST framework, OpenAPI 3 by drf-spectacular at ``/api/schema/``, Swagger UI at
``/api/docs/`` and Redoc at ``/api/redoc/`` from vendored assets). Token authentication; every call is scoped by
the one permission check (:mod:`ktxh.units.scoping`); errors are JSON with a 4xx status."""
