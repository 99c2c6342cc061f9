from django import forms
from django.utils.translation import gettext_lazy as _

from citemetiers.centres.forms import CentreProfileForm
from citemetiers.centres.models import Centre


class CentreCreateForm(CentreProfileForm):
    guard_exempt = {
        **CentreProfileForm.guard_exempt,
        "host_organisation_name": "the host body's name",
        "coordinator_name": "staff are named; visitors never are",
    }
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=60,
        help_text=_("Lower-case letters, digits and hyphens; used in the addresses of the Cité's pages."),
    )
    host_organisation_name = forms.CharField(label=_("Host body"), max_length=200)
    coordinator_email = forms.EmailField(label=_("E-mail of the first coordinator"))
    coordinator_name = forms.CharField(label=_("Name of the first coordinator"), max_length=150)

    class Meta(CentreProfileForm.Meta):
        fields = ["name", "slug", *CentreProfileForm.Meta.fields[1:]]

    def clean_slug(self):
        slug = self.cleaned_data["slug"].lower()
        if Centre.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("This short name is already used by another Cité."))
        return slug
