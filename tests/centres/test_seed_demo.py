from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from citemetiers.accounts.roles import NetworkRole, Role
from citemetiers.centres.demo import DEMO_PASSWORD, demo_logins
from citemetiers.centres.models import Centre, Membership, Organisation, Partnership
from citemetiers.core.models import AuditEntry
from citemetiers.reception.models import AdviceArea

pytestmark = pytest.mark.django_db

MODELS = [Centre, get_user_model(), Membership, Organisation, Partnership, AdviceArea, AuditEntry]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    assert first["Centre"] > 0


def test_demo_network_spans_four_cites_in_three_countries():
    call_command("seed_demo", stdout=StringIO())
    assert Centre.objects.count() >= 4
    assert Centre.objects.values("country").distinct().count() >= 3
    for centre in Centre.objects.all():
        assert AdviceArea.objects.for_centre(centre).count() == 6
        assert Partnership.objects.for_centre(centre).current().exists()


def test_every_role_of_every_cite_has_a_demo_login_and_a_network_coordinator_exists():
    call_command("seed_demo", stdout=StringIO())
    for centre in Centre.objects.all():
        for role in Role:
            assert Membership.objects.for_centre(centre).with_role(role).exists(), (centre, role)
    coordinators = [
        user for user in get_user_model().objects.all() if NetworkRole.NETWORK_COORDINATOR in user.network_roles
    ]
    assert coordinators


def test_every_printed_login_exists_and_opens_with_the_demo_password(capsys):
    call_command("seed_demo")
    printed = capsys.readouterr().out
    User = get_user_model()
    for login in demo_logins():
        assert login.email in printed
        assert User.objects.get(email=login.email).check_password(DEMO_PASSWORD), login.email


def test_if_empty_leaves_an_existing_database_alone():
    Centre.objects.create(name="Existing", slug="existing", country="FR", city="Lille", languages=["fr"])
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert list(Centre.objects.values_list("slug", flat=True)) == ["existing"]
