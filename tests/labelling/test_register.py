"""The public register of labelled Cités, for the network's website: no login, only what is public."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from citemetiers.labelling.models import State
from tests.labelling.factories import LabelApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_register_lists_labelled_cites_with_their_public_fields_only(client):
    LabelApplicationFactory(territory="Lyon", state=State.RENEWED, labelled_on=datetime.date(2024, 5, 2))
    LabelApplicationFactory(territory="Nantes", state=State.PREPARATION)
    LabelApplicationFactory(territory="Brest", state=State.DECLINED)
    response = client.get(reverse("labelling_public:register_json"))
    assert response.json() == {
        "cites": [
            {
                "territory": "Lyon",
                "country": "FR",
                "label": "operating",
                "since": "2024-05-02",
                "status": "renewed",
            }
        ]
    }
