import datetime as dt

import factory
from django.utils import timezone

from citemetiers.territory.models import DiagnosticImport, DirectoryImport, Service, Structure
from tests.factories import CentreFactory


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"Mission locale {n}")
    address = "12 rue des Lilas"
    postcode = "75011"
    commune = "Paris"
    opening_hours = "Mo-Fr 09:00-12:00,14:00-17:00"
    updated_on = factory.LazyFunction(dt.date.today)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    structure = factory.SubFactory(StructureFactory)
    centre = factory.SelfAttribute("structure.centre")
    name = factory.Sequence(lambda n: f"Atelier CV {n}")
    type = "atelier"
    themes = ["preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"]
    publics = ["tous-publics"]
    address = "12 rue des Lilas"
    postcode = "75011"
    commune = "Paris"
    latitude = 48.859
    longitude = 2.38
    opening_hours = "Tu,Th 14:00-17:00"
    how_to_access = "Sans rendez-vous, métro Voltaire."
    description = "Un atelier collectif pour écrire son CV avec une conseillère, en petit groupe."
    updated_on = factory.LazyFunction(dt.date.today)


class DirectoryImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryImport

    centre = factory.SubFactory(CentreFactory)
    requested_at = factory.LazyFunction(timezone.now)
    fmt = "json"


class DiagnosticImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticImport

    centre = factory.SubFactory(CentreFactory)
    requested_at = factory.LazyFunction(timezone.now)
    kind = "zones"
