"""Tenancy fails closed in the ORM: outside a Cité's scope a query of a Cité's data raises, inside
it every manager reads that Cité's rows only, and a request scopes itself whatever its caller did."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.test import RequestFactory
from django_scopes import ScopeError, get_scope, scopes_disabled

from citemetiers.accounts.roles import Role
from citemetiers.centres import tenancy
from citemetiers.centres.middleware import TenancyMiddleware
from citemetiers.core.access import network_view
from citemetiers.core.tenancy import NETWORK, SCOPED_MODELS
from citemetiers.library.models import Resource
from citemetiers.library.vocab import Visibility
from citemetiers.reception.models import Ticket, TicketStatus
from tests.factories import MembershipFactory, ResourceFactory, TicketFactory

TENANT_MODELS = sorted(SCOPED_MODELS, key=lambda model: model._meta.label)


def test_every_model_holding_a_centre_is_scoped():
    """A new model with a `centre` joins the scoped ones, or this test names it."""
    from django.apps import apps

    holding = {
        model
        for model in apps.get_models()
        if any(field.name == "centre" and field.is_relation for field in model._meta.get_fields())
        and model._meta.app_label.split(".")[0] in {"centres", "core", "reception", "rosters", "indicators", "library"}
    }
    assert holding - set(SCOPED_MODELS) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("model", TENANT_MODELS, ids=lambda model: model._meta.label)
def test_a_query_of_a_cites_data_outside_any_scope_raises(model):
    with tenancy.outside_any_centre(), pytest.raises(ScopeError):
        list(model.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("model", TENANT_MODELS, ids=lambda model: model._meta.label)
def test_a_query_with_no_scope_entered_at_all_raises(model):
    """A thread, a shell or a command that entered no scope: the default is closed too."""
    token = tenancy._request_scopes.set(None)
    from django_scopes.state import state

    previous = state.set(None)
    try:
        with pytest.raises(ScopeError):
            model.objects.exists()
    finally:
        state.reset(previous)
        tenancy._request_scopes.reset(token)


@pytest.mark.django_db
@pytest.mark.parametrize("model", TENANT_MODELS, ids=lambda model: model._meta.label)
def test_every_manager_reads_only_what_the_scoped_cite_may_read(model, centre):
    """Inside Cité A's scope, each model's manager is its tenant rule for A (by default centre = A)."""
    rule = model.objects.tenant_rule(centre)
    with scopes_disabled():
        expected = str(model.objects.filter(rule).query)
    with tenancy.centre_scope(centre):
        scoped = str(model.objects.all().query)
    assert scoped == expected
    assert model.objects.tenant_rule(centre) != Q()


@pytest.mark.django_db
def test_in_a_cites_scope_another_cites_ticket_does_not_exist(centre, other_centre):
    theirs = TicketFactory(centre=other_centre, area=other_centre.advice_areas.first())
    ours = TicketFactory(centre=centre, area=centre.advice_areas.first())
    with tenancy.centre_scope(centre):
        assert list(Ticket.objects.values_list("pk", flat=True)) == [ours.pk]
        assert not Ticket.objects.filter(pk=theirs.pk).exists()
        assert Ticket.objects.filter(pk=theirs.pk).update(status=TicketStatus.CANCELLED) == 0
        # Through a reverse relation too: the related manager is the scoped one.
        assert list(other_centre.tickets.all()) == []


@pytest.mark.django_db
def test_in_a_cites_scope_the_library_reads_shared_and_own_resources_only(centre, other_centre):
    own_private = ResourceFactory(centre=centre, visibility=Visibility.CENTRE)
    their_shared = ResourceFactory(centre=other_centre, visibility=Visibility.NETWORK)
    ResourceFactory(centre=other_centre, visibility=Visibility.CENTRE)
    with tenancy.centre_scope(centre):
        assert set(Resource.objects.values_list("pk", flat=True)) == {own_private.pk, their_shared.pk}
    with tenancy.network_scope():
        assert set(Resource.objects.values_list("pk", flat=True)) == {their_shared.pk}
        with pytest.raises(ScopeError):
            Ticket.objects.exists()


@pytest.mark.django_db
def test_a_request_turns_scoping_on_even_when_the_test_body_disabled_it(centre, other_centre):
    """The autouse fixture disables the scopes for test bodies; the middleware re-enables them."""
    TicketFactory(centre=centre, area=centre.advice_areas.first())
    TicketFactory(centre=other_centre, area=other_centre.advice_areas.first())
    membership = MembershipFactory(centre=centre, roles=[Role.RECEPTION])
    seen = {}

    def view(request):
        seen["scope"] = dict(get_scope())
        seen["tickets"] = sorted(Ticket.objects.values_list("centre__slug", flat=True))

    def page_outside_any_cite(request):
        seen["outside"] = dict(get_scope())
        with pytest.raises(ScopeError):
            Ticket.objects.exists()

    def get_response(request):
        middleware.process_view(request, request.view, (), request.view_kwargs)
        request.view(request)
        return "response"

    middleware = TenancyMiddleware(get_response)
    request = RequestFactory().get("/c/own/")
    request.user, request.session = membership.user, {}
    request.view, request.view_kwargs = view, {"centre_slug": centre.slug}
    assert get_scope()["_enabled"] is False  # the test body
    assert middleware(request) == "response"
    assert seen["scope"]["_enabled"] is True and seen["scope"]["centre"] == centre
    assert seen["tickets"] == ["own"]

    request = RequestFactory().get("/t/x/")
    request.user, request.session = membership.user, {}
    request.view, request.view_kwargs = page_outside_any_cite, {}
    middleware(request)
    assert seen["outside"]["_enabled"] is True and seen["outside"]["centre"] is None
    assert get_scope()["_enabled"] is False  # back to the test body's own


@pytest.mark.django_db
def test_a_network_page_runs_in_the_network_scope(network_user):
    seen = {}

    @network_view(lambda user: True)
    def view(request):
        seen["centre"] = get_scope()["centre"]

    def get_response(request):
        middleware.process_view(request, view, (), {})
        view(request)
        return "response"

    middleware = TenancyMiddleware(get_response)
    request = RequestFactory().get("/network/")
    request.user, request.session = network_user(), {}
    middleware(request)
    assert seen["centre"] is NETWORK


def test_entering_a_cites_scope_for_a_request_is_refused_outside_a_request(centre):
    with pytest.raises(RuntimeError):
        tenancy.enter_for_request(tenancy.centre_scope(centre))


@pytest.mark.django_db
def test_the_nightly_commands_scope_themselves(centre):
    """Run with no scope (as cron runs them), the commands enter each Cité's scope themselves."""
    from datetime import timedelta

    from django.utils import timezone

    ticket = TicketFactory(
        centre=centre, area=centre.advice_areas.first(), service_date=timezone.localdate() - timedelta(days=2)
    )
    with tenancy.outside_any_centre():
        for command in ("close_reception_day", "erase_expired_notes", "refresh_indicators"):
            call_command(command, stdout=io.StringIO())
    ticket.refresh_from_db()
    assert ticket.status not in (TicketStatus.WAITING, TicketStatus.CALLED)
