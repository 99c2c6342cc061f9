import datetime

import pytest
from django.core import mail

from citemetiers.groups.models import Decision
from citemetiers.groups.tasks import review_reminders_send
from tests.groups.factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_decision_due_for_review_reminds_the_group_once(centre):
    group = WorkingGroupFactory(centre=centre)
    today = datetime.date(2027, 5, 3)
    Decision.objects.create(centre=centre, group=group, title="Saturday openings", decided_on=today, review_on=today)
    review_reminders_send(today=today)
    review_reminders_send(today=today)
    assert [m.to for m in mail.outbox] == [[group.convenor.user.email]]
