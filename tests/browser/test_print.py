"""Printed pages (issue 15): no navigation, folded sections open, and a link's target on paper."""

import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from citemetiers.groups.models import MinutesState, WorkingGroup
from citemetiers.projects.models import Project

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")

# What a link prints after its text, read from its ::after box (app.css writes the target there).
LINK_AFTER = "(link) => getComputedStyle(link, '::after').content"


def _printed_paths():
    project = Project.objects.filter(centre__slug="paris").order_by("pk").first()
    group = WorkingGroup.objects.get(centre__slug="paris", title="Accueil et orientation avec les partenaires")
    held = group.meetings.filter(minutes__state=MinutesState.FROZEN).first()
    return [f"/c/paris/projects/{project.pk}/", f"/c/paris/groups/meetings/{held.pk}/minutes/"]


def test_a_printed_page_shows_its_links_targets_and_no_navigation(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    for path in _printed_paths():
        page.emulate_media(media="screen")
        page.goto(live_server.url + path)
        page.emulate_media(media="print")
        expect(page.locator(".site-header")).to_be_hidden()
        for nav in page.locator("nav").all():
            expect(nav).to_be_hidden()
        links = page.locator("main a[href]:not([href^='#'])")
        assert links.count() >= 1, path
        href = links.first.get_attribute("href")
        assert href in links.first.evaluate(LINK_AFTER), (path, href)
