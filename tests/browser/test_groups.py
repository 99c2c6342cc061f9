import pytest
from playwright.sync_api import expect

from citemetiers.demo.network import role_email
from citemetiers.groups.models import Minutes, MinutesState, WorkingGroup
from citemetiers.projects.models import Project, Task
from tests.browser.conftest import axe_check

pytestmark = pytest.mark.browser

PARIS_COORDINATOR = role_email("coordinator", "paris")
PARIS_ADVISER = role_email("adviser", "paris")


def _submit(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


def test_a_meeting_from_its_agenda_to_frozen_minutes_and_the_task_in_my_tasks(page, browser, demo, login, live_server):
    group = WorkingGroup.objects.get(centre__slug="paris", title="Accueil et orientation avec les partenaires")
    meeting = group.meetings.order_by("-starts_at").first()
    base = f"{live_server.url}/c/paris/groups"

    # A member of a partner organisation proposes an item for the coming meeting.
    login(page, PARIS_ADVISER)
    page.goto(f"{base}/{group.pk}/")
    axe_check(page)
    page.goto(f"{base}/meetings/{meeting.pk}/")
    page.fill("input[name=title]", "Un forum commun avec les partenaires")
    _submit(page, page.locator("main form").filter(has=page.locator("input[name=title]")))
    expect(page.locator("main ol")).to_contain_text("Un forum commun avec les partenaires")
    axe_check(page)

    # The convenor runs the meeting: attendance, then the minutes of the item.
    convenor_context = browser.new_context(locale="fr-FR")
    convenor = convenor_context.new_page()
    login(convenor, PARIS_COORDINATOR)
    convenor.goto(f"{base}/meetings/{meeting.pk}/attendance/")
    convenor.locator("main select").first.select_option("attended")
    _submit(convenor, convenor.locator("main form"))
    axe_check(convenor)
    item = meeting.agenda.get(title="Un forum commun avec les partenaires")
    for outcome, title in (("action", "Réserver la salle du forum"), ("project", "Forum commun des partenaires")):
        convenor.goto(f"{base}/meetings/{meeting.pk}/minutes/")
        form = convenor.locator("main form").filter(has=convenor.locator("select[name=outcome]"))
        form.locator("select[name=agenda_item]").select_option(str(item.pk))
        form.locator("textarea[name=text]").fill("Les partenaires sont d'accord.")
        form.locator("select[name=outcome]").select_option(outcome)
        form.locator("input[name=title]").fill(title)
        form.locator("select[name=owner]").select_option(str(group.convenor_id))
        _submit(convenor, form)
    axe_check(convenor)

    # Circulated, approved, frozen.
    for _step in range(3):
        _submit(convenor, convenor.locator("main form").filter(has=convenor.locator("input[name=transition]")))
    axe_check(convenor)
    minutes = Minutes.objects.filter(meeting=meeting).order_by("-version").first()

    # The action is in the owner's My tasks.
    convenor.goto(f"{live_server.url}/c/paris/tasks/")
    expect(convenor.locator("main")).to_contain_text("Réserver la salle du forum")
    convenor_context.close()
    assert (
        minutes.state,
        Task.objects.filter(title="Réserver la salle du forum", owner=group.convenor).count(),
        Project.objects.filter(title="Forum commun des partenaires").count(),
    ) == (MinutesState.FROZEN, 1, 1)


def test_the_groups_pages_are_accessible(page, demo, login, live_server):
    group = WorkingGroup.objects.get(centre__slug="paris", title="Accueil et orientation avec les partenaires")
    held = group.meetings.filter(minutes__state=MinutesState.FROZEN).first()
    login(page, PARIS_COORDINATOR)
    for path in (
        "/c/paris/groups/",
        f"/c/paris/groups/{group.pk}/series/new/",
        f"/c/paris/groups/{group.pk}/polls/new/",
        f"/c/paris/groups/meetings/{held.pk}/minutes/",
        "/c/paris/groups/decisions/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
