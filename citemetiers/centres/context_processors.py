from citemetiers.centres import tenancy as scopes
from citemetiers.centres.models import Membership


def tenancy(request):
    """The Cité and membership of the request, and the person's other Cités for the switcher.

    What a page offers is asked of each app's predicates by the page's own view (and the header's
    workspaces by `core.navigation`): `centres` reads no flag of the apps above it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    with scopes.own_memberships():
        # The Cité switcher lists the person's own memberships, in every Cité they belong to.
        my_memberships = Membership.objects.active().filter(user=user).select_related("centre")
    return {
        "current_centre": getattr(request, "centre", None),
        "current_membership": getattr(request, "membership", None),
        "my_memberships": my_memberships,
    }
