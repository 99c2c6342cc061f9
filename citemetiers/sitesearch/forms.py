from django import forms
from django.utils.translation import gettext_lazy as _

# Below two characters every page and resource would match: the query says nothing yet.
MIN_QUERY_CHARS = 2


class SiteSearchForm(forms.Form):
    guard_exempt = {"q": "a search query is read, never stored"}
    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
