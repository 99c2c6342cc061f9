"""Who may do what at the network's school.

Network coordinators run an edition; the host Cité's coordinators co-organise it (programme
committee); any member of a Cité's staff submits a contribution and registers; reviewers are named on
the edition, and never review a contribution of a Cité they work for.
"""

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Membership
from citemetiers.centres.selectors import own_active_memberships


def staff_memberships(user) -> list[Membership]:
    """The person's active memberships in every Cité, read once per request (kept on the user)."""
    if not user.is_authenticated:
        return []
    return own_active_memberships(user)


def _runs_network(user) -> bool:
    return user.is_authenticated and NetworkRole.NETWORK_COORDINATOR in user.network_roles


def can_view_school(user) -> bool:
    """The network's staff and every Cité's staff read the editions, their programmes and archive."""
    return user.is_authenticated and (bool(user.network_roles) or bool(staff_memberships(user)))


def can_take_part_in_school(user) -> bool:
    """A member of a Cité's staff submits contributions and registers, with their Cité."""
    return bool(staff_memberships(user))


def can_run_school(user) -> bool:
    """Network coordinators open an edition and name its host Cité."""
    return _runs_network(user)


def can_co_organise_school(user) -> bool:
    """Network coordinators, and coordinators of a Cité (the host's co-organise its edition)."""
    return _runs_network(user) or any(m.has_role(Role.COORDINATOR) for m in staff_memberships(user))


def can_organise_edition(user, edition) -> bool:
    """Network coordinators, and the host Cité's coordinators, run this edition and its committee."""
    if _runs_network(user):
        return True
    return any(m.centre_id == edition.host_centre_id and m.has_role(Role.COORDINATOR) for m in staff_memberships(user))


def is_reviewer(user, edition) -> bool:
    """Reviewers are named on the edition by its organisers."""
    return user.is_authenticated and edition.reviewers.filter(pk=user.pk).exists()


def signers(contribution) -> list[tuple[int, int]]:
    """(person, Cité) of the author and of each co-author."""
    return [(contribution.author_id, contribution.cite_id), *contribution.co_authors.values_list("user_id", "cite_id")]


def has_conflict(user, contribution) -> bool:
    """An author or co-author, or anyone working for the Cité of one of them, has a conflict of interest."""
    own = {m.centre_id for m in staff_memberships(user)}
    return any(person == user.pk or cite in own for person, cite in signers(contribution))


def reviewed_tracks(user, edition) -> list[int]:
    """The tracks the committee assigned the reviewer to; none means every track of the edition."""
    return list(edition.tracks.filter(reviewers=user).values_list("pk", flat=True))


def reviews_track(user, track) -> bool:
    assigned = reviewed_tracks(user, track.edition)
    return not assigned or track.pk in assigned


def can_review_contribution(user, contribution) -> bool:
    """A named reviewer reviews a contribution of their tracks, of a Cité they do not work for."""
    return (
        is_reviewer(user, contribution.edition)
        and reviews_track(user, contribution.track)
        and not has_conflict(user, contribution)
    )


def can_see_authors(user, contribution) -> bool:
    """The authors' Cité and names are hidden from reviewers until the decision, when the edition says so;
    the organisers and the authors themselves always see them."""
    if not contribution.edition.anonymised_review or contribution.status != "submitted":
        return True
    if any(person == user.pk for person, _cite in signers(contribution)):
        return True
    return can_organise_edition(user, contribution.edition)


def can_download_certificate(user, participant) -> bool:
    """An attendance certificate names a person: only they and the network's coordinators download it."""
    return user.is_authenticated and (participant.user_id == user.pk or _runs_network(user))
