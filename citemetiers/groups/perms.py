"""Who may do what with working groups."""

from django.db.models import Q

from citemetiers.accounts.roles import Role


def can_view_groups(membership) -> bool:
    """Every active member of a Cité's staff reads its working groups."""
    return membership is not None and membership.is_active


def can_create_group(membership) -> bool:
    """Coordinators and back-office staff convene working groups."""
    return can_view_groups(membership) and membership.has_role(Role.COORDINATOR, Role.PARTNERSHIPS, Role.LOGISTICS)


def is_group_member(membership, group) -> bool:
    """A member of the group, of this Cité or invited from another one."""
    if membership is None or not membership.is_active:
        return False
    # The link table, not group.members: the scoped Membership manager hides an invited member.
    return group.members.through.objects.filter(workinggroup_id=group.pk, membership_id=membership.pk).exists()


def can_manage_group(membership, group) -> bool:
    """The convenor, or a coordinator of the convening Cité, runs the group's meetings and minutes."""
    if membership is None or not membership.is_active:
        return False
    if group.convenor_id == membership.pk:
        return True
    return membership.centre_id == group.centre_id and membership.has_role(Role.COORDINATOR)


def can_take_part(membership, group) -> bool:
    """Members propose agenda items and vote; an open group takes any member of its Cité."""
    from citemetiers.groups.models import Admission, GroupStatus

    if group.status != GroupStatus.ACTIVE:
        return False
    if is_group_member(membership, group) or can_manage_group(membership, group):
        return True
    return group.admission == Admission.OPEN and can_view_groups(membership) and membership.centre_id == group.centre_id


def can_propose_agenda_item(membership, meeting) -> bool:
    """Who may take part in the group proposes items, until the meeting starts (the two rules
    services.agenda_item_propose refuses by, each with its own message)."""
    from django.utils import timezone

    return can_take_part(membership, meeting.group) and meeting.starts_at > timezone.now()


def readable_by_person(membership, *, through: str = "") -> Q:
    """Within the Cité's scope, what this person reads: the Cité's own groups, the network's, and the
    groups of another Cité only if they themselves were invited (not their colleagues)."""
    from citemetiers.groups.models import GroupScope, WorkingGroup

    return (
        Q(**{f"{through}centre_id": membership.centre_id})
        | Q(**{f"{through}scope": GroupScope.NETWORK})
        | Q(
            **{
                f"{through}pk__in": WorkingGroup.members.through.objects.filter(membership=membership).values(
                    "workinggroup"
                )
            }
        )
    )
