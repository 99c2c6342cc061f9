"""Saved searches of the directory and their alerts of new or changed services."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from citemetiers.accounts.roles import Role
from citemetiers.core.schedule import REGISTRY
from citemetiers.territory import tasks
from citemetiers.territory.models import SavedSearch
from tests.territory.factories import ServiceFactory

pytestmark = pytest.mark.django_db

THEME = "preparer-sa-candidature"


def urls(centre):
    return {
        "list": reverse("territory:saved_searches", kwargs={"centre_slug": centre.slug}),
        "delete": reverse("territory:saved_search_delete", kwargs={"centre_slug": centre.slug}),
    }


def save(client, centre, **criteria):
    return client.post(urls(centre)["list"], {"name": "CV à Paris", **criteria})


def test_a_staff_member_saves_a_search_and_sees_it_in_their_list(client_as, centre):
    client = client_as(Role.RECEPTION)
    response = save(client, centre, theme=THEME, place="Paris")
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert search.criteria == {"text": "", "theme": THEME, "public": "", "place": "Paris"}
    assert search.centre == centre
    assert "CV à Paris" in client.get(urls(centre)["list"]).content.decode()


def test_a_search_holding_personal_data_is_not_saved(client_as, centre):
    response = save(client_as(Role.RECEPTION), centre, text="rappeler au 06 12 34 56 78")
    assert response.status_code == 200 and not SavedSearch.objects.exists()
    assert response.context["form"].has_error("text", code="personal_data")


def test_the_alert_lists_the_new_and_changed_services_matching_once(client_as, centre, other_centre):
    old = ServiceFactory(structure__centre=centre, name="Atelier déjà là", updated_on=dt.date(2026, 1, 1))
    client = client_as(Role.RECEPTION)
    save(client, centre, theme=THEME, place="Paris")
    assert tasks.saved_search_alerts_send() == 0
    ServiceFactory(structure__centre=centre, name="Atelier nouveau")
    ServiceFactory(
        structure__centre=centre, name="Atelier à Lyon", commune="Lyon", postcode="69001",
        structure__commune="Lyon",
    )  # fmt: skip
    ServiceFactory(structure__centre=other_centre, name="Atelier ailleurs")
    old.updated_on = dt.date(2026, 2, 1)
    old.save()
    assert tasks.saved_search_alerts_send() == 1
    body = mail.outbox[0].body
    assert "Atelier nouveau" in body and "Atelier déjà là" in body
    assert "Lyon" not in body and "ailleurs" not in body
    assert mail.outbox[0].to == [SavedSearch.objects.get().owner.email]
    # Told once: the next run has nothing new to say.
    assert tasks.saved_search_alerts_send() == 0


def test_someone_who_left_the_team_gets_no_alert(client_as, centre, member):
    client = client_as(Role.RECEPTION)
    save(client, centre, theme=THEME)
    membership = SavedSearch.objects.get().owner.memberships.get(centre=centre)
    membership.is_active = False
    membership.save()
    ServiceFactory(structure__centre=centre)
    assert tasks.saved_search_alerts_send() == 0


def test_a_saved_search_is_deleted_by_its_owner_only(client_as, centre):
    save(client_as(Role.RECEPTION), centre, theme=THEME)
    search = SavedSearch.objects.get()
    assert client_as(Role.COORDINATOR).post(urls(centre)["delete"], {"search": search.pk}).status_code == 404
    assert client_as(Role.RECEPTION).post(urls(centre)["delete"], {"search": "x"}).status_code == 400
    assert SavedSearch.objects.exists()
    client = client_as(Role.RECEPTION)
    client.force_login(search.owner)
    assert client.post(urls(centre)["delete"], {"search": search.pk}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_alerts_are_scheduled_daily():
    assert REGISTRY["citemetiers.territory.tasks.saved_search_alerts"].daily_at is not None


def test_a_search_id_of_unicode_digits_answers_400(client_as, centre):
    assert client_as(Role.RECEPTION).post(urls(centre)["delete"], {"search": "²"}).status_code == 400


def test_an_alert_the_mail_server_refused_is_sent_again_at_the_next_run(client_as, centre, monkeypatch):
    save(client_as(Role.RECEPTION), centre, theme=THEME)
    ServiceFactory(structure__centre=centre, name="Atelier nouveau")

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(tasks, "send_mail", refuse)
    with pytest.raises(OSError):
        tasks.saved_search_alerts_send()
    monkeypatch.undo()
    assert tasks.saved_search_alerts_send() == 1
    assert "Atelier nouveau" in mail.outbox[0].body
