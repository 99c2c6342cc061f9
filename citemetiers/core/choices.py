"""Country, language and time-zone choices, translated in the active language."""

import gettext
import zoneinfo
from functools import cache

import pycountry
from django.utils.translation import get_language


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
