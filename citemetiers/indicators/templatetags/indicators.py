from django import template

register = template.Library()


@register.filter
def value_of(mapping: dict, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key)


@register.filter
def heat_level(value, maximum) -> int:
    """0 to 4: the shade of a heatmap cell (the number stays written in it)."""
    if not maximum or not value:
        return 0
    return min(4, 1 + int(4 * value / (maximum + 1)))
