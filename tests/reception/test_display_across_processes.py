"""The waiting-room display keeps no state in the app-server process: a call made by another
process (another gunicorn worker, another machine) shows on the next poll. Proved with a real
second process against the same PostgreSQL database (marker `postgres`)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from citemetiers.reception import cards
from tests.factories import CentreFactory, TicketFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CALL_IN_ANOTHER_PROCESS = """
import django
django.setup()
from citemetiers.accounts.models import User
from citemetiers.centres.background import run_for_centre
from citemetiers.reception.models import AdviceArea
from citemetiers.reception.ticketing import ticket_call_next
# Another process starts outside any Cité's scope, as a worker does: it enters the Cité first.
with run_for_centre({centre}) as centre:
    area = AdviceArea.objects.get(pk={area})
    ticket_call_next(centre=centre, areas=[area], adviser=User.objects.get(pk={adviser}), desk="Bureau 9")
"""


def _database_url() -> str:
    settings = connection.settings_dict
    host = settings["HOST"] or ""
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{user}{password}@{quote(host, safe='')}{port}/{settings['NAME']}"


def test_a_call_made_by_another_process_reaches_the_display(client):
    assert connection.vendor == "postgresql"
    centre = CentreFactory(with_areas=True)
    ticket = TicketFactory(centre=centre, area=centre.advice_areas.get(code="A"))
    adviser = UserFactory()
    feed = reverse("display:feed", kwargs={"key": cards.reception_settings_for(centre).display_key})
    etag = client.get(feed)["ETag"]

    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    code = CALL_IN_ANOTHER_PROCESS.format(centre=ticket.centre_id, area=ticket.area_id, adviser=adviser.pk)
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=60)  # noqa: S603

    response = client.get(feed, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert ticket.label in response.content.decode() and "Bureau 9" in response.content.decode()
