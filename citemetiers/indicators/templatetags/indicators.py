from django import template

from citemetiers.indicators import charts

register = template.Library()


@register.filter
def value_of(mapping: dict, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key)


@register.filter
def heat_level(value, maximum) -> int:
    """0 to 4: the shade of a heatmap cell, the same as in its chart (the number stays written in it)."""
    return charts.heat_level(value, maximum)
