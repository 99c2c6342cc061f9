"""How login throttling (django-axes) names the account being tried."""


def axes_username(request, credentials=None) -> str | None:
    """The address as the login understands it: case and surrounding spaces do not make another account.

    Without this, "Ana@x.org" and "ana@x.org" would each get their own failure count,
    and varying the case of an address would allow unlimited guesses.
    """
    data = credentials or getattr(request, "data", request.POST)
    username = data.get("username")
    return username.strip().lower() if username else username
