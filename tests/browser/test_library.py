import pytest
from playwright.sync_api import expect

from citemetiers.core.models import Notification
from citemetiers.demo.network import role_email
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_ADVISER = role_email("adviser", "paris")


def test_search_open_and_evaluate_a_resource_of_another_cite(page, demo, login, live_server):
    login(page, PARIS_ADVISER)
    page.goto(f"{live_server.url}/c/paris/library/")
    axe_check(page)

    page.fill("#library-q", "boulanger")
    # The library's own search form, not the header's search of the whole site.
    page.locator("form[role=search]:has(#library-q) button[type=submit]").click()
    results = page.locator(".result-list > li")
    # The French resource matches the words; the Italian one is tagged with the occupation.
    expect(results).to_have_count(2)
    expect(results.first).to_contain_text("Devenir boulanger")
    expect(results.nth(1)).to_contain_text("Il mestiere del pane")
    expect(page.locator(".snippet mark").first).to_be_visible()
    axe_check(page)

    # A facet narrows the results in place.
    page.check("input[name=language][value=it]")
    expect(results).to_have_count(1)
    page.uncheck("input[name=language][value=it]")
    expect(results).to_have_count(2)

    results.first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("Devenir boulanger")
    axe_check(page)

    page.click("text=Évaluer")
    axe_check(page)
    for criterion, score in (("usefulness", "5"), ("clarity", "4"), ("transferability", "4")):
        page.check(f"input[name={criterion}][value='{score}']")
    page.fill("textarea[name=comment]", "Très clair, repris pour nos ateliers.")
    notes_before = Notification.objects.count()
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("évaluation")
    expect(page.locator(".evaluation").filter(has_text="repris pour nos ateliers")).to_have_count(1)
    axe_check(page)
    assert Notification.objects.count() == notes_before + 1


def test_the_library_forms_are_accessible(page, demo, login, live_server):
    login(page, PARIS_ADVISER)
    for path in ("/c/paris/library/add/", "/c/paris/library/compare/"):
        page.goto(f"{live_server.url}{path}")
        axe_check(page)
    # A form sent without a title comes back with its error summary, what was typed kept.
    page.goto(f"{live_server.url}/c/paris/library/add/")
    page.fill("textarea[name=text-summary]", "Un résumé à garder")
    page.click("main form button.primary")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("textarea[name=text-summary]")).to_have_value("Un résumé à garder")
    axe_check(page)
