from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from citemetiers.reception.models import Interview, TicketStatus
from tests.factories import InterviewFactory, TicketFactory

pytestmark = pytest.mark.django_db


def test_the_nightly_close_leaves_today_alone_unless_asked(centre):
    yesterday = TicketFactory(centre=centre, service_date=timezone.localdate() - timedelta(days=1))
    today = TicketFactory(centre=centre, area=yesterday.area)
    call_command("close_reception_day", stdout=StringIO())
    yesterday.refresh_from_db()
    today.refresh_from_db()
    assert (yesterday.status, today.status) == (TicketStatus.LEFT, TicketStatus.WAITING)
    call_command("close_reception_day", "--today", stdout=StringIO())
    today.refresh_from_db()
    assert today.status == TicketStatus.LEFT


def test_erase_expired_notes_command(centre):
    old = InterviewFactory(ticket__centre=centre, notes="à effacer", created_at=timezone.now() - timedelta(days=400))
    kept = InterviewFactory(ticket__centre=centre, notes="à garder", created_at=timezone.now() - timedelta(days=30))
    call_command("erase_expired_notes", stdout=StringIO())
    assert Interview.objects.get(pk=old.pk).notes == ""
    assert Interview.objects.get(pk=kept.pk).notes == "à garder"
