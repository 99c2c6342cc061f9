"""The data·inclusion schema's vocabularies, read from its own package so that they never drift.

Labels are the schema's (French): they are the published vocabulary of the French inclusion offer,
not interface strings of this project, so they are not in our catalogues.
"""

from data_inclusion.schema import v1


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


THEMES = _choices(v1.Thematique)
SERVICE_TYPES = _choices(v1.TypeService)
PUBLICS = _choices(v1.Public)
FEES = _choices(v1.Frais)
RECEPTION_MODES = _choices(v1.ModeAccueil)


def theme_choices() -> list:
    """Themes grouped under their category; the category itself searches all of its themes."""
    groups = []
    for category in v1.Categorie:
        themes = [(value, label) for value, label in THEMES if value.startswith(f"{category.value}--")]
        groups.append((category.label, [(category.value, category.label), *themes]))
    return groups
