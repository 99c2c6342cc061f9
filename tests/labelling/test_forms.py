"""The labelling forms: the choices they offer, read in one query."""

import pytest

from citemetiers.accounts.roles import NetworkRole
from citemetiers.labelling.forms import EvaluatorForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_evaluator_choices_are_the_active_label_evaluators_only():
    evaluator = UserFactory(label_evaluator=True)
    both = UserFactory(network_roles=[NetworkRole.NETWORK_COORDINATOR, NetworkRole.LABEL_EVALUATOR])
    UserFactory(network_coordinator=True)
    UserFactory(label_evaluator=True, is_active=False)
    UserFactory()
    assert set(EvaluatorForm().fields["evaluator"].queryset) == {evaluator, both}


def test_the_evaluator_choices_are_read_in_one_query_whatever_the_number_of_users(django_assert_num_queries):
    """The form used to load every active user into Python to filter their roles."""
    UserFactory.create_batch(5, label_evaluator=True)
    UserFactory.create_batch(5)
    with django_assert_num_queries(1):
        choices = list(EvaluatorForm().fields["evaluator"].queryset)
    assert len(choices) == 5
