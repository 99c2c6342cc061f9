"""The directory's search stays fast at a region's size: "open now" parses each distinct set of hours once
and reads whole rows only for the page it shows (bench/territory.py measures the times)."""

import pytest

from citemetiers.territory import hours, selectors
from tests.territory.factories import ServiceFactory, StructureFactory

pytestmark = pytest.mark.django_db


def test_open_now_parses_each_distinct_hours_once(centre, monkeypatch):
    structure = StructureFactory(centre=centre, opening_hours="24/7")
    for n in range(12):
        ServiceFactory(structure=structure, name=f"S{n:02}", opening_hours="off" if n % 2 else "")
    parsed = []
    real = hours.opening_hours.OpeningHours
    monkeypatch.setattr(hours.opening_hours, "OpeningHours", lambda value: parsed.append(value) or real(value))
    hours.parsed_hours.cache_clear()
    found = selectors.services_search(centre=centre, open_now=True)
    assert [s.name for s in found] == [f"S{n:02}" for n in range(0, 12, 2)]
    assert sorted(parsed) == ["24/7", "off"]


def test_open_now_reads_whole_rows_only_for_the_services_shown(centre, django_assert_max_num_queries):
    structure = StructureFactory(centre=centre, opening_hours="off")
    ServiceFactory.create_batch(60, structure=structure, opening_hours="")
    ServiceFactory(structure=structure, name="Ouvert", opening_hours="24/7")
    with django_assert_max_num_queries(2):
        found = selectors.services_search(centre=centre, open_now=True)
        assert [(s.name, s.structure.name) for s in found] == [("Ouvert", structure.name)]
