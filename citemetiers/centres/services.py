"""Writes on Cités, partner organisations, partnerships and memberships."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres import opening, perms, tenancy
from citemetiers.centres.models import Centre, Closure, Membership, Organisation, OrganisationKind, Partnership
from citemetiers.centres.selectors import membership_required, subdivisions
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError
from citemetiers.core.personal_data import find_personal_data

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from citemetiers.accounts.models import User
    from citemetiers.reception.models import AdviceArea

CENTRE_PROFILE_FIELDS = (
    "name",
    "country",
    "subdivision",
    "city",
    "address",
    "email",
    "phone",
    "website",
    "languages",
    "time_zone",
    "opening_hours",
)
ORGANISATION_FIELDS = ("name", "kind", "website", "address", "opening_hours", "description", "is_active")
PARTNERSHIP_FIELDS = (
    "organisation",
    "title",
    "starts_on",
    "ends_on",
    "adviser_hours_per_month",
    "other_commitments",
    "is_active",
)


def _check_may(centre_id: int, may: Callable[[Membership], bool], refusal: str, actor: User | None) -> None:
    """The services check the role themselves, whoever calls them; no actor is the platform itself
    (the demo, a command), never a person: it is not refused."""
    if actor is None:
        return
    membership_required(actor, centre_id, may, refusal)


def _check_may_manage_members(centre: Centre, actor: User | None) -> None:
    # The network opens a Cité from outside it and names its first coordinator (network/views.py):
    # a network coordinator may add a member while the Cité has no active coordinator yet.
    opening = actor is not None and actor.has_network_role(NetworkRole.NETWORK_COORDINATOR)
    if opening and not _active_coordinators(centre).exists():
        return
    _check_may(centre.pk, perms.can_manage_members, _("Only the coordinators of the Cité manage its team."), actor)


def _check_may_manage_partnerships(centre_id: int, actor: User | None) -> None:
    _check_may(
        centre_id,
        perms.can_manage_partnerships,
        _("Only the coordinators and the partnerships staff of the Cité manage its partners."),
        actor,
    )


def _pick(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {field: data[field] for field in fields if field in data}


def _apply(instance: models.Model, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    changes = diff_fields(instance, data)
    for field, value in data.items():
        setattr(instance, field, value)
    return changes


def _check_subdivision(data: Mapping[str, Any], centre: Centre | None = None) -> None:
    """The region must be one the holidays package knows for the country: its public holidays come from there."""
    country = data.get("country", centre.country if centre else "")
    subdivision = data.get("subdivision", centre.subdivision if centre else "")
    if subdivision and subdivision not in subdivisions(country):
        raise DomainError(_("Choose a region of the Cité's country, or none."), field="subdivision")


def centre_create(*, data: Mapping[str, Any], slug: str, host_organisation_name: str, actor: User | None) -> Centre:
    """Open a new Cité on the platform with its host body and the default advice areas."""
    _check_subdivision(data)
    with transaction.atomic():
        if Centre.objects.filter(slug=slug).exists():
            raise DomainError(_("This short name is already used by another Cité."), field="slug")
        centre = Centre.objects.create(slug=slug, **_pick(data, CENTRE_PROFILE_FIELDS))
        # The network opens the Cité from outside it: what the new Cité starts with is written in its scope.
        with tenancy.centre_scope(centre):
            audit_log(actor=actor, action="centre.create", target=centre, centre=centre)
            _organisation_create(
                centre=centre, data={"name": host_organisation_name, "kind": OrganisationKind.HOST}, actor=actor
            )
            # The default advice areas and themes, and what any other app gives a new Cité.
            opening.run_steps(centre=centre, actor=actor)
    return centre


def centre_update_profile(*, centre: Centre, data: Mapping[str, Any], actor: User) -> Centre:
    _check_subdivision(data, centre)
    with transaction.atomic():
        changes = _apply(centre, _pick(data, CENTRE_PROFILE_FIELDS))
        if changes:
            centre.save()
            audit_log(actor=actor, action="centre.update", target=centre, centre=centre, changes=changes)
    return centre


def closure_add(*, centre: Centre, starts_on: date, ends_on: date, reason: str, actor: User) -> Closure:
    """Close the Cité from `starts_on` to `ends_on` (both included): no check-in, no shift, no demand expected."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the Cité closes."), field="reason")
    if find_personal_data(reason, language=translation.get_language()):
        # Staff type the reason; it is shown to the team and on the kiosk, so it names nobody.
        raise DomainError(_("Remove the personal data from the reason."), field="reason")
    if ends_on < starts_on:
        raise DomainError(_("The closure cannot end before it starts."), field="ends_on")
    if (ends_on - starts_on).days > 366:
        raise DomainError(_("A closure lasts a year at most."), field="ends_on")
    with transaction.atomic():
        closure = Closure.objects.create(centre=centre, starts_on=starts_on, ends_on=ends_on, reason=reason)
        audit_log(
            actor=actor,
            action="closure.create",
            target=closure,
            centre=centre,
            changes={"starts_on": starts_on, "ends_on": ends_on, "reason": reason},
        )
    return closure


