"""Minutes of a meeting: drafted → circulated → approved → frozen, and corrections as new versions.

Modelled on reception/ticketing.py: a transition table, a refusal a person can read, an audit row per
change. A frozen version is never written again; a correction copies it into a new draft with its reason.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.groups import perms
from citemetiers.groups.models import AgendaItem, Decision, Meeting, MinuteItem, Minutes, MinutesState, Outcome
from citemetiers.groups.services import member_list, require
from citemetiers.projects import services as project_services
from citemetiers.projects.models import Scope
from citemetiers.projects.services import refuse_personal_data

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Membership

TRANSITIONS = {
    "circulate": (MinutesState.DRAFTED, MinutesState.CIRCULATED),
    "approve": (MinutesState.CIRCULATED, MinutesState.APPROVED),
    "freeze": (MinutesState.APPROVED, MinutesState.FROZEN),
}


def minutes_current(meeting: Meeting) -> Minutes:
    """The latest version, started as a draft when there is none."""
    minutes = Minutes.objects.filter(meeting=meeting).order_by("-version").first()
    if minutes is None:
        minutes = Minutes.objects.create(centre=meeting.centre, meeting=meeting)
    return minutes


def minute_record(
    *,
    minutes: Minutes,
    agenda_item: AgendaItem,
    text: str,
    outcome: str,
    actor: User | None,
    owner: Membership | None = None,
    due_on: date | None = None,
    title: str = "",
) -> MinuteItem:
    """Write down what came of an agenda item during the meeting. An action gives `owner` a task; a
    project outcome starts a project led by `owner`; a decision enters the register."""
    meeting = minutes.meeting
    require(
        meeting.group, actor, perms.can_manage_group, _("Only the group's convenor or a coordinator takes the minutes.")
    )
    if minutes.state != MinutesState.DRAFTED:
        raise DomainError(_("These minutes are no longer a draft: correct them with a new version."), field="text")
    if agenda_item.meeting_id != meeting.pk:
        raise DomainError(_("This item is not on the meeting's agenda."), field="agenda_item")
    if outcome not in Outcome.values:
        raise DomainError(_("Choose the item's outcome."), field="outcome")
    refuse_personal_data(text, "text")
    title = (title or agenda_item.title).strip()
    refuse_personal_data(title, "title")
    # The meeting's day on the Cité's own clock, not UTC's (a meeting just after midnight in Paris).
    day = timezone.localtime(meeting.starts_at, ZoneInfo(meeting.centre.time_zone)).date()
    source = _("Meeting of %(group)s on %(day)s") % {
        "group": meeting.group.title,
        "day": date_format(day, "SHORT_DATE_FORMAT"),
    }
    with transaction.atomic():
        item = MinuteItem(
            centre=minutes.centre, minutes=minutes, agenda_item=agenda_item, text=text or "", outcome=outcome
        )
        if outcome in (Outcome.ACTION, Outcome.PROJECT) and owner is None:
            raise DomainError(_("Say who takes it on."), field="owner")
        if outcome == Outcome.ACTION:
            item.task = project_services.task_create(
                centre=meeting.centre, title=title, owner=owner, due_on=due_on, actor=actor, source=source
            )
        elif outcome == Outcome.PROJECT:
            item.project = project_services.project_create(
                centre=meeting.centre,
                title=title,
                purpose=text or "",
                scope=Scope.CENTRE,
                lead=owner,
                actor=actor,
                source=source,
            )
        elif outcome == Outcome.DECISION:
            decision = Decision.objects.create(
                centre=meeting.centre,
                group=meeting.group,
                meeting=meeting,
                title=title,
                rationale=text or "",
                decided_on=day,
            )
            attended = [a.member_id for a in meeting.attendances.filter(status="attended")]
            decision.participants.set(attended or [m.pk for m in member_list(meeting.group)])
            audit_log(actor=actor, action="decision.record", target=decision, centre=meeting.centre)
        item.save()
        audit_log(actor=actor, action="minutes.record", target=minutes, centre=meeting.centre)
    return item


def minutes_transition(*, minutes: Minutes, transition: str, actor: User | None) -> Minutes:
    """Circulate, approve or freeze the minutes; any other move is refused."""
    require(
        minutes.meeting.group,
        actor,
        perms.can_manage_group,
        _("Only the group's convenor or a coordinator moves the minutes on."),
    )
    if transition not in TRANSITIONS:
        raise DomainError(_("This step does not exist."))
    source, target = TRANSITIONS[transition]
    with transaction.atomic():
        # The lock keeps two people from approving and correcting the same version at once.
        minutes = Minutes.objects.select_for_update(of=("self",)).get(pk=minutes.pk)
        if minutes.state != source:
            raise DomainError(
                _("Minutes that are %(state)s cannot take this step.") % {"state": minutes.get_state_display().lower()}
            )
        minutes.state = target
        minutes.save(update_fields=["state"])
        audit_log(
            actor=actor,
            action=f"minutes.{transition}",
            target=minutes,
            centre=minutes.centre,
            changes={"state": [source, target]},
        )
    return minutes


def minutes_correct(*, minutes: Minutes, reason: str, actor: User | None) -> Minutes:
    """A correction of frozen minutes: a new draft version copying the items, with the reason kept."""
    require(
        minutes.meeting.group,
        actor,
        perms.can_manage_group,
        _("Only the group's convenor or a coordinator corrects the minutes."),
    )
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the minutes are corrected."), field="reason")
    refuse_personal_data(reason, "reason")
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update(of=("self",)).get(pk=minutes.pk)
        if minutes.state != MinutesState.FROZEN:
            raise DomainError(_("Only frozen minutes are corrected; a draft is simply edited."))
        if Minutes.objects.filter(meeting_id=minutes.meeting_id, version__gt=minutes.version).exists():
            raise DomainError(_("A newer version exists: correct that one."))
        correction = Minutes.objects.create(
            centre=minutes.centre, meeting_id=minutes.meeting_id, version=minutes.version + 1, correction_reason=reason
        )
        MinuteItem.objects.bulk_create(
            [
                MinuteItem(
                    centre=item.centre,
                    minutes=correction,
                    agenda_item_id=item.agenda_item_id,
                    text=item.text,
                    outcome=item.outcome,
                    task_id=item.task_id,
                    project_id=item.project_id,
                )
                for item in minutes.items.all()
            ]
        )
        audit_log(actor=actor, action="minutes.correct", target=correction, centre=minutes.centre)
    return correction
