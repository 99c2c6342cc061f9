"""Demo school: three past editions hosted by three demo Cités, each with its programme, its participants
(their agendas, who came to which session: certificates to download), a shared resource linked to a session
and one network project born there, and next year's edition with its call open. Made through the school's
services."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from citemetiers.accounts.roles import Role
from citemetiers.centres.models import Membership
from citemetiers.centres.tenancy import network_scope
from citemetiers.library.models import Resource
from citemetiers.library.vocab import Visibility
from citemetiers.school import contributions, services
from citemetiers.school.models import Edition, Participant

if TYPE_CHECKING:
    from citemetiers.centres.models import Centre

TRACKS = ("Reception and guidance", "Partnerships", "Digital tools")
CRITERIA = ("Relevance for the network", "Transferability")
# (season, years before this one, month, theme, contributions: (title, format, track), project born there)
PAST = [
    (
        "winter",
        3,
        1,
        "Guidance for all ages",
        [
            ("Reception in two steps", "practice", 0),
            ("Job dating with local employers", "workshop", 1),
            ("A kiosk that speaks four languages", "talk", 2),
        ],
        "A shared reception charter",
    ),
    (
        "spring",
        2,
        4,
        "Working with the territory",
        [
            ("Mapping the territory's services", "workshop", 1),
            ("Advisers from partner bodies at one desk", "practice", 0),
        ],
        "A common directory of partner services",
    ),
    (
        "autumn",
        1,
        10,
        "Measuring what we do",
        [
            ("Indicators every Cité can compare", "talk", 2),
            ("Satisfaction surveys without names", "practice", 0),
            ("Pitch: a network library of practice sheets", "pitch", 1),
        ],
        "One activity report for the network",
    ),
]


def _coordinator(centre: Centre) -> Membership:
    staff = Membership.objects.active().for_centre(centre).select_related("user").order_by("pk")
    return next(m for m in staff if m.has_role(Role.COORDINATOR))


def _adviser(centre: Centre) -> Membership:
    staff = Membership.objects.active().for_centre(centre).select_related("user").order_by("pk")
    return next(m for m in staff if m.has_role(Role.ADVISER))


def _prepare(edition: Edition, opens_on: date, closes_on: date, reviewers) -> None:
    services.call_set(edition=edition, opens_on=opens_on, closes_on=closes_on, actor=None)
    for name in TRACKS:
        services.track_add(edition=edition, name=name, actor=None)
    for name in CRITERIA:
        services.score_category_add(edition=edition, name=name, actor=None)
    for reviewer in reviewers:
        services.reviewer_add(edition=edition, reviewer=reviewer.user, actor=None)
    services.edition_transition(edition=edition, name="open_call", actor=None)
    edition.refresh_from_db()


def _submit(edition: Edition, centres: list[Centre], specs) -> list:
    tracks = list(edition.tracks.order_by("pk"))
    made = []
    for number, (title, format, track) in enumerate(specs):
        author = _coordinator(centres[(number + 1) % len(centres)])
        made.append(
            contributions.contribution_submit(
                edition=edition,
                track=tracks[track],
                title=title,
                abstract=f"{title}: what we tried, what worked, what another Cité can take from it.",
                format=format,
                cite=author.centre,
                actor=author.user,
            )
        )
    return made


def _review(contribution, reviewers, score: int) -> None:
    categories = list(contribution.edition.score_categories.all())
    for reviewer in reviewers:
        if reviewer.centre_id != contribution.cite_id:
            contributions.review_record(
                contribution=contribution,
                actor=reviewer.user,
                scores={c.pk: score for c in categories},
                comment="Clear and useful for other Cités.",
            )


def _take_part(edition: Edition, people: list[Membership]) -> list[Participant]:
    """Each Cité's adviser registers with their Cité and picks every session but the last in their agenda."""
    slots = list(edition.slots.order_by("day", "starts_at", "room", "pk"))
    made = []
    for membership in people:
        participant = services.participant_register(edition=edition, cite=membership.centre, actor=membership.user)
        for slot in slots[:-1] or slots:
            services.agenda_pick(slot=slot, actor=membership.user)
        made.append(participant)
    return made


