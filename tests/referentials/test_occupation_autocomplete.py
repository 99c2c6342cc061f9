import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.referentials.models import Occupation

pytestmark = pytest.mark.django_db


def url(centre):
    return reverse("referentials:occupation_autocomplete", kwargs={"centre_slug": centre.slug})


def test_a_member_gets_options_for_a_label_in_any_language(client_as, centre, shipped):
    client = client_as(Role.ADVISER)
    response = client.get(url(centre), {"q": "électricien bât"})
    assert response.status_code == 200
    html = response.content.decode()
    building = Occupation.objects.get(scheme="rome", code="F1602")
    assert f'<li role="option"\n      id="occ-{building.pk}"' in html or f'id="occ-{building.pk}"' in html
    assert f'data-value="{building.pk}"' in html and "ROME F1602" in html
    assert 'data-label="Electricien / Electricienne du bâtiment"' in html
    assert "ESCO" in client.get(url(centre), {"q": "building electrician"}).content.decode()


def test_no_match_gives_one_option_that_cannot_be_chosen(client_as, centre, shipped):
    html = client_as(Role.ADVISER).get(url(centre), {"q": "zzzzqq"}).content.decode()
    assert html.count('role="option"') == 1 and 'aria-disabled="true"' in html and "data-value" not in html


def test_a_query_shorter_than_two_characters_gives_no_option(client_as, centre, shipped):
    assert "option" not in client_as(Role.ADVISER).get(url(centre), {"q": "e"}).content.decode()


def test_another_cites_url_is_a_404(client_as, other_centre, shipped):
    assert client_as(Role.ADVISER).get(url(other_centre), {"q": "élec"}).status_code == 404


def test_post_is_not_allowed(client_as, centre):
    assert client_as(Role.ADVISER).post(url(centre), {"q": "élec"}).status_code == 405
