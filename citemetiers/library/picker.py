"""The resource picker: the combobox with which a form of another app (the interview) recommends library
resources. Its options come from the `library:autocomplete` page; this is what its template needs."""

from django.urls import reverse

from citemetiers.core.forms import is_id
from citemetiers.library.models import Resource


def resource_picker_context(request, field) -> dict:
    """What library/includes/resource_picker.html needs for a form's resources field."""
    chosen_ids = [pk for pk in (field.value() or []) if is_id(getattr(pk, "pk", pk))]
    chosen = (
        Resource.objects.visible_to(request.centre)
        .filter(pk__in=[getattr(pk, "pk", pk) for pk in chosen_ids])
        .prefetch_related("translations")
    )
    return {
        "chosen_resources": [(r.pk, str(r)) for r in chosen],
        "resource_autocomplete_url": reverse("library:autocomplete", kwargs={"centre_slug": request.centre.slug}),
    }
