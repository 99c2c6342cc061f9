import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from citemetiers.rosters.models import Proposal, ProposalStatus
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_LOGISTICS = role_email("logistics", "paris")
PARIS_ADVISER = role_email("adviser", "paris")


def test_plan_a_month_see_the_proposal_and_publish_it(page, demo, login, live_server):
    login(page, PARIS_LOGISTICS)
    page.goto(f"{live_server.url}/c/paris/roster/planner/")
    axe_check(page)
    page.click("main form button.primary")
    # The planner works in the background; the page follows its progress, then shows the proposal.
    publish = page.locator("text=Publier ce planning")
    expect(publish).to_be_visible(timeout=30_000)
    expect(page.locator("#unmet")).to_be_visible()
    axe_check(page)
    publish.click()
    # Publishing asks first, saying what changes.
    expect(page.locator("h1")).to_have_text("Publier ce planning ?")
    axe_check(page)
    page.get_by_role("button", name="Publier ce planning").click()
    expect(page.locator(".messages")).to_contain_text("Le planning est publié")
    axe_check(page)
    assert Proposal.objects.get().status == ProposalStatus.PUBLISHED


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            PARIS_LOGISTICS,
            [
                "/c/paris/roster/",
                "/c/paris/roster/?view=month",
                "/c/paris/roster/team/",
                "/c/paris/roster/desks/",
                "/c/paris/roster/desks/add/",
            ],
        ),
        (PARIS_ADVISER, ["/c/paris/roster/mine/", "/c/paris/roster/availability/"]),
        (role_email("partnerships", "paris"), ["/c/paris/roster/partners/"]),
    ],
)
def test_the_roster_pages_are_accessible(page, demo, login, live_server, email, paths):
    login(page, email)
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        axe_check(page)
