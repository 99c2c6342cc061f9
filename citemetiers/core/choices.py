"""Country, language and time-zone choices, translated in the active language."""

import gettext
import zoneinfo
from functools import cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext as _


@cache
def _pycountry_translation(domain: str, language: str):
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return _pycountry_translation("iso3166-1", (get_language() or "fr")[:2]).gettext(country.name)


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    if language is None:
        return code
    return _pycountry_translation("iso639-3", (get_language() or "fr")[:2]).gettext(language.name)


def country_choices() -> list[tuple[str, str]]:
    return sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda item: item[1])


def language_choices() -> list[tuple[str, str]]:
    languages = [lang for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    return sorted(((lang.alpha_2, language_name(lang.alpha_2)) for lang in languages), key=lambda item: item[1])


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith("Etc/"))
    return [(zone, zone.replace("_", " ")) for zone in zones]


ABROAD = "XX"


@cache
def _finest_subdivisions(country: str) -> tuple[tuple[str, str], ...]:
    subdivisions = list(pycountry.subdivisions.get(country_code=country) or [])
    parents = {getattr(sub, "parent_code", None) for sub in subdivisions}
    # The finest level (département, canton, province) is as precise as a visitor's residence may be.
    leaves = [sub for sub in subdivisions if sub.code not in parents]
    return tuple(sorted(((sub.code, sub.name) for sub in leaves), key=lambda item: item[1]))


def residence_area_choices(country: str) -> list[tuple[str, str]]:
    """Areas of residence a visitor may name: the host country's départements or cantons, or abroad."""
    return [*_finest_subdivisions(country), (ABROAD, _("Another country"))]