def closure_remove(*, closure: Closure, actor: User) -> None:
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="closure.delete",
            target=closure,
            centre=closure.centre,
            changes={"starts_on": closure.starts_on, "ends_on": closure.ends_on, "reason": closure.reason},
        )
        closure.delete()


def _check_organisation_name(centre: Centre, name: str, exclude_pk: int | None = None) -> None:
    if Organisation.objects.for_centre(centre).filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise DomainError(_("An organisation with this name is already in the directory."), field="name")


def organisation_create(*, centre: Centre, data: Mapping[str, Any], actor: User | None) -> Organisation:
    _check_may_manage_partnerships(centre.pk, actor)
    return _organisation_create(centre=centre, data=data, actor=actor)


def _organisation_create(*, centre: Centre, data: Mapping[str, Any], actor: User | None) -> Organisation:
    """The host body written with a new Cité (centre_create, by the network) or a partner's (organisation_create)."""
    data = _pick(data, ORGANISATION_FIELDS)
    with transaction.atomic():
        _check_organisation_name(centre, data["name"])
        organisation = Organisation.objects.create(centre=centre, **data)
        audit_log(actor=actor, action="organisation.create", target=organisation, centre=centre, changes=data)
    return organisation


def organisation_update(*, organisation: Organisation, data: Mapping[str, Any], actor: User) -> Organisation:
    _check_may_manage_partnerships(organisation.centre_id, actor)
    data = _pick(data, ORGANISATION_FIELDS)
    with transaction.atomic():
        _check_organisation_name(organisation.centre, data.get("name", organisation.name), organisation.pk)
        changes = _apply(organisation, data)
        if changes:
            organisation.save()
            audit_log(
                actor=actor,
                action="organisation.update",
                target=organisation,
                centre=organisation.centre,
                changes=changes,
            )
    return organisation


def _check_partnership(centre: Centre, data: Mapping[str, Any], advice_areas: Iterable[AdviceArea]) -> None:
    if data["organisation"].centre_id != centre.pk:
        raise DomainError(_("This organisation is not in the Cité's directory."), field="organisation")
    if data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise DomainError(_("The agreement cannot end before it starts."), field="ends_on")
    if any(area.centre_id != centre.pk for area in advice_areas):
        raise DomainError(_("An advice area of another Cité cannot be covered."), field="advice_areas")


def partnership_create(
    *, centre: Centre, data: Mapping[str, Any], advice_areas: Iterable[AdviceArea], actor: User | None
) -> Partnership:
    _check_may_manage_partnerships(centre.pk, actor)
    data = _pick(data, PARTNERSHIP_FIELDS)
    advice_areas = list(advice_areas)
    with transaction.atomic():
        _check_partnership(centre, data, advice_areas)
        partnership = Partnership.objects.create(centre=centre, **data)
        partnership.advice_areas.set(advice_areas)
        audit_log(
            actor=actor,
            action="partnership.create",
            target=partnership,
            centre=centre,
            changes={**data, "advice_areas": advice_areas},
        )
    return partnership


