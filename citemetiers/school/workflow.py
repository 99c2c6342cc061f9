"""An edition's life as an explicit transition table: draft → call open → programme published → held →
archived. Each transition names what must be ready first; a refusal lists what is missing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citemetiers.school.models import ContributionStatus, Edition, EditionStatus

if TYPE_CHECKING:
    from django.utils.functional import Promise

S = EditionStatus


def _needs_call(edition: Edition) -> list[str]:
    missing = []
    if not hasattr(edition, "call"):
        missing.append(_("the call's opening and closing dates"))
    if not edition.tracks.exists():
        missing.append(_("at least one track"))
    if not edition.score_categories.exists():
        missing.append(_("at least one review criterion"))
    return missing


def _needs_programme(edition: Edition) -> list[str]:
    missing = []
    undecided = edition.contributions.filter(status=ContributionStatus.SUBMITTED).count()
    if undecided:
        missing.append(_("a decision on every contribution (%(count)d without one)") % {"count": undecided})
    accepted = edition.contributions.filter(status=ContributionStatus.ACCEPTED)
    if not accepted.exists():
        missing.append(_("at least one accepted contribution"))
    unplaced = accepted.filter(slot__isnull=True).count()
    if unplaced:
        missing.append(
            _("a slot in the timetable for every accepted contribution (%(count)d without one)") % {"count": unplaced}
        )
    return missing


def _needs_first_day(edition: Edition) -> list[str]:
    if timezone.localdate() < edition.starts_on:
        return [_("the edition's first day (%(day)s)") % {"day": edition.starts_on.isoformat()}]
    return []


def _nothing(edition: Edition) -> list[str]:
    return []


# transition name: (status it leaves, status it reaches, what it checks, the verb of a refusal)
TRANSITIONS: dict[str, tuple[str, str, Callable[[Edition], list[str]], Promise]] = {
    "open_call": (S.DRAFT, S.CALL_OPEN, _needs_call, gettext_lazy("open its call")),
    "publish_programme": (S.CALL_OPEN, S.PROGRAMME_PUBLISHED, _needs_programme, gettext_lazy("publish its programme")),
    "mark_held": (S.PROGRAMME_PUBLISHED, S.HELD, _needs_first_day, gettext_lazy("mark it as held")),
    "archive": (S.HELD, S.ARCHIVED, _nothing, gettext_lazy("archive it")),
}


def next_transitions(edition: Edition) -> list[str]:
    return [name for name, (source, *_rest) in TRANSITIONS.items() if source == edition.status]


def missing_for(edition: Edition, name: str) -> list[str]:
    """What the edition still needs before `name`; empty when it may go."""
    return TRANSITIONS[name][2](edition)
