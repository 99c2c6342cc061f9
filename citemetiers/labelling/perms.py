"""Who may do what with label applications.

The network's predicates take the person (`network_view`); the Cité's take its membership
(`centre_view`). Object-level rules are used by the services as well as the views.
"""

from citemetiers.accounts.roles import NetworkRole, Role


def can_follow_labelling(user) -> bool:
    """Network coordinators follow every application, on the labelling board."""
    return NetworkRole.NETWORK_COORDINATOR in user.network_roles


def can_evaluate(user) -> bool:
    """Label evaluators review the dossiers they are assigned to."""
    return NetworkRole.LABEL_EVALUATOR in user.network_roles


def can_mentor(membership) -> bool:
    """A Cité's coordinator follows the applications their Cité mentors."""
    return membership is not None and membership.is_active and membership.has_role(Role.COORDINATOR)


def is_mentor(membership, application) -> bool:
    """The coordinators of a mentor Cité read their mentee's dossier and log the mentoring sessions."""
    return can_mentor(membership) and application.mentorings.filter(mentor_id=membership.centre_id).exists()


def can_view_own_application(membership) -> bool:
    """A Cité's coordinator follows its own label application."""
    return membership is not None and membership.is_active and membership.has_role(Role.COORDINATOR)


def is_candidate(user, application) -> bool:
    """The candidate territory's own staff, named on the application (before its Cité exists too), and
    once the Cité is linked, its coordinators."""
    if not user.is_authenticated:
        return False
    if application.candidates.filter(pk=user.pk).exists():
        return True
    if application.centre_id is None:
        return False
    from citemetiers.centres.selectors import membership_of
    from citemetiers.centres.tenancy import centre_scope

    # The application is the network's; the person's membership is its Cité's, read in its scope.
    with centre_scope(application.centre):
        return can_view_own_application(membership_of(user, application.centre_id))


def is_assigned_evaluator(user, application) -> bool:
    """An evaluator reads and reports on the dossiers assigned to them only."""
    return can_evaluate(user) and application.evaluations.filter(evaluator=user).exists()


def can_read_application(user, application) -> bool:
    """The network's coordinators, its assigned evaluators and the candidate's own staff read a dossier."""
    return can_follow_labelling(user) or is_assigned_evaluator(user, application) or is_candidate(user, application)


def can_edit_dossier(user, application) -> bool:
    """The candidate's staff and the network's coordinators fill the self-assessment and its evidence."""
    return can_follow_labelling(user) or is_candidate(user, application)


# Who may take each transition: "network" (a network coordinator), "candidate" (the candidate's
# staff, or a network coordinator on their behalf).
def can_take_transition(user, application, who: str) -> bool:
    """A transition is taken by the side the workflow's table names for it."""
    if who == "candidate":
        return can_edit_dossier(user, application)
    return can_follow_labelling(user)
