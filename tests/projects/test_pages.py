import datetime

import pytest
from django.core import mail

from citemetiers.accounts.roles import Role
from citemetiers.projects.models import Scope, TaskStatus
from citemetiers.projects.tasks import reminders_send
from tests.factories import MembershipFactory
from tests.projects.factories import MilestoneFactory, ObjectiveFactory, ProjectFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _url(centre, name, **kwargs):
    from django.urls import reverse

    return reverse(f"projects:{name}", kwargs={"centre_slug": centre.slug, **kwargs})


def test_another_cites_project_answers_404(client_as, centre, other_centre):
    project = ProjectFactory(centre=other_centre)
    response = client_as(Role.COORDINATOR).get(_url(centre, "detail", project_pk=project.pk))
    assert response.status_code == 404


def test_a_network_project_is_seen_from_every_cite(client_as, centre, other_centre):
    project = ProjectFactory(centre=other_centre, scope=Scope.NETWORK)
    response = client_as(Role.ADVISER).get(_url(centre, "detail", project_pk=project.pk))
    assert response.status_code == 200


def test_project_page_shows_members_employer(client_as, centre):
    project = ProjectFactory(centre=centre)
    project.members.add(project.lead)
    response = client_as(Role.ADVISER).get(_url(centre, "detail", project_pk=project.pk))
    assert project.lead.organisation.name in response.content.decode()


def test_task_form_refuses_a_visitors_phone_number(client_as, centre):
    client = client_as(Role.ADVISER)
    response = client.post(
        _url(centre, "task_add"), {"title": "Rappeler au 06 12 34 56 78", "owner": client.membership.pk}
    )
    assert response.status_code == 200 and not client.membership.project_tasks.exists()


def test_my_tasks_gathers_the_persons_tasks_of_every_cite(client_as, centre, other_centre):
    client = client_as(Role.ADVISER)
    elsewhere = MembershipFactory(centre=other_centre, user=client.membership.user)
    TaskFactory(centre=centre, owner=client.membership, title="Here")
    TaskFactory(centre=other_centre, owner=elsewhere, title="Elsewhere")
    TaskFactory(centre=centre, title="A colleague's")
    body = client.get(_url(centre, "my_tasks")).content.decode()
    assert "Here" in body and "Elsewhere" in body and "A colleague&#x27;s" not in body


def test_project_page_query_count(client_as, centre, django_assert_max_num_queries):
    project = ProjectFactory(centre=centre)
    for _ in range(3):
        ObjectiveFactory(project=project, period_start=datetime.date(2026, 1, 5), period_end=datetime.date(2026, 3, 25))
        MilestoneFactory(project=project)
        TaskFactory(centre=centre, project=project)
    client = client_as(Role.ADVISER)
    # Session, user, membership (3), the project with its lead (1), partner Cités, documents used and
    # produced (2), objectives, their values, milestones, tasks with their Cité (6), the members: who and each
    # Cité's rows (2); the Cité's changed days once (1), then every measured objective's series in two
    # grouped reads together, whatever the number of objectives and of their months (2), and the menu's reads.
    client.get(_url(centre, "list"))  # the session's own first write, out of the count
    with django_assert_max_num_queries(16):
        assert client.get(_url(centre, "detail", project_pk=project.pk)).status_code == 200


def test_my_tasks_query_count_does_not_grow_with_tasks(client_as, centre, django_assert_max_num_queries):
    client = client_as(Role.ADVISER)
    for _ in range(20):
        TaskFactory(centre=centre, owner=client.membership, project=ProjectFactory(centre=centre))
    # Tenancy and menu (7), the person's memberships (1), one read of the tasks per Cité (1), the feed (1).
    with django_assert_max_num_queries(10):
        assert client.get(_url(centre, "my_tasks")).status_code == 200


def test_reminders_one_email_per_person_per_day(centre, other_centre, settings):
    today = datetime.date(2026, 12, 1)
    owner = MembershipFactory(centre=centre)
    elsewhere = MembershipFactory(centre=other_centre, user=owner.user)
    TaskFactory(centre=centre, owner=owner, due_on=today + datetime.timedelta(days=2))
    TaskFactory(centre=other_centre, owner=elsewhere, due_on=today - datetime.timedelta(days=1))
    TaskFactory(centre=centre, owner=owner, due_on=today + datetime.timedelta(days=2), status=TaskStatus.DONE)
    reminders_send(today=today)
    reminders_send(today=today)
    assert len(mail.outbox) == 1 and mail.outbox[0].body.count("\n") == 1


def test_ics_feed_lists_the_persons_due_tasks(client, client_as, centre):
    member_client = client_as(Role.ADVISER)
    TaskFactory(centre=centre, owner=member_client.membership, title="Send the report")
    member_client.post(_url(centre, "feed_regenerate"))
    token = member_client.membership.user.task_feed.token
    response = client.get(f"/task-feed/{token}.ics")
    assert response.status_code == 200 and b"SUMMARY:Send the report" in response.content


def test_ics_feed_with_a_wrong_secret_is_404(client, centre):
    assert client.get("/task-feed/nothing.ics").status_code == 404


def test_tasks_csv_export_neutralises_formulas(client_as, centre):
    TaskFactory(centre=centre, title="=HYPERLINK(1)")
    response = client_as(Role.COORDINATOR).get(_url(centre, "tasks_csv"))
    assert "'=HYPERLINK(1)" in response.content.decode()


