"""What a new Cité gets from reception: its default advice areas, then its interview themes."""

from citemetiers.centres import opening
from citemetiers.reception.interviews import themes_create_defaults
from citemetiers.reception.services import advice_areas_create_defaults

opening.step("reception.advice_areas", order=10, run=advice_areas_create_defaults)
opening.step("reception.themes", order=20, run=themes_create_defaults)
