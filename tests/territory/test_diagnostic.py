"""The territorial diagnostic, a first slice: a referential of zones and labour-market figures per zone."""

import datetime as dt

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.territory import diagnostic
from citemetiers.territory.interchange import ImportRefused
from citemetiers.territory.models import LabourFigure, Zone

pytestmark = pytest.mark.django_db

ZONES = "kind,code,name\ndepartement,69,Rhône\nepci,200046977,Métropole de Lyon\ncommune,69123,Lyon\n"
FIGURES = (
    "zone,indicator,occupation_family,period,value\n"
    "69,jobseekers,,2026,41200\n"
    "69,offers,Services à la personne,2026,3100\n"
    "200046977,offers,Hôtellerie-restauration,2026,2500\n"
)


def zones_import(centre, coordinator, text=ZONES):
    return diagnostic.zones_import(centre=centre, text=text, actor=coordinator)


def test_a_referential_of_zones_is_imported_and_imported_again_in_place(centre, member):
    coordinator = member(Role.COORDINATOR).user
    assert zones_import(centre, coordinator) == 3
    zones_import(centre, coordinator, "kind,code,name\ndepartement,69,Rhône (69)\n")
    assert Zone.objects.filter(centre=centre).count() == 3
    assert Zone.objects.get(centre=centre, kind="departement", code="69").name == "Rhône (69)"


def test_a_zones_file_with_bad_lines_is_refused_whole_with_every_line(centre, member):
    text = "kind,code,name\ndepartement,69,Rhône\nplanet,3,Terre\ncommune,,Sans code\ndepartement,69,Encore\n"
    with pytest.raises(ImportRefused) as refused:
        zones_import(centre, member(Role.COORDINATOR).user, text)
    assert [(error.line, error.field) for error in refused.value.errors] == [(3, "kind"), (4, "code"), (5, "code")]
    assert not Zone.objects.exists()


def test_labour_figures_are_imported_with_their_source_and_date(centre, member):
    coordinator = member(Role.COORDINATOR).user
    zones_import(centre, coordinator)
    count = diagnostic.figures_import(
        centre=centre, text=FIGURES, source="France Travail, BMO 2026", source_date=dt.date(2026, 4, 15),
        actor=coordinator,
    )  # fmt: skip
    assert count == 3
    figure = LabourFigure.objects.get(zone__code="69", indicator="offers")
    assert (figure.value, figure.occupation_family, figure.source) == (
        3100,
        "Services à la personne",
        "France Travail, BMO 2026",
    )


def test_a_figures_file_with_bad_rows_reports_each_and_imports_nothing(centre, member):
    coordinator = member(Role.COORDINATOR).user
    zones_import(centre, coordinator)
    text = "zone,indicator,occupation_family,period,value\n99,offers,,2026,1\n69,weather,,2026,1\n69,offers,,,-3\n"
    with pytest.raises(ImportRefused) as refused:
        diagnostic.figures_import(
            centre=centre, text=text, source="x", source_date=dt.date(2026, 1, 1), actor=coordinator
        )
    fields = [(error.line, error.field) for error in refused.value.errors]
    assert fields == [(2, "zone"), (3, "indicator"), (4, "period"), (4, "value")]
    assert not LabourFigure.objects.exists()


def test_only_coordinators_and_partnerships_import_the_referential(centre, member):
    from citemetiers.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        zones_import(centre, member(Role.RECEPTION).user)


def test_the_diagnostic_page_shows_the_figures_per_zone_of_this_cite_only(client_as, centre, other_centre, member):
    coordinator = member(Role.COORDINATOR).user
    zones_import(centre, coordinator)
    diagnostic.figures_import(
        centre=centre, text=FIGURES, source="BMO", source_date=dt.date(2026, 4, 15), actor=coordinator
    )
    Zone.objects.create(centre=other_centre, kind="commune", code="1201", name="Genève")
    response = client_as(Role.RECEPTION).get(reverse("territory:diagnostic", kwargs={"centre_slug": centre.slug}))
    text = response.content.decode()
    assert "Rhône" in text and "41200" in text.replace("\u202f", "").replace(" ", "") and "Genève" not in text


def test_figures_with_unicode_digits_huge_values_or_an_ambiguous_code_are_reported_by_line(centre, member):
    coordinator = member(Role.COORDINATOR).user
    zones_import(centre, coordinator, ZONES + "commune,69,Homonyme\n")
    text = "zone,indicator,occupation_family,period,value\n69123,offers,,2026,²\n69123,offers,,2026,99999999999\n"
    text += "69,offers,,2026,5\nepci:200046977,offers,,2026,7\n"
    with pytest.raises(ImportRefused) as refused:
        diagnostic.figures_import(
            centre=centre, text=text, source="x", source_date=dt.date(2026, 1, 1), actor=coordinator
        )
    assert [(error.line, error.field) for error in refused.value.errors] == [(2, "value"), (3, "value"), (4, "zone")]
    assert not LabourFigure.objects.exists()


def test_a_zone_code_longer_than_the_column_is_refused_with_its_line(centre, member):
    with pytest.raises(ImportRefused) as refused:
        zones_import(centre, member(Role.COORDINATOR).user, f"kind,code,name\ncommune,{'9' * 25},Trop long\n")
    assert [(error.line, error.field) for error in refused.value.errors] == [(2, "code")]
