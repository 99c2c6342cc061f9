"""The QR code of the printed slip and of the kiosk ticket, read back by a real decoder (zxing-cpp) from a
screenshot of the page as Chromium draws it: the code must be whole and lead to the visitor's live page."""

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from citemetiers.reception.models import ReceptionSettings, Ticket
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser


def decoded_qr(locator) -> list[str]:
    """The texts of every QR code zxing-cpp finds in a screenshot of this part of the page."""
    image = Image.open(io.BytesIO(locator.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_the_printed_slip_qr_code_decodes_to_the_visitor_page(page, demo, login, live_server):
    login(page, role_email("reception", "paris"))
    page.goto(f"{live_server.url}/c/paris/reception/")
    page.get_by_label("Créer son activité").check()
    page.get_by_role("button", name="Émettre le ticket").click()
    expect(page.locator(".slip-number")).to_have_text("D-001")
    ticket = Ticket.objects.get(centre__slug="paris", area__code="D", status="waiting")
    assert decoded_qr(page.locator(".slip-qr")) == [f"{live_server.url}/t/{ticket.secret}/"]
    axe_check(page)
    # Without a camera, the number is the way: it is what the waiting-room screen shows.
    expect(page.locator(".slip-fallback")).to_contain_text("D-001")


def test_the_kiosk_ticket_qr_code_decodes_to_the_visitor_page(page, demo, live_server):
    key = ReceptionSettings.objects.get(centre__slug="paris").kiosk_key
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(f"{live_server.url}/kiosk/{key}/")
    page.get_by_role("link", name=re.compile("Créer son activité")).click()
    page.get_by_role("button", name="Passer et prendre mon ticket").click()
    expect(page.locator(".slip-number")).to_have_text("D-001")
    ticket = Ticket.objects.get(centre__slug="paris", area__code="D", status="waiting")
    assert decoded_qr(page.locator(".slip-qr")) == [f"{live_server.url}/t/{ticket.secret}/"]
    # The screen starts again on its own, and the visitor may ask for more time.
    expect(page.get_by_role("button", name="Plus de temps")).to_be_visible()
    axe_check(page)