@pytest.mark.parametrize(("title", "cell"), [("-5", "-5"), ("\r=1+1", "'\r=1+1"), ("\tcmd", "'\tcmd")])
def test_tasks_csv_export_uses_the_one_formula_guard(client_as, centre, title, cell):
    """A signed number stays a number; a leading tab or carriage return is neutralised too."""
    import csv
    import io

    TaskFactory(centre=centre, title=title)
    text = client_as(Role.COORDINATOR).get(_url(centre, "tasks_csv")).content.decode("utf-8-sig")
    titles = [row[0] for row in csv.reader(io.StringIO(text, newline=""))]
    assert cell in titles


def test_tasks_xlsx_export_is_a_workbook_of_the_cites_tasks(client_as, centre, other_centre):
    import io

    from openpyxl import load_workbook

    TaskFactory(centre=centre, title="Ours")
    TaskFactory(centre=other_centre, title="Theirs")
    response = client_as(Role.COORDINATOR).get(_url(centre, "tasks_xlsx"))
    titles = [row[0] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert "Ours" in titles and "Theirs" not in titles


def test_the_new_project_form_starts_the_project_with_its_status(client_as, centre):
    """The form's every field reaches the service: a valid form never answers 500."""
    from django.urls import reverse

    from citemetiers.accounts.roles import Role
    from citemetiers.centres.models import Membership
    from citemetiers.projects.models import Project

    client = client_as(Role.COORDINATOR)
    lead = Membership.objects.for_centre(centre).first()
    response = client.post(
        reverse("projects:create", kwargs={"centre_slug": centre.slug}),
        {"title": "Accueil des moins de 25 ans", "scope": "centre", "lead": lead.pk, "status": "active"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Project.objects.filter(centre=centre, title="Accueil des moins de 25 ans").exists()


def test_the_project_page_and_my_tasks_render_the_one_task_table(client_as, centre):
    client = client_as(Role.COORDINATOR)
    project = ProjectFactory(centre=centre)
    TaskFactory(centre=centre, owner=client.membership, project=project)
    for url in (_url(centre, "detail", project_pk=project.pk), _url(centre, "my_tasks")):
        names = [template.name for template in client.get(url).templates]
        assert "projects/includes/task_table.html" in names, url


def _project_page_queries(client, centre, months):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    project = ProjectFactory(centre=centre)
    start = datetime.date(2026, 1, 1)
    end = datetime.date(2026 + (months - 1) // 12, (months - 1) % 12 + 1, 28)
    for _ in range(3):
        ObjectiveFactory(project=project, period_start=start, period_end=end)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(centre, "detail", project_pk=project.pk)).status_code == 200
    return len(queries)


def test_project_page_reads_each_objectives_series_in_one_go(client_as, centre, settings):
    """A chart of 24 months costs the queries of a chart of 2: the series is one grouped read."""
    from unittest import mock

    client = client_as(Role.COORDINATOR)
    # Today after both periods: every month of each is on the chart.
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2028, 6, 1)):
        client.get(_url(centre, "list"))  # the session's own write, once, out of the counts
        assert _project_page_queries(client, centre, 24) == _project_page_queries(client, centre, 2)


def test_my_tasks_shows_fifty_tasks_a_page(client_as, centre):
    client = client_as(Role.ADVISER)
    TaskFactory.create_batch(55, centre=centre, owner=client.membership)
    first = client.get(_url(centre, "my_tasks"))
    second = client.get(_url(centre, "my_tasks") + "?page=2")
    assert (len(first.context["tasks"]), len(second.context["tasks"])) == (50, 5)


def test_project_page_reads_the_series_of_all_its_objectives_in_the_queries_of_one(client_as, centre):
    """The objectives' series are read together: a third objective adds no query to the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(Role.COORDINATOR)
    project = ProjectFactory(centre=centre)
    url = _url(centre, "detail", project_pk=project.pk)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    ObjectiveFactory(project=project, period_start=datetime.date(2026, 1, 5), period_end=datetime.date(2026, 9, 25))
    client.get(url)  # the session's own first write, out of the count
    with_one = queries()
    ObjectiveFactory(project=project, metric="age_band", metric_key="16-25", period_start=datetime.date(2025, 11, 3))
    ObjectiveFactory(project=project, period_start=datetime.date(2026, 2, 1), period_end=datetime.date(2026, 2, 28))
    assert queries() == with_one


@pytest.mark.parametrize("page", ["milestone_add", "objective_add", "project_task_add"])
def test_a_form_of_a_project_reads_the_project_alone(client_as, centre, page):
    """The forms hung on a project need the project, its Cité and lead (who may edit it), not what its
    page shows: its objectives, tasks, milestones and documents are not read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(Role.COORDINATOR)
    project = ProjectFactory(centre=centre, lead=client.membership)
    ObjectiveFactory(project=project)
    TaskFactory(centre=centre, project=project)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(centre, page, project_pk=project.pk)).status_code == 200
    read = " ".join(query["sql"] for query in queries)
    assert not {"projects_objective", "projects_task", "projects_milestone", "library_resource"} & set(
        read.replace('"', " ").split()
    )
