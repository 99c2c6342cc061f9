from django.utils.functional import SimpleLazyObject

from citemetiers.centres.selectors import own_active_memberships


def tenancy(request):
    """The Cité and membership of the request, and the person's other Cités for the switcher.

    It runs for every rendered template, the fragments the consoles poll every few seconds included:
    the switcher's list is built only when a template reads it (the header of a full page). What a
    page offers is asked of each app's predicates by the page's own view (and the header's
    workspaces by `core.navigation`): `centres` reads no flag of the apps above it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def own_memberships():
        # The Cité switcher lists the person's own memberships, in every Cité they belong to.
        return own_active_memberships(user)

    return {
        "current_centre": getattr(request, "centre", None),
        "current_membership": getattr(request, "membership", None),
        "my_memberships": SimpleLazyObject(own_memberships),
    }