def partnership_update(
    *, partnership: Partnership, data: Mapping[str, Any], advice_areas: Iterable[AdviceArea], actor: User
) -> Partnership:
    _check_may_manage_partnerships(partnership.centre_id, actor)
    data = _pick(data, PARTNERSHIP_FIELDS)
    advice_areas = list(advice_areas)
    with transaction.atomic():
        _check_partnership(partnership.centre, {"organisation": partnership.organisation, **data}, advice_areas)
        changes = _apply(partnership, data)
        old_areas = set(partnership.advice_areas.all())
        if old_areas != set(advice_areas):
            changes["advice_areas"] = [sorted(map(str, old_areas)), sorted(map(str, advice_areas))]
            partnership.advice_areas.set(advice_areas)
        if changes:
            partnership.save()
            audit_log(
                actor=actor,
                action="partnership.update",
                target=partnership,
                centre=partnership.centre,
                changes=changes,
            )
    return partnership


def _clean_roles(roles: Iterable[str]) -> list[str]:
    roles = [role for role in Role.values if role in set(roles)]
    if not roles:
        raise DomainError(_("Choose at least one role."), field="roles")
    return roles


def _check_employer(centre: Centre, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.centre_id != centre.pk:
        raise DomainError(_("This organisation is not in the Cité's directory."), field="organisation")


def membership_add(
    *,
    centre: Centre,
    email: str,
    full_name: str,
    roles: Iterable[str],
    organisation: Organisation | None,
    actor: User | None,
    request: HttpRequest | None = None,
) -> Membership:
    """Add a person to the Cité's team; a new account receives an e-mail to choose its password."""
    _check_may_manage_members(centre, actor)
    User = get_user_model()
    roles = _clean_roles(roles)
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        _check_employer(centre, organisation)
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=full_name)
            audit_log(actor=actor, action="user.create", target=user, centre=centre)
        membership = Membership.objects.select_for_update().filter(user=user, centre=centre).first()
        if membership is not None and membership.is_active:
            raise DomainError(_("This person is already a member of the team."), field="email")
        if membership is None:
            membership = Membership.objects.create(user=user, centre=centre, roles=roles, organisation=organisation)
            action = "membership.create"
        else:
            membership.roles, membership.organisation, membership.is_active = roles, organisation, True
            membership.save()
            action = "membership.reactivate"
        audit_log(
            actor=actor,
            action=action,
            target=membership,
            centre=centre,
            changes={"roles": roles, "organisation": organisation},
        )
        if not user.has_usable_password():
            transaction.on_commit(lambda: send_invitation(user=user, centre=centre, request=request))
    return membership


def _active_coordinators(centre: Centre) -> QuerySet[Membership]:
    return Membership.objects.active().for_centre(centre).with_role(Role.COORDINATOR)


def membership_update(
    *,
    membership: Membership,
    roles: Iterable[str],
    organisation: Organisation | None,
    is_active: bool,
    actor: User,
) -> Membership:
    _check_may_manage_members(membership.centre, actor)
    roles = _clean_roles(roles)
    centre = membership.centre
    with transaction.atomic():
        _check_employer(centre, organisation)
        # Lock the team's coordinators so that two coordinators cannot remove each other at once.
        coordinators = list(_active_coordinators(centre).select_for_update())
        stays_coordinator = is_active and Role.COORDINATOR in roles
        if not stays_coordinator and [m.pk for m in coordinators] == [membership.pk]:
            raise DomainError(_("The Cité needs at least one active coordinator: name another one first."))
        changes = _apply(membership, {"roles": roles, "organisation": organisation, "is_active": is_active})
        if changes:
            membership.save()
            action = "membership.update"
            if "is_active" in changes:
                action = "membership.reactivate" if is_active else "membership.deactivate"
            audit_log(actor=actor, action=action, target=membership, centre=centre, changes=changes)
    return membership


def send_invitation(*, user: User, centre: Centre, request: HttpRequest | None = None) -> None:
    """E-mail a link to choose a password: the account is usable only once its owner sets it."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    link = request.build_absolute_uri(path) if request is not None else path
    with translation.override(centre.main_language if centre.main_language in ("fr", "en") else "fr"):
        subject = _("Welcome to the team of %(centre)s") % {"centre": centre.name}
        body = render_to_string("accounts/email/invitation.txt", {"user": user, "centre": centre, "link": link})
    send_mail(subject, body, None, [user.email])
