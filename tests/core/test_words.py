"""Words a person reads: plurals, dates, translated labels and notes, messages that say what happened."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from citemetiers.accounts.roles import Role
from citemetiers.core.notifications import notify
from citemetiers.indicators.selectors import Comparison
from tests.factories import PASSWORD, TicketFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_closing_the_day_counts_one_ticket_in_the_singular(client_as, centre):
    client = client_as(Role.RECEPTION)
    TicketFactory(centre=centre, area=centre.advice_areas.first())
    url = reverse("reception:day_close_confirm", kwargs={"centre_slug": centre.slug})
    page = client.post(url, {"confirm": "1"}, follow=True, **EN).content.decode()
    assert "1 ticket still open was recorded as left without being seen." in page
    assert "(s)" not in page


def test_english_dates_are_written_day_first():
    with translation.override("en"):
        assert date_format(date(2026, 3, 4)) == "4 March 2026"
        assert date_format(date(2026, 3, 4), "SHORT_DATE_FORMAT") == "04/03/2026"


def test_an_english_date_field_still_reads_the_date_pickers_iso_value():
    from citemetiers.core.forms import DateField

    with translation.override("en"):
        assert DateField().clean("2026-03-04") == date(2026, 3, 4)
        assert DateField().clean("04/03/2026") == date(2026, 3, 4)


def test_the_availability_half_days_are_in_the_readers_language(client_as, centre):
    client = client_as(Role.ADVISER)
    page = client.get(reverse("rosters:my_availability", kwargs={"centre_slug": centre.slug}), **EN).content.decode()
    assert "Monday Morning" in page and "Lundi" not in page


def test_a_news_item_is_read_in_the_readers_language(client_as, centre):
    client = client_as(Role.COORDINATOR)
    centre.languages = ["fr"]  # the note is made in French, the Cité's main language
    centre.save()
    notify(
        centre=centre,
        message="Your duty roster from %(start)s to %(end)s has changed.",
        params={"start": "01/03", "end": "07/03"},
    )
    page = client.get(reverse("centres:home", kwargs={"centre_slug": centre.slug}), **EN).content.decode()
    assert "Your duty roster from 01/03 to 07/03 has changed." in page


def test_a_failed_login_does_not_speak_of_saving(client):
    user = UserFactory()
    page = client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD + "x"}, **EN)
    content = page.content.decode()
    assert "Please correct what is marked below." in content
    assert "saved" not in content


def test_quartiles_are_shown_without_spurious_decimals(centre):
    row = Comparison(code="visits", own=12, median=12.0, q1=7.25, q3=None, cites=6, by_centre={})
    with translation.override("en"):
        html = render_to_string("indicators/comparison.html", {"rows": [("Visits", row)], "current_centre": centre})
    cells = html.split('<th scope="row">Visits</th>')[1].split("</tr>")[0]
    assert "<td>12</td>" in cells and "<td>7.3</td>" in cells and "<td>—</td>" in cells
    assert "12.0" not in cells


def test_the_card_code_never_wraps():
    css = Path(settings.BASE_DIR, "citemetiers/static/css/app.css").read_text()
    rule = next(line for line in css.splitlines() if line.startswith(".card-code {"))
    assert "white-space: nowrap" in rule


def test_the_site_has_a_favicon(client):
    icon = client.get("/favicon.ico")
    assert (icon.status_code, icon["Content-Type"]) == (200, "image/svg+xml")
    assert icon.content.startswith(b"<svg")
    assert 'rel="icon"' in client.get(reverse("accounts:login")).content.decode()


def test_the_network_counts_one_country_in_the_singular(client, network_user, centre):
    from citemetiers.accounts.roles import NetworkRole

    client.force_login(network_user(NetworkRole.NETWORK_COORDINATOR))
    page = client.get(reverse("network:home"), **EN).content.decode()
    assert "in 1 country." in " ".join(page.split())
