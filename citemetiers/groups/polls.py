"""Decisions taken asynchronously: consent polls and date polls."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError
from citemetiers.groups import perms
from citemetiers.groups.models import Answer, Decision, Meeting, Poll, PollKind, PollOption, Vote, WorkingGroup
from citemetiers.groups.services import meeting_schedule, member_list, require
from citemetiers.projects.services import refuse_personal_data

if TYPE_CHECKING:
    from citemetiers.accounts.models import User


def poll_open(
    *,
    group: WorkingGroup,
    kind: str,
    question: str,
    closes_at: datetime,
    actor: User | None,
    dates: list[datetime] = (),
) -> Poll:
    """Ask the group: a proposal to consent to, or dates to choose the next meeting among."""
    require(group, actor, perms.can_take_part, _("Only the group's members open polls."))
    if kind not in PollKind.values:
        raise DomainError(_("Choose the kind of poll."), field="kind")
    question = (question or "").strip()
    if not question:
        raise DomainError(_("Write the question."), field="question")
    refuse_personal_data(question, "question")
    if closes_at <= timezone.now():
        raise DomainError(_("The poll closes in the future."), field="closes_at")
    if kind == PollKind.DATE and len(dates) < 2:
        raise DomainError(_("Propose at least two dates."), field="dates")
    with transaction.atomic():
        poll = Poll.objects.create(centre=group.centre, group=group, kind=kind, question=question, closes_at=closes_at)
        PollOption.objects.bulk_create([PollOption(centre=group.centre, poll=poll, starts_at=d) for d in dates])
        audit_log(actor=actor, action="poll.open", target=poll, centre=group.centre)
    return poll


def vote_cast(*, poll: Poll, actor: User, answer: str = "", reason: str = "", options: list[PollOption] = ()) -> Vote:
    """A member answers; an objection states its reason. A second vote replaces the first."""
    member = require(poll.group, actor, perms.is_group_member, _("Only the group's members vote."))
    if poll.closed or poll.closes_at <= timezone.now():
        raise DomainError(_("This poll is closed."))
    if poll.kind == PollKind.CONSENT:
        if answer not in Answer.values:
            raise DomainError(_("Agree, abstain or object."), field="answer")
        if answer == Answer.OBJECT and not (reason or "").strip():
            raise DomainError(_("An objection gives its reason."), field="reason")
    elif not options or any(option.poll_id != poll.pk for option in options):
        raise DomainError(_("Choose one or more of the proposed dates."), field="options")
    refuse_personal_data(reason, "reason")
    with transaction.atomic():
        vote, _created = Vote.objects.update_or_create(
            poll=poll,
            member=member,
            defaults={"centre": poll.centre, "answer": answer, "reason": reason or "", "created_by": actor},
        )
        vote.options.set(options)
        audit_log(actor=actor, action="poll.vote", target=poll, centre=poll.centre)
    return vote


@dataclass(frozen=True)
class ConsentResult:
    agree: int
    abstain: int
    object: int
    voters: int
    members: int

    @property
    def consented(self) -> bool:
        """Consent, not majority: carried when someone agreed and nobody objects."""
        return self.object == 0 and self.agree > 0


def consent_result(poll: Poll) -> ConsentResult:
    counts = Counter(poll.votes.values_list("answer", flat=True))
    return ConsentResult(
        agree=counts[Answer.AGREE],
        abstain=counts[Answer.ABSTAIN],
        object=counts[Answer.OBJECT],
        voters=sum(counts.values()),
        members=len(member_list(poll.group)),
    )


def date_result(poll: Poll) -> list[tuple[PollOption, int]]:
    """The dates by how many members can come, the most chosen first, the earliest among equals."""
    options = list(poll.options.all())
    counts = Counter(
        PollOption.votes.through.objects.filter(polloption__poll=poll).values_list("polloption_id", flat=True)
    )
    return sorted(((o, counts[o.pk]) for o in options), key=lambda pair: (-pair[1], pair[0].starts_at))


def poll_close(*, poll: Poll, actor: User | None, duration: timedelta = timedelta(hours=2)) -> Poll:
    """Close the poll: a consented proposal enters the decisions register; a date poll schedules the meeting."""
    require(poll.group, actor, perms.can_manage_group, _("Only the group's convenor or a coordinator closes polls."))
    if poll.closed:
        raise DomainError(_("This poll is closed."))
    with transaction.atomic():
        if poll.kind == PollKind.CONSENT:
            result = consent_result(poll)
            if result.consented:
                decision = Decision.objects.create(
                    centre=poll.centre,
                    group=poll.group,
                    title=poll.question,
                    rationale=_("Consent poll, no objection: %(agree)s, %(abstain)s.")
                    % {
                        "agree": ngettext("%(count)d agrees", "%(count)d agree", result.agree)
                        % {"count": result.agree},
                        "abstain": ngettext("%(count)d abstains", "%(count)d abstain", result.abstain)
                        % {"count": result.abstain},
                    },
                    decided_on=timezone.localdate(),
                )
                decision.participants.set(poll.votes.values_list("member_id", flat=True))
                poll.decision = decision
        else:
            ranking = date_result(poll)
            if not ranking or ranking[0][1] == 0:
                raise DomainError(_("Nobody has chosen a date yet."))
            start = ranking[0][0].starts_at
            poll.meeting = meeting_schedule(group=poll.group, starts_at=start, ends_at=start + duration, actor=actor)
        poll.closed = True
        poll.save(update_fields=["closed", "decision", "meeting"])
        audit_log(actor=actor, action="poll.close", target=poll, centre=poll.centre)
    return poll


def meetings_of(group: WorkingGroup):
    return Meeting.objects.filter(group=group)