def _attend(edition: Edition, participants: list[Participant]) -> None:
    """The organisers saw the first participant at every session (a full certificate), the others at the
    sessions of their agenda but the first; the last Cité's adviser did not come."""
    slots = list(edition.slots.order_by("day", "starts_at", "room", "pk"))
    for number, participant in enumerate(participants[:-1] if len(participants) > 1 else participants):
        attended = slots if number == 0 else list(participant.agenda.order_by("day", "starts_at", "pk"))[1:]
        for slot in attended:
            services.session_attendance_record(participant=participant, slot=slot, attended=True, actor=None)


def _share_material(edition: Edition) -> None:
    """The first session's slides: a resource the library shares with the whole network, when there is one."""
    with network_scope():
        resource = Resource.objects.filter(visibility=Visibility.NETWORK).order_by("pk").first()
        first = edition.slots.order_by("day", "starts_at", "room", "pk").first()
        if resource is not None and first is not None:
            services.material_link(slot=first, resource=resource, actor=None)


def seed_school(*, centres: list[Centre]) -> None:
    """Once: the editions of the last three years and next year's, whose call is open today."""
    if Edition.objects.exists() or not centres:
        return
    today = timezone.localdate()
    reviewers = [_adviser(c) for c in centres]
    for number, (season, years_ago, month, theme, specs, project_title) in enumerate(PAST):
        host = centres[number % len(centres)]
        starts_on = date(today.year - years_ago, month, 14)
        edition = services.edition_create(
            year=starts_on.year,
            season=season,
            host_centre=host,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=2),
            venue=f"Cité des métiers — {host.city}",
            theme=theme,
            actor=None,
        )
        # The call is opened around today to take the contributions through the service that checks its
        # dates, then given its historical dates before the programme is published.
        _prepare(edition, today - timedelta(days=1), today + timedelta(days=1), reviewers)
        made = _submit(edition, centres, specs)
        for index, contribution in enumerate(made):
            _review(contribution, reviewers, 3 + index % 3)
            contribution = contributions.contribution_decide(
                contribution=contribution, status="accepted", message="Welcome to the programme.", actor=None
            )
            services.slot_add(
                contribution=contribution,
                day=starts_on + timedelta(days=index % 2),
                starts_at=time(9 + 2 * (index // 2)),
                ends_at=time(10 + 2 * (index // 2)),
                room=f"Room {'ABC'[index % 3]}",
                actor=None,
            )
        services.call_set(
            edition=edition,
            opens_on=starts_on - timedelta(days=120),
            closes_on=starts_on - timedelta(days=60),
            actor=None,
        )
        edition = services.edition_transition(edition=edition, name="publish_programme", actor=None)
        participants = _take_part(edition, reviewers)
        _share_material(edition)
        edition = services.edition_transition(edition=edition, name="mark_held", actor=None)
        _attend(edition, participants)
        if years_ago > 1:
            edition = services.edition_transition(edition=edition, name="archive", actor=None)
        born_from = made[0]
        services.project_seed(
            edition=edition,
            title=project_title,
            purpose=f"Born at the {edition}: {born_from.title}.",
            lead=born_from.author,
            lead_cite=born_from.cite,
            contribution=born_from,
            actor=None,
        )
    host = centres[len(PAST) % len(centres)]
    starts_on = date(today.year + 1, 1, 20)
    coming = services.edition_create(
        year=starts_on.year,
        season="winter",
        host_centre=host,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=2),
        venue=f"Cité des métiers — {host.city}",
        theme="Guidance in a changing labour market",
        quota_per_cite=4,
        actor=None,
    )
    _prepare(coming, today - timedelta(days=10), today + timedelta(days=45), reviewers)
    _submit(coming, centres, [("Welcoming visitors who come back", "practice", 0)])
