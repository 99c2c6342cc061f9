"""The yearly renewal: the file pre-filled from the Cité's own indicators, small cells suppressed before
the figures leave the Cité, and the reminder when a renewal is due."""

import datetime

import pytest
from django.core import mail

from citemetiers.core.schedule import REGISTRY
from citemetiers.indicators.models import MonthlyTotal
from citemetiers.labelling import services
from citemetiers.labelling.models import State
from citemetiers.labelling.tasks import renewal_reminders_send
from tests.factories import UserFactory
from tests.labelling.factories import LabelApplicationFactory

pytestmark = pytest.mark.django_db


def _renewal(centre, counts):
    coordinator = UserFactory(network_coordinator=True)
    application = LabelApplicationFactory(centre=centre, state=State.CONFIRMED)
    for (metric, key), value in counts.items():
        MonthlyTotal.objects.create(centre=centre, month=datetime.date(2026, 3, 1), metric=metric, key=key, value=value)
    return services.renewal_prepare(application=application, year=2026, actor=coordinator)


def test_the_renewal_file_reads_the_cites_own_figures(centre):
    renewal = _renewal(centre, {("visits", ""): 120, ("interviews", ""): 60})
    assert (renewal.figures["visits"], renewal.figures["interviews"], renewal.figures["interviews_per_visit"]) == (
        120,
        60,
        0.5,
    )


def test_a_count_below_the_small_cell_threshold_is_suppressed(centre):
    renewal = _renewal(centre, {("visits", ""): 120, ("age_band", "65+"): 3, ("age_band", "25-44"): 80})
    assert renewal.figures["profile"]["age_band"] == {"25-44": 80, "65+": None}


def test_shares_resting_on_too_few_visits_are_suppressed(centre):
    renewal = _renewal(centre, {("visits", ""): 4, ("interviews", ""): 4})
    assert (renewal.figures["visits"], renewal.figures["interviews_per_visit"]) == (None, None)


def test_another_cites_figures_stay_out_of_the_file(centre, other_centre):
    MonthlyTotal.objects.create(centre=other_centre, month=datetime.date(2026, 3, 1), metric="visits", value=500)
    renewal = _renewal(centre, {("visits", ""): 10})
    assert renewal.figures["visits"] == 10


def test_a_cite_not_on_the_platform_has_no_renewal_file():
    application = LabelApplicationFactory(state=State.PREPARATION)
    with pytest.raises(services.DomainError):
        services.renewal_prepare(application=application, year=2026, actor=UserFactory(network_coordinator=True))


def test_the_reminder_is_a_daily_periodic_task():
    assert "citemetiers.labelling.tasks.renewal_reminders" in REGISTRY


def test_a_renewal_due_within_a_month_is_reminded_once(centre):
    UserFactory(network_coordinator=True, email="network@example.org")
    LabelApplicationFactory(centre=centre, state=State.RENEWED, labelled_on=datetime.date(2024, 12, 20))
    today = datetime.date(2026, 12, 1)
    assert (renewal_reminders_send(today=today), renewal_reminders_send(today=today)) == (1, 0)
    assert mail.outbox[0].to == ["network@example.org"]


def test_no_reminder_far_from_the_anniversary(centre):
    LabelApplicationFactory(centre=centre, state=State.RENEWED, labelled_on=datetime.date(2024, 6, 1))
    assert renewal_reminders_send(today=datetime.date(2026, 12, 1)) == 0


def test_a_suspended_label_gets_no_renewal_reminder(centre):
    LabelApplicationFactory(centre=centre, state=State.SUSPENDED, labelled_on=datetime.date(2024, 12, 20))
    assert renewal_reminders_send(today=datetime.date(2026, 12, 1)) == 0
