"""Services of the interview: themes, what the adviser records, the visitor's rating, retention of notes."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from citemetiers.centres.selectors import membership_of, membership_required
from citemetiers.core.audit import audit_log, diff_fields
from citemetiers.core.errors import DomainError
from citemetiers.core.personal_data import find_personal_data
from citemetiers.library.models import Resource
from citemetiers.reception.models import (
    Interview,
    Orientation,
    ReceptionSettings,
    Theme,
    Ticket,
    TicketStatus,
)
from citemetiers.reception.perms import can_edit_interview, can_manage_themes, can_record_interview
from citemetiers.reception.signals import day_mark_changed

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

# A starting taxonomy, named in the Cité's main language; each Cité edits its own.
DEFAULT_THEMES = [
    gettext_noop("CV and cover letter"),
    gettext_noop("Preparing a job interview"),
    gettext_noop("Job search methods"),
    gettext_noop("Discovering occupations"),
    gettext_noop("Apprenticeship and work-study"),
    gettext_noop("Funding a training course"),
    gettext_noop("Validation of prior learning"),
    gettext_noop("Career review"),
    gettext_noop("Business plan and funding"),
    gettext_noop("Legal forms of a business"),
    gettext_noop("Working or studying abroad"),
    gettext_noop("Rights and benefits"),
]

THEME_FIELDS = ("name", "is_active")
MAX_DURATION_MINUTES = 480


def themes_create_defaults(*, centre: Centre, actor: User | None) -> list[Theme]:
    """Give a Cité the starting list of interview themes, named in its main language."""
    themes = []
    with transaction.atomic(), translation.override(centre.main_language):
        for position, name in enumerate(DEFAULT_THEMES, start=1):
            theme, created = Theme.objects.get_or_create(centre=centre, name=_(name), defaults={"position": position})
            if created:
                audit_log(actor=actor, action="theme.create", target=theme, centre=centre)
            themes.append(theme)
    return themes


def _theme_name_taken() -> DomainError:
    return DomainError(_("This Cité already has a theme with this name."), field="name")


def _check_may_manage_themes(centre_id: int, actor: User | None) -> None:
    """Only those who keep the Cité's themes change them (reception.perms.can_manage_themes), whoever
    calls; no actor is the platform itself (the demo, a command): it is not refused."""
    if actor is None:
        return
    membership_required(
        actor,
        centre_id,
        can_manage_themes,
        _("Only the coordinators and the logistics staff of the Cité change its themes."),
    )


def theme_create(*, centre: Centre, data: Mapping[str, Any], actor: User) -> Theme:
    _check_may_manage_themes(centre.pk, actor)
    try:
        with transaction.atomic():
            position = (Theme.objects.for_centre(centre).aggregate(m=Max("position"))["m"] or 0) + 1
            theme = Theme.objects.create(
                centre=centre, position=position, **{f: data[f] for f in THEME_FIELDS if f in data}
            )
            audit_log(actor=actor, action="theme.create", target=theme, centre=centre)
    except IntegrityError as error:
        raise _theme_name_taken() from error
    return theme


def theme_update(*, theme: Theme, data: Mapping[str, Any], actor: User) -> Theme:
    _check_may_manage_themes(theme.centre_id, actor)
    changes = diff_fields(theme, {f: data[f] for f in THEME_FIELDS if f in data})
    if not changes:
        return theme
    try:
        with transaction.atomic():
            for field in changes:
                setattr(theme, field, data[field])
            theme.save(update_fields=list(changes))
            audit_log(actor=actor, action="theme.update", target=theme, centre=theme.centre, changes=changes)
    except IntegrityError as error:
        raise _theme_name_taken() from error
    return theme


def default_duration(ticket: Ticket) -> int:
    """Minutes from the start to the end of the interview, at least one."""
    if ticket.started_at and ticket.finished_at:
        return max(1, round((ticket.finished_at - ticket.started_at).total_seconds() / 60))
    return 1


def _refuse_personal_data(text: str, field: str) -> None:
    findings = find_personal_data(text, language=translation.get_language())
    if findings:
        raise DomainError(
            _("This text seems to contain personal data, which the Cité never keeps about visitors: %(items)s.")
            % {"items": "; ".join(f"{finding.label} « {finding.text} »" for finding in findings)},
            field=field,
        )


def _same_centre(objects: Iterable, centre_id: int, field: str) -> list:
    objects = list(objects)
    if any(obj.centre_id != centre_id for obj in objects):
        raise DomainError(_("Choose among this Cité's own lists."), field=field)
    return objects


def interview_missing(*, centre_id: int, themes: Iterable, orientations: Iterable[str]) -> dict[str, str]:
    """What the indicators need of every interview and this one lacks, as {field: message}.

    The dashboard counts interviews by theme and by orientation given: an interview without them
    would be counted nowhere. A theme is asked for only when the Cité has themes to choose from."""
    missing = {}
    if not list(themes) and Theme.objects.filter(centre_id=centre_id, is_active=True).exists():
        missing["themes"] = _("Choose at least one theme: the indicators count each interview by its themes.")
    if not list(orientations):
        missing["orientations"] = _("Choose the orientation given, or “No further orientation”.")
    return missing


def _check_may_write(ticket: Ticket, interview: Interview | None, actor: User) -> None:
    """The interview's own adviser writes it; others as reception.perms says (coordinators may)."""
    author_id = ticket.adviser_id if interview is None else interview.adviser_id
    if actor is not None and author_id is not None and author_id == actor.pk:
        return
    membership = membership_of(actor, ticket.centre_id)
    if interview is None and not can_record_interview(membership, ticket):
        raise DomainError(_("Only the adviser who received this visitor, or a coordinator, can record the interview."))
    if interview is not None and not can_edit_interview(membership, interview):
        raise DomainError(_("Only the adviser who held this interview, or a coordinator, can change it."))


