"""Requests refused before any view sees them."""

from django.core.exceptions import BadRequest


class RefuseNulBytesMiddleware:
    """Answer 400 to a NUL byte in the address, the query string or a posted field.

    No person types one, and PostgreSQL refuses it in any text it is asked to compare or store: a
    secret looked up in the address or a search term read from the query would answer 500 otherwise.
    One check here spares every view and form from repeating it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _holds_nul(request.GET):
            raise BadRequest("NUL byte in the address.")
        if request.method == "POST" and _holds_nul(request.POST):
            raise BadRequest("NUL byte in a posted field.")
        return self.get_response(request)


def _holds_nul(query) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())
