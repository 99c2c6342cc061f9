import secrets
from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.models import Centre, Closure, Membership, Organisation, OrganisationKind, Partnership
from citemetiers.indicators.models import ActivityReport
from citemetiers.library import services as library_services
from citemetiers.library.models import Evaluation, Resource
from citemetiers.library.vocab import Kind, Licence, Visibility
from citemetiers.reception.models import (
    AdviceArea,
    Interview,
    ReceptionSettings,
    Theme,
    Ticket,
    TicketStatus,
    Visit,
)
from citemetiers.reception.services import advice_areas_create_defaults
from citemetiers.rosters.models import Desk, Proposal, ProposalStatus, Shift

PASSWORD = "password-for-tests"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        network_coordinator = factory.Trait(
            network_roles=factory.LazyFunction(lambda: [NetworkRole.NETWORK_COORDINATOR])
        )
        label_evaluator = factory.Trait(network_roles=factory.LazyFunction(lambda: [NetworkRole.LABEL_EVALUATOR]))

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cité des métiers {n}")
    slug = factory.Sequence(lambda n: f"cite-{n}")
    country = "FR"
    city = "Lyon"
    languages = ["fr"]
    time_zone = "Europe/Paris"

    class Params:
        with_areas = factory.Trait(
            areas=factory.PostGeneration(
                lambda centre, create, extracted, **kw: advice_areas_create_defaults(centre=centre, actor=None)
            )
        )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = OrganisationKind.ASSOCIATION


class AdviceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceArea

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Area {n}")
    code = factory.Sequence(lambda n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n // 26 % 26])
    position = factory.Sequence(lambda n: n)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    centre = factory.SubFactory(CentreFactory)
    organisation = factory.SubFactory(OrganisationFactory, centre=factory.SelfAttribute("..centre"))
    title = "Convention 2026"
    starts_on = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    adviser_hours_per_month = 40

    class Params:
        ended = factory.Trait(
            starts_on=factory.LazyFunction(lambda: date.today() - timedelta(days=400)),
            ends_on=factory.LazyFunction(lambda: date.today() - timedelta(days=35)),
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    organisation = factory.SubFactory(OrganisationFactory, centre=factory.SelfAttribute("..centre"))
    roles = factory.LazyFunction(lambda: [Role.ADVISER])

    class Params:
        coordinator = factory.Trait(roles=factory.LazyFunction(lambda: [Role.COORDINATOR]))
        inactive = factory.Trait(is_active=False)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    position = factory.Sequence(lambda n: n)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    centre = factory.SubFactory(CentreFactory)
    arrived_at = factory.LazyFunction(timezone.now)


class TicketFactory(factory.django.DjangoModelFactory):
    """A waiting ticket; traits give the later states with consistent timestamps."""

    class Meta:
        model = Ticket

    centre = factory.SubFactory(CentreFactory)
    area = factory.SubFactory(AdviceAreaFactory, centre=factory.SelfAttribute("..centre"))
    visit = factory.SubFactory(VisitFactory, centre=factory.SelfAttribute("..centre"))
    service_date = factory.LazyFunction(timezone.localdate)
    number = factory.Sequence(lambda n: n + 1)
    created_at = factory.LazyFunction(timezone.now)
    secret = factory.LazyFunction(lambda: secrets.token_urlsafe(32)[:43])

    class Params:
        called = factory.Trait(
            status=TicketStatus.CALLED,
            called_at=factory.LazyAttribute(lambda t: t.created_at + timedelta(minutes=10)),
            desk="Desk 3",
            call_count=1,
        )
        done = factory.Trait(
            status=TicketStatus.DONE,
            called_at=factory.LazyAttribute(lambda t: t.created_at + timedelta(minutes=10)),
            started_at=factory.LazyAttribute(lambda t: t.created_at + timedelta(minutes=11)),
            finished_at=factory.LazyAttribute(lambda t: t.created_at + timedelta(minutes=31)),
            desk="Desk 3",
            call_count=1,
        )


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    ticket = factory.SubFactory(TicketFactory, done=True)
    centre = factory.SelfAttribute("ticket.centre")
    area = factory.SelfAttribute("ticket.area")
    adviser = factory.SubFactory(UserFactory)
    duration_minutes = 20
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


class ReceptionSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionSettings
        django_get_or_create = ("centre",)

    centre = factory.SubFactory(CentreFactory)
    display_key = factory.LazyFunction(lambda: secrets.token_urlsafe(32)[:43])
    kiosk_key = factory.LazyFunction(lambda: secrets.token_urlsafe(32)[:43])


class ActivityReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityReport

    centre = factory.SubFactory(CentreFactory)
    year = 2025
    requested_by = factory.SubFactory(UserFactory)
    requested_at = factory.LazyFunction(timezone.now)

    class Params:
        done = factory.Trait(
            status="done",
            progress=100,
            pdf=factory.django.FileField(data=b"%PDF-1.4 test", filename="report.pdf"),
        )


class ResourceFactory(factory.django.DjangoModelFactory):
    """A library resource published through its service, so that it is versioned and indexed."""

    class Meta:
        model = Resource

    centre = factory.SubFactory(CentreFactory)
    kind = Kind.DOCUMENT
    visibility = Visibility.NETWORK
    licence = Licence.CC_BY
    language = "fr"
    title = factory.Sequence(lambda n: f"Ressource {n}")
    summary = ""
    body = ""
    themes = ()
    audiences = ()
    areas = ()
    occupations = ()

    @classmethod
    def _create(cls, model_class, *, centre, language, title, summary, body, **data):
        data = {**data, "occupations": list(data.get("occupations", ()))}
        translation = {"language": language, "title": title, "summary": summary, "body": body}
        return library_services.resource_create(centre=centre, data=data, translation=translation, actor=None)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    resource = factory.SubFactory(ResourceFactory)
    centre = factory.SubFactory(CentreFactory)
    author = factory.SubFactory(UserFactory)
    usefulness = 4
    clarity = 3
    transferability = 5


# Monday to Friday, 9:00–12:30 and 13:30–17:00: two half-days a weekday.
WEEKDAY_HOURS = {str(day): [["09:00", "12:30"], ["13:30", "17:00"]] for day in range(5)}


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Bureau {n}")
    capacity = 1


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    centre = factory.SubFactory(CentreFactory)
    membership = factory.SubFactory(MembershipFactory, centre=factory.SelfAttribute("..centre"))
    area = factory.SubFactory(AdviceAreaFactory, centre=factory.SelfAttribute("..centre"))
    desk = factory.SubFactory(DeskFactory, centre=factory.SelfAttribute("..centre"))
    date = factory.LazyFunction(timezone.localdate)
    slot = "am"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    centre = factory.SubFactory(CentreFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda p: p.starts_on + timedelta(days=6))
    status = ProposalStatus.DONE
    requested_by = factory.SubFactory(UserFactory)
    requested_at = factory.LazyFunction(timezone.now)
    result = factory.LazyFunction(
        lambda: {"shifts": [], "unmet": [], "coverage": 1.0, "greedy_coverage": 1.0, "gap": 0.0, "seconds": 0.1}
    )


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    centre = factory.SubFactory(CentreFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.SelfAttribute("starts_on")
    reason = "Journée de formation de l'équipe"
