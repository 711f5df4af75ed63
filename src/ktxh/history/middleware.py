from ktxh.history.actor import acting_as


class ChangeActorMiddleware:
    """Record the signed-in user as the author of every change made while serving a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)
