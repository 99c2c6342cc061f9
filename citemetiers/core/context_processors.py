from django.utils.functional import SimpleLazyObject

from citemetiers.core import navigation


def navigation_menu(request):
    """The workspaces of the header, computed only when a template shows them (not for fragments)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def build():
        match = getattr(request, "resolver_match", None)
        return navigation.menu(
            user=user,
            membership=getattr(request, "membership", None),
            centre=getattr(request, "centre", None),
            view_name=match.view_name if match else None,
        )

    return {"workspaces": SimpleLazyObject(build)}
