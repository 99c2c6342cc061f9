import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from citemetiers.projects.models import Project
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")


def test_project_page_and_my_tasks_are_accessible(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    project = Project.objects.filter(centre__slug="paris").order_by("pk").first()
    for path in ("/c/paris/projects/", f"/c/paris/projects/{project.pk}/", "/c/paris/tasks/", "/c/paris/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_owner_ticks_a_task_done_from_my_tasks(page, demo, login, live_server):
    login(page, PARIS_COORDINATOR)
    page.goto(live_server.url + "/c/paris/tasks/")
    row = page.locator("tbody tr").filter(has_text="Préparer la réunion des partenaires")
    row.locator("select").select_option("done")
    row.get_by_role("button").click()
    expect(page.locator("tbody tr").filter(has_text="Préparer la réunion des partenaires")).to_have_count(0)
