"""Demo working groups: two per Cité (one of four organisations), one of the network, a year of meetings.

The past meetings, their agenda and minutes are written straight to the tables: the services refuse an
agenda item for a meeting already held, which is right for people and wrong for a year of history.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Membership
from citemetiers.groups import services
from citemetiers.groups.minutes import minute_record, minutes_transition
from citemetiers.groups.models import (
    AgendaItem,
    Attendance,
    Decision,
    GroupScope,
    Meeting,
    MinuteItem,
    Minutes,
    MinutesState,
    Outcome,
    Presence,
    WorkingGroup,
)

TOPICS = [
    "Accueil des nouveaux publics",
    "Bilan des ateliers du mois",
    "Calendrier des forums emploi",
    "Retours des partenaires",
    "Orientation des jeunes de 16 à 25 ans",
    "Communication sur les réseaux",
]
DECISIONS = [
    "Ouvrir un créneau le samedi matin",
    "Tenir un stand commun au forum de l'alternance",
    "Traduire le livret d'accueil en anglais",
    "Relancer les partenaires chaque trimestre",
]


def _staff(centre) -> list[Membership]:
    return list(Membership.objects.active().for_centre(centre).select_related("user", "organisation").order_by("pk"))


def _one_per_organisation(staff: list[Membership], count: int) -> list[Membership]:
    chosen, seen = [], set()
    for member in staff:
        if member.organisation_id and member.organisation_id not in seen:
            seen.add(member.organisation_id)
            chosen.append(member)
        if len(chosen) == count:
            break
    return chosen


def _history(group: WorkingGroup, *, months: int = 12) -> None:
    """A meeting a month over the past year, each with its agenda, attendance and frozen minutes; a
    decision every quarter; and the next meeting, open for agenda items."""
    zone = ZoneInfo(group.centre.time_zone)
    members = services.member_list(group)
    today = timezone.localdate()
    starts = []
    for back in range(months, -1, -1):
        day = (today.replace(day=1) - timedelta(days=30 * back)).replace(day=10)
        starts.append(datetime.combine(day, time(14, 0), zone))
    starts.append(datetime.combine(today + timedelta(days=14), time(14, 0), zone))
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                centre=group.centre,
                group=group,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                place="Salle de réunion, 1er étage",
            )
            for start in starts
        ]
    )
    past = [m for m in meetings if m.starts_at < timezone.now()]
    agenda = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                centre=group.centre,
                meeting=meeting,
                title=TOPICS[(index + offset) % len(TOPICS)],
                proposed_by=members[offset % len(members)],
                position=offset + 1,
            )
            for index, meeting in enumerate(meetings)
            for offset in range(2)
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                centre=group.centre,
                meeting=meeting,
                member=member,
                status=(
                    Presence.INVITED
                    if meeting not in past
                    else (Presence.EXCUSED if (index + number) % 5 == 0 else Presence.ATTENDED)
                ),
            )
            for index, meeting in enumerate(meetings)
            for number, member in enumerate(members)
        ]
    )
    minutes = Minutes.objects.bulk_create(
        [Minutes(centre=group.centre, meeting=meeting, state=MinutesState.FROZEN) for meeting in past[:-1]]
    )
    items_of = {}
    for item in agenda:
        items_of.setdefault(item.meeting_id, []).append(item)
    MinuteItem.objects.bulk_create(
        [
            MinuteItem(
                centre=group.centre,
                minutes=version,
                agenda_item=item,
                text="Tour de table des membres ; points d'attention notés.",
                outcome=Outcome.INFORMATION,
            )
            for version in minutes
            for item in items_of[version.meeting_id]
        ]
    )
    for index, meeting in enumerate(past[:-1]):
        if index % 3 == 0:
            decision = Decision.objects.create(
                centre=group.centre,
                group=group,
                meeting=meeting,
                title=DECISIONS[(index // 3) % len(DECISIONS)],
                rationale="Proposé en réunion, sans objection des membres présents.",
                decided_on=timezone.localtime(meeting.starts_at, zone).date(),
                review_on=timezone.localtime(meeting.starts_at, zone).date() + timedelta(days=365),
            )
            decision.participants.set(members)
    # The last meeting held: minutes still to be circulated, with an action for the convenor.
    last = past[-1]
    current = Minutes.objects.create(centre=group.centre, meeting=last)
    minute_record(
        minutes=current,
        agenda_item=items_of[last.pk][0],
        text="Préparer une proposition pour la prochaine réunion.",
        outcome=Outcome.ACTION,
        owner=group.convenor,
        due_on=today + timedelta(days=10),
        title="Préparer la proposition d'horaires",
        actor=None,
    )
    minutes_transition(minutes=current, transition="circulate", actor=None)


def seed_groups(*, centres: list) -> None:
    """Two groups per Cité, one with members of four organisations, and a network group (once)."""
    if WorkingGroup.objects.filter(centre__in=centres).exists():
        return
    coordinators = []
    for centre in centres:
        staff = _staff(centre)
        convenor = next(m for m in staff if m.has_role(Role.COORDINATOR))
        coordinators.append(convenor)
        # The convenor's organisation and three others: the group of four organisations.
        partners = _one_per_organisation([m for m in staff if m.organisation_id != convenor.organisation_id], 3)
        mixed = services.group_create(
            centre=centre,
            title="Accueil et orientation avec les partenaires",
            mandate="Harmoniser l'accueil des publics entre la Cité et les structures partenaires.",
            convenor=convenor,
            members=partners,
            actor=None,
        )
        team = services.group_create(
            centre=centre,
            title="Équipe des ateliers",
            mandate="Programmer et évaluer les ateliers collectifs.",
            convenor=convenor,
            members=[m for m in staff if m.has_role(Role.ADVISER)][:3],
            actor=None,
        )
        _history(mixed)
        _history(team, months=6)
    network = services.group_create(
        centre=centres[0],
        title="Groupe réseau : qualité de l'accueil",
        mandate="Partager les pratiques d'accueil entre les Cités du réseau.",
        convenor=coordinators[0],
        scope=GroupScope.NETWORK,
        members=coordinators[1:],
        actor=None,
    )
    _history(network)
