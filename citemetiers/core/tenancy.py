"""Tenancy that fails closed in the ORM: a Cité's data is read only inside that Cité's scope.

Every model holding a Cité's data gets its default manager from `centre_scoped()`. The manager reads
the scope that django-scopes keeps for the running request, task or command:

- inside `scope(centre=c)` (see `citemetiers.centres.tenancy.centre_scope`), every query is filtered
  by the model's tenant rule for `c` — `centre = c` unless the model declares another rule (the
  library's resources: those the Cité may read);
- outside any Cité's scope, a query raises `ScopeError` when its SQL is built, instead of returning
  every Cité's rows. Building a queryset (a form field's `.none()`, a class attribute) is harmless;
  running it is not.
- inside the network area's scope (`NETWORK`), a model that says so reads what its rule gives a
  reader of no Cité (the shared library); any other raises as outside a scope;
- inside `scopes_disabled()`, the manager is a plain one. Only the named escapes of
  `citemetiers.centres.tenancy` call it, each with its reason (`tests/core/test_tenancy_escapes.py`
  holds them to an allow-list).

`core` knows no domain model: the scope holds a Centre (or its pk), never imported here.
"""

from django.db import models
from django.db.models import BooleanField, Expression, Q
from django_scopes import ScopeError, get_scope

SCOPE_DIMENSION = "centre"


class _Network:
    """The scope of the network area's pages: no Cité, only what the network shares."""

    def __repr__(self):
        return "NETWORK"


NETWORK = _Network()

# Every model whose manager is scoped, so that a test can prove each one raises outside a scope.
SCOPED_MODELS: list[type[models.Model]] = []


class _OutsideScope(Expression):
    """A condition that refuses to become SQL: the query was built outside any Cité's scope."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, model):
        super().__init__()
        self.model = model

    def as_sql(self, compiler, connection):
        raise ScopeError(
            f"{self.model._meta.label} holds a Cité's data: query it inside centre_scope(centre), "
            "or through one of the named escapes of citemetiers.centres.tenancy."
        )


def centre_rule(centre) -> Q:
    """The default tenant rule: the rows belong to the Cité."""
    return Q(centre=centre)


class CentreScopedManager(models.Manager):
    tenant_rule = staticmethod(centre_rule)
    # Whether the network's scope reads what `tenant_rule(None)` gives (what is shared with it).
    network_readable = False

    def get_queryset(self):
        queryset = super().get_queryset()
        current = get_scope()
        if not current.get("_enabled", True):
            return queryset
        centre = current.get(SCOPE_DIMENSION)
        if centre is NETWORK and self.network_readable:
            return queryset.filter(self.tenant_rule(None))
        if centre is None or centre is NETWORK:
            return queryset.filter(_OutsideScope(self.model))
        return queryset.filter(self.tenant_rule(centre))

    def none(self):
        # An empty queryset reads nothing, whatever the scope: forms declare their choices with it.
        return super().get_queryset().none()

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        if not cls._meta.abstract and cls not in SCOPED_MODELS:
            SCOPED_MODELS.append(cls)


def centre_scoped(queryset_class=models.QuerySet, *, rule=None, network_readable=False) -> CentreScopedManager:
    """The default manager of a model holding a Cité's data, keeping its queryset's methods.

    `rule(centre) -> Q` is what a Cité may read of the model, `centre = <the Cité>` by default;
    `network_readable`: the network area's pages read `rule(None)` of it (the shared library).
    """
    attributes = {"network_readable": network_readable}
    if rule is not None:
        attributes["tenant_rule"] = staticmethod(rule)
    manager_class = CentreScopedManager.from_queryset(queryset_class)
    manager_class = type(f"{queryset_class.__name__}Scoped", (manager_class,), attributes)
    return manager_class()
