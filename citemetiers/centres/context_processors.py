from citemetiers.centres import perms
from citemetiers.centres import tenancy as scopes
from citemetiers.centres.models import Membership
from citemetiers.indicators import perms as indicator_perms
from citemetiers.reception import perms as reception_perms
from citemetiers.rosters import perms as roster_perms


def tenancy(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    can = {}
    if membership is not None:
        # One place decides what the navigation and the home page offer: the permission predicates.
        can = {
            "edit_profile": perms.can_edit_profile(membership),
            "manage_advice_areas": reception_perms.can_manage_advice_areas(membership),
            "manage_members": perms.can_manage_members(membership),
            "manage_partnerships": perms.can_manage_partnerships(membership),
            "view_audit_log": perms.can_view_audit_log(membership),
            "check_in": reception_perms.can_check_in(membership),
            "advise": reception_perms.can_advise(membership),
            "manage_themes": reception_perms.can_manage_themes(membership),
            "manage_screens": reception_perms.can_manage_screens(membership),
            "close_day": reception_perms.can_close_day(membership),
            "compare_with_network": indicator_perms.can_compare_with_network(membership),
            "import_history": indicator_perms.can_import_history(membership),
            "make_reports": indicator_perms.can_make_reports(membership),
            "plan_rosters": roster_perms.can_plan_rosters(membership),
            "follow_partnerships": roster_perms.can_follow_partnerships(membership),
        }
    with scopes.own_memberships():
        # The Cité switcher lists the person's own memberships, in every Cité they belong to.
        my_memberships = Membership.objects.active().filter(user=user).select_related("centre")
    return {
        "current_centre": getattr(request, "centre", None),
        "current_membership": membership,
        "can": can,
        "my_memberships": my_memberships,
    }
