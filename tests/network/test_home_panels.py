"""The network staff's home shows what needs them across the network, each part from its own app
(citemetiers/network/homes.py): the resources newly shared in the library, and the comparison."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from citemetiers.accounts.roles import NetworkRole
from citemetiers.centres import tenancy
from citemetiers.indicators.models import ReportStatus
from citemetiers.library.vocab import Visibility
from tests.factories import ActivityReportFactory, CentreFactory, ResourceFactory

pytestmark = pytest.mark.django_db

# The network coordinator's home, every panel included (the session, the user, the Cités and their
# counts, the panels' reads, labelling's applications before the commission): pinned, so a panel that reads
# once per Cité fails here.
NETWORK_HOME_QUERIES = 12


def _home(client, network_user, role):
    client.force_login(network_user(role))
    response = client.get(reverse("network:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_network_staff_see_the_resources_newly_shared_with_the_network(client, network_user, centre):
    with tenancy.centre_scope(centre):
        shared = ResourceFactory(centre=centre, title="Fiche partagée")
        ResourceFactory(centre=centre, title="Note interne", visibility=Visibility.CENTRE)
    html = _home(client, network_user, NetworkRole.LABEL_EVALUATOR)
    assert 'id="network-new-resources"' in html
    assert reverse("network_library:resource", kwargs={"resource_pk": shared.pk}) in html
    assert "Note interne" not in html  # private to its Cité


def test_the_comparison_panel_is_for_those_who_compare_the_cites(client, network_user, centre):
    html = _home(client, network_user, NetworkRole.NETWORK_COORDINATOR)
    assert 'id="network-comparison"' in html
    assert reverse("network_indicators:network_comparison") in html


def test_a_label_evaluator_does_not_get_the_comparison_panel(client, network_user, centre):
    html = _home(client, network_user, NetworkRole.LABEL_EVALUATOR)
    assert 'id="network-comparison"' not in html


def _reports_panel(html):
    assert 'id="network-reports"' in html
    return html.split('id="network-reports"', 1)[1].split("</section>", 1)[0]


def _last_year():
    return timezone.localdate().year - 1


@pytest.mark.parametrize("role", list(NetworkRole))
def test_network_staff_see_which_cites_have_their_activity_report_of_last_year_ready(
    client, network_user, centre, other_centre, role
):
    ActivityReportFactory(centre=centre, year=_last_year(), done=True, finished_at=timezone.now())
    panel = _reports_panel(_home(client, network_user, role))
    ready, missing = panel.split('id="network-reports-missing"', 1)
    assert centre.name in ready
    assert other_centre.name in missing
    assert other_centre.name not in ready


def test_a_report_of_another_year_or_still_being_made_is_not_counted_ready(client, network_user, centre, other_centre):
    ActivityReportFactory(centre=centre, year=_last_year() - 1, done=True, finished_at=timezone.now())
    ActivityReportFactory(centre=other_centre, year=_last_year(), status=ReportStatus.RUNNING)
    panel = _reports_panel(_home(client, network_user, NetworkRole.NETWORK_COORDINATOR))
    assert "0 Cité sur 2" in " ".join(panel.split())
    being_made = panel.split('id="network-reports-running"', 1)[1].split("</ul>", 1)[0]
    assert other_centre.name in being_made


def test_a_ready_report_made_again_and_failing_stays_ready(client, network_user, centre):
    ActivityReportFactory(centre=centre, year=_last_year(), done=True, finished_at=timezone.now())
    ActivityReportFactory(centre=centre, year=_last_year(), status=ReportStatus.FAILED, finished_at=timezone.now())
    panel = _reports_panel(_home(client, network_user, NetworkRole.LABEL_EVALUATOR))
    assert "1 Cité sur 1" in " ".join(panel.split())


def test_the_reports_panel_tells_that_a_report_exists_never_its_content(client, network_user, centre):
    """The PDF holds the Cité's own figures, small cells included: it stays with the Cité's team."""
    report = ActivityReportFactory(centre=centre, year=_last_year(), done=True, finished_at=timezone.now())
    html = _home(client, network_user, NetworkRole.NETWORK_COORDINATOR)
    download = reverse("indicators:report_download", kwargs={"centre_slug": centre.slug, "report_pk": report.pk})
    assert download not in html
    assert "/download/" not in _reports_panel(html)


def test_the_network_home_reads_the_reports_in_queries_that_do_not_grow_with_the_cites(
    client, network_user, django_assert_num_queries
):
    client.force_login(network_user(NetworkRole.NETWORK_COORDINATOR))
    counts = []
    for _ in range(2):
        for centre in CentreFactory.create_batch(3, with_areas=True):
            ActivityReportFactory(centre=centre, year=_last_year(), done=True, finished_at=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("network:home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_num_queries(NETWORK_HOME_QUERIES):
        client.get(reverse("network:home"))