def interview_record(*, ticket: Ticket, data: Mapping[str, Any], actor: User, now: datetime | None = None) -> Interview:
    """Record (or correct) the interview of a finished ticket. Notes and recommendations are guarded."""
    now = now or timezone.now()
    if ticket.status != TicketStatus.DONE:
        raise DomainError(_("Only the interview of a finished ticket can be recorded."))
    themes = _same_centre(data.get("themes", []), ticket.centre_id, "themes")
    organisations = _same_centre(data.get("organisations", []), ticket.centre_id, "organisations")
    services = _same_centre(data.get("services", []), ticket.centre_id, "services")
    resources = list(data.get("resources", []))
    if len(Resource.objects.visible_to(ticket.centre).filter(pk__in=[r.pk for r in resources])) != len(resources):
        raise DomainError(_("Recommend only resources of the library that your Cité can read."), field="resources")
    other_area = data.get("other_area")
    if other_area is not None:
        _same_centre([other_area], ticket.centre_id, "other_area")
    orientations = [Orientation(value).value for value in data.get("orientations", [])]
    for field, message in interview_missing(
        centre_id=ticket.centre_id, themes=themes, orientations=orientations
    ).items():
        raise DomainError(message, field=field)
    if Orientation.NONE in orientations and len(orientations) > 1:
        raise DomainError(
            _("“No further orientation” cannot be chosen with another orientation."), field="orientations"
        )
    if Orientation.PARTNER in orientations and not (organisations or services):
        raise DomainError(_("Choose the partner organisation you recommended."), field="organisations")
    if Orientation.OTHER_AREA in orientations and other_area is None:
        raise DomainError(_("Choose the advice area you recommended."), field="other_area")
    duration = data.get("duration_minutes") or default_duration(ticket)
    if not 1 <= duration <= MAX_DURATION_MINUTES:
        raise DomainError(_("The duration must be between 1 and 480 minutes."), field="duration_minutes")
    notes = (data.get("notes") or "").strip()
    recommendations = (data.get("recommendations") or "").strip()
    _refuse_personal_data(notes, "notes")
    _refuse_personal_data(recommendations, "recommendations")
    values = {
        "orientations": orientations,
        "other_area": other_area if Orientation.OTHER_AREA in orientations else None,
        "recommendations": recommendations,
        "duration_minutes": duration,
        "notes": notes,
    }
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(ticket=ticket).first()
        _check_may_write(ticket, interview, actor)
        if interview is None:
            interview = Interview.objects.create(
                centre_id=ticket.centre_id,
                ticket=ticket,
                area_id=ticket.area_id,
                adviser=actor,
                created_at=now,
                updated_at=now,
                **values,
            )
            action, changes = "interview.create", {}
        else:
            changes = diff_fields(interview, values)
            for field, value in values.items():
                setattr(interview, field, value)
            interview.updated_at = now
            interview.save()
            action = "interview.update"
        interview.themes.set(themes)
        interview.organisations.set(organisations if Orientation.PARTNER in orientations else [])
        interview.services.set(services if Orientation.PARTNER in orientations else [])
        interview.occupations.set(list(data.get("occupations", [])))
        interview.resources.set(resources)
        # Notes are free text: the audit log says that they changed, never what they say.
        if "notes" in changes:
            changes["notes"] = ["…", "…"]
        audit_log(actor=actor, action=action, target=interview, centre=ticket.centre, changes=changes)
        day_mark_changed(centre_id=ticket.centre_id, day=ticket.service_date)
    return interview


def survey_answer(*, ticket: Ticket, rating: int, comment: str = "", now: datetime | None = None) -> Interview:
    """The visitor rates their interview once, from their ticket page: 1 to 5 and an optional comment."""
    now = now or timezone.now()
    if not 1 <= rating <= 5:
        raise DomainError(_("Choose a rating from 1 to 5."), field="rating")
    comment = (comment or "").strip()
    _refuse_personal_data(comment, "comment")
    with transaction.atomic():
        interview = Interview.objects.select_for_update().filter(ticket=ticket).first()
        if interview is None:
            raise DomainError(_("You can rate your interview once it has ended."))
        if interview.satisfaction is not None:
            raise DomainError(_("Thank you, you have already answered."))
        interview.satisfaction = rating
        interview.satisfaction_comment = comment
        interview.satisfaction_at = now
        interview.save(update_fields=["satisfaction", "satisfaction_comment", "satisfaction_at"])
        day_mark_changed(centre_id=ticket.centre_id, day=ticket.service_date)
    return interview


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the 31st becomes the month's last day)."""
    years, month_index = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + years, month_index + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def interview_notes_erase_expired(*, centre: Centre, now: datetime | None = None) -> int:
    """Erase the notes of a Cité's interviews older than its retention period; the rest stays."""
    now = now or timezone.now()
    settings = ReceptionSettings.objects.filter(centre=centre).first()
    months = settings.notes_retention_months if settings else 12
    cutoff = months_before(now, months)
    with transaction.atomic():
        expired = Interview.objects.for_centre(centre).filter(created_at__lt=cutoff, notes_erased_at=None)
        count = expired.exclude(notes="").update(notes="", notes_erased_at=now)
        if count:
            audit_log(
                actor=None,
                action="interview.notes_erased",
                target=centre,
                centre=centre,
                changes={"interviews": count, "older_than_months": months},
            )
    return count
