"""Writes of the call for contributions: submissions, anonymised reviews and the committee's decisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citemetiers.core.audit import audit_log
from citemetiers.core.errors import DomainError, NotPermitted
from citemetiers.projects.services import refuse_personal_data
from citemetiers.school import perms
from citemetiers.school.models import (
    CoAuthor,
    Contribution,
    ContributionFormat,
    ContributionStatus,
    Edition,
    EditionStatus,
    Review,
    ReviewScore,
    Track,
)
from citemetiers.school.services import _may_organise, _required

if TYPE_CHECKING:
    from citemetiers.accounts.models import User
    from citemetiers.centres.models import Centre

MAX_SCORE = 5


def contribution_submit(
    *,
    edition: Edition,
    track: Track,
    title: str,
    abstract: str,
    format: str,
    cite: Centre,
    actor: User,
) -> Contribution:
    """A member of a Cité's staff proposes a contribution, with their Cité, while the call is open."""
    if not any(m.centre_id == cite.pk for m in perms.staff_memberships(actor)):
        raise NotPermitted(_("You submit with a Cité you work for."))
    if edition.status != EditionStatus.CALL_OPEN:
        raise DomainError(_("The call of this edition is not open."))
    call = getattr(edition, "call", None)
    today = timezone.localdate()
    if call is None or not call.opens_on <= today <= call.closes_on:
        raise DomainError(_("The call is open between its opening and closing dates only."))
    if track.edition_id != edition.pk:
        raise DomainError(_("Choose one of the edition's tracks."), field="track")
    if format not in ContributionFormat.values:
        raise DomainError(_("Choose the contribution's format."), field="format")
    title = _required(title, "title", _("Give it a title."))
    abstract = _required(abstract, "abstract", _("Write its abstract."))
    with transaction.atomic():
        contribution = Contribution.objects.create(
            edition=edition, track=track, title=title, abstract=abstract, format=format, author=actor, cite=cite
        )
        audit_log(actor=actor, action="school.contribution_submit", target=contribution)
    return contribution


def review_record(
    *,
    contribution: Contribution,
    actor: User,
    scores: Mapping[int, int] | None = None,
    comment: str = "",
    abstained: bool = False,
) -> Review:
    """A named reviewer scores a contribution on each criterion, or abstains; one review each, changeable
    until the decision."""
    if not perms.is_reviewer(actor, contribution.edition):
        raise NotPermitted(_("Only the edition's reviewers review its contributions."))
    if perms.has_conflict(actor, contribution):
        raise NotPermitted(_("A reviewer never reviews a contribution of a Cité they work for."))
    if not perms.reviews_track(actor, contribution.track):
        raise NotPermitted(_("The committee assigned you to review other tracks."))
    if contribution.status != ContributionStatus.SUBMITTED:
        raise DomainError(_("This contribution has been decided on: its reviews are closed."))
    refuse_personal_data(comment, "comment")
    categories = {c.pk: c for c in contribution.edition.score_categories.all()}
    scores = dict(scores or {})
    if not abstained:
        if set(scores) != set(categories):
            raise DomainError(_("Score every criterion, or abstain."), field="scores")
        if any(not 0 <= score <= MAX_SCORE for score in scores.values()):
            raise DomainError(_("A score runs from 0 to 5."), field="scores")
    with transaction.atomic():
        review, _created = Review.objects.update_or_create(
            contribution=contribution, reviewer=actor, defaults={"comment": comment or "", "abstained": abstained}
        )
        review.scores.all().delete()
        if not abstained:
            ReviewScore.objects.bulk_create(
                ReviewScore(review=review, category=categories[pk], score=score) for pk, score in scores.items()
            )
        audit_log(actor=actor, action="school.review", target=contribution, changes={"abstained": abstained})
    return review


def contribution_decide(
    *,
    contribution: Contribution,
    status: str,
    actor: User | None,
    message: str = "",
    format: str | None = None,
) -> Contribution:
    """The programme committee accepts (possibly as another format) or declines, with a message."""
    _may_organise(contribution.edition, actor)
    if contribution.edition.status != EditionStatus.CALL_OPEN:
        raise DomainError(_("Decisions are taken while the call is open, before the programme is published."))
    if status not in {ContributionStatus.ACCEPTED, ContributionStatus.DECLINED}:
        raise DomainError(_("Accept or decline the contribution."), field="status")
    if format and format not in ContributionFormat.values:
        raise DomainError(_("Choose the contribution's format."), field="format")
    refuse_personal_data(message, "message")
    with transaction.atomic():
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        changes = {"status": [contribution.status, status]}
        if format and status == ContributionStatus.ACCEPTED and format != contribution.format:
            changes["format"] = [contribution.format, format]
            contribution.format = format
        if status == ContributionStatus.DECLINED and hasattr(contribution, "slot"):
            contribution.slot.delete()
        contribution.status = status
        contribution.decision_message = message or ""
        contribution.decided_at = timezone.now()
        contribution.save(update_fields=["status", "format", "decision_message", "decided_at"])
        audit_log(actor=actor, action="school.decide", target=contribution, changes=changes)
    return contribution


def co_author_add(*, contribution: Contribution, user: User, cite: Centre, actor: User) -> CoAuthor:
    """The author names a co-author, a member of any Cité's staff signing with that Cité; until the
    decision. That Cité is then excluded from reviewing the contribution, as the author's is."""
    if actor.pk != contribution.author_id:
        raise NotPermitted(_("Only the contribution's author names its co-authors."))
    if not any(m.centre_id == cite.pk for m in perms.staff_memberships(user)):
        raise DomainError(_("A co-author signs with a Cité they work for."), field="user")
    if user.pk == contribution.author_id:
        raise DomainError(_("The author is not their own co-author."), field="user")
    with transaction.atomic():
        # The contribution's row lock: a double submit waits, then finds the co-author named; a
        # decision taken meanwhile is seen (tests/school/test_co_author_concurrency.py).
        contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if contribution.status != ContributionStatus.SUBMITTED:
            raise DomainError(_("The co-authors are named before the committee's decision."))
        if CoAuthor.objects.filter(contribution=contribution, user=user).exists():
            raise DomainError(_("This person co-signs the contribution already."), field="user")
        co_author = CoAuthor.objects.create(contribution=contribution, user=user, cite=cite)
        audit_log(actor=actor, action="school.co_author_add", target=contribution, changes={"co_author": user.pk})
    return co_author
