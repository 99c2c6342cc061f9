"""The session form picks its occupations with the combobox the interview and the library use."""

import pytest
from django.urls import reverse

from citemetiers.accounts.roles import Role
from tests.events.factories import SessionFactory
from tests.library.test_search import occupation

pytestmark = pytest.mark.django_db


def test_the_new_session_form_offers_the_occupation_combobox(client_as, centre):
    page = client_as(Role.COORDINATOR).get(reverse("events:session_new", kwargs={"centre_slug": centre.slug}))
    html = page.content.decode()
    assert 'id="occupation-search"' in html
    assert reverse("referentials:occupation_autocomplete", kwargs={"centre_slug": centre.slug}) in html
    assert "js/combobox.js" in html


def test_a_sessions_chosen_occupations_are_shown_by_their_label_and_posted_once(client_as, centre):
    session = SessionFactory(centre=centre)
    chosen = occupation("M1607", fr="Secrétaire")
    session.occupations.set([chosen])
    url = reverse("events:session_edit", kwargs={"centre_slug": centre.slug, "session_pk": session.pk})
    html = client_as(Role.COORDINATOR).get(url).content.decode()
    assert "Secrétaire" in html
    assert html.count(f'name="occupations" value="{chosen.pk}"') == 1
