class DomainError(Exception):
    """A rule of the domain was broken; the message is meant for the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotPermitted(DomainError):
    """The actor may not do this to this object (the app's perms.py says why); raised by the services
    themselves, so that no caller, view, command or job, can skip the check."""
